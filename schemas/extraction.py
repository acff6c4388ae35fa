"""What extraction produces for one article: the output format of ONTOLOGY.md, as models."""

import datetime as dt

from pydantic import BaseModel, Field

from schemas.ontology import ActorType, Modality, RelationType


class ArticleRef(BaseModel):
    id: str
    title: str = ""
    path: str | None = None
    url: str | None = None
    published: str | None = None


class ExtractedActor(BaseModel):
    """An actor found in one article.

    `id` is the actor's graph id, the same across articles: a catalog id (a Wikidata QID
    where known) or a deterministic slug of type and normalised name.
    """

    id: str
    name: str
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    mentions: int = Field(default=1, ge=0, description="How often the article refers to it.")
    from_catalog: bool = False


class ExtractedRelation(BaseModel):
    source: str
    target: str
    type: RelationType
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    sentence: str
    start: int = Field(ge=0, description="Character offset of the sentence in the article text.")
    end: int = Field(ge=0)
    date: dt.date | None = None
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    cue: str | None = Field(default=None, description="The words that signalled the relation.")


class Extraction(BaseModel):
    article: ArticleRef
    actors: list[ExtractedActor] = Field(default_factory=list)
    relations: list[ExtractedRelation] = Field(default_factory=list)
