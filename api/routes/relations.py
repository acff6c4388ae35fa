from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import DriverDep, PaginationDep, SettingsDep
from api.errors import problem_responses
from graph.reads import find_relations
from schemas.api import Page, RelationOut
from schemas.ontology import RelationType

router = APIRouter(prefix="/relations", tags=["relations"])


@router.get("", response_model=Page[RelationOut], responses=problem_responses(422, 503))
def list_relations(
    driver: DriverDep,
    settings: SettingsDep,
    page: PaginationDep,
    source: Annotated[str | None, Query(description="Source actor id.", examples=["person:masoud-pezeshkian"])] = None,
    target: Annotated[str | None, Query(description="Target actor id.", examples=["person:donald-trump"])] = None,
    types: Annotated[
        list[RelationType] | None, Query(alias="type", description="Only these relation types (repeatable).")
    ] = None,
) -> Page[RelationOut]:
    """Relations from a source to a target actor (either may be left open), newest first."""
    return find_relations(
        driver,
        source=source,
        target=target,
        types=types,
        limit=page.limit,
        offset=page.offset,
        database=settings.neo4j_database,
    )
