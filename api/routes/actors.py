from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import DriverDep, PaginationDep, SettingsDep
from api.errors import NotFoundError, problem_responses
from api.routes.params import ActorId, RelationTypes
from graph.reads import get_actor, get_actor_relations, search_actors
from schemas.api import ActorDetail, ActorSummary, Direction, Page, RelationOut
from schemas.ontology import ActorType

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("", response_model=Page[ActorSummary], responses=problem_responses(422, 503))
def list_actors(
    driver: DriverDep,
    settings: SettingsDep,
    page: PaginationDep,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Name or alias; case and accents are ignored, and typos in words of 4 or more letters.",
            examples=["pezeshkian"],
        ),
    ] = None,
    types: Annotated[list[ActorType] | None, Query(alias="type", description="Only these actor types.")] = None,
    country: Annotated[
        str | None,
        Query(max_length=200, description="A State's id or name: that State and the actors affiliated with it.",
              examples=["Iran"]),
    ] = None,
) -> Page[ActorSummary]:
    """Search actors by name or alias (exact matches first), or list them all by name.

    An actor's country is a State it leads, is a member of or part of (LEADS, MEMBER_OF,
    PART_OF), directly or through up to two organizations (Qods Force -> IRGC -> Iran); a
    State's country is itself. Negated affiliations do not count; an unknown country matches
    no actor.
    """
    return search_actors(
        driver,
        q,
        types=types,
        country=country,
        limit=page.limit,
        offset=page.offset,
        database=settings.neo4j_database,
    )


@router.get("/{actor_id}", response_model=ActorDetail, responses=problem_responses(404, 422, 503))
def read_actor(actor_id: ActorId, driver: DriverDep, settings: SettingsDep) -> ActorDetail:
    """One actor's profile: labels, names, QID, roles with their dates, relation counts by type and
    direction, top counterparts, first and last seen, and the number of articles that mention it.

    Dates are relation dates where the text gave one, else article publication days.
    """
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
    types: RelationTypes = None,
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
