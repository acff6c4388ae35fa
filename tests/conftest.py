"""Fixtures for tests that need a real Neo4j: a dedicated test server, a driver, a clean graph.

By default the session starts its own managed Neo4j on ports 17687 (Bolt) and 17474 (HTTP) with
a fresh home under pytest's temporary directory, and stops it at the end. Environment variables:

- GEOKG_TEST_HOME: keep the test server's data there instead; a server already running from that
  home is reused and left running.
- GEOKG_TEST_BOLT_PORT / GEOKG_TEST_HTTP_PORT: other ports. Without them, a session whose default
  ports are held by another session's test server picks free ports instead.
- GEOKG_TEST_NEO4J_URI (with GEOKG_TEST_NEO4J_USER, GEOKG_TEST_NEO4J_PASSWORD and
  GEOKG_TEST_NEO4J_DATABASE): use that server and start nothing.

Tests that use these fixtures are marked `neo4j`, so `pytest -m "not neo4j"` skips them.
"""

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from geokg.settings import Settings
from graph.server import Neo4jServerError, ServerStatus, is_port_free, neo4j_status, start_neo4j, stop_neo4j

TEST_BOLT_PORT = 17687
TEST_HTTP_PORT = 17474
TEST_PASSWORD = "geokg-test-password"
MARKER_LABEL = "GeokgTestMarker"
MARKER_ID = "geokg-test-database"
NEO4J_FIXTURES = {"neo4j_server", "neo4j_driver", "clean_graph"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if NEO4J_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def test_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the test Neo4j: never the user's own server or data."""
    external_uri = os.environ.get("GEOKG_TEST_NEO4J_URI")
    if external_uri:
        return Settings(
            neo4j_uri=external_uri,
            neo4j_user=os.environ.get("GEOKG_TEST_NEO4J_USER", "neo4j"),
            neo4j_password=os.environ.get("GEOKG_TEST_NEO4J_PASSWORD", ""),
            neo4j_database=os.environ.get("GEOKG_TEST_NEO4J_DATABASE", "neo4j"),
        )
    test_home = os.environ.get("GEOKG_TEST_HOME")
    home = Path(test_home) if test_home else tmp_path_factory.mktemp("neo4j-home")
    settings = Settings(
        # Explicit values win over NEO4J_* / GEOKG_* variables meant for the user's own server.
        neo4j_uri=None,
        neo4j_user="neo4j",
        neo4j_password=TEST_PASSWORD,
        neo4j_database="neo4j",
        home=home,
        cache_dir=Settings().cache_dir,
        bolt_port=int(os.environ.get("GEOKG_TEST_BOLT_PORT", TEST_BOLT_PORT)),
        http_port=int(os.environ.get("GEOKG_TEST_HTTP_PORT", TEST_HTTP_PORT)),
        # Test graphs are small; a lighter server leaves room for the rest of the machine.
        neo4j_heap="512m",
        neo4j_pagecache="128m",
    )
    return move_off_taken_ports(settings)


def move_off_taken_ports(settings: Settings) -> Settings:
    """Free ports instead of the default ones when another session's test server holds them.

    Explicit GEOKG_TEST_*_PORT values are kept, so that a clash with them is reported.
    """
    if "GEOKG_TEST_BOLT_PORT" in os.environ or "GEOKG_TEST_HTTP_PORT" in os.environ:
        return settings
    if neo4j_status(settings).running:
        return settings
    if is_port_free(settings.bolt_port) and is_port_free(settings.http_port):
        return settings
    return settings.model_copy(update={"bolt_port": pick_free_port(), "http_port": pick_free_port()})


def pick_free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def neo4j_server(test_settings: Settings) -> Iterator[ServerStatus]:
    """The running test server; stopped at the end unless it was running before the session."""
    was_running = test_settings.managed and neo4j_status(test_settings).running
    try:
        status = start_neo4j(test_settings)
    except Neo4jServerError as error:
        pytest.fail(
            f"The Neo4j test server is not available: {error}\n(For the tests, set GEOKG_TEST_BOLT_PORT, "
            "GEOKG_TEST_HTTP_PORT, GEOKG_TEST_HOME or GEOKG_TEST_NEO4J_URI instead.)",
            pytrace=False,
        )
    yield status
    if test_settings.managed and not was_running:
        stop_neo4j(test_settings)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: ServerStatus, test_settings: Settings) -> Iterator[Driver]:
    auth = (test_settings.neo4j_user, test_settings.neo4j_password.get_secret_value())
    with GraphDatabase.driver(test_settings.bolt_uri, auth=auth) as driver:
        ensure_test_marker(driver, test_settings.neo4j_database)
        yield driver


@pytest.fixture
def clean_graph(neo4j_driver: Driver, test_settings: Settings) -> Driver:
    """The driver, on a test database emptied of everything but its marker; schema is kept."""
    wipe_test_graph(neo4j_driver, test_settings)
    return neo4j_driver


def wipe_test_graph(driver: Driver, settings: Settings) -> None:
    """Delete all nodes and relationships but the marker, refusing when the marker is missing."""
    database = settings.neo4j_database
    if not ensure_test_marker(driver, database):
        pytest.fail(
            f"Refusing to wipe database {database!r} at {settings.bolt_uri}: it holds data and no "
            f"(:{MARKER_LABEL} {{id: '{MARKER_ID}'}}) node, so it may not be a test database. "
            "Point GEOKG_TEST_NEO4J_URI at an empty database, or unset it to use the managed test server.",
            pytrace=False,
        )
    driver.execute_query(f"MATCH (n) WHERE NOT n:{MARKER_LABEL} DETACH DELETE n", database_=database)


def ensure_test_marker(driver: Driver, database: str) -> bool:
    """Whether the database is marked as the test one, marking it when it is empty.

    An empty database holds nothing to lose, so marking it is safe; a database with data but
    no marker is someone's real graph.
    """
    # Notifications off: on a fresh database the marker label is unknown, which Neo4j warns about.
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        counts = session.run(
            f"""
            OPTIONAL MATCH (m:{MARKER_LABEL} {{id: $id}})
            WITH count(m) AS markers
            OPTIONAL MATCH (n)
            RETURN markers, count(n) AS nodes
            """,
            id=MARKER_ID,
        ).single(strict=True)
        if counts["markers"] > 0:
            return True
        if counts["nodes"] > 0:
            return False
        session.run(f"MERGE (:{MARKER_LABEL} {{id: $id}})", id=MARKER_ID).consume()
    return True
