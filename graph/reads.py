"""Reading the graph for the API: every function returns models of schemas/api.py.

`database=None` means the server's default database.

A relation's day is its own `date` where the text gave one, else the day its article was
published; filters by date and every ordering by time use that day.
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ClientError

from graph.schema import FULLTEXT_INDEX, fold_name
from graph.writes import relation_label
from schemas.api import (
    ActorDetail,
    ActorRole,
    ActorSummary,
    Counterpart,
    Direction,
    Evidence,
    Page,
    RelationCount,
    RelationOut,
)
from schemas.ontology import AFFILIATIONS, ActorType, Modality, RelationType

# Full-text hits considered per search; ranking and paging happen over these.
FULLTEXT_CANDIDATES = 1000
# Words this long or longer may have typos: one edit up to FUZZY_TWO_EDITS - 1 characters, two from there.
FUZZY_MIN_LENGTH = 4
FUZZY_TWO_EDITS = 6
TOP_COUNTERPARTS = 10
LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
WORD = re.compile(r"\w+")
QID = re.compile(r"Q\d+")
RELATION_TYPES = frozenset(rel_type.value for rel_type in RelationType)
AFFILIATION_TYPES = "|".join(sorted(rel_type.value for rel_type in AFFILIATIONS))

ACTOR_FIELDS = "{.id, .name, .type, .aliases, .from_catalog}"

# An actor's country: a State it leads, belongs to or is part of, directly or through up to two
# non-state bodies (Qods Force -> IRGC -> Iran); a State is its own country.
COUNTRY_FILTER = f"""
($countries IS NULL OR a.id IN $countries OR EXISTS {{
  MATCH (a) ((:Actor)-[x:{AFFILIATION_TYPES} WHERE NOT coalesce(x.negated, false)]->(:Actor&!State)){{0,2}}
    (:Actor)-[y:{AFFILIATION_TYPES} WHERE NOT coalesce(y.negated, false)]->(c:State)
  WHERE c.id IN $countries
}})
"""
FIND_COUNTRIES = "MATCH (c:State) WHERE c.id = $country OR $folded IN c.names_folded RETURN c.id AS id ORDER BY id"

FULLTEXT_BRANCH = f"""
  CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $lucene, {{limit: $candidates}}) YIELD node, score
  RETURN node AS a, score
  UNION ALL
"""

# Substring matches catch what the full-text index does not (parts of words, "U.S."); exact
# name or alias matches rank first, then full-text relevance (exact words above fuzzy ones).
SEARCH_ACTORS = """
CALL () {{
{fulltext}
  MATCH (a:Actor) WHERE any(name IN a.names_folded WHERE name CONTAINS $folded)
  RETURN a, 0.0 AS score
}}
WITH a, max(score) AS score
WHERE ($types IS NULL OR a.type IN $types) AND {country_filter}
WITH a, score, $folded IN a.names_folded AS exact
ORDER BY exact DESC, score DESC, a.name, a.id
WITH collect(a {actor_fields}) AS hits
RETURN size(hits) AS total, hits[$offset..($offset + $limit)] AS items
"""

ACTOR_FILTER = f"MATCH (a:Actor) WHERE ($types IS NULL OR a.type IN $types) AND {COUNTRY_FILTER}"
COUNT_ACTORS = f"{ACTOR_FILTER} RETURN count(a) AS total"
LIST_ACTORS = f"""
{ACTOR_FILTER}
WITH a ORDER BY a.name, a.id SKIP $offset LIMIT $limit
RETURN a {ACTOR_FIELDS} AS actor
"""

ROLE_ROWS = f"""
  OPTIONAL MATCH (art:Article {{id: r.article_id}})
  WITH type(r) AS type, other, count(r) AS relations,
    min(coalesce(r.date, date(art.published))) AS first, max(coalesce(r.date, date(art.published))) AS last
  ORDER BY type, last IS NULL, last DESC, other.name, other.id
  RETURN {{type: type, actor: other {ACTOR_FIELDS}, relations: relations, first: first, last: last}}
