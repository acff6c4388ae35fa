"""An article as the loaders hand it on: text plus the metadata that travels with it."""

from datetime import UTC, datetime, timedelta
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator


def reject_blank_text(value: str) -> str:
    if not value.strip():
        raise ValueError("article text is empty")
    return value


ArticleText = Annotated[str, Field(min_length=1, max_length=2_000_000), AfterValidator(reject_blank_text)]

# Neo4j (like Java) stores time zone offsets up to ±18:00 only.
MAX_UTC_OFFSET = timedelta(hours=18)


class Article(BaseModel):
    """One news article, cleaned; `text` is what offsets in the evidence refer to."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1, max_length=200, examples=["VOA-8011115"])
    title: str = Field(default="", max_length=2000)
    text: ArticleText
    url: str | None = None
    published: datetime | None = None
    source: str | None = Field(default=None, description="Outlet or origin, e.g. 'www.cbsnews.com'.")
    author: str | None = None
    path: str | None = Field(default=None, description="The file the article was read from.")

    @field_validator("published")
    @classmethod
    def storable_offset(cls, value: datetime | None) -> datetime | None:
        """The same instant in UTC when the offset is beyond what Neo4j stores (±18:00)."""
        offset = value.utcoffset() if value is not None else None
        if offset is not None and abs(offset) > MAX_UTC_OFFSET:
            return value.astimezone(UTC)
        return value
