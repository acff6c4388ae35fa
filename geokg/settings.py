"""One settings object for every part of geokg: environment variables with the GEOKG_ prefix.

`NEO4J_URI`, `NEO4J_USER` and `NEO4J_PASSWORD` are accepted too, so that a user who already
runs Neo4j points geokg at it with the variables every Neo4j tool reads.
"""

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_home() -> Path:
    return Path.home() / ".local" / "share" / "geokg"


def default_cache() -> Path:
    return Path.home() / ".cache" / "geokg"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GEOKG_", env_file=".env", extra="ignore")

    # Neo4j: an existing server when neo4j_uri is set, otherwise the managed one.
    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("GEOKG_NEO4J_URI", "NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("GEOKG_NEO4J_USER", "NEO4J_USER"))
    neo4j_password: SecretStr = Field(
        default=SecretStr("geokg-local-password"),
        validation_alias=AliasChoices("GEOKG_NEO4J_PASSWORD", "NEO4J_PASSWORD"),
    )
    neo4j_database: str = Field(default="neo4j", validation_alias=AliasChoices("GEOKG_NEO4J_DATABASE", "NEO4J_DATABASE"))

    # The managed Neo4j server.
    home: Path = Field(default_factory=default_home, description="Data, config and logs of the managed Neo4j.")
    cache_dir: Path = Field(default_factory=default_cache, description="Neo4j jars fetched from Maven Central.")
    bolt_port: int = 7687
    http_port: int = 7474
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "256m"
    neo4j_start_timeout: float = 120.0

    # The API.
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_key: SecretStr | None = Field(default=None, description="Required by write endpoints when set.")
    cors_origins: list[str] = Field(default_factory=list)
    # POST /cypher runs users' own read-only queries: off unless enabled.
    cypher_enabled: bool = False
    cypher_timeout: float = Field(default=10.0, gt=0, description="Seconds before Neo4j ends a /cypher query.")
    cypher_row_cap: int = Field(default=1000, ge=1, description="Rows a /cypher answer holds at most.")

    # Extraction.
    spacy_model: str | None = Field(default=None, description="An installed pretrained pipeline whose NER adds to the rules.")
    catalog_files: list[Path] = Field(default_factory=list, description="Users' own catalog files (JSON lines).")
    write_batch_size: int = 100

    @property
    def managed(self) -> bool:
        return self.neo4j_uri is None

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"


@lru_cache
def get_settings() -> Settings:
    return Settings()
