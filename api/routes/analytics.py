"""Analytic views over the graph: dyads, networks, paths, timelines, contested claims, stats."""

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Query

from api.deps import DriverDep, PaginationDep, SettingsDep
from api.errors import NotFoundError, problem_responses
from api.routes.params import ActorId, DateRangeDep, RelationTypes, require_different
from graph.analytics import (
    UnknownActorError,
    find_paths,
    get_dyad,
    get_network,
    get_stats,
    get_timeline,
)
from graph.contested import contested_claims
from schemas.api import ContestedClaim, Dyad, GraphStats, Network, Page, PathOut, RelationOut

router = APIRouter(tags=["analytics"])
T = TypeVar("T")

MAX_NETWORK_HOPS = 3
MAX_PATH_HOPS = 4
MAX_WINDOW_DAYS = 3650

ActorA = Annotated[str, Query(description="One actor's id.", examples=["Q794"])]
ActorB = Annotated[str, Query(description="The other actor's id.", examples=["Q30"])]
Source = Annotated[str, Query(description="The actor the paths start from.", examples=["Q-doj"])]
Target = Annotated[str, Query(description="The actor the paths end at.", examples=["Q22686"])]
OptionalActor = Annotated[str | None, Query(description="An actor's id.", examples=["Q22686"])]


def or_not_found(read: Callable[[], T]) -> T:
    """The read's result, or a 404 problem when it names an unknown actor."""
    try:
        return read()
    except UnknownActorError as error:
        raise NotFoundError(str(error)) from error


@router.get("/dyads", response_model=Dyad, responses=problem_responses(404, 422, 503))
def read_dyad(a: ActorA, b: ActorB, driver: DriverDep, settings: SettingsDep) -> Dyad:
    """Two actors' relations in both directions: counts by type and by month, and a monthly
    cooperation-conflict score.

    Each relation type has a Goldstein weight from -10 (most conflictual) to +10 (most
    cooperative), after the CAMEO code it maps to (`by_type[].weight`; the table is in
    `schemas/scales.py`); affiliations and DIRECTS have none. A month's `goldstein_sum` adds
    up the weights of its relations, `goldstein_mean` averages them; negated relations are
    counted but not scored. A relation's month is that of its own date, else of its article's
    publication; relations with neither are counted in `undated`.
    """
    require_different("a", a, "b", b)
    return or_not_found(lambda: get_dyad(driver, a, b, database=settings.neo4j_database))


@router.get("/actors/{actor_id}/network", response_model=Network, responses=problem_responses(404, 422, 503))
def read_network(
    actor_id: ActorId,
    driver: DriverDep,
    settings: SettingsDep,
    hops: Annotated[int, Query(ge=1, le=MAX_NETWORK_HOPS, description="How far from the actor to go.")] = 1,
    types: RelationTypes = None,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many actors besides the centre.")] = 50,
) -> Network:
    """The actors within `hops` relations of an actor (either direction) and the relations among them.

    Nearer actors come first, then those with more relations to the nearer ones; `total` counts
    all actors within reach. Edges are aggregated per source, type and target, with a count.
    """
    return or_not_found(
        lambda: get_network(
            driver, actor_id, hops=hops, types=types, limit=limit, database=settings.neo4j_database
        )
    )


@router.get("/paths", response_model=Page[PathOut], responses=problem_responses(404, 422, 503))
def read_paths(
    source: Source,
    target: Target,
    driver: DriverDep,
    settings: SettingsDep,
    page: PaginationDep,
    max_hops: Annotated[int, Query(ge=1, le=MAX_PATH_HOPS, description="The longest path to look for.")] = 3,
    types: RelationTypes = None,
) -> Page[PathOut]:
    """The shortest paths between two actors, over relations in either direction.

    Each path is a distinct sequence of actors (`nodes`) with every relation between
    consecutive ones (`edges`, aggregated per source, type and target). No path within
    `max_hops` gives an empty page.
    """
    require_different("source", source, "target", target)
    return or_not_found(
        lambda: find_paths(
            driver,
            source,
            target,
            max_hops=max_hops,
            types=types,
            limit=page.limit,
            offset=page.offset,
            database=settings.neo4j_database,
        )
    )


@router.get("/timeline", response_model=Page[RelationOut], responses=problem_responses(422, 503))
def read_timeline(
    driver: DriverDep,
    settings: SettingsDep,
    page: PaginationDep,
    dates: DateRangeDep,
    actor: OptionalActor = None,
    types: RelationTypes = None,
) -> Page[RelationOut]:
    """Relations in the order they happened, with their evidence.

    A relation's day is its own date where the text gave one, else its article's publication
    day; relations with neither come last. Without `type`, the events only (no LEADS,
    MEMBER_OF or PART_OF). With `actor`, the relations it is source or target of; an unknown
    actor has none.
    """
    return get_timeline(
        driver,
        actor=actor,
        types=types,
        since=dates.since,
        until=dates.until,
        limit=page.limit,
        offset=page.offset,
        database=settings.neo4j_database,
    )


@router.get("/contested", response_model=Page[ContestedClaim], responses=problem_responses(422, 503))
def read_contested(
    driver: DriverDep,
    settings: SettingsDep,
    page: PaginationDep,
    actor: Annotated[
        str | None, Query(description="Only pairs this actor takes part in (d, x, p or q).", examples=["Q794"])
    ] = None,
    window_days: Annotated[
        int,
        Query(ge=0, le=MAX_WINDOW_DAYS, description="Most days between a denial and a claim from different articles."),
    ] = 30,
) -> Page[ContestedClaim]:
    """Contested claims: denials side by side with the claims they deny, both with evidence.

    A **denial** is a DENIES or REJECTS relation `d -> x` that is not negated. A **claim** is
    an ACCUSES, CHARGED, PLOTS_AGAINST or THREATENS relation `p -> q` that is not negated. A
    claim contests a denial when it concerns the same matter, by one of these `link`s:

    - `shared_party`: p or q is d or x (except d's own accusations and charges);
    - `agent_of_denier`: q leads, is a member of or is part of d (LEADS, MEMBER_OF, PART_OF),
      e.g. charges against d's officials or units;
    - `hostile_to_target`: q PLOTS_AGAINST or THREATENS x, e.g. DOJ CHARGED Farhad Shakeri,
      who PLOTS_AGAINST Donald Trump, contests Iran DENIES Donald Trump;

    and when the two are close: from the same article, or with days (relation date, else
    article publication day) at most `window_days` apart. Newest denials first.
    """
    return contested_claims(
        driver,
        actor=actor,
        window_days=window_days,
        limit=page.limit,
        offset=page.offset,
        database=settings.neo4j_database,
    )


@router.get("/stats", response_model=GraphStats, responses=problem_responses(503))
def read_stats(driver: DriverDep, settings: SettingsDep) -> GraphStats:
    """Counts of the graph: nodes by label, relationships by type, articles and their date range."""
    return get_stats(driver, database=settings.neo4j_database)
