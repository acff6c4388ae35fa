"""Property-based tests of the REST API against its own OpenAPI schema, with schemathesis.

Every operation of the running app (lifespan included: driver, schema) is called with generated
requests, over the real test Neo4j holding a small graph whose actor ids are the schema's own
examples. Each response must conform to the schema (status code, content type, headers, body),
and none may be a server error, except a 503 where the operation documents it. Schemathesis'
checks of the requests themselves (that the API rejects every schema-violating request and
accepts every schema-valid one, and that it demands the documented API key) are not run: an
API that checks more than OpenAPI can say (two different actors, say) fails them by design.

The schema is the app's own OpenAPI document, loaded when the module is collected; the requests
go in-process to an app made by a fixture for the test Neo4j. (Schemathesis'
`pytest.from_fixture` would do the same, but it does not work with pytest 9.)
"""

import json
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from neo4j import Driver
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from geokg.settings import Settings
from tests.conftest import wipe_test_graph
from tests.test_browser import write_sample_graph

MAX_EXAMPLES = 20
ALLOWED_SERVER_ERRORS = {503}
RESPONSE_CHECKS = [
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


class AppUnderTest:
    """An ASGI app that forwards to the app a fixture sets: the schema is loaded before it exists."""

    def __init__(self) -> None:
        self.app = None

    async def __call__(self, scope, receive, send) -> None:
        if self.app is None:
            raise RuntimeError("the api_app fixture has not set the app under test")
        await self.app(scope, receive, send)


def openapi_document() -> dict:
    """The app's OpenAPI document; making the app connects to nothing."""
    return json.loads(
        json.dumps(create_app(Settings(neo4j_uri="bolt://127.0.0.1:1", neo4j_password="unused")).openapi())
    )


APP = AppUnderTest()
schema = schemathesis.openapi.from_dict(openapi_document())
schema.app = APP


@pytest.fixture(scope="module")
def api_app(neo4j_driver: Driver, test_settings: Settings) -> Iterator[None]:
    """The app over the test Neo4j and the Browser tests' graph (it holds the schema's example ids)."""
    wipe_test_graph(neo4j_driver, test_settings)
    write_sample_graph(neo4j_driver, test_settings.neo4j_database)
    APP.app = create_app(test_settings)
    try:
        yield
    finally:
        # Schemathesis keeps an app's lifespan running until the process exits; ending it here
        # closes the app's driver while the test Neo4j still runs.
        shutdown_lifespans()
        APP.app = None


def documented_statuses(case: schemathesis.Case) -> set[str]:
    return set(case.operation.definition.raw.get("responses", {}))


def no_undocumented_server_error(ctx, response, case) -> None:
    """No 5xx, except a status the operation documents among the allowed ones (503)."""
    status = response.status_code
    if status < 500:
        return
    allowed = status in ALLOWED_SERVER_ERRORS and str(status) in documented_statuses(case)
    assert allowed, f"{case.method} {case.formatted_path} answered {status}: {response.text[:500]}"
    return


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    # The same examples at every run, so that CI fails only when the API changes; no example
    # database is written into the work tree.
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_openapi_schema(api_app: None, case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[no_undocumented_server_error, *RESPONSE_CHECKS])