"""

GET_ACTOR = f"""
MATCH (a:Actor {{id: $id}})
CALL (a) {{
  CALL (a) {{
    MATCH (art:Article)-[:MENTIONS]->(a) WHERE art.published IS NOT NULL
    RETURN date(art.published) AS day
    UNION
    MATCH (a)-[r]-(:Actor) WHERE r.date IS NOT NULL
    RETURN r.date AS day
  }}
  RETURN min(day) AS first_seen, max(day) AS last_seen
}}
RETURN a {ACTOR_FIELDS} AS actor, labels(a) AS labels, first_seen, last_seen,
  COLLECT {{
    MATCH (a)-[r]->(:Actor) WITH type(r) AS type, count(*) AS count
    RETURN {{type: type, direction: 'out', count: count}}
  }} AS outgoing,
  COLLECT {{
    MATCH (a)<-[r]-(:Actor) WITH type(r) AS type, count(*) AS count
    RETURN {{type: type, direction: 'in', count: count}}
  }} AS incoming,
  COUNT {{ MATCH (a)-[r]-(:Actor) RETURN DISTINCT r }} AS relations,
  COUNT {{ (:Article)-[:MENTIONS]->(a) }} AS articles,
  COLLECT {{
    MATCH (a)-[r:{AFFILIATION_TYPES}]->(other:Actor) WHERE NOT coalesce(r.negated, false)
    {ROLE_ROWS}
  }} AS roles,
  COLLECT {{
    MATCH (other:Actor)-[r:LEADS]->(a) WHERE NOT coalesce(r.negated, false)
    {ROLE_ROWS}
  }} AS led_by,
  COLLECT {{
    MATCH (a)-[r]-(other:Actor) WHERE other <> a
    WITH other, count(DISTINCT r) AS relations
    ORDER BY relations DESC, other.name, other.id LIMIT $top
    RETURN {{actor: other {ACTOR_FIELDS}, relations: relations}}
  }} AS counterparts
"""

ACTOR_EXISTS = "MATCH (a:Actor {id: $id}) RETURN a.id AS id"

# The parts every relation query shares; relation_match binds `art` and `day` only where they are needed.
ARTICLE_AND_DAY = """
OPTIONAL MATCH (art:Article {id: r.article_id})
WITH r, art, coalesce(r.date, date(art.published)) AS day
"""
DATE_FILTER = "WHERE ($since IS NULL OR day >= $since) AND ($until IS NULL OR day <= $until)"
PROPERTY_FILTER = """
WITH r WHERE ($negated IS NULL OR r.negated = $negated) AND ($modalities IS NULL OR r.modality IN $modalities)
"""
ORDERINGS = {
    "newest": "ORDER BY day IS NULL, day DESC, r.article_id, r.start, r.id",
    "oldest": "ORDER BY day IS NULL, day, art.published, r.article_id, r.start, r.id",
}
RELATION_ROW = f"""
WITH r, art, day, startNode(r) AS source, endNode(r) AS target
RETURN type(r) AS type, properties(r) AS rel, day,
  source {ACTOR_FIELDS} AS source, target {ACTOR_FIELDS} AS target,
  art {{.title, .url, .published}} AS article
