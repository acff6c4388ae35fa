"""Contested claims: denials paired with the claims about the same matter that they deny.

A denial is a DENIES or REJECTS relation d -> x that is not negated. A claim is an ACCUSES,
CHARGED, PLOTS_AGAINST or THREATENS relation p -> q that is not negated. A claim contests a
denial when it concerns the same matter, by one of these links (the first that holds names it):

- shared_party: p or q is d or x;
- agent_of_denier: q leads, is a member of or is part of d (charges against d's officials or units);
- hostile_to_target: q plots against or threatens x (DOJ CHARGED Farhad Shakeri, who
  PLOTS_AGAINST Donald Trump, contests Iran DENIES Donald Trump);

except that d's own accusations and charges never contest its denial, and when the two are
close: from the same article, or with days (relation date, else article publication day) at
most a window apart.

The pairing runs here rather than in Cypher: the graph gives the denials, the claims and the
affiliations as rows of ids and days once, and a claim index keyed by actor and day finds the
candidates of each denial without a join of every denial with every claim of a busy actor.
"""

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.reads import ACTOR_FIELDS, AFFILIATION_TYPES, run_read, to_native, to_relation
from schemas.api import ClaimLink, ContestedClaim, Page

DENIAL_TYPES = "DENIES|REJECTS"
CLAIM_TYPES = "ACCUSES|CHARGED|PLOTS_AGAINST|THREATENS"
HOSTILE_TYPES = frozenset({"PLOTS_AGAINST", "THREATENS"})
SELF_CLAIM_TYPES = frozenset({"ACCUSES", "CHARGED"})
LINKS: list[ClaimLink] = ["shared_party", "agent_of_denier", "hostile_to_target"]

RELATION_ROWS = """
MATCH (s:Actor)-[r:{types}]->(t:Actor)
WHERE NOT coalesce(r.negated, false)
OPTIONAL MATCH (art:Article {{id: r.article_id}})
RETURN elementId(r) AS key, r.id AS id, type(r) AS type, s.id AS source, t.id AS target,
  r.article_id AS article, coalesce(r.date, date(art.published)) AS day
"""
DENIALS = RELATION_ROWS.format(types=DENIAL_TYPES)
CLAIMS = RELATION_ROWS.format(types=CLAIM_TYPES)
AGENTS = f"""
MATCH (agent:Actor)-[f:{AFFILIATION_TYPES}]->(body:Actor)
WHERE NOT coalesce(f.negated, false)
RETURN DISTINCT agent.id AS agent, body.id AS body
"""
# Element ids hold within the transaction that read them, and this query runs in the same one.
RELATIONS_BY_KEY = f"""
UNWIND $keys AS key
MATCH ()-[r]->() WHERE elementId(r) = key
OPTIONAL MATCH (art:Article {{id: r.article_id}})
WITH key, r, art, coalesce(r.date, date(art.published)) AS day, startNode(r) AS source, endNode(r) AS target
RETURN key, type(r) AS type, properties(r) AS rel, day,
  source {ACTOR_FIELDS} AS source, target {ACTOR_FIELDS} AS target, art {{.title, .url, .published}} AS article
"""


@dataclass(frozen=True)
class Row:
    """A denial or a claim as ids: enough to pair them; the page's rows are then read in full."""

    key: str
    id: str
    type: str
    source: str
    target: str
    article: str
    day: dt.date | None


@dataclass(frozen=True)
class Pair:
    denial: Row
    claim: Row
    rank: int
    days_apart: int | None

    @property
    def same_article(self) -> bool:
        return self.denial.article == self.claim.article

    def sort_key(self) -> tuple:
        """Newest denial first, then per denial the nearest claim first."""
        day = self.denial.day
        return (
            day is None,
            -day.toordinal() if day else 0,
            self.denial.id,
            self.days_apart is None,
            self.days_apart or 0,
            self.claim.id,
        )


@dataclass
class DatedClaims:
    """Claims sorted by day, for the ones within a window of a day."""

    days: list[int] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)

    def near(self, day: dt.date, window: int) -> list[Row]:
        low = bisect.bisect_left(self.days, day.toordinal() - window)
        high = bisect.bisect_right(self.days, day.toordinal() + window)
        return self.claims[low:high]


@dataclass
class ClaimIndex:
    by_party: dict[str, DatedClaims] = field(default_factory=lambda: defaultdict(DatedClaims))
    by_target: dict[str, DatedClaims] = field(default_factory=lambda: defaultdict(DatedClaims))
    by_article: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    hostile_to: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    agents_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def to_row(record: dict[str, Any]) -> Row:
    return Row(**{**record, "day": to_native(record["day"])})


