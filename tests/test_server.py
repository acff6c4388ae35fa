import os
import re
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError

from geokg.settings import Settings
from graph import server
from graph.server import (
    NEO4J_VERSION,
    Neo4jServerError,
    ServerStatus,
    check_java,
    check_ports_free,
    ensure_neo4j_installed,
    neo4j_status,
    parse_java_major,
    read_pom,
    render_neo4j_config,
    start_neo4j,
    stop_neo4j,
    to_jvm_size,
    write_neo4j_config,
)
from tests.conftest import MARKER_ID, MARKER_LABEL, ensure_test_marker, wipe_test_graph


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "neo4j_uri": None,
        "home": tmp_path / "home",
        "cache_dir": tmp_path / "cache",
        "bolt_port": 17001,
        "http_port": 17002,
        "neo4j_heap": "768m",
        "neo4j_pagecache": "64m",
    }
    values.update(overrides)
    return Settings(**values)


def parse_config(text: str) -> dict[str, str]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return dict(line.split("=", 1) for line in lines)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# Pure parts


def test_config_listens_locally_on_the_configured_ports(tmp_path: Path) -> None:
    config = parse_config(render_neo4j_config(make_settings(tmp_path)))

    assert config["server.default_listen_address"] == "127.0.0.1"
    assert config["server.bolt.listen_address"] == "127.0.0.1:17001"
    assert config["server.bolt.advertised_address"] == "127.0.0.1:17001"
    assert config["server.http.listen_address"] == "127.0.0.1:17002"
    assert config["server.http.advertised_address"] == "127.0.0.1:17002"
    assert config["server.https.enabled"] == "false"
    assert config["dbms.usage_report.enabled"] == "false"
    assert config["dbms.security.auth_enabled"] == "true"


def test_config_sets_memory_and_directories_under_home(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    config = parse_config(render_neo4j_config(settings))

    assert config["server.memory.heap.initial_size"] == "768m"
    assert config["server.memory.heap.max_size"] == "768m"
    assert config["server.memory.pagecache.size"] == "64m"
    for name in ("data", "logs", "run", "plugins", "import"):
        assert config[f"server.directories.{name}"] == (settings.home / name).as_posix()


def test_config_extra_settings_are_added_and_override(tmp_path: Path) -> None:
    extra = {"browser.post_connect_cmd": "play http://127.0.0.1:8000/guide", "server.https.enabled": "true"}
    text = render_neo4j_config(make_settings(tmp_path), extra=extra)
    config = parse_config(text)

    assert config["browser.post_connect_cmd"] == "play http://127.0.0.1:8000/guide"
    assert config["server.https.enabled"] == "true"
    # Strict validation in Neo4j refuses duplicated keys.
    keys = [line.split("=", 1)[0] for line in text.splitlines() if line and not line.startswith("#")]
    assert len(keys) == len(set(keys))


def test_write_config_regenerates_the_file(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    path = write_neo4j_config(settings)
    path.write_text("stale=1\n")

    write_neo4j_config(settings)

    assert path == settings.home / "conf" / "neo4j.conf"
    assert "stale" not in path.read_text()


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment', 17),
        ('openjdk version "21" 2023-09-19', 21),
        ('java version "1.8.0_311"\nJava(TM) SE Runtime Environment', 8),
        ('openjdk version "11.0.2" 2019-01-15', 11),
        ('Picked up JAVA_TOOL_OPTIONS: -Xss4m\nopenjdk version "22-ea" 2024-03-19', 22),
        ("bash: java: command not found", None),
    ],
)
def test_parse_java_major(output: str, major: int | None) -> None:
    assert parse_java_major(output) == major


def test_missing_java_is_explained() -> None:
    with pytest.raises(Neo4jServerError, match=r"Java 17 or newer is required.*NEO4J_URI"):
        check_java(None)


def test_old_java_is_refused(tmp_path: Path) -> None:
    fake_java = tmp_path / "java"
    fake_java.write_text('#!/bin/sh\necho \'java version "1.8.0_311"\' >&2\n')
    fake_java.chmod(0o755)

    with pytest.raises(Neo4jServerError, match=r'found .*"1\.8\.0_311"'):
        check_java(str(fake_java))


@pytest.mark.parametrize(("value", "jvm"), [("1g", "1g"), ("512M", "512m"), ("2GiB", "2g"), ("64mb", "64m")])
def test_memory_sizes_are_spelled_for_the_jvm(value: str, jvm: str) -> None:
    assert to_jvm_size(value) == jvm


def test_invalid_memory_size_is_refused() -> None:
    with pytest.raises(Neo4jServerError, match="Invalid memory size"):
        to_jvm_size("lots")


def test_pom_pins_exact_versions() -> None:
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    root = ET.fromstring(read_pom())
    versions = {
        f"{dep.findtext('m:groupId', namespaces=namespace)}:{dep.findtext('m:artifactId', namespaces=namespace)}": (
            dep.findtext("m:version", namespaces=namespace)
        )
        for dep in root.iterfind("m:dependencies/m:dependency", namespace)
    }

    assert versions == {
        "org.neo4j:neo4j": NEO4J_VERSION,
        "org.neo4j.app:neo4j-server": NEO4J_VERSION,
        "org.neo4j.client:neo4j-browser": "5.24.0",
    }
    assert all(re.fullmatch(r"\d+(\.\d+)*", version) for version in versions.values())


