"""Response models of the REST API; graph/reads.py returns these, never driver records."""

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from schemas.ontology import ActorType, Modality, RelationType

Direction = Literal["out", "in", "both"]
T = TypeVar("T")

EXAMPLE_SENTENCE = "Iranian President Masoud Pezeshkian denied that Tehran planned to kill Donald Trump."


class ActorSummary(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "person:masoud-pezeshkian",
                    "name": "Masoud Pezeshkian",
                    "type": "Person",
                    "aliases": ["Pezeshkian", "President Pezeshkian"],
                    "from_catalog": True,
                }
            ]
        }
    )

    id: str = Field(examples=["person:masoud-pezeshkian"])
    name: str = Field(examples=["Masoud Pezeshkian"])
    type: ActorType
    aliases: list[str] = Field(default_factory=list, description="Other names, sorted.")
    from_catalog: bool = Field(default=False, description="Whether the actor was matched in the actor catalog.")


class RelationCount(BaseModel):
    type: RelationType
    direction: Literal["out", "in"] = Field(description="out: the actor is the source; in: the target.")
    count: int = Field(ge=0, examples=[3])


class ActorDetail(ActorSummary):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "person:masoud-pezeshkian",
                    "name": "Masoud Pezeshkian",
                    "type": "Person",
                    "aliases": ["Pezeshkian"],
                    "from_catalog": True,
                    "relation_counts": [{"type": "DENIES", "direction": "out", "count": 2}],
                    "relations": 2,
                    "articles": 1,
                }
            ]
        }
    )

    relation_counts: list[RelationCount] = Field(default_factory=list, description="By type and direction.")
    relations: int = Field(default=0, ge=0, description="All relations the actor is source or target of.")
    articles: int = Field(default=0, ge=0, description="Articles that mention the actor.")


class Evidence(BaseModel):
    """Where a relation was read: the sentence and its character offsets in the article text."""

    article_id: str = Field(examples=["VOA-8011115"])
    title: str | None = Field(default=None, examples=["Iran denies plot to kill Trump"])
    url: str | None = Field(default=None, examples=["https://www.voanews.com/a/8011115.html"])
    published: dt.datetime | None = None
    sentence: str = Field(examples=[EXAMPLE_SENTENCE])
    start: int = Field(ge=0, examples=[120])
    end: int = Field(ge=0, examples=[205])


class RelationOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "3f1c0a9e5b2d4c6e8f7a1b2c3d4e5f60",
                    "type": "DENIES",
                    "source": {"id": "person:masoud-pezeshkian", "name": "Masoud Pezeshkian", "type": "Person"},
                    "target": {"id": "person:donald-trump", "name": "Donald Trump", "type": "Person"},
                    "negated": False,
                    "modality": "asserted",
                    "date": "2024-11-12",
                    "confidence": 0.8,
                    "cue": "denied",
                    "evidence": {
                        "article_id": "VOA-8011115",
                        "title": "Iran denies plot to kill Trump",
                        "url": None,
                        "published": "2024-11-12T09:30:00Z",
                        "sentence": EXAMPLE_SENTENCE,
                        "start": 120,
                        "end": 205,
                    },
                }
            ]
        }
    )

    id: str = Field(description="Deterministic: a hash of article, source, type, target and offsets.")
    type: RelationType
    source: ActorSummary
    target: ActorSummary
    negated: bool = Field(
        default=False, description="The text says it did not happen; kept as evidence, not as a fact."
    )
    modality: Modality = Modality.ASSERTED
    date: dt.date | None = None
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    cue: str | None = None
    evidence: Evidence


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(ge=0, description="Matches before limit and offset.", examples=[42])
    limit: int = Field(ge=1, examples=[50])
    offset: int = Field(ge=0, examples=[0])


class Neo4jStatus(BaseModel):
    available: bool
    version: str | None = Field(default=None, examples=["5.26.30"])


class Health(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "ok", "neo4j": {"available": True, "version": "5.26.30"}}]}
    )

    status: Literal["ok"] = "ok"
    neo4j: Neo4jStatus


class Problem(BaseModel):
    """An error as RFC 9457 problem details (media type application/problem+json)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:geokg:problem:not-found",
                    "title": "Not Found",
                    "status": 404,
                    "detail": "No actor with id 'person:nobody'.",
                    "instance": "/actors/person:nobody",
                }
            ]
        },
    )

    type: str = Field(default="about:blank", description="A URI that identifies the problem type.")
    title: str
    status: int = Field(ge=400, le=599)
    detail: str | None = None
    instance: str | None = Field(default=None, description="The request path.")
    errors: list[dict[str, Any]] | None = Field(default=None, description="Validation errors (422 only).")
