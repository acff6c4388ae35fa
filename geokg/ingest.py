"""Files in, graph out: read articles, extract actors and relations, write them in batches.

This is the one place where the layers meet (loaders -> schemas -> graph); the CLI and the
API call it with the driver they own.
"""

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from neo4j import Driver
from pydantic import BaseModel, Field

from geokg.settings import Settings
from graph.writes import WriteSummary, write_extractions
from loaders.extract import extract_articles
from loaders.pipeline import get_pipeline
from loaders.readers import read_articles
from schemas.article import Article
from schemas.extraction import Extraction
from schemas.loading import LoadError

Progress = Callable[[int], None]


class IngestReport(BaseModel):
    articles_read: int = 0
    load_errors: list[LoadError] = Field(default_factory=list)
    written: WriteSummary = Field(default_factory=WriteSummary)

    @property
    def failed(self) -> bool:
        return bool(self.load_errors or self.written.failures)


def pipeline_for(settings: Settings):
    return get_pipeline(tuple(str(p) for p in settings.catalog_files), settings.spacy_model)


def split_loaded(results: Iterable[Article | LoadError], errors: list[LoadError]) -> Iterator[Article]:
    """Articles pass on; load errors are kept aside so that the rest of the batch goes on."""
    for result in results:
        if isinstance(result, LoadError):
            errors.append(result)
        else:
            yield result


def extract_paths(settings: Settings, paths: Iterable[str | Path], errors: list[LoadError]) -> Iterator[tuple[Article, Extraction]]:
    articles = split_loaded(read_articles(paths), errors)
    yield from extract_articles(pipeline_for(settings), articles)


def ingest_paths(driver: Driver, settings: Settings, paths: Iterable[str | Path], progress: Progress | None = None) -> IngestReport:
    report = IngestReport()
    batch: list[tuple[Article, Extraction]] = []
    for item in extract_paths(settings, paths, report.load_errors):
        batch.append(item)
        if len(batch) >= settings.write_batch_size:
            write_batch(driver, settings, batch, report, progress)
    write_batch(driver, settings, batch, report, progress)
    return report


def ingest_articles(driver: Driver, settings: Settings, articles: list[Article]) -> tuple[list[Extraction], WriteSummary]:
    """Extract and write articles given as models (the API's POST /articles)."""
    items = list(extract_articles(pipeline_for(settings), articles))
    summary = write_extractions(driver, items, database=settings.neo4j_database, batch_size=settings.write_batch_size)
    return [extraction for _, extraction in items], summary


def write_batch(driver: Driver, settings: Settings, batch: list, report: IngestReport, progress: Progress | None) -> None:
    if not batch:
        return
    summary = write_extractions(driver, batch, database=settings.neo4j_database, batch_size=settings.write_batch_size)
    report.articles_read += len(batch)
    merge_summaries(report.written, summary)
    if progress:
        progress(len(batch))
    batch.clear()


def merge_summaries(total: WriteSummary, part: WriteSummary) -> None:
    total.articles += part.articles
    total.actors += part.actors
    total.mentions += part.mentions
    total.relations += part.relations
    total.failures.extend(part.failures)