def test_installed_jars_are_reused_without_maven(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings(tmp_path)
    lib = settings.cache_dir / f"neo4j-{NEO4J_VERSION}" / "lib"
    lib.mkdir(parents=True)
    (lib / server.INSTALL_MARKER).write_text("done\n")
    monkeypatch.setattr(server.shutil, "which", lambda name: None)
    monkeypatch.setattr(server, "find_java", lambda: None)

    assert ensure_neo4j_installed(settings) == lib


def test_maven_failure_quotes_its_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_mvn = bin_dir / "mvn"
    fake_mvn.write_text("#!/bin/sh\necho '[ERROR] Could not transfer artifact org.neo4j:neo4j:pom:5.26.30'\nexit 1\n")
    fake_mvn.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(server, "check_java", lambda java: "java")
    settings = make_settings(tmp_path)

    with pytest.raises(Neo4jServerError, match=r"(?s)exit code 1.*Could not transfer artifact"):
        ensure_neo4j_installed(settings)
    assert not (settings.cache_dir / f"neo4j-{NEO4J_VERSION}").exists()
    assert list(settings.cache_dir.iterdir()) == []


def test_taken_port_is_reported(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        settings = make_settings(tmp_path, bolt_port=port, http_port=free_port())

        with pytest.raises(Neo4jServerError, match=rf"Port {port} \(Bolt\).*GEOKG_BOLT_PORT"):
            check_ports_free(settings)


def test_stop_when_not_running_is_fine(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    (settings.home / "run").mkdir(parents=True)
    # A pid file left by a crash, pointing at a process that is not Neo4j.
    (settings.home / "run" / server.PID_FILE).write_text("1\n")

    status = stop_neo4j(settings)

    assert status.running is False
    assert not (settings.home / "run" / server.PID_FILE).exists()


def test_unreachable_external_server_is_explained(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, neo4j_uri=f"bolt://127.0.0.1:{free_port()}")

    with pytest.raises(Neo4jServerError, match="does not answer"):
        start_neo4j(settings)
    assert not settings.home.exists()
    assert neo4j_status(settings).running is False


# ---------------------------------------------------------------------------------------------
# The real test server


def test_status_reports_the_running_server(neo4j_server: ServerStatus, test_settings: Settings) -> None:
    status = neo4j_status(test_settings)

    assert status.running
    assert status.bolt_uri == test_settings.bolt_uri
    if test_settings.managed:
        assert status.pid is not None
        assert status.version is not None and status.version.startswith("5.26.")


def test_start_again_returns_the_same_server(neo4j_server: ServerStatus, test_settings: Settings) -> None:
    assert start_neo4j(test_settings).pid == neo4j_server.pid


def test_wrong_credentials_are_refused(neo4j_server: ServerStatus, test_settings: Settings) -> None:
    with GraphDatabase.driver(test_settings.bolt_uri, auth=(test_settings.neo4j_user, "not-the-password")) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()


def test_browser_is_served(neo4j_server: ServerStatus, test_settings: Settings) -> None:
    if not test_settings.managed:
        pytest.skip("the Browser is only known for the managed server")

    response = httpx.get(f"http://127.0.0.1:{test_settings.http_port}/browser/", timeout=10)

    assert response.status_code == 200


def test_wiping_keeps_only_the_marker_and_the_schema(clean_graph: Driver, test_settings: Settings) -> None:
    database = test_settings.neo4j_database
    clean_graph.execute_query(
        "CREATE CONSTRAINT probe_id IF NOT EXISTS FOR (p:Probe) REQUIRE p.id IS UNIQUE", database_=database
    )
    clean_graph.execute_query("CREATE (:Probe {id: 1})-[:LINKS]->(:Probe {id: 2})", database_=database)

    wipe_test_graph(clean_graph, test_settings)

    records, _, _ = clean_graph.execute_query("MATCH (n) RETURN labels(n) AS labels, n.id AS id", database_=database)
    constraints, _, _ = clean_graph.execute_query("SHOW CONSTRAINTS YIELD name", database_=database)
    assert [(record["labels"], record["id"]) for record in records] == [([MARKER_LABEL], MARKER_ID)]
    assert "probe_id" in {record["name"] for record in constraints}
    clean_graph.execute_query("DROP CONSTRAINT probe_id IF EXISTS", database_=database)


def test_a_database_with_data_and_no_marker_is_not_wiped(clean_graph: Driver, test_settings: Settings) -> None:
    database = test_settings.neo4j_database
    clean_graph.execute_query(f"MATCH (m:{MARKER_LABEL}) DELETE m", database_=database)
    clean_graph.execute_query("CREATE (:Precious)", database_=database)
    try:
        with pytest.raises(pytest.fail.Exception, match="Refusing to wipe"):
            wipe_test_graph(clean_graph, test_settings)
        precious, _, _ = clean_graph.execute_query("MATCH (p:Precious) RETURN count(p) AS n", database_=database)
        assert precious[0]["n"] == 1
    finally:
        clean_graph.execute_query("MATCH (p:Precious) DELETE p", database_=database)
    assert ensure_test_marker(clean_graph, database) is True
