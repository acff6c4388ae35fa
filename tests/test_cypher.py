"""POST /cypher: only single read-only statements, run read-only, with a timeout and a row cap."""

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr

from api.app import create_app
from geokg.settings import Settings
from graph.cypher import CypherRejectedError, check_read_only, read_rows
from graph.writes import count_graph
from tests.test_api_articles import (
    API_KEY,
    DENIAL,
    IRAN,
    PEZESHKIAN,
    TRUMP,
    assert_problem,
    write_sample,
)

ROW_CAP = 5
TIMEOUT = 1.0
NOT_READ_ONLY = "urn:geokg:problem:cypher-not-read-only"
CYPHER_ERROR = "urn:geokg:problem:cypher-error"
SLOW_QUERY = "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 13 RETURN count(*)"

# Writes, procedures, files, schema and admin commands, client commands, batching, several
# statements, and keywords hidden behind comments, strings, quoted names, case and whitespace.
REJECTED = [
    "CREATE (n:Hack) RETURN n",
    "create (n:Hack)",
    "MATCH (a:Actor) SET a.name = 'hacked'",
    "MATCH (a:Actor) DETACH DELETE a",
    "MATCH (a:Actor) DELETE a",
    "MATCH (a:Actor) NODETACH DELETE a",
    "MATCH (a:Actor) REMOVE a.name",
    "MATCH (a:Actor) REMOVE a:Actor",
    "MERGE (n:Hack {id: 1}) RETURN n",
    "INSERT (n:Hack)",
    "MATCH (a:Actor) WITH collect(a) AS xs FOREACH (x IN xs | SET x.hacked = true)",
    "CALL db.labels()",
    "CALL dbms.components()",
    "call dbms.security.listUsers()",
    "CALL apoc.help('create')",
    "CALL db.index.fulltext.queryNodes('actor_names', 'iran') YIELD node RETURN node",
    "CALL { MATCH (a:Actor) DETACH DELETE a }",
    "MATCH (a:Actor) CALL (a) { RETURN a.name AS name } RETURN name",
    "UNWIND range(1, 10) AS i CALL { WITH i CREATE (:Hack {i: i}) } IN TRANSACTIONS OF 2 ROWS",
    "USING PERIODIC COMMIT 10 LOAD CSV FROM 'file:///x.csv' AS row CREATE (:Hack)",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "load csv with headers from 'https://example.org/x.csv' as row return row",
    "RETURN apoc.version()",
    "CREATE INDEX hack FOR (n:Actor) ON (n.hack)",
    "CREATE FULLTEXT INDEX hack FOR (n:Actor) ON EACH [n.name]",
    "DROP INDEX actor_name",
    "CREATE CONSTRAINT hack FOR (n:Hack) REQUIRE n.id IS UNIQUE",
    "DROP CONSTRAINT actor_id IF EXISTS",
    "CREATE DATABASE hack",
    "DROP DATABASE neo4j",
    "START DATABASE neo4j",
    "STOP DATABASE neo4j",
    "ALTER DATABASE neo4j SET ACCESS READ ONLY",
    "CREATE USER hacker SET PASSWORD 'secret'",
    "ALTER USER neo4j SET PASSWORD 'secret'",
    "ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'",
    "RENAME USER neo4j TO hacker",
    "CREATE ROLE hacker",
    "GRANT ROLE admin TO hacker",
    "DENY READ {*} ON GRAPH * TO reader",
    "REVOKE ROLE admin FROM neo4j",
    "SHOW DATABASES",
    "SHOW USERS",
    "SHOW PROCEDURES YIELD name RETURN name",
    "show transactions",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "ENABLE SERVER 'abc'",
    "USE system MATCH (n) RETURN n",
    "use neo4j MATCH (n) RETURN n",
    ":param x => 1",
    "  :use system",
    ":begin",
    "MATCH (n) RETURN n; MATCH (n) DETACH DELETE n",
    "RETURN 1; RETURN 2",
    "RETURN 1;;",
    "/* only reading */ CREATE (n:Hack)",
    "// a comment\nMERGE (n:Hack)",
    "MATCH (n) RETURN 'x' AS x /* closed */ CREATE (m:Hack)",
    "MATCH (n) WHERE n.name = 'CREATE' CREATE (m:Hack)",
    'MATCH (n) WHERE n.name = "it\\"s" SET n.x = 1',
    "MATCH (n) WHERE n.name = 'it\\'s' SET n.x = 1",
    "MATCH (a:`Actor`) SET a.x = 1",
    "MATCH (a:`Act``or`) DELETE a",
    "MATCH (n)-[r:DENIES|SET]->(m) RETURN r",
    "MATCH (n)\tDeTaCh\nDELETE n",
    "EXPLAIN CREATE (n:Hack)",
    "PROFILE MATCH (n) SET n.x = 1",
    "MATCH (n) RETURN n /* unterminated comment",
    "MATCH (n) WHERE n.name = 'unterminated RETURN n",
    "MATCH (n:`unterminated) RETURN n",
    "",
    "   // only a comment",
]