def index_claims(claims: Iterable[Row], agents: Iterable[tuple[str, str]]) -> ClaimIndex:
    index = ClaimIndex()
    for claim in sorted(claims, key=lambda row: (row.day is None, row.day or dt.date.min, row.id)):
        index.by_article[claim.article].append(claim)
        if claim.type in HOSTILE_TYPES:
            index.hostile_to[claim.target].add(claim.source)
        if claim.day is None:
            continue
        dated_lists = [index.by_party[claim.source], index.by_target[claim.target]]
        if claim.target != claim.source:
            dated_lists.append(index.by_party[claim.target])
        for dated in dated_lists:
            dated.days.append(claim.day.toordinal())
            dated.claims.append(claim)
    for agent, body in agents:
        index.agents_of[body].add(agent)
    return index


def link_rank(denial: Row, claim: Row, index: ClaimIndex) -> int | None:
    """Which link makes the claim concern the denial's matter (an index into LINKS), or None."""
    if claim.source == denial.source and claim.type in SELF_CLAIM_TYPES:
        return None
    if {claim.source, claim.target} & {denial.source, denial.target}:
        return 0
    if claim.target in index.agents_of[denial.source]:
        return 1
    if claim.target in index.hostile_to[denial.target]:
        return 2
    return None


def candidates(denial: Row, index: ClaimIndex, window: int) -> Iterator[Row]:
    """Claims of the same article, and dated claims near the denial of any actor a link can go through."""
    yield from index.by_article[denial.article]
    if denial.day is None:
        return
    for party in (denial.source, denial.target):
        yield from index.by_party[party].near(denial.day, window)
    for actor_id in index.agents_of[denial.source] | index.hostile_to[denial.target]:
        yield from index.by_target[actor_id].near(denial.day, window)


def days_between(first: dt.date | None, second: dt.date | None) -> int | None:
    return abs((first - second).days) if first and second else None


def pair_denial(denial: Row, index: ClaimIndex, window: int) -> Iterator[Pair]:
    seen: set[str] = set()
    for claim in candidates(denial, index, window):
        if claim.key in seen:
            continue
        seen.add(claim.key)
        rank = link_rank(denial, claim, index)
        days_apart = days_between(denial.day, claim.day)
        close = claim.article == denial.article or (days_apart is not None and days_apart <= window)
        if rank is not None and close:
            yield Pair(denial=denial, claim=claim, rank=rank, days_apart=days_apart)


def involves(pair: Pair, actor_id: str | None) -> bool:
    if actor_id is None:
        return True
    return actor_id in {pair.denial.source, pair.denial.target, pair.claim.source, pair.claim.target}


def find_pairs(denials: Iterable[Row], index: ClaimIndex, window: int, actor_id: str | None) -> list[Pair]:
    pairs = [pair for denial in denials for pair in pair_denial(denial, index, window) if involves(pair, actor_id)]
    pairs.sort(key=Pair.sort_key)
    return pairs


def read_relations(tx: ManagedTransaction, keys: list[str]) -> dict[str, dict[str, Any]]:
    return {record["key"]: record.data() for record in tx.run(RELATIONS_BY_KEY, keys=keys)}


def to_contested(pair: Pair, relations: dict[str, dict[str, Any]]) -> ContestedClaim:
    return ContestedClaim(
        denial=to_relation(relations[pair.denial.key]),
        claim=to_relation(relations[pair.claim.key]),
        link=LINKS[pair.rank],
        same_article=pair.same_article,
        days_apart=pair.days_apart,
    )


def read_contested(
    tx: ManagedTransaction, actor_id: str | None, window: int, limit: int, offset: int
) -> tuple[int, list[ContestedClaim]]:
    denials = [to_row(record.data()) for record in tx.run(DENIALS)]
    claims = [to_row(record.data()) for record in tx.run(CLAIMS)]
    agents = [(record["agent"], record["body"]) for record in tx.run(AGENTS)]
    pairs = find_pairs(denials, index_claims(claims, agents), window, actor_id)
    page = pairs[offset : offset + limit]
    relations = read_relations(tx, sorted({row.key for pair in page for row in (pair.denial, pair.claim)}))
    return len(pairs), [to_contested(pair, relations) for pair in page]


def contested_claims(
    driver: Driver,
    *,
    actor: str | None = None,
    window_days: int = 30,
    limit: int = 50,
    offset: int = 0,
    database: str | None = None,
) -> Page[ContestedClaim]:
    """Denials paired with the claims that contest them (see the module), newest denial first.

    `actor` keeps the pairs it takes part in, as d, x, p or q.
    """
    total, items = run_read(driver, database, read_contested, actor, window_days, limit, offset)
    return Page[ContestedClaim](items=items, total=total, limit=limit, offset=offset)
