"""Errors as RFC 9457 problem details (application/problem+json), never a 200 with an error body."""

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException as StarletteHTTPException

from schemas.api import Problem

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:geokg:problem:"

logger = logging.getLogger(__name__)


class DomainError(Exception):
    """An error the API answers with its own status and problem type."""

    status = HTTPStatus.INTERNAL_SERVER_ERROR
    problem_type = "about:blank"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFoundError(DomainError):
    status = HTTPStatus.NOT_FOUND
    problem_type = PROBLEM_TYPE_PREFIX + "not-found"


class GraphUnavailableError(DomainError):
    status = HTTPStatus.SERVICE_UNAVAILABLE
    problem_type = PROBLEM_TYPE_PREFIX + "graph-unavailable"


def problem_response(
    request: Request,
    status: int,
    *,
    detail: str | None = None,
    problem_type: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    problem = Problem(
        type=problem_type,
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        **extensions,
    )
    return JSONResponse(
        problem.model_dump(mode="json", exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


async def handle_domain_error(request: Request, error: DomainError) -> JSONResponse:
    return problem_response(request, error.status, detail=error.detail, problem_type=error.problem_type)


async def handle_http_exception(request: Request, error: StarletteHTTPException) -> JSONResponse:
    detail = error.detail if isinstance(error.detail, str) else None
    if detail == HTTPStatus(error.status_code).phrase:
        detail = None
    return problem_response(request, error.status_code, detail=detail, headers=error.headers)


def describe_validation_errors(errors: Any) -> list[dict[str, Any]]:
    """Location, message and type of each error; the docs URL pydantic adds is noise to a client."""
    return [{key: value for key, value in error.items() if key != "url"} for error in jsonable_encoder(errors)]


async def handle_validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    return problem_response(
        request,
        HTTPStatus(422),
        detail="The request has invalid parameters; see `errors`.",
        problem_type=PROBLEM_TYPE_PREFIX + "validation-error",
        errors=describe_validation_errors(error.errors()),
    )


async def handle_neo4j_unavailable(request: Request, error: Exception) -> JSONResponse:
    logger.warning("Neo4j is unavailable: %s", error)
    return problem_response(
        request,
        HTTPStatus.SERVICE_UNAVAILABLE,
        detail="The graph database does not answer; try again later.",
        problem_type=GraphUnavailableError.problem_type,
    )


async def handle_unexpected_error(request: Request, error: Exception) -> JSONResponse:
    # The details go to the log, not to the client.
    logger.exception("Unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return problem_response(request, HTTPStatus.INTERNAL_SERVER_ERROR, detail="An unexpected error occurred.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, handle_domain_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_exception)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(ServiceUnavailable, handle_neo4j_unavailable)
    app.add_exception_handler(SessionExpired, handle_neo4j_unavailable)
    app.add_exception_handler(Exception, handle_unexpected_error)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for a route's error statuses, under the problem+json media type.

    The schema is inlined: FastAPI's `model` key would also list the errors as application/json.
    """
    schema = Problem.model_json_schema()
    return {
        status: {"description": HTTPStatus(status).phrase, "content": {PROBLEM_JSON: {"schema": schema}}}
        for status in statuses
    }
