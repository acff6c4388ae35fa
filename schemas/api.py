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


class ActorRole(BaseModel):
    """An affiliation (LEADS, MEMBER_OF, PART_OF) between the actor and another, with its dates."""

    type: RelationType = Field(examples=["LEADS"])
    actor: ActorSummary = Field(description="The other actor: the body led or joined, or the leader.")
    relations: int = Field(ge=1, description="Pieces of evidence for it.", examples=[3])
    first: dt.date | None = Field(default=None, description="Earliest relation or article date.")
    last: dt.date | None = Field(default=None, description="Latest relation or article date.")


class Counterpart(BaseModel):
    actor: ActorSummary
    relations: int = Field(ge=1, description="Relations between the two, in either direction.", examples=[5])


class ActorDetail(ActorSummary):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "Q5936254",
                    "name": "Masoud Pezeshkian",
                    "type": "Person",
                    "aliases": ["Pezeshkian"],
                    "from_catalog": True,
                    "labels": ["Actor", "Person"],
                    "qid": "Q5936254",
                    "roles": [
                        {
                            "type": "LEADS",
                            "actor": {"id": "Q794", "name": "Iran", "type": "State"},
                            "relations": 3,
                            "first": "2024-07-28",
                            "last": "2024-11-12",
                        }
                    ],
                    "led_by": [],
                    "relation_counts": [{"type": "DENIES", "direction": "out", "count": 2}],
                    "relations": 5,
                    "top_counterparts": [
                        {"actor": {"id": "Q22686", "name": "Donald Trump", "type": "Person"}, "relations": 2}
                    ],
                    "articles": 4,
                    "first_seen": "2024-07-28",
                    "last_seen": "2024-11-12",
                }
            ]
        }
    )

    labels: list[str] = Field(default_factory=list, description="Node labels, sorted.", examples=[["Actor", "Person"]])
    qid: str | None = Field(default=None, description="The Wikidata QID, when the id is one.", examples=["Q5936254"])
    roles: list[ActorRole] = Field(
        default_factory=list, description="The actor's own affiliations (LEADS, MEMBER_OF, PART_OF another actor)."
    )
    led_by: list[ActorRole] = Field(default_factory=list, description="Actors with a LEADS relation to this one.")
    relation_counts: list[RelationCount] = Field(default_factory=list, description="By type and direction.")
    relations: int = Field(default=0, ge=0, description="All relations the actor is source or target of.")
    top_counterparts: list[Counterpart] = Field(
        default_factory=list, description="The actors it has most relations with, in either direction."
    )
    articles: int = Field(default=0, ge=0, description="Articles that mention the actor.")
    first_seen: dt.date | None = Field(default=None, description="Earliest article or relation date.")
    last_seen: dt.date | None = Field(default=None, description="Latest article or relation date.")


class Evidence(BaseModel):
    """Where a relation was read: the sentence and its character offsets in the article text."""

    article_id: str = Field(examples=["VOA-8011115"])
    title: str | None = Field(default=None, examples=["Iran denies plot to kill Trump"])
    url: str | None = Field(default=None, examples=["https://www.voanews.com/a/8011115.html"])
    published: dt.datetime | None = None
    sentence: str = Field(examples=[EXAMPLE_SENTENCE])
    start: int = Field(ge=0, examples=[120])
    end: int = Field(ge=0, examples=[205])


RELATION_EXAMPLE: dict[str, Any] = {
    "id": "3f1c0a9e5b2d4c6e8f7a1b2c3d4e5f60",
    "type": "DENIES",
    "source": {"id": "person:masoud-pezeshkian", "name": "Masoud Pezeshkian", "type": "Person"},
    "target": {"id": "person:donald-trump", "name": "Donald Trump", "type": "Person"},
    "negated": False,
    "modality": "asserted",
    "date": "2024-11-12",
    "event_date": "2024-11-12",
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


class RelationOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [RELATION_EXAMPLE]})

    id: str = Field(description="Deterministic: a hash of article, source, type, target and offsets.")
    type: RelationType
    source: ActorSummary
    target: ActorSummary
    negated: bool = Field(
        default=False, description="The text says it did not happen; kept as evidence, not as a fact."
    )
    modality: Modality = Modality.ASSERTED
    date: dt.date | None = Field(default=None, description="The date the text gives for the event.")
    event_date: dt.date | None = Field(
        default=None, description="`date`, else the day the article was published: what timelines sort by."
    )
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    cue: str | None = None
    evidence: Evidence


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(ge=0, description="Matches before limit and offset.", examples=[42])
    limit: int = Field(ge=1, examples=[50])
    offset: int = Field(ge=0, examples=[0])


