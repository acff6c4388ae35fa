"""Analytic reads for the API and the CLI: dyads, networks, paths, timelines and stats.

Like graph/reads.py, every function returns models of schemas/api.py and `database=None` means
the server's default database. A relation's day is its own `date`, else its article's
publication day.
"""

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.reads import (
    ACTOR_FIELDS,
    RELATION_TYPES,
    RelationFilter,
    actor_node,
    directed_pattern,
    page_of_relations,
    relation_types_pattern,
    run_read,
    to_actor_summary,
    to_native,
)
from schemas.api import (
    ActorSummary,
    Dyad,
    DyadMonth,
    DyadTypeCount,
    Edge,
    GraphStats,
    Network,
    NetworkNode,
    Page,
    PathOut,
    RelationOut,
)
from schemas.ontology import AFFILIATIONS, ActorType, RelationType
from schemas.scales import goldstein_weight

MENTIONS = "MENTIONS"
NODE_LABELS = ["Actor", "Article", *(actor_type.value for actor_type in ActorType)]
EVENT_TYPES = [rel_type for rel_type in RelationType if rel_type not in AFFILIATIONS]
SCORE_DIGITS = 2

ACTOR_BY_ID = f"MATCH (a:Actor {{id: $id}}) RETURN a {ACTOR_FIELDS} AS actor"
ACTORS_BY_ID = f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) RETURN a {ACTOR_FIELDS} AS actor"

DYAD_ROWS = """
MATCH (a:Actor {id: $a})-[r]-(b:Actor {id: $b})
OPTIONAL MATCH (art:Article {id: r.article_id})
WITH type(r) AS type, startNode(r) = a AS a_to_b, coalesce(r.negated, false) AS negated,
  coalesce(r.date, date(art.published)) AS day
RETURN type, a_to_b, negated, CASE WHEN day IS NULL THEN null ELSE left(toString(day), 7) END AS month,
  count(*) AS count
"""

# Neighbours of a BFS frontier not seen yet, and how many relations lead to each.
NEIGHBOURS = """
UNWIND $frontier AS id
MATCH (:Actor {{id: id}})-[r{types}]-(n:Actor)
WHERE NOT n.id IN $seen
RETURN n.id AS id, n.name AS name, count(r) AS weight, collect(DISTINCT id) AS parents
"""

EDGES_AMONG = """
UNWIND $ids AS id
MATCH (s:Actor {{id: id}})-[r{types}]->(t:Actor)
WHERE t.id IN $ids
RETURN s.id AS source, type(r) AS type, t.id AS target, count(r) AS count,
  sum(CASE WHEN r.negated THEN 1 ELSE 0 END) AS negated
ORDER BY source, type, target
"""

EDGES_BETWEEN = """
UNWIND $pairs AS pair
MATCH (:Actor {{id: pair[0]}})-[r{types}]-(:Actor {{id: pair[1]}})
WITH DISTINCT r
RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target, count(r) AS count,
  sum(CASE WHEN r.negated THEN 1 ELSE 0 END) AS negated
ORDER BY source, type, target
"""

ARTICLE_DATES = "MATCH (a:Article) RETURN min(a.published) AS first, max(a.published) AS last"


class SameActorError(ValueError):
    """Two actor parameters name the same actor where two different ones are needed."""


class UnknownActorError(LookupError):
    """An actor id that the graph does not hold."""

    def __init__(self, actor_id: str) -> None:
        super().__init__(f"No actor with id {actor_id!r}.")
        self.actor_id = actor_id


@dataclass
class MonthTally:
    a_to_b: int = 0
    b_to_a: int = 0
    types: Counter[RelationType] = field(default_factory=Counter)
    scored: int = 0
    score: float = 0.0


@dataclass
class TypeTally:
    a_to_b: int = 0
    b_to_a: int = 0
    negated: int = 0


def fetch_actor(tx: ManagedTransaction, actor_id: str) -> ActorSummary:
    record = tx.run(ACTOR_BY_ID, id=actor_id).single()
    if record is None:
        raise UnknownActorError(actor_id)
    return to_actor_summary(record["actor"])


