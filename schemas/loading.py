"""What reading a batch of article files yields: an article, or an error that names where it failed."""

from pydantic import BaseModel, ConfigDict, Field

from schemas.article import Article


class LoadError(BaseModel):
    """Input that could not become an article; the rest of the batch is still read."""

    model_config = ConfigDict(frozen=True)

    path: str = Field(description="The file that failed, as given or joined from a given folder.")
    line: int | None = Field(default=None, ge=1, description="1-based line of a JSON-lines record, where known.")
    message: str = Field(min_length=1, examples=["invalid JSON: Expecting value at column 1"])

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


LoadResult = Article | LoadError