"""

Order = Literal["newest", "oldest"]


@dataclass(frozen=True)
class RelationFilter:
    """What relation queries can filter on besides the actors: the query parameters and their defaults."""

    since: dt.date | None = None
    until: dt.date | None = None
    modalities: Sequence[Modality | str] | None = None
    negated: bool | None = None

    def params(self) -> dict[str, Any]:
        modalities = [Modality(modality).value for modality in self.modalities] if self.modalities else None
        return {"since": self.since, "until": self.until, "modalities": modalities, "negated": self.negated}

    @property
    def has_dates(self) -> bool:
        return self.since is not None or self.until is not None


NO_FILTER = RelationFilter()


def escape_lucene(term: str) -> str:
    return LUCENE_SPECIAL.sub(r"\\\1", term)


def word_query(word: str, *, last: bool) -> str:
    """A word as typed, as a prefix when it is the last one (the user may still be typing), and with typos."""
    escaped = escape_lucene(word)
    alternatives = [escaped]
    if last:
        alternatives.append(f"{escaped}*")
    if len(word) >= FUZZY_MIN_LENGTH:
        alternatives.append(f"{escaped}~{1 if len(word) < FUZZY_TWO_EDITS else 2}")
    return f"({' OR '.join(alternatives)})" if len(alternatives) > 1 else escaped


def lucene_query(folded: str) -> str | None:
    """All words must match, each exactly, fuzzily (words of 4+ characters) or, the last, as a prefix."""
    words = WORD.findall(folded)
    if not words:
        return None
    return " AND ".join(word_query(word, last=index == len(words) - 1) for index, word in enumerate(words))


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
        event_date=to_native(record.get("day")),
        confidence=rel.get("confidence", 0.5),
        cue=rel.get("cue"),
        evidence=evidence,
    )


def to_role(item: dict[str, Any]) -> ActorRole:
    return ActorRole(
        type=RelationType(item["type"]),
        actor=to_actor_summary(item["actor"]),
        relations=item["relations"],
        first=to_native(item["first"]),
        last=to_native(item["last"]),
    )


def type_values(types: Sequence[ActorType | str] | None) -> list[str] | None:
    return [ActorType(actor_type).value for actor_type in types] if types else None


def relation_types_pattern(types: Sequence[RelationType | str] | None) -> str:
    """`:A|B` for a relationship pattern, from validated enum values only; empty for any type."""
    if not types:
        return ""
    return ":" + "|".join(sorted({relation_label(rel_type) for rel_type in types}))


def qid_of(actor_id: str) -> str | None:
    return actor_id if QID.fullmatch(actor_id) else None


def run_read(driver: Driver, database: str | None, work: Any, *args: Any) -> Any:
    with driver.session(database=database) as session:
        return session.execute_read(work, *args)


def actor_exists(tx: ManagedTransaction, actor_id: str) -> bool:
    return tx.run(ACTOR_EXISTS, id=actor_id).single() is not None


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
    country: str | None = None,
    limit: int = 50,
    offset: int = 0,
    database: str | None = None,
) -> Page[ActorSummary]:
    """Actors whose name or an alias matches `q` (all actors without `q`), ignoring case, accents and typos.

    `country` is a State's id or name; it keeps the State and the actors affiliated with it.
    """
    folded = fold_name(q or "")
    countries = find_countries(driver, country, database) if country is not None else None
    if countries == []:
        return Page[ActorSummary](items=[], total=0, limit=limit, offset=offset)
    params: dict[str, Any] = {
        "types": type_values(types),
        "countries": countries,
        "limit": limit,
        "offset": offset,
        "folded": folded,
    }
    if not folded:
        total, items = run_read(driver, database, list_page, params)
    else:
        total, items = search_with_fallback(driver, database, params, lucene_query(folded))
    return Page[ActorSummary](items=[to_actor_summary(item) for item in items], total=total, limit=limit, offset=offset)


def find_countries(driver: Driver, country: str, database: str | None) -> list[str]:
    """The ids of the States that `country` is the id, name or an alias of."""
    records, _, _ = driver.execute_query(
        FIND_COUNTRIES, country=country, folded=fold_name(country), database_=database, routing_="r"
    )
    return [record["id"] for record in records]


def search_query(fulltext: str) -> str:
    return SEARCH_ACTORS.format(fulltext=fulltext, actor_fields=ACTOR_FIELDS, country_filter=COUNTRY_FILTER)


def search_with_fallback(
    driver: Driver, database: str | None, params: dict[str, Any], lucene: str | None
) -> tuple[int, list[dict[str, Any]]]:
    if lucene is not None:
        try:
            fulltext_params = {**params, "lucene": lucene, "candidates": FULLTEXT_CANDIDATES}
            return run_read(driver, database, search_page, search_query(FULLTEXT_BRANCH), fulltext_params)
        except ClientError:
            # No full-text index (schema not ensured) or a query Lucene rejects: substring search still works.
            pass
    return run_read(driver, database, search_page, search_query(""), params)


def get_actor(driver: Driver, actor_id: str, *, database: str | None = None) -> ActorDetail | None:
    """The actor's profile: names, roles, relation counts, top counterparts, when and how often seen."""
    records, _, _ = driver.execute_query(GET_ACTOR, id=actor_id, top=TOP_COUNTERPARTS, database_=database, routing_="r")
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
        **summary.model_dump(),
        labels=sorted(record["labels"]),
        qid=qid_of(summary.id),
        roles=[to_role(item) for item in record["roles"]],
        led_by=[to_role(item) for item in record["led_by"]],
        relation_counts=counts,
        relations=record["relations"],
        top_counterparts=[
            Counterpart(actor=to_actor_summary(item["actor"]), relations=item["relations"])
            for item in record["counterparts"]
        ],
        articles=record["articles"],
        first_seen=to_native(record["first_seen"]),
        last_seen=to_native(record["last_seen"]),
    )