def fetch_actors(tx: ManagedTransaction, ids: Sequence[str]) -> dict[str, ActorSummary]:
    return {record["actor"]["id"]: to_actor_summary(record["actor"]) for record in tx.run(ACTORS_BY_ID, ids=list(ids))}


def rounded(value: float) -> float:
    return round(value, SCORE_DIGITS)


def mean(total: float, count: int) -> float | None:
    return rounded(total / count) if count else None


# Dyads


def tally_dyad(rows: Sequence[dict[str, Any]]) -> tuple[dict[RelationType, TypeTally], dict[str, MonthTally], int]:
    """Counts by type and by month, the Goldstein sums of the months, and how many rows have no month."""
    by_type: dict[RelationType, TypeTally] = defaultdict(TypeTally)
    by_month: dict[str, MonthTally] = defaultdict(MonthTally)
    undated = 0
    for row in rows:
        if row["type"] not in RELATION_TYPES:
            continue
        rel_type, count = RelationType(row["type"]), row["count"]
        type_tally = by_type[rel_type]
        type_tally.a_to_b += count if row["a_to_b"] else 0
        type_tally.b_to_a += 0 if row["a_to_b"] else count
        type_tally.negated += count if row["negated"] else 0
        if row["month"] is None:
            undated += count
            continue
        add_to_month(by_month[row["month"]], rel_type, count, a_to_b=row["a_to_b"], negated=row["negated"])
    return by_type, by_month, undated


def add_to_month(month: MonthTally, rel_type: RelationType, count: int, *, a_to_b: bool, negated: bool) -> None:
    month.a_to_b += count if a_to_b else 0
    month.b_to_a += 0 if a_to_b else count
    month.types[rel_type] += count
    weight = goldstein_weight(rel_type)
    # A negated relation did not happen: it is counted, not scored.
    if weight is not None and not negated:
        month.scored += count
        month.score += weight * count


def to_dyad(a: ActorSummary, b: ActorSummary, rows: Sequence[dict[str, Any]]) -> Dyad:
    by_type, by_month, undated = tally_dyad(rows)
    months = [
        DyadMonth(
            month=month,
            a_to_b=tally.a_to_b,
            b_to_a=tally.b_to_a,
            types=dict(sorted(tally.types.items())),
            scored=tally.scored,
            goldstein_sum=rounded(tally.score),
            goldstein_mean=mean(tally.score, tally.scored),
        )
        for month, tally in sorted(by_month.items())
    ]
    scored = sum(tally.scored for tally in by_month.values())
    score = sum(tally.score for tally in by_month.values())
    return Dyad(
        a=a,
        b=b,
        relations=sum(tally.a_to_b + tally.b_to_a for tally in by_type.values()),
        undated=undated,
        by_type=[
            DyadTypeCount(
                type=rel_type, a_to_b=t.a_to_b, b_to_a=t.b_to_a, negated=t.negated, weight=goldstein_weight(rel_type)
            )
            for rel_type, t in sorted(by_type.items())
        ],
        by_month=months,
        scored=scored,
        goldstein_sum=rounded(score),
        goldstein_mean=mean(score, scored),
    )


def read_dyad(tx: ManagedTransaction, a_id: str, b_id: str) -> Dyad:
    a, b = fetch_actor(tx, a_id), fetch_actor(tx, b_id)
    return to_dyad(a, b, [record.data() for record in tx.run(DYAD_ROWS, a=a_id, b=b_id)])


def get_dyad(driver: Driver, a_id: str, b_id: str, *, database: str | None = None) -> Dyad:
    """Two actors' relations in both directions by type and month, scored.

    A month's score sums the Goldstein weights (schemas/scales.py) of its relations that are
    scored (a weight, not negated); the mean divides by their number. Undated relations are
    counted by type but belong to no month and are not scored. Raises UnknownActorError.
    """
    if a_id == b_id:
        raise SameActorError("a dyad needs two different actors")
    return run_read(driver, database, read_dyad, a_id, b_id)


# Networks and paths


@dataclass
class Level:
    """The actors first reached at one BFS step, strongest ties first, and who reached each."""

    ids: list[str]
    parents: dict[str, list[str]]


