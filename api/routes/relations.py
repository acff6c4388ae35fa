from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import DriverDep, PaginationDep, SettingsDep
from api.errors import problem_responses
from api.routes.params import DateRangeDep, RelationTypes
from graph.reads import find_relations
from schemas.api import Direction, Page, RelationOut
from schemas.ontology import Modality

router = APIRouter(prefix="/relations", tags=["relations"])


@router.get("", response_model=Page[RelationOut], responses=problem_responses(422, 503))
def list_relations(
    driver: DriverDep,
    settings: SettingsDep,
    page: PaginationDep,
    dates: DateRangeDep,
    source: Annotated[str | None, Query(description="Source actor id.", examples=["person:masoud-pezeshkian"])] = None,
    target: Annotated[str | None, Query(description="Target actor id.", examples=["person:donald-trump"])] = None,
    types: RelationTypes = None,
    direction: Annotated[
        Direction,
        Query(description="out: from `source` to `target`; in: from `target` to `source`; both: either way."),
    ] = "out",
    modalities: Annotated[
        list[Modality] | None, Query(alias="modality", description="Only these modalities (repeatable).")
    ] = None,
    negated: Annotated[
        bool | None, Query(description="true: only relations the text negates; false: only the others.")
    ] = None,
) -> Page[RelationOut]:
    """Relations between a source and a target actor (either may be left open), newest first, with evidence.

    An unknown actor id matches no relation. A relation's day, which `since` and `until` filter
    on, is its own date where the text gave one, else its article's publication day.
    """
    return find_relations(
        driver,
        source=source,
        target=target,
        types=types,
        direction=direction,
        since=dates.since,
        until=dates.until,
        modalities=modalities,
        negated=negated,
        limit=page.limit,
        offset=page.offset,
        database=settings.neo4j_database,
    )
