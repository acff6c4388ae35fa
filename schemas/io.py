"""Models of what goes in and out besides the analytic API: articles, read-only Cypher, exports."""

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.api import ActorSummary, RelationOut
from schemas.article import ArticleText
from schemas.extraction import Extraction
from schemas.ontology import ActorType, Modality, RelationType

EXAMPLE_TEXT = (
    "Iranian President Masoud Pezeshkian denied on Tuesday that Tehran had plotted to kill Donald Trump. "
    "The US Justice Department charged Farhad Shakeri over the alleged plot."
)


class ArticleIn(BaseModel):
    """An article to ingest: the fields of an article as the loaders read it, `id` optional.

    Without `id`, it is derived as for files: from the URL, else from title and text.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Iran denies plot to kill Trump",
                    "text": EXAMPLE_TEXT,
                    "url": "https://example.org/iran-denies-plot",
                    "published": "2024-11-12T09:30:00Z",
                    "source": "example.org",
                }
            ]
        },
    )

    id: str | None = Field(default=None, min_length=1, max_length=200, examples=["VOA-8011115"])
    title: str = Field(default="", max_length=2000)
    text: ArticleText
    url: str | None = Field(default=None, max_length=2000)
    published: dt.datetime | None = None
    source: str | None = Field(default=None, max_length=500, description="Outlet or origin, e.g. 'www.cbsnews.com'.")
    author: str | None = Field(default=None, max_length=500)
    path: str | None = Field(default=None, max_length=2000, description="Where the article came from, if a file.")

    @field_validator("id")
    @classmethod
    def reject_blank_id(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("article id is blank; leave it out to have it derived")
        return value


class ArticleSummary(BaseModel):
    id: str = Field(examples=["VOA-8011115"])
    title: str = ""
    url: str | None = None
    published: dt.datetime | None = None
    source: str | None = None
    author: str | None = None
    path: str | None = None
    ingested_at: dt.datetime | None = Field(default=None, description="When the article was first written.")
    actor_count: int = Field(default=0, ge=0, description="Actors the article mentions.")
    relation_count: int = Field(default=0, ge=0, description="Relations read from the article.")


class MentionedActor(ActorSummary):
    mentions: int = Field(default=1, ge=0, description="How often the article refers to the actor.")


class ArticleDetail(ArticleSummary):
    text: str = Field(description="The cleaned text; evidence offsets refer to it.")
    actors: list[MentionedActor] = Field(default_factory=list, description="Most mentioned first.")
    relations: list[RelationOut] = Field(default_factory=list, description="In reading order.")


class Written(BaseModel):
    """What one ingestion wrote to the graph."""

    articles: int = Field(ge=0, examples=[1])
    actors: int = Field(ge=0, description="Distinct actors written or updated.", examples=[4])
    mentions: int = Field(ge=0, examples=[4])
    relations: int = Field(ge=0, examples=[3])


class ArticleIngested(BaseModel):
    """The answer to POST /articles: the article as stored, what was extracted, what was written."""

    article: ArticleSummary
    extraction: Extraction
    written: Written


class CypherRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (a:Actor)-[r:DENIES]->(b:Actor) WHERE a.name = $name RETURN a, r, b LIMIT 10",
                    "parameters": {"name": "Masoud Pezeshkian"},
                }
            ]
        },
    )

    query: str = Field(min_length=1, max_length=20_000, description="One read-only Cypher statement.")
    parameters: dict[str, Any] = Field(default_factory=dict, description="Values for the query's $parameters.")


class CypherResult(BaseModel):
    """Rows as JSON: nodes as {id, labels, properties}, relationships as {id, type, start, end,
    properties}, paths as {nodes, relationships}, temporal values as ISO 8601 strings."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "columns": ["name", "denials"],
                    "rows": [{"name": "Masoud Pezeshkian", "denials": 2}],
                    "row_count": 1,
                    "truncated": False,
                    "row_cap": 1000,
                }
            ]
        }
    )

    columns: list[str]
    rows: list[dict[str, Any]]
    row_count: int = Field(ge=0)
    truncated: bool = Field(description="The query had more rows than `row_cap`; only the first are here.")
    row_cap: int = Field(ge=1)


class ExportFormat(StrEnum):
    GRAPHML = "graphml"
    CYTOSCAPE = "cytoscape"
    CSV = "csv"
    PLOVER = "plover"


class ExportActor(BaseModel):
    id: str
    name: str
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    from_catalog: bool = False


class ExportRelation(BaseModel):
    id: str
    type: RelationType
    source: str
    target: str
    article_id: str
    sentence: str
    start: int
    end: int
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    date: dt.date | None = None
    confidence: float = 0.5
    cue: str | None = None


class CytoscapeNodeData(BaseModel):
    id: str
    label: str = Field(description="The actor's name.")
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    from_catalog: bool = False


class CytoscapeEdgeData(BaseModel):
    id: str
    source: str
    target: str
    label: str = Field(description="The relation type.")
    type: RelationType
    article_id: str
    sentence: str
    start: int
    end: int
    negated: bool
    modality: Modality
    date: dt.date | None = None
    confidence: float
    cue: str | None = None


class CytoscapeNode(BaseModel):
    group: str = "nodes"
    data: CytoscapeNodeData
    classes: list[str] = Field(default_factory=list)


class CytoscapeEdge(BaseModel):
    group: str = "edges"
    data: CytoscapeEdgeData
    classes: list[str] = Field(default_factory=list)


class PloverActor(BaseModel):
    """PLOVER's entity object; `identifier_id` is the graph id (a Wikidata QID where known)."""

    identifier_id: str
    identifier_text: str
    type: ActorType


class PloverTextInfo(BaseModel):
    start: int
    end: int


class PloverCiteInfo(BaseModel):
    citation: str = Field(description="The article id.")
    title: str | None = None
    url: str | None = None
    publication: str | None = None
    published: dt.datetime | None = None
    coder: str = "geokg"


class PloverEvent(BaseModel):
    """One event relation as a PLOVER JSON record (PLOVER manual, "Data Fields"), with geokg's
    own fields beside: CAMEO root code, relation type, negation, modality, confidence."""

    id: str = Field(description="The relation id.")
    date: dt.date | None = Field(description="The relation's date, else the article's.")
    actor: list[PloverActor]
    recipient: list[PloverActor]
    event: list[str] = Field(description="The PLOVER category.")
    event_text: list[str] = Field(default_factory=list, description="The cue words.")
    text: str = Field(description="The evidence sentence.")
    text_info: PloverTextInfo
    cite_info: PloverCiteInfo
    cameo: str | None
    relation_type: RelationType
    negated: bool
    modality: Modality
    confidence: float
    article_id: str
