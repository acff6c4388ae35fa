"""Writing extractions into the graph: batched MERGEs on deterministic ids, so re-runs change nothing.

Graph model:

- `(:Article {id, title, url, published, source, author, path, text, ingested_at})`
- `(:Actor:<ActorType> {id, name, type, aliases, aliases_text, names_folded, from_catalog})`
- `(:Article)-[:MENTIONS {count}]->(:Actor)`
- `(:Actor)-[:<RelationType> {id, article_id, sentence, start, end, negated, modality, date,
  confidence, cue}]->(:Actor)`

Writing an article replaces what an earlier run wrote for it: relations and mentions that the new
extraction no longer has are deleted, so the graph always holds the latest extraction per article.
"""

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import Neo4jError
from pydantic import BaseModel, Field

from graph.schema import fold_name
from schemas.article import Article
from schemas.extraction import ExtractedActor, ExtractedRelation, Extraction
from schemas.ontology import ActorType, RelationType

DEFAULT_BATCH_SIZE = 100


class WriteFailure(BaseModel):
    article_id: str
    message: str


class WriteSummary(BaseModel):
    """What one call wrote: articles, distinct actors, mentions and relations, and what failed."""

    articles: int = 0
    actors: int = 0
    mentions: int = 0
    relations: int = 0
    failures: list[WriteFailure] = Field(default_factory=list)


class GraphCounts(BaseModel):
    nodes: int = 0
    relationships: int = 0
    labels: dict[str, int] = Field(default_factory=dict, description="Nodes by label.")
    types: dict[str, int] = Field(default_factory=dict, description="Relationships by type.")


class InvalidExtractionError(ValueError):
    """An extraction that cannot be written as it is (it is reported, and nothing of it written)."""


class IncompleteWriteError(RuntimeError):
    """A query wrote fewer rows than it was given; raised inside the transaction to roll it back."""


@dataclass
class WriteRows:
    """Query parameters for one or more articles; rows of several articles concatenate."""

    article_ids: list[str] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    actors: dict[ActorType, list[dict[str, Any]]] = field(default_factory=dict)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    relations: dict[RelationType, list[dict[str, Any]]] = field(default_factory=dict)
    keep: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: "WriteRows") -> None:
        self.article_ids.extend(other.article_ids)
        self.articles.extend(other.articles)
        self.mentions.extend(other.mentions)
        self.keep.extend(other.keep)
        for actor_type, rows in other.actors.items():
            self.actors.setdefault(actor_type, []).extend(rows)
        for rel_type, rows in other.relations.items():
            self.relations.setdefault(rel_type, []).extend(rows)

    def actor_ids(self) -> set[str]:
        return {row["id"] for rows in self.actors.values() for row in rows}

    def relation_count(self) -> int:
        return sum(len(rows) for rows in self.relations.values())


MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (art:Article {id: row.id})
ON CREATE SET art.ingested_at = datetime()
SET art += row.props
"""

MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (art:Article {id: row.article_id})
MATCH (a:Actor {id: row.actor_id})
MERGE (art)-[m:MENTIONS]->(a)
SET m.count = row.count
RETURN count(m) AS written
"""

# Through the article's mentioned actors, because every relation's source is one of them and
# relationships have no index across types.
DELETE_STALE_RELATIONS = """
UNWIND $rows AS row
MATCH (:Article {id: row.id})-[:MENTIONS]->(:Actor)-[r]->(:Actor)
WHERE r.article_id = row.id AND NOT r.id IN row.relation_ids
DELETE r
"""

DELETE_STALE_MENTIONS = """
UNWIND $rows AS row
MATCH (:Article {id: row.id})-[m:MENTIONS]->(a:Actor)
WHERE NOT a.id IN row.actor_ids
DELETE m
"""


def actor_label(actor_type: ActorType | str) -> str:
    """The node label of an actor type; raises ValueError for anything outside the ontology."""
    return ActorType(actor_type).value


def relation_label(rel_type: RelationType | str) -> str:
    """The relationship type; raises ValueError for anything outside the ontology."""
    return RelationType(rel_type).value


def merge_actors_query(actor_type: ActorType) -> str:
    """MERGE actors of one type. The first writer sets type and label; a catalog match sets the name.

    Every name seen goes into `aliases` (except the current name), so a re-run adds nothing.
    """
    label = actor_label(actor_type)
    return f"""
UNWIND $rows AS row
MERGE (a:Actor {{id: row.id}})
ON CREATE SET a:{label}, a.type = row.type
WITH a, row, CASE WHEN row.from_catalog OR a.name IS NULL THEN row.name ELSE a.name END AS name
WITH a, row, name, coalesce(a.aliases, []) + row.aliases + [row.name, a.name] AS seen
SET a.name = name,
    a.from_catalog = coalesce(a.from_catalog, false) OR row.from_catalog,
    a.aliases = COLLECT {{
        UNWIND seen AS alias
        WITH DISTINCT alias WHERE alias IS NOT NULL AND alias <> name
        RETURN alias ORDER BY alias
    }},
    a.names_folded = COLLECT {{
        UNWIND coalesce(a.names_folded, []) + row.names_folded AS folded
        WITH DISTINCT folded
        RETURN folded ORDER BY folded
    }}
SET a.aliases_text = reduce(text = '', alias IN a.aliases | text + alias + '\\n')
"""


