"""Reading the graph for the API: every function returns models of schemas/api.py.

`database=None` means the server's default database.
"""

import re
from collections.abc import Sequence
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ClientError

from graph.schema import FULLTEXT_INDEX, fold_name
from graph.writes import relation_label
from schemas.api import ActorDetail, ActorSummary, Direction, Evidence, Page, RelationCount, RelationOut
from schemas.ontology import ActorType, RelationType

# Full-text hits considered per search; ranking and paging happen over these.
FULLTEXT_CANDIDATES = 1000
LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
WORD = re.compile(r"\w+")
RELATION_TYPES = frozenset(rel_type.value for rel_type in RelationType)

ACTOR_FIELDS = "{.id, .name, .type, .aliases, .from_catalog}"

FULLTEXT_BRANCH = f"""
  CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $lucene, {{limit: $candidates}}) YIELD node, score
  RETURN node AS a, score
  UNION ALL
"""

# Substring matches catch what the full-text index does not (parts of words, "U.S."); exact
# name or alias matches rank first, then full-text relevance.
SEARCH_ACTORS = """
CALL () {{
{fulltext}
  MATCH (a:Actor) WHERE any(name IN a.names_folded WHERE name CONTAINS $folded)
  RETURN a, 0.0 AS score
}}
WITH a, max(score) AS score
WHERE $types IS NULL OR a.type IN $types
WITH a, score, $folded IN a.names_folded AS exact
ORDER BY exact DESC, score DESC, a.name, a.id
WITH collect(a {actor_fields}) AS hits
RETURN size(hits) AS total, hits[$offset..($offset + $limit)] AS items
"""

COUNT_ACTORS = "MATCH (a:Actor) WHERE $types IS NULL OR a.type IN $types RETURN count(a) AS total"
LIST_ACTORS = f"""
MATCH (a:Actor) WHERE $types IS NULL OR a.type IN $types
WITH a ORDER BY a.name, a.id SKIP $offset LIMIT $limit
RETURN a {ACTOR_FIELDS} AS actor
"""

GET_ACTOR = f"""
MATCH (a:Actor {{id: $id}})
RETURN a {ACTOR_FIELDS} AS actor,
  COLLECT {{
    MATCH (a)-[r]->(:Actor) WITH type(r) AS type, count(*) AS count
    RETURN {{type: type, direction: 'out', count: count}}
  }} AS outgoing,
  COLLECT {{
    MATCH (a)<-[r]-(:Actor) WITH type(r) AS type, count(*) AS count
    RETURN {{type: type, direction: 'in', count: count}}
  }} AS incoming,
  COUNT {{ MATCH (a)-[r]-(:Actor) RETURN DISTINCT r }} AS relations,
  COUNT {{ (:Article)-[:MENTIONS]->(a) }} AS articles
"""

# Newest evidence first (the relation's own date, else the article's), then in reading order.
RELATION_PAGE = f"""
OPTIONAL MATCH (art:Article {{id: r.article_id}})
WITH r, art, coalesce(r.date, date(art.published)) AS day
ORDER BY day IS NULL, day DESC, r.article_id, r.start, r.id
SKIP $offset LIMIT $limit
WITH r, art, startNode(r) AS source, endNode(r) AS target
RETURN type(r) AS type, properties(r) AS rel,
  source {ACTOR_FIELDS} AS source, target {ACTOR_FIELDS} AS target,
  art {{.title, .url, .published}} AS article
"""


def escape_lucene(term: str) -> str:
    return LUCENE_SPECIAL.sub(r"\\\1", term)


def lucene_query(folded: str) -> str | None:
    """All words must match; the last may be a prefix, as the user may still be typing it."""
    words = [escape_lucene(word) for word in WORD.findall(folded)]
    if not words:
        return None
    *head, last = words
    return " AND ".join([*head, f"({last} OR {last}*)"])


def to_native(value: Any) -> Any:
    """Python values for Neo4j's temporal types (neo4j.time.Date, DateTime)."""
    return value.to_native() if hasattr(value, "to_native") else value


def to_actor_summary(actor: dict[str, Any]) -> ActorSummary:
    return ActorSummary(
        id=actor["id"],
        name=actor["name"],
        type=ActorType(actor["type"]),
        aliases=actor.get("aliases") or [],
        from_catalog=bool(actor.get("from_catalog")),
    )


def to_relation(record: dict[str, Any]) -> RelationOut:
    rel = record["rel"]
    article = record["article"] or {}
    evidence = Evidence(
        article_id=rel["article_id"],
        title=article.get("title"),
        url=article.get("url"),
        published=to_native(article.get("published")),
        sentence=rel["sentence"],
        start=rel["start"],
        end=rel["end"],
    )
    return RelationOut(
        id=rel["id"],
        type=RelationType(record["type"]),
        source=to_actor_summary(record["source"]),
        target=to_actor_summary(record["target"]),
        negated=rel.get("negated", False),
        modality=rel.get("modality", "asserted"),
        date=to_native(rel.get("date")),
        confidence=rel.get("confidence", 0.5),
        cue=rel.get("cue"),
        evidence=evidence,
    )


def type_values(types: Sequence[ActorType | str] | None) -> list[str] | None:
    return [ActorType(actor_type).value for actor_type in types] if types else None


def relation_types_pattern(types: Sequence[RelationType | str] | None) -> str:
    """`:A|B` for a relationship pattern, from validated enum values only; empty for any type."""
    if not types:
        return ""
    return ":" + "|".join(sorted({relation_label(rel_type) for rel_type in types}))


def run_read(driver: Driver, database: str | None, work: Any, *args: Any) -> Any:
    with driver.session(database=database) as session:
        return session.execute_read(work, *args)