class DyadTypeCount(BaseModel):
    type: RelationType
    a_to_b: int = Field(ge=0, description="Relations with `a` as source and `b` as target.", examples=[2])
    b_to_a: int = Field(ge=0, description="Relations with `b` as source and `a` as target.", examples=[1])
    negated: int = Field(ge=0, description="Of these, how many the text negates (not scored).", examples=[0])
    weight: float | None = Field(
        default=None, description="The type's Goldstein weight (schemas/scales.py); null: not scored.", examples=[-2.0]
    )


class DyadMonth(BaseModel):
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="Event month: relation date, else published date.")
    a_to_b: int = Field(ge=0, examples=[2])
    b_to_a: int = Field(ge=0, examples=[1])
    types: dict[RelationType, int] = Field(description="Relations by type, both directions.")
    scored: int = Field(ge=0, description="Relations with a weight that are not negated.", examples=[3])
    goldstein_sum: float = Field(description="Sum of the weights of the scored relations.", examples=[-10.0])
    goldstein_mean: float | None = Field(
        default=None, description="Mean weight of the scored relations, -10..+10; null when none.", examples=[-3.3]
    )


class Dyad(BaseModel):
    """Two actors' relations in both directions: counts by type and month, and a cooperation-conflict score."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "a": {"id": "Q794", "name": "Iran", "type": "State"},
                    "b": {"id": "Q30", "name": "United States", "type": "State"},
                    "relations": 3,
                    "undated": 0,
                    "by_type": [
                        {"type": "ACCUSES", "a_to_b": 0, "b_to_a": 2, "negated": 0, "weight": -2.0},
                        {"type": "DENIES", "a_to_b": 1, "b_to_a": 0, "negated": 0, "weight": -2.0},
                    ],
                    "by_month": [
                        {
                            "month": "2024-11",
                            "a_to_b": 1,
                            "b_to_a": 2,
                            "types": {"ACCUSES": 2, "DENIES": 1},
                            "scored": 3,
                            "goldstein_sum": -6.0,
                            "goldstein_mean": -2.0,
                        }
                    ],
                    "scored": 3,
                    "goldstein_sum": -6.0,
                    "goldstein_mean": -2.0,
                }
            ]
        }
    )

    a: ActorSummary
    b: ActorSummary
    relations: int = Field(ge=0, description="All relations between the two, in either direction.")
    undated: int = Field(ge=0, description="Relations with neither an event date nor a published article date.")
    by_type: list[DyadTypeCount]
    by_month: list[DyadMonth] = Field(description="Months with relations, oldest first.")
    scored: int = Field(ge=0)
    goldstein_sum: float
    goldstein_mean: float | None = None


class Edge(BaseModel):
    """Relations of one type from one actor to another, aggregated."""

    source: str = Field(description="Source actor id.", examples=["Q-kayhan"])
    type: RelationType
    target: str = Field(description="Target actor id.", examples=["Q22686"])
    count: int = Field(ge=1, description="Pieces of evidence.", examples=[2])
    negated: int = Field(default=0, ge=0, description="Of these, how many the text negates.", examples=[0])


class NetworkNode(ActorSummary):
    hops: int = Field(ge=0, le=3, description="Distance from the centre actor (0: the centre).", examples=[1])


class Network(BaseModel):
    """The actors within `hops` of a centre actor and the relations among them."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "center": "Q22686",
                    "hops": 1,
                    "nodes": [
                        {"id": "Q22686", "name": "Donald Trump", "type": "Person", "hops": 0},
                        {"id": "media:kayhan", "name": "Kayhan", "type": "Media", "hops": 1},
                    ],
                    "edges": [{"source": "media:kayhan", "type": "THREATENS", "target": "Q22686", "count": 1}],
                    "total": 1,
                    "limit": 50,
                    "truncated": False,
                }
            ]
        }
    )

    center: str = Field(description="The centre actor's id.")
    hops: int = Field(ge=1, le=3)
    nodes: list[NetworkNode] = Field(description="The centre first, then by distance and number of relations.")
    edges: list[Edge] = Field(description="Relations among the nodes, aggregated per source, type and target.")
    total: int = Field(ge=0, description="Actors within `hops` (the centre not counted), before `limit`.")
    limit: int = Field(ge=1, description="At most this many actors besides the centre.")
    truncated: bool = Field(description="Whether `limit` left actors out.")


class PathOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "length": 2,
                    "nodes": [
                        {"id": "Q-doj", "name": "US Department of Justice", "type": "Organization"},
                        {"id": "person:farhad-shakeri", "name": "Farhad Shakeri", "type": "Person"},
                        {"id": "Q22686", "name": "Donald Trump", "type": "Person"},
                    ],
                    "edges": [
                        {"source": "Q-doj", "type": "CHARGED", "target": "person:farhad-shakeri", "count": 1},
                        {"source": "person:farhad-shakeri", "type": "PLOTS_AGAINST", "target": "Q22686", "count": 1},
                    ],
                }
            ]
        }
    )

    length: int = Field(ge=1, description="Hops from source to target.")
    nodes: list[ActorSummary] = Field(description="From source to target.")
    edges: list[Edge] = Field(description="The relations between consecutive nodes, in either direction.")


ClaimLink = Literal["shared_party", "agent_of_denier", "hostile_to_target"]


class ContestedClaim(BaseModel):
    """A denial and a claim about the same matter, side by side with their evidence."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "denial": RELATION_EXAMPLE,
                    "claim": {
                        **RELATION_EXAMPLE,
                        "id": "9d2e4f6a8b0c1d3e5f7a9b1c3d5e7f90",
                        "type": "PLOTS_AGAINST",
                        "source": {"id": "person:farhad-shakeri", "name": "Farhad Shakeri", "type": "Person"},
                        "modality": "alleged",
                        "date": None,
                        "event_date": "2024-11-08",
                        "cue": "plotting",
                        "evidence": {
                            "article_id": "CBS-2024-11-08",
                            "title": "Justice Department charges IRGC asset over plot against Trump",
                            "url": None,
                            "published": "2024-11-08T15:00:00Z",
                            "sentence": "Farhad Shakeri was tasked with plotting to assassinate Donald Trump.",
                            "start": 0,
                            "end": 68,
                        },
                    },
                    "link": "shared_party",
                    "same_article": False,
                    "days_apart": 4,
                }
            ]
        }
    )

    denial: RelationOut = Field(description="A DENIES or REJECTS relation.")
    claim: RelationOut = Field(description="An ACCUSES, CHARGED, PLOTS_AGAINST or THREATENS relation.")
    link: ClaimLink = Field(description="How the claim concerns the matter of the denial (see the route).")
    same_article: bool
    days_apart: int | None = Field(default=None, ge=0, description="Between the event dates; null if one is missing.")


class GraphStats(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nodes": 1234,
                    "relationships": 5678,
                    "labels": {"Actor": 1100, "Article": 134, "Person": 600, "State": 180},
                    "types": {"MENTIONS": 4000, "DENIES": 40, "LEADS": 300},
                    "actors": 1100,
                    "articles": 134,
                    "relations": 1678,
                    "first_published": "2024-01-03T08:00:00Z",
                    "last_published": "2024-12-30T17:45:00Z",
                }
            ]
        }
    )

    nodes: int = Field(ge=0, description="Actors and articles.")
    relationships: int = Field(ge=0, description="Relations and mentions.")
    labels: dict[str, int] = Field(description="Nodes by label (Actor, Article and the actor types); zeros left out.")
    types: dict[str, int] = Field(
        description="Relationships by type (the relation types and MENTIONS); zeros left out."
    )
    actors: int = Field(ge=0)
    articles: int = Field(ge=0)
    relations: int = Field(ge=0, description="Relations between actors (mentions not counted).")
    first_published: dt.datetime | None = Field(default=None, description="The earliest article publication date.")
    last_published: dt.datetime | None = Field(default=None, description="The latest article publication date.")


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