def merge_relations_query(rel_type: RelationType) -> str:
    label = relation_label(rel_type)
    return f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.source}})
MATCH (t:Actor {{id: row.target}})
MERGE (s)-[r:{label} {{id: row.id}}]->(t)
SET r += row.props
RETURN count(r) AS written
"""


def relation_id(article_id: str, source: str, rel_type: RelationType | str, target: str, start: int, end: int) -> str:
    """The same relation read from the same place of the same article always gets the same id."""
    key = "\x1f".join([article_id, source, relation_label(rel_type), target, str(start), str(end)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def clean_names(names: Iterable[str]) -> list[str]:
    return sorted({" ".join(name.split()) for name in names if name and name.strip()})


def merge_duplicate_actors(actors: Sequence[ExtractedActor]) -> list[ExtractedActor]:
    """One actor per id: the first name and type, all aliases, summed mentions."""
    merged: dict[str, ExtractedActor] = {}
    for actor in actors:
        known = merged.get(actor.id)
        if known is None:
            merged[actor.id] = actor
            continue
        merged[actor.id] = known.model_copy(
            update={
                "aliases": [*known.aliases, actor.name, *actor.aliases],
                "mentions": known.mentions + actor.mentions,
                "from_catalog": known.from_catalog or actor.from_catalog,
            }
        )
    return list(merged.values())


def article_row(article: Article) -> dict[str, Any]:
    props = article.model_dump(include={"title", "url", "published", "source", "author", "path", "text"})
    return {"id": article.id, "props": props}


def actor_row(actor: ExtractedActor) -> dict[str, Any]:
    name = " ".join(actor.name.split())
    aliases = [alias for alias in clean_names(actor.aliases) if alias != name]
    return {
        "id": actor.id,
        "name": name,
        "type": actor.type.value,
        "aliases": aliases,
        "names_folded": sorted({fold_name(text) for text in [name, *aliases]}),
        "from_catalog": actor.from_catalog,
    }


def relation_row(article_id: str, relation: ExtractedRelation) -> dict[str, Any]:
    rel_id = relation_id(article_id, relation.source, relation.type, relation.target, relation.start, relation.end)
    props = {
        "article_id": article_id,
        "sentence": relation.sentence,
        "start": relation.start,
        "end": relation.end,
        "negated": relation.negated,
        "modality": relation.modality.value,
        "date": relation.date,
        "confidence": relation.confidence,
        "cue": relation.cue,
    }
    return {"id": rel_id, "source": relation.source, "target": relation.target, "props": props}


def check_extraction(article: Article, extraction: Extraction, actor_ids: set[str]) -> None:
    if extraction.article.id != article.id:
        raise InvalidExtractionError(f"extraction is for article {extraction.article.id!r}, not {article.id!r}")
    for actor in extraction.actors:
        if not actor.id.strip() or not actor.name.strip():
            raise InvalidExtractionError(f"actor with an empty id or name: {actor.id!r} {actor.name!r}")
    for relation in extraction.relations:
        missing = {relation.source, relation.target} - actor_ids
        if missing:
            raise InvalidExtractionError(f"{relation.type.value} relation refers to unknown actors {sorted(missing)}")
        if not relation.start <= relation.end <= len(article.text):
            raise InvalidExtractionError(
                f"{relation.type.value} relation has offsets {relation.start}..{relation.end} "
                f"outside the article text (length {len(article.text)})"
            )


def prepare_rows(article: Article, extraction: Extraction) -> WriteRows:
    """The query parameters for one article; raises InvalidExtractionError before anything is written."""
    actors = merge_duplicate_actors(extraction.actors)
    actor_ids = {actor.id for actor in actors}
    check_extraction(article, extraction, actor_ids)
    rows = WriteRows(article_ids=[article.id], articles=[article_row(article)])
    for actor in actors:
        rows.actors.setdefault(actor.type, []).append(actor_row(actor))
        rows.mentions.append({"article_id": article.id, "actor_id": actor.id, "count": actor.mentions})
    # The same relation twice at the same place is one relation: the last reading wins.
    relations: dict[str, tuple[RelationType, dict[str, Any]]] = {}
    for relation in extraction.relations:
        row = relation_row(article.id, relation)
        relations[row["id"]] = (relation.type, row)
    for rel_type, row in relations.values():
        rows.relations.setdefault(rel_type, []).append(row)
    rows.keep.append({"id": article.id, "actor_ids": sorted(actor_ids), "relation_ids": sorted(relations)})
    return rows


def check_written(record_value: int, expected: int, what: str) -> None:
    if record_value != expected:
        raise IncompleteWriteError(f"wrote {record_value} of {expected} {what}")


def write_rows(tx: ManagedTransaction, rows: WriteRows) -> None:
    """All of some articles' nodes and relationships, in the caller's one transaction."""
    tx.run(MERGE_ARTICLES, rows=rows.articles).consume()
    for actor_type, actor_rows in rows.actors.items():
        tx.run(merge_actors_query(actor_type), rows=actor_rows).consume()
    written = tx.run(MERGE_MENTIONS, rows=rows.mentions).single(strict=True)["written"]
    check_written(written, len(rows.mentions), "mentions")
    for rel_type, rel_rows in rows.relations.items():
        written = tx.run(merge_relations_query(rel_type), rows=rel_rows).single(strict=True)["written"]
        check_written(written, len(rel_rows), f"{rel_type.value} relations")
    tx.run(DELETE_STALE_RELATIONS, rows=rows.keep).consume()
    tx.run(DELETE_STALE_MENTIONS, rows=rows.keep).consume()


def combine(batch: Sequence[WriteRows]) -> WriteRows:
    combined = WriteRows()
    for rows in batch:
        combined.extend(rows)
    return combined


def run_write(driver: Driver, rows: WriteRows, database: str) -> None:
    with driver.session(database=database) as session:
        session.execute_write(write_rows, rows)


def describe_error(error: Exception) -> str:
    message = error.message if isinstance(error, Neo4jError) and error.message else str(error)
    return f"{type(error).__name__}: {message}"


# Errors of the data: the rest of a batch goes on. Connection errors (DriverError) are not among
# them; they end the whole write, and a re-run is safe because every write is idempotent.
DATA_ERRORS = (Neo4jError, IncompleteWriteError)


def write_batch(
    driver: Driver, batch: Sequence[WriteRows], database: str
) -> tuple[list[WriteRows], list[WriteFailure]]:
    """Write a batch in one transaction, or article by article when that fails."""
    try:
        run_write(driver, combine(batch), database)
        return list(batch), []
    except DATA_ERRORS as error:
        if len(batch) == 1:
            return [], [WriteFailure(article_id=batch[0].article_ids[0], message=describe_error(error))]
    written: list[WriteRows] = []
    failures: list[WriteFailure] = []
    for rows in batch:
        done, failed = write_batch(driver, [rows], database)
        written.extend(done)
        failures.extend(failed)
    return written, failures


def unique_by_article(items: Iterable[tuple[Article, Extraction]]) -> list[tuple[Article, Extraction]]:
    """The last item per article id: two in one transaction would delete each other's relations."""
    latest: dict[str, tuple[Article, Extraction]] = {}
    for article, extraction in items:
        latest[article.id] = (article, extraction)
    return list(latest.values())


