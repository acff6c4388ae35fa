"""The actor catalog's entry format (data files under loaders/data/catalog, plus users' own)."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from schemas.ontology import ActorType, RelationType


class Role(BaseModel):
    """A dated position: 'President' of Q794 from 2024-07-28."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(description="The role as written in text, e.g. 'President', 'Foreign Minister'.")
    of: str | None = Field(default=None, description="Catalog id of the state or body.")
    relation: RelationType = RelationType.MEMBER_OF
    start: date | None = None
    end: date | None = None


class CatalogEntry(BaseModel):
    """One known actor. Every name form that text may use goes into `aliases`."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Wikidata QID where known for certain, otherwise a stable slug.")
    name: str
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(
        default_factory=list, description="Adjectives naming the actor: 'Iranian' (a state), 'Republican' (a party)."
    )
    capitals: list[str] = Field(default_factory=list, description="States: capital used as metonymy.")
    country: str | None = Field(default=None, description="Catalog id of the state it belongs to.")
    part_of: str | None = Field(default=None, description="Catalog id of the parent organization or state.")
    roles: list[Role] = Field(default_factory=list)
    ambiguous_aliases: list[str] = Field(
        default_factory=list,
        description="Aliases that are also common words or other names; matched only in their exact case.",
    )