def test_there_are_at_least_30_rejected_attempts() -> None:
    assert len(set(REJECTED)) == len(REJECTED) >= 30


@pytest.mark.parametrize("query", REJECTED)
def test_pre_check_rejects(query: str) -> None:
    with pytest.raises(CypherRejectedError):
        check_read_only(query)


ALLOWED = [
    "MATCH (n) RETURN n",
    "match (n:Actor) where n.name = 'create' return n",
    "MATCH (n) WHERE n.name = \"DELETE me; CALL db.labels()\" RETURN n",
    "MATCH (n) WHERE n.name = 'it\\'s; DROP DATABASE neo4j' RETURN n",
    "MATCH (n:`CREATE`) RETURN n.`set` AS `delete`",
    "MATCH (n) RETURN n.set AS value, n.create, $create AS parameter, $call",
    "MATCH (n)-[r:MERGE]->(m:DELETE) RETURN r",
    "MATCH (`start`:Actor)-[]->(`set`) RETURN `start`.name",
    "// CREATE (n) in a comment\nMATCH (n) RETURN n",
    "/* DETACH DELETE\n everything */ MATCH (n) RETURN count(n)",
    "MATCH (n) RETURN n;",
    "MATCH (n) RETURN n ; // done",
    "MATCH (n) WHERE n.name STARTS WITH 'Ir' AND n.name ENDS WITH 'n' RETURN n",
    "MATCH (a:Actor) WHERE a:Person OR a:State RETURN a {.id, .name} AS actor",
    "MATCH p = (a)-[*1..2]->(b) RETURN p LIMIT 5",
    "MATCH (n) RETURN COUNT { (n)--() } AS degree, EXISTS { (n)-[:DENIES]->() } AS denies",
    "MATCH (n) WITH n ORDER BY n.name SKIP 1 LIMIT 2 RETURN collect(n.name) AS names",
    "MATCH (a) RETURN a.name UNION ALL MATCH (b) RETURN b.name",
    "PROFILE MATCH (n) RETURN n",
    "EXPLAIN MATCH (n) RETURN n",
    "OPTIONAL MATCH (n) RETURN coalesce(n.name, 'none') AS name",
    "RETURN 'http://example.org/a//b' AS url, 1/2 AS half",
]


@pytest.mark.parametrize("query", ALLOWED)
def test_pre_check_allows_reads(query: str) -> None:
    check_read_only(query)


@pytest.fixture(scope="module")
def app_client(neo4j_driver: Driver, test_settings: Settings) -> Iterator[TestClient]:
    settings = test_settings.model_copy(
        update={"cypher_enabled": True, "cypher_timeout": TIMEOUT, "cypher_row_cap": ROW_CAP}
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def client(app_client: TestClient, clean_graph: Driver, test_settings: Settings) -> TestClient:
    write_sample(clean_graph, test_settings)
    return app_client


def cypher(client: TestClient, query: str, **parameters):
    return client.post("/cypher", json={"query": query, "parameters": parameters})


def test_disabled_by_default(clean_graph: Driver, test_settings: Settings) -> None:
    assert test_settings.cypher_enabled is False
    with TestClient(create_app(test_settings)) as client:
        problem = assert_problem(cypher(client, "RETURN 1 AS x"), 403, "urn:geokg:problem:cypher-disabled")
    assert "GEOKG_CYPHER_ENABLED" in problem["detail"]


@pytest.mark.parametrize("query", REJECTED)
def test_rejected_over_http_and_nothing_changes(
    client: TestClient, clean_graph: Driver, test_settings: Settings, query: str
) -> None:
    before = count_graph(clean_graph, test_settings.neo4j_database)
    response = cypher(client, query)
    if query:
        assert_problem(response, 400, NOT_READ_ONLY)
    else:
        assert_problem(response, 422)
    assert count_graph(clean_graph, test_settings.neo4j_database) == before


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:Hack) RETURN n",
        "MATCH (a:Actor) SET a.name = 'hacked'",
        "MATCH (a) DETACH DELETE a",
        "CREATE DATABASE hack",
    ],
)
def test_neo4j_refuses_writes_without_the_pre_check(clean_graph: Driver, test_settings: Settings, query: str) -> None:
    """The second guard alone: the read transaction, with the pre-check bypassed."""
    write_sample(clean_graph, test_settings)
    before = count_graph(clean_graph, test_settings.neo4j_database)
    with pytest.raises(CypherRejectedError, match="Neo4j refused"):
        read_rows(clean_graph, query, {}, timeout=5, row_cap=5, database=test_settings.neo4j_database)
    assert count_graph(clean_graph, test_settings.neo4j_database) == before