def search_page(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    record = tx.run(query, params).single(strict=True)
    return record["total"], record["items"]


def list_page(tx: ManagedTransaction, params: dict[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    total = tx.run(COUNT_ACTORS, params).single(strict=True)["total"]
    items = [record["actor"] for record in tx.run(LIST_ACTORS, params)]
    return total, items


def search_actors(
    driver: Driver,
    q: str | None,
    *,
    types: Sequence[ActorType | str] | None = None,
    limit: int = 50,
    offset: int = 0,
    database: str | None = None,
) -> Page[ActorSummary]:
    """Actors whose name or an alias matches `q`, ignoring case and accents; all actors without `q`."""
    folded = fold_name(q or "")
    params: dict[str, Any] = {"types": type_values(types), "limit": limit, "offset": offset, "folded": folded}
    if not folded:
        total, items = run_read(driver, database, list_page, params)
    else:
        total, items = search_with_fallback(driver, database, params, lucene_query(folded))
    return Page[ActorSummary](items=[to_actor_summary(item) for item in items], total=total, limit=limit, offset=offset)


def search_with_fallback(
    driver: Driver, database: str | None, params: dict[str, Any], lucene: str | None
) -> tuple[int, list[dict[str, Any]]]:
    if lucene is not None:
        fulltext_query = SEARCH_ACTORS.format(fulltext=FULLTEXT_BRANCH, actor_fields=ACTOR_FIELDS)
        try:
            fulltext_params = {**params, "lucene": lucene, "candidates": FULLTEXT_CANDIDATES}
            return run_read(driver, database, search_page, fulltext_query, fulltext_params)
        except ClientError:
            # No full-text index (schema not ensured) or a query Lucene rejects: substring search still works.
            pass
    return run_read(driver, database, search_page, SEARCH_ACTORS.format(fulltext="", actor_fields=ACTOR_FIELDS), params)


def get_actor(driver: Driver, actor_id: str, *, database: str | None = None) -> ActorDetail | None:
    records, _, _ = driver.execute_query(GET_ACTOR, id=actor_id, database_=database, routing_="r")
    if not records:
        return None
    record = records[0]
    counts = [
        RelationCount(type=RelationType(item["type"]), direction=item["direction"], count=item["count"])
        for item in [*record["outgoing"], *record["incoming"]]
        if item["type"] in RELATION_TYPES
    ]
    counts.sort(key=lambda count: (count.type.value, count.direction))
    summary = to_actor_summary(record["actor"])
    return ActorDetail(
        **summary.model_dump(), relation_counts=counts, relations=record["relations"], articles=record["articles"]
    )


def actor_relation_pattern(types: Sequence[RelationType | str] | None, direction: Direction) -> str:
    rel = f"[r{relation_types_pattern(types)}]"
    if direction == "out":
        return f"(a)-{rel}->(:Actor)"
    if direction == "in":
        return f"(a)<-{rel}-(:Actor)"
    if direction == "both":
        return f"(a)-{rel}-(:Actor)"
    raise ValueError(f"direction must be 'out', 'in' or 'both', not {direction!r}")


def relations_page(
    tx: ManagedTransaction, count_query: str, page_query: str, params: dict[str, Any]
) -> tuple[int, list[dict[str, Any]]] | None:
    record = tx.run(count_query, params).single()
    if record is None:
        return None
    return record["total"], [record.data() for record in tx.run(page_query, params)]


def get_actor_relations(
    driver: Driver,
    actor_id: str,
    *,
    types: Sequence[RelationType | str] | None = None,
    direction: Direction = "both",
    limit: int = 50,
    offset: int = 0,
    database: str | None = None,
) -> Page[RelationOut] | None:
    """The actor's relations with their evidence, newest first; None when the actor is unknown.

    `out`: the actor is the source; `in`: the target. Symmetric types (MEETS, ...) are stored in
    the direction the text gave, so ask for `both` to see all of them.
    """
    pattern = actor_relation_pattern(types, direction)
    count_query = f"MATCH (a:Actor {{id: $id}}) RETURN COUNT {{ MATCH {pattern} RETURN DISTINCT r }} AS total"
    page_query = f"MATCH (a:Actor {{id: $id}}) MATCH {pattern} WITH DISTINCT r {RELATION_PAGE}"
    params = {"id": actor_id, "limit": limit, "offset": offset}
    result = run_read(driver, database, relations_page, count_query, page_query, params)
    if result is None:
        return None
    total, records = result
    return Page[RelationOut](items=[to_relation(record) for record in records], total=total, limit=limit, offset=offset)


def find_relations(
    driver: Driver,
    *,
    source: str | None = None,
    target: str | None = None,
    types: Sequence[RelationType | str] | None = None,
    limit: int = 50,
    offset: int = 0,
    database: str | None = None,
) -> Page[RelationOut]:
    """Relations from `source` to `target` (actor ids; either may be left open), newest first."""
    source_match = " {id: $source}" if source is not None else ""
    target_match = " {id: $target}" if target is not None else ""
    pattern = f"(s:Actor{source_match})-[r{relation_types_pattern(types)}]->(t:Actor{target_match})"
    count_query = f"MATCH {pattern} RETURN count(r) AS total"
    page_query = f"MATCH {pattern} WITH r {RELATION_PAGE}"
    params = {"source": source, "target": target, "limit": limit, "offset": offset}
    result = run_read(driver, database, relations_page, count_query, page_query, params)
    total, records = result if result is not None else (0, [])
    return Page[RelationOut](items=[to_relation(record) for record in records], total=total, limit=limit, offset=offset)
