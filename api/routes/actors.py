from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import DriverDep, PaginationDep, SettingsDep
from api.errors import NotFoundError, problem_responses
from graph.reads import get_actor, get_actor_relations, search_actors
from schemas.api import ActorDetail, ActorSummary, Direction, Page, RelationOut
from schemas.ontology import ActorType, RelationType

router = APIRouter(prefix="/actors", tags=["actors"])

ActorId = Annotated[str, Path(description="The actor's graph id.", examples=["person:masoud-pezeshkian"])]


@router.get("", response_model=Page[ActorSummary], responses=problem_responses(422, 503))
def list_actors(
    driver: DriverDep,
    settings: SettingsDep,
    page: PaginationDep,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Name or alias; case and accents are ignored.", examples=["pezeshkian"]),
    ] = None,
    types: Annotated[list[ActorType] | None, Query(alias="type", description="Only these actor types.")] = None,
) -> Page[ActorSummary]:
    """Search actors by name or alias (exact matches first), or list them all by name."""
    return search_actors(
        driver, q, types=types, limit=page.limit, offset=page.offset, database=settings.neo4j_database
    )


@router.get("/{actor_id}", response_model=ActorDetail, responses=problem_responses(404, 422, 503))
def read_actor(actor_id: ActorId, driver: DriverDep, settings: SettingsDep) -> ActorDetail:
    """One actor with its names, relation counts by type and direction, and number of articles."""
    actor = get_actor(driver, actor_id, database=settings.neo4j_database)
    if actor is None:
        raise NotFoundError(f"No actor with id {actor_id!r}.")
    return actor


@router.get("/{actor_id}/relations", response_model=Page[RelationOut], responses=problem_responses(404, 422, 503))
def read_actor_relations(
    actor_id: ActorId,
    driver: DriverDep,
    settings: SettingsDep,
    page: PaginationDep,
    types: Annotated[
        list[RelationType] | None, Query(alias="type", description="Only these relation types (repeatable).")
    ] = None,
    direction: Annotated[
        Direction, Query(description="out: the actor is the source; in: the target; both: either.")
    ] = "both",
) -> Page[RelationOut]:
    """The actor's relations with their evidence, newest first."""
    relations = get_actor_relations(
        driver,
        actor_id,
        types=types,
        direction=direction,
        limit=page.limit,
        offset=page.offset,
        database=settings.neo4j_database,
    )
    if relations is None:
        raise NotFoundError(f"No actor with id {actor_id!r}.")
    return relations
