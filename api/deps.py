"""Request dependencies: the app's settings and driver (made once, in the lifespan), paging."""

import logging
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from neo4j import Driver

from api.errors import GraphUnavailableError
from geokg.settings import Settings
from graph.driver import check_connection
from graph.schema import ensure_schema

MAX_PAGE_SIZE = 500
# Far beyond any result, and far below Bolt's 64-bit integers: `offset + limit` cannot overflow.
MAX_OFFSET = 1_000_000_000
DEFAULT_PAGE_SIZE = 50

logger = logging.getLogger(__name__)


def prepare_graph(driver: Driver, database: str) -> bool:
    """Ensure the schema when Neo4j answers; False (and nothing done) when it does not."""
    if check_connection(driver) is None:
        return False
    ensure_schema(driver, database)
    return True


def app_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(app_settings)]


def graph_driver(request: Request, settings: SettingsDep) -> Driver:
    """The app's driver, once Neo4j answers and the schema is in place.

    The API starts even while Neo4j is down (it answers 503 meanwhile); the schema is then
    ensured by the first request that finds Neo4j up.
    """
    state = request.app.state
    if not state.graph_ready:
        state.graph_ready = prepare_graph(state.driver, settings.neo4j_database)
        if not state.graph_ready:
            raise GraphUnavailableError("The graph database does not answer; try again later.")
        logger.info("Neo4j answers; schema ensured")
    return state.driver


DriverDep = Annotated[Driver, Depends(graph_driver)]


@dataclass(frozen=True)
class Pagination:
    limit: int
    offset: int


def pagination(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page.")] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Pagination:
    return Pagination(limit=limit, offset=offset)


PaginationDep = Annotated[Pagination, Depends(pagination)]