def chunked(items: Sequence[WriteRows], size: int) -> Iterator[Sequence[WriteRows]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def summarize(written: Sequence[WriteRows], failures: list[WriteFailure]) -> WriteSummary:
    combined = combine(written)
    return WriteSummary(
        articles=len(combined.article_ids),
        actors=len(combined.actor_ids()),
        mentions=len(combined.mentions),
        relations=combined.relation_count(),
        failures=failures,
    )


def write_extractions(
    driver: Driver,
    items: Sequence[tuple[Article, Extraction]],
    *,
    database: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> WriteSummary:
    """Write articles with their extractions, `batch_size` articles per transaction.

    An article is written whole or not at all: a batch that fails is retried one article per
    transaction, and each article that still fails is reported in `failures`. Raises the
    driver's ServiceUnavailable when Neo4j cannot be reached.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    prepared: list[WriteRows] = []
    failures: list[WriteFailure] = []
    for article, extraction in unique_by_article(items):
        try:
            prepared.append(prepare_rows(article, extraction))
        except InvalidExtractionError as error:
            failures.append(WriteFailure(article_id=article.id, message=str(error)))
    written: list[WriteRows] = []
    for batch in chunked(prepared, batch_size):
        done, failed = write_batch(driver, batch, database)
        written.extend(done)
        failures.extend(failed)
    return summarize(written, failures)


COUNT_LABELS = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count"
COUNT_TYPES = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count"
COUNT_TOTALS = "RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS relationships"


def count_graph(driver: Driver, database: str) -> GraphCounts:
    """Nodes by label and relationships by type (for stats and tests)."""
    labels, _, _ = driver.execute_query(COUNT_LABELS, database_=database)
    types, _, _ = driver.execute_query(COUNT_TYPES, database_=database)
    totals, _, _ = driver.execute_query(COUNT_TOTALS, database_=database)
    return GraphCounts(
        nodes=totals[0]["nodes"],
        relationships=totals[0]["relationships"],
        labels={record["label"]: record["count"] for record in labels},
        types={record["type"]: record["count"] for record in types},
    )