def expand(tx: ManagedTransaction, query: str, frontier: list[str], seen: set[str]) -> Level:
    rows = [record.data() for record in tx.run(query, frontier=frontier, seen=list(seen))]
    rows.sort(key=lambda row: (-row["weight"], row["name"] or "", row["id"]))
    return Level(ids=[row["id"] for row in rows], parents={row["id"]: sorted(row["parents"]) for row in rows})


def bfs_levels(
    tx: ManagedTransaction,
    start: str,
    types: Sequence[RelationType | str] | None,
    hops: int,
    stop_at: str | None = None,
) -> Iterator[Level]:
    """Breadth-first over relations of `types` in either direction, one level per hop, until `stop_at` is reached."""
    query = NEIGHBOURS.format(types=relation_types_pattern(types))
    seen, frontier = {start}, [start]
    for _ in range(hops):
        if not frontier:
            return
        level = expand(tx, query, frontier, seen)
        yield level
        if stop_at in level.parents:
            return
        seen.update(level.ids)
        frontier = level.ids


def fetch_edges(
    tx: ManagedTransaction, query: str, types: Sequence[RelationType | str] | None, **params: Any
) -> list[Edge]:
    return [Edge(**record.data()) for record in tx.run(query.format(types=relation_types_pattern(types)), params)]


def read_network(
    tx: ManagedTransaction, center: str, types: Sequence[RelationType | str] | None, hops: int, limit: int
) -> Network:
    fetch_actor(tx, center)
    distances: dict[str, int] = {center: 0}
    total = 0
    for hop, level in enumerate(bfs_levels(tx, center, types, hops), start=1):
        total += len(level.ids)
        for actor_id in level.ids[: max(0, limit + 1 - len(distances))]:
            distances[actor_id] = hop
    actors = fetch_actors(tx, list(distances))
    nodes = [NetworkNode(**actors[actor_id].model_dump(), hops=hop) for actor_id, hop in distances.items()]
    edges = fetch_edges(tx, EDGES_AMONG, types, ids=list(distances))
    return Network(
        center=center, hops=hops, nodes=nodes, edges=edges, total=total, limit=limit, truncated=total > limit
    )


def get_network(
    driver: Driver,
    center: str,
    *,
    hops: int = 1,
    types: Sequence[RelationType | str] | None = None,
    limit: int = 50,
    database: str | None = None,
) -> Network:
    """The actors within `hops` of `center` over relations of `types`, in either direction.

    Nearer actors come first, and among equally near ones those with more relations to the
    nearer ring; `limit` caps the actors besides the centre. Edges are all relations among the
    returned actors, aggregated per source, type and target. Raises UnknownActorError.
    """
    return run_read(driver, database, read_network, center, types, hops, limit)


def count_paths(node: str, parents: dict[str, list[str]], memo: dict[str, int]) -> int:
    if node not in parents:
        return 1
    if node not in memo:
        memo[node] = sum(count_paths(parent, parents, memo) for parent in parents[node])
    return memo[node]


def walk_paths(node: str, parents: dict[str, list[str]]) -> Iterator[list[str]]:
    """Every shortest path from the BFS start to `node`, as ids, in order of the parents' ids."""
    if node not in parents:
        yield [node]
        return
    for parent in parents[node]:
        for path in walk_paths(parent, parents):
            yield [*path, node]


def to_path(ids: list[str], actors: dict[str, ActorSummary], edges: dict[frozenset[str], list[Edge]]) -> PathOut:
    steps = [edges.get(frozenset(pair), []) for pair in itertools.pairwise(ids)]
    return PathOut(
        length=len(ids) - 1,
        nodes=[actors[actor_id] for actor_id in ids],
        edges=[edge for step in steps for edge in step],
    )


@dataclass(frozen=True)
class PathRequest:
    source: str
    target: str
    types: Sequence[RelationType | str] | None
    max_hops: int
    limit: int
    offset: int


