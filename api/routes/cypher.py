from http import HTTPStatus

from fastapi import APIRouter, Depends

from api.deps import DriverDep, SettingsDep
from api.errors import PROBLEM_TYPE_PREFIX, DomainError, problem_responses
from api.security import RequireApiKey
from graph.cypher import CypherQueryError, CypherRejectedError, CypherTimeoutError, run_read_only
from schemas.io import CypherRequest, CypherResult

router = APIRouter(prefix="/cypher", tags=["cypher"])


class CypherDisabledError(DomainError):
    status = HTTPStatus.FORBIDDEN
    problem_type = PROBLEM_TYPE_PREFIX + "cypher-disabled"


class NotReadOnlyError(DomainError):
    status = HTTPStatus.BAD_REQUEST
    problem_type = PROBLEM_TYPE_PREFIX + "cypher-not-read-only"


class QueryFailedError(DomainError):
    status = HTTPStatus.BAD_REQUEST
    problem_type = PROBLEM_TYPE_PREFIX + "cypher-error"


class QueryTimeoutError(DomainError):
    status = HTTPStatus.GATEWAY_TIMEOUT
    problem_type = PROBLEM_TYPE_PREFIX + "cypher-timeout"


def require_cypher_enabled(settings: SettingsDep) -> None:
    if not settings.cypher_enabled:
        raise CypherDisabledError(
            "The read-only Cypher endpoint is disabled; "
            "the server's operator enables it with GEOKG_CYPHER_ENABLED=true."
        )


@router.post(
    "",
    response_model=CypherResult,
    # Enabled is checked first: a disabled endpoint says so whatever the key.
    dependencies=[Depends(require_cypher_enabled), RequireApiKey],
    responses=problem_responses(400, 401, 403, 422, 503, 504),
)
def run_cypher(body: CypherRequest, driver: DriverDep, settings: SettingsDep) -> CypherResult:
    """Run one read-only Cypher statement with parameters (off unless GEOKG_CYPHER_ENABLED=true).

    Rejected with 400 when it is not a read: writes, CALL of any procedure or subquery, LOAD CSV,
    schema and admin commands, SHOW, USE, client commands, more than one statement. It runs in
    a read transaction that Neo4j ends after `GEOKG_CYPHER_TIMEOUT` seconds (504), and returns at
    most `GEOKG_CYPHER_ROW_CAP` rows (`truncated` says whether there were more). Needs the
    X-API-Key header when the server has an API key.
    """
    try:
        return run_read_only(
            driver,
            body.query,
            body.parameters,
            timeout=settings.cypher_timeout,
            row_cap=settings.cypher_row_cap,
            database=settings.neo4j_database,
        )
    except CypherRejectedError as error:
        raise NotReadOnlyError(str(error)) from error
    except CypherTimeoutError as error:
        raise QueryTimeoutError(f"The query did not finish within {settings.cypher_timeout:g} s.") from error
    except CypherQueryError as error:
        detail = f"Neo4j refused the query ({error.code}): {error}" if error.code else str(error)
        raise QueryFailedError(detail) from error
