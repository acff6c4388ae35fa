from fastapi import APIRouter

from api.deps import DriverDep
from api.errors import GraphUnavailableError, problem_responses
from graph.driver import check_connection
from schemas.api import Health, Neo4jStatus

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses=problem_responses(503))
def health(driver: DriverDep) -> Health:
    """Whether the API and its Neo4j answer; 503 when Neo4j does not."""
    version = check_connection(driver)
    if version is None:
        raise GraphUnavailableError("The graph database does not answer; try again later.")
    return Health(neo4j=Neo4jStatus(available=True, version=version))