def read_paths(tx: ManagedTransaction, request: PathRequest) -> tuple[int, list[PathOut]]:
    fetch_actor(tx, request.source)
    fetch_actor(tx, request.target)
    parents: dict[str, list[str]] = {}
    for level in bfs_levels(tx, request.source, request.types, request.max_hops, stop_at=request.target):
        parents.update(level.parents)
    if request.target not in parents:
        return 0, []
    total = count_paths(request.target, parents, {})
    window = itertools.islice(walk_paths(request.target, parents), request.offset, request.offset + request.limit)
    id_paths = list(window)
    pairs = sorted({tuple(sorted(pair)) for ids in id_paths for pair in itertools.pairwise(ids)})
    edges: dict[frozenset[str], list[Edge]] = defaultdict(list)
    for edge in fetch_edges(tx, EDGES_BETWEEN, request.types, pairs=[list(pair) for pair in pairs]):
        edges[frozenset((edge.source, edge.target))].append(edge)
    actors = fetch_actors(tx, sorted({actor_id for ids in id_paths for actor_id in ids}))
    return total, [to_path(ids, actors, edges) for ids in id_paths]


def find_paths(
    driver: Driver,
    source: str,
    target: str,
    *,
    max_hops: int = 3,
    types: Sequence[RelationType | str] | None = None,
    limit: int = 50,
    offset: int = 0,
    database: str | None = None,
) -> Page[PathOut]:
    """The shortest paths between two actors over relations of `types` in either direction.

    Paths are distinct sequences of actors, at most `max_hops` long; each step lists every
    relation between its two actors, aggregated. Raises UnknownActorError.
    """
    if source == target:
        raise SameActorError("a path needs two different actors")
    request = PathRequest(source, target, types, max_hops, limit, offset)
    total, paths = run_read(driver, database, read_paths, request)
    return Page[PathOut](items=paths, total=total, limit=limit, offset=offset)


# Timeline


def get_timeline(
    driver: Driver,
    *,
    actor: str | None = None,
    types: Sequence[RelationType | str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
    database: str | None = None,
) -> Page[RelationOut]:
    """Relations oldest first by day, those with no day last; the events only unless `types` asks for more.

    With `actor`, the relations it is source or target of; an unknown actor has none.
    """
    if actor is None:
        pattern = directed_pattern(actor_node("s", None), types or EVENT_TYPES, actor_node("t", None), "out")
    else:
        pattern = directed_pattern(actor_node("a", "actor"), types or EVENT_TYPES, actor_node("o", None), "both")
    return page_of_relations(
        driver,
        database,
        pattern,
        {"actor": actor},
        relation_filter=RelationFilter(since=since, until=until),
        order="oldest",
        limit=limit,
        offset=offset,
    )


# Stats


def count_query(labels: Sequence[str], types: Sequence[str]) -> str:
    """One count-store lookup per label and type; the names come from the ontology and the graph model."""
    parts = [f"MATCH (n:{label}) RETURN 'label' AS kind, '{label}' AS name, count(n) AS count" for label in labels]
    parts += [
        f"MATCH ()-[r:{rel_type}]->() RETURN 'type' AS kind, '{rel_type}' AS name, count(r) AS count"
        for rel_type in types
    ]
    return "\nUNION ALL\n".join(parts)


STATS_COUNTS = count_query(NODE_LABELS, [*(rel_type.value for rel_type in RelationType), MENTIONS])


def read_stats(tx: ManagedTransaction) -> GraphStats:
    counts: dict[str, dict[str, int]] = {"label": {}, "type": {}}
    for record in tx.run(STATS_COUNTS):
        if record["count"]:
            counts[record["kind"]][record["name"]] = record["count"]
    dates = tx.run(ARTICLE_DATES).single(strict=True)
    labels, types = counts["label"], counts["type"]
    return GraphStats(
        nodes=labels.get("Actor", 0) + labels.get("Article", 0),
        relationships=sum(types.values()),
        labels=labels,
        types=types,
        actors=labels.get("Actor", 0),
        articles=labels.get("Article", 0),
        relations=sum(count for name, count in types.items() if name != MENTIONS),
        first_published=to_native(dates["first"]),
        last_published=to_native(dates["last"]),
    )


def get_stats(driver: Driver, *, database: str | None = None) -> GraphStats:
    """Nodes by label, relationships by type, and the span of the articles' publication dates."""
    return run_read(driver, database, read_stats)