def test_read_with_parameters_serialises_nodes(client: TestClient) -> None:
    response = cypher(client, "MATCH (a:Actor {id: $id}) RETURN a, a.name AS name, labels(a) AS labels", id=PEZESHKIAN)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["columns"] == ["a", "name", "labels"]
    assert result["row_count"] == 1 and result["truncated"] is False and result["row_cap"] == ROW_CAP
    row = result["rows"][0]
    assert row["name"] == "Masoud Pezeshkian"
    node = row["a"]
    assert set(node) == {"id", "labels", "properties"}
    assert isinstance(node["id"], str) and node["id"]
    assert node["labels"] == ["Actor", "Person"]
    assert node["properties"]["id"] == PEZESHKIAN
    assert node["properties"]["aliases"] == ["Pezeshkian", "President Pezeshkian"]


def test_relationships_paths_and_temporal_values(client: TestClient) -> None:
    query = """
    MATCH p = (s:Actor {id: $source})-[r:DENIES]->(t:Actor)
    MATCH (art:Article {id: r.article_id})
    RETURN p, r, s, r.date AS day, art.published AS published, art.ingested_at AS ingested,
           duration('P1DT2H') AS span, point({x: 1.5, y: 2}) AS place, 0.0 / 0.0 AS nan
    """
    response = cypher(client, query, source=PEZESHKIAN)
    assert response.status_code == 200, response.text
    row = response.json()["rows"][0]
    rel = row["r"]
    assert set(rel) == {"id", "type", "start", "end", "properties"}
    assert rel["type"] == "DENIES" and rel["start"] == row["s"]["id"]
    assert rel["properties"]["sentence"] == DENIAL
    assert rel["properties"]["date"] == "2024-11-12"
    assert row["day"] == "2024-11-12"
    assert row["published"].startswith("2024-11-12T09:30:00")
    assert "T" in row["ingested"]
    assert row["span"] == "P1DT2H"
    assert row["place"] == {"srid": 7203, "x": 1.5, "y": 2.0}
    assert row["nan"] == "NaN"
    path = row["p"]
    assert [node["properties"]["id"] for node in path["nodes"]] == [PEZESHKIAN, TRUMP]
    assert [r["id"] for r in path["relationships"]] == [rel["id"]]


def test_row_cap_truncates(client: TestClient) -> None:
    over = cypher(client, "UNWIND range(1, $n) AS x RETURN x", n=20).json()
    assert over["rows"] == [{"x": x} for x in range(1, ROW_CAP + 1)]
    assert over["row_count"] == ROW_CAP and over["truncated"] is True
    exact = cypher(client, "UNWIND range(1, $n) AS x RETURN x", n=ROW_CAP).json()
    assert exact["row_count"] == ROW_CAP and exact["truncated"] is False
    empty = cypher(client, "MATCH (a:Actor {id: 'nobody'}) RETURN a").json()
    assert empty == {"columns": ["a"], "rows": [], "row_count": 0, "truncated": False, "row_cap": ROW_CAP}


def test_keywords_inside_strings_and_names_are_fine(client: TestClient) -> None:
    query = "MATCH (a:Actor) WHERE a.id IN [$iran, 'CREATE (x); DELETE'] RETURN a.name AS `delete`, 'SET' AS word"
    response = cypher(client, query, iran=IRAN)
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [{"delete": "Iran", "word": "SET"}]


def test_slow_query_ends_at_its_timeout(client: TestClient) -> None:
    started = time.monotonic()
    problem = assert_problem(cypher(client, SLOW_QUERY), 504, "urn:geokg:problem:cypher-timeout")
    elapsed = time.monotonic() - started
    assert "1 s" in problem["detail"]
    assert elapsed < 15, elapsed


@pytest.mark.parametrize(
    ("query", "parameters"),
    [
        ("MATCH (n RETURN n", {}),
        ("RETURN $missing AS x", {}),
        ("RETURN 1 / $zero AS x", {"zero": 0}),
        ("RETURN $big AS x", {"big": 2**70}),
        ("MATCH (n) RETURN m", {}),
    ],
)
def test_failing_queries_are_400(client: TestClient, query: str, parameters: dict) -> None:
    problem = assert_problem(client.post("/cypher", json={"query": query, "parameters": parameters}), 400, CYPHER_ERROR)
    assert problem["detail"]


@pytest.mark.parametrize(
    "body",
    [{}, {"parameters": {}}, {"query": 5}, {"query": "RETURN 1", "parameters": []}, {"query": "RETURN 1", "limit": 3}],
)
def test_invalid_bodies_are_422(client: TestClient, body: dict) -> None:
    assert_problem(client.post("/cypher", json=body), 422, "urn:geokg:problem:validation-error")


def test_cypher_needs_the_api_key_when_one_is_set(clean_graph: Driver, test_settings: Settings) -> None:
    settings = test_settings.model_copy(update={"cypher_enabled": True, "api_key": SecretStr(API_KEY)})
    with TestClient(create_app(settings)) as client:
        assert_problem(cypher(client, "RETURN 1 AS x"), 401)
        assert_problem(client.post("/cypher", json={"query": "RETURN 1"}, headers={"X-API-Key": "nope"}), 403)
        response = client.post("/cypher", json={"query": "RETURN 1 AS x"}, headers={"X-API-Key": API_KEY})
        assert response.status_code == 200 and response.json()["rows"] == [{"x": 1}]
