"""Constraints and indexes of the graph, created in one idempotent step, and how names are folded for search."""

import unicodedata

from neo4j import Driver

from schemas.ontology import RelationType

FULLTEXT_INDEX = "actor_names"
# Folds accents (é -> e) on both the indexed names and the query; no stop words would be
# better for names like "The Hague", but no built-in analyzer both folds and keeps them.
FULLTEXT_ANALYZER = "standard-folding"
INDEX_WAIT_SECONDS = 300

NODE_SCHEMA = [
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)",
    "CREATE INDEX actor_type IF NOT EXISTS FOR (a:Actor) ON (a.type)",
    f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliases_text] "
    f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{FULLTEXT_ANALYZER}', `fulltext.eventually_consistent`: false}}}}",
]


def relation_index_statements() -> list[str]:
    """An index on `id` per relation type, so that MERGE by relation id does not scan."""
    return [
        f"CREATE INDEX rel_{rel_type.value.lower()}_id IF NOT EXISTS FOR ()-[r:{rel_type.value}]-() ON (r.id)"
        for rel_type in RelationType
    ]


def schema_statements() -> list[str]:
    return [*NODE_SCHEMA, *relation_index_statements()]


def ensure_schema(driver: Driver, database: str) -> None:
    """Create what is missing and wait until every index is online (search needs the full-text one)."""
    # One statement per transaction: Neo4j rejects schema changes mixed with anything else.
    for statement in schema_statements():
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes($seconds)", seconds=INDEX_WAIT_SECONDS, database_=database)


# ASCII folding of what NFKD does not decompose; Lucene's folding filter maps these too.
EXTRA_FOLDS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})


def fold_name(text: str) -> str:
    """A name as search compares it: accents stripped, case folded, whitespace collapsed.

    Stored per actor in `names_folded`, so exact-name ranking and the substring fallback of
    search are accent-insensitive like the full-text index.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.translate(EXTRA_FOLDS).split())