def relation_match(pattern: str, relation_filter: RelationFilter, *, with_day: bool) -> str:
    """MATCH the relations `r` of `pattern` (each once), filtered; binds `art` and `day` when asked or needed."""
    parts = [f"MATCH {pattern}", "WITH DISTINCT r", PROPERTY_FILTER]
    if with_day or relation_filter.has_dates:
        parts.append(ARTICLE_AND_DAY)
    if relation_filter.has_dates:
        parts.append(DATE_FILTER)
    return "\n".join(parts)


def relation_queries(pattern: str, relation_filter: RelationFilter, order: Order) -> tuple[str, str]:
    """The count query and the page query of the relations of `pattern`."""
    count_query = relation_match(pattern, relation_filter, with_day=False) + "\nRETURN count(r) AS total"
    page_query = "\n".join(
        [
            relation_match(pattern, relation_filter, with_day=True),
            f"WITH r, art, day {ORDERINGS[order]} SKIP $offset LIMIT $limit",
            RELATION_ROW,
        ]
    )
    return count_query, page_query


def relations_page(
    tx: ManagedTransaction, count_query: str, page_query: str, params: dict[str, Any]
) -> tuple[int, list[dict[str, Any]]]:
    total = tx.run(count_query, params).single(strict=True)["total"]
    return total, [record.data() for record in tx.run(page_query, params)]


def actor_relations_page(
    tx: ManagedTransaction, count_query: str, page_query: str, params: dict[str, Any]
) -> tuple[int, list[dict[str, Any]]] | None:
    if not actor_exists(tx, params["id"]):
        return None
    return relations_page(tx, count_query, page_query, params)


def page_of_relations(
    driver: Driver,
    database: str | None,
    pattern: str,
    params: dict[str, Any],
    *,
    relation_filter: RelationFilter = NO_FILTER,
    order: Order = "newest",
    limit: int,
    offset: int,
) -> Page[RelationOut]:
    """A page of the relations `r` that `pattern` matches, with their evidence."""
    count_query, page_query = relation_queries(pattern, relation_filter, order)
    all_params = {**params, **relation_filter.params(), "limit": limit, "offset": offset}
    total, records = run_read(driver, database, relations_page, count_query, page_query, all_params)
    return Page[RelationOut](items=[to_relation(record) for record in records], total=total, limit=limit, offset=offset)


def actor_node(variable: str, param: str | None) -> str:
    """`(s:Actor {id: $source})`, or `(s:Actor)` for an end left open."""
    return f"({variable}:Actor {{id: ${param}}})" if param else f"({variable}:Actor)"


def directed_pattern(left: str, types: Sequence[RelationType | str] | None, right: str, direction: Direction) -> str:
    """`left` as the source (`out`), as the target (`in`), or either (`both`)."""
    rel = f"[r{relation_types_pattern(types)}]"
    if direction == "out":
        return f"{left}-{rel}->{right}"
    if direction == "in":
        return f"{left}<-{rel}-{right}"
    if direction == "both":
        return f"{left}-{rel}-{right}"
    raise ValueError(f"direction must be 'out', 'in' or 'both', not {direction!r}")


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
    pattern = directed_pattern(actor_node("a", "id"), types, actor_node("o", None), direction)
    count_query, page_query = relation_queries(pattern, NO_FILTER, "newest")
    params = {"id": actor_id, **NO_FILTER.params(), "limit": limit, "offset": offset}
    result = run_read(driver, database, actor_relations_page, count_query, page_query, params)
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
    direction: Direction = "out",
    since: dt.date | None = None,
    until: dt.date | None = None,
    modalities: Sequence[Modality | str] | None = None,
    negated: bool | None = None,
    limit: int = 50,
    offset: int = 0,
    database: str | None = None,
) -> Page[RelationOut]:
    """Relations from `source` to `target` (actor ids; either may be left open), newest first.

    `direction` `in` asks for the relations from `target` to `source`, `both` for either way.
    """
    left = actor_node("s", "source" if source is not None else None)
    right = actor_node("t", "target" if target is not None else None)
    pattern = directed_pattern(left, types, right, direction)
    relation_filter = RelationFilter(since=since, until=until, modalities=modalities, negated=negated)
    return page_of_relations(
        driver,
        database,
        pattern,
        {"source": source, "target": target},
        relation_filter=relation_filter,
        limit=limit,
        offset=offset,
    )
