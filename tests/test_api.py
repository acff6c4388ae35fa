"""The REST API over HTTP, with the real test Neo4j behind it and a graph written by graph.writes."""

import re
import socket
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

import api.app
from api.app import create_app
from geokg.settings import Settings
from graph.schema import ensure_schema
from graph.writes import write_extractions
from tests.test_graph import IRAN, KAYHAN, PEZESHKIAN, TEXT_1, TRUMP, sample_items

PROBLEM_JSON = "application/problem+json"


@pytest.fixture
def client(clean_graph: Driver, test_settings: Settings) -> Iterator[TestClient]:
    """The app (lifespan included: driver, schema) over the sample graph."""
    ensure_schema(clean_graph, test_settings.neo4j_database)
    summary = write_extractions(clean_graph, sample_items(), database=test_settings.neo4j_database)
    assert summary.failures == []
    with TestClient(create_app(test_settings)) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def client_without_neo4j() -> Iterator[TestClient]:
    """The app pointed at a port where no Neo4j listens: it must start and answer 503."""
    settings = Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password="unused")
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"] and problem["type"]
    assert problem["instance"] == response.request.url.path
    return problem


def test_importing_the_app_module_creates_no_app() -> None:
    assert not hasattr(api.app, "app")


def test_health_reports_neo4j(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"]["available"] is True
    assert re.fullmatch(r"5\.\d+\.\d+", body["neo4j"]["version"])


def test_without_neo4j_the_api_answers_503(client_without_neo4j: TestClient) -> None:
    problem = assert_problem(client_without_neo4j.get("/health"), 503)
    assert problem["type"] == "urn:geokg:problem:graph-unavailable"
    assert_problem(client_without_neo4j.get("/actors", params={"q": "trump"}), 503)
    assert_problem(client_without_neo4j.get(f"/actors/{TRUMP}"), 503)


def test_search_actors(client: TestClient) -> None:
    response = client.get("/actors", params={"q": "PEZESHKIÁN"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    page = response.json()
    assert page["total"] == 1 and page["limit"] == 50 and page["offset"] == 0
    assert page["items"] == [
        {
            "id": PEZESHKIAN,
            "name": "Masoud Pezeshkian",
            "type": "Person",
            "aliases": ["Pezeshkian", "President Pezeshkian"],
            "from_catalog": True,
        }
    ]
    iran = client.get("/actors", params={"q": "iran"}).json()
    assert [a["id"] for a in iran["items"]][0] == IRAN
    assert client.get("/actors", params={"q": "(Trump) AND ~"}).status_code == 200


def test_list_actors_by_type_and_page(client: TestClient) -> None:
    people = client.get("/actors", params=[("type", "Person"), ("type", "Media"), ("limit", 3)]).json()
    assert people["total"] == 7 and len(people["items"]) == 3
    assert {a["type"] for a in people["items"]} <= {"Person", "Media"}
    rest = client.get("/actors", params={"type": ["Person", "Media"], "offset": 6}).json()
    assert len(rest["items"]) == 1


@pytest.mark.parametrize(
    "params",
    [{"type": "Planet"}, {"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "many"}, {"q": "x" * 201}],
)
def test_actor_search_rejects_bad_parameters(client: TestClient, params: dict) -> None:
    problem = assert_problem(client.get("/actors", params=params), 422)
    assert problem["type"] == "urn:geokg:problem:validation-error"
    assert problem["errors"] and all("loc" in error and "msg" in error for error in problem["errors"])


def test_read_actor(client: TestClient) -> None:
    response = client.get(f"/actors/{TRUMP}")
    assert response.status_code == 200
    actor = response.json()
    assert actor["name"] == "Donald Trump"
    assert actor["aliases"] == ["President Trump", "Trump"]
    assert actor["relation_counts"] == [
        {"type": "DENIES", "direction": "in", "count": 1},
        {"type": "PLOTS_AGAINST", "direction": "in", "count": 1},
        {"type": "THREATENS", "direction": "in", "count": 1},
    ]
    assert actor["relations"] == 3 and actor["articles"] == 2


def test_unknown_actor_is_404(client: TestClient) -> None:
    problem = assert_problem(client.get("/actors/Q-nobody"), 404)
    assert problem["type"] == "urn:geokg:problem:not-found"
    assert "Q-nobody" in problem["detail"]
    assert_problem(client.get("/actors/Q-nobody/relations"), 404)


def test_actor_relations_with_evidence(client: TestClient) -> None:
    response = client.get(f"/actors/{PEZESHKIAN}/relations", params={"type": "DENIES", "direction": "out"})
    assert response.status_code == 200
    page = response.json()
    assert page["total"] == 1
    [denial] = page["items"]
    assert denial["type"] == "DENIES"
    assert denial["source"]["id"] == PEZESHKIAN and denial["target"]["id"] == TRUMP
    assert (denial["negated"], denial["modality"]) == (False, "asserted")
    assert (denial["date"], denial["confidence"]) == ("2024-11-12", 0.9)
    evidence = denial["evidence"]
    assert evidence["article_id"] == "test-denial"
    assert evidence["title"] == "Iran denies plot to kill Trump"
    assert evidence["url"] == "https://example.org/denial"
    assert evidence["published"].startswith("2024-11-12T09:30:00")
    assert TEXT_1[evidence["start"] : evidence["end"]] == evidence["sentence"]


def test_actor_relations_filters(client: TestClient) -> None:
    def types(actor_id: str, params) -> list[str]:
        response = client.get(f"/actors/{actor_id}/relations", params=params)
        assert response.status_code == 200, response.text
        return sorted(r["type"] for r in response.json()["items"])

    assert types(PEZESHKIAN, {}) == ["DENIES", "LEADS"]
    assert types(PEZESHKIAN, [("type", "DENIES"), ("type", "LEADS")]) == ["DENIES", "LEADS"]
    assert types(PEZESHKIAN, {"direction": "in"}) == []
    assert types(IRAN, {"direction": "in"}) == ["LEADS"]
    assert types(IRAN, {"direction": "out"}) == ["PLOTS_AGAINST"]
    page = client.get(f"/actors/{TRUMP}/relations", params={"limit": 1}).json()
    assert page["total"] == 3 and len(page["items"]) == 1 and page["items"][0]["source"]["id"] == KAYHAN


@pytest.mark.parametrize("params", [{"type": "LOVES"}, {"type": "denies"}, {"direction": "sideways"}, {"limit": 1000}])
def test_actor_relations_reject_bad_parameters(client: TestClient, params: dict) -> None:
    assert_problem(client.get(f"/actors/{TRUMP}/relations", params=params), 422)


def test_find_relations(client: TestClient) -> None:
    response = client.get("/relations", params={"source": PEZESHKIAN, "target": TRUMP})
    assert response.status_code == 200
    assert [r["type"] for r in response.json()["items"]] == ["DENIES"]
    to_trump = client.get("/relations", params={"target": TRUMP, "type": ["THREATENS", "PLOTS_AGAINST"]}).json()
    assert sorted(r["type"] for r in to_trump["items"]) == ["PLOTS_AGAINST", "THREATENS"]
    nothing = client.get("/relations", params={"source": "Q-nobody"}).json()
    assert nothing == {"items": [], "total": 0, "limit": 50, "offset": 0}
    assert client.get("/relations").json()["total"] == 6
    assert_problem(client.get("/relations", params={"type": "MENTIONS"}), 422)


def test_unknown_route_and_method_are_problems(client: TestClient) -> None:
    assert_problem(client.get("/nowhere"), 404)
    assert_problem(client.post("/actors"), 405)
    assert_problem(client.get("/redoc"), 404)


def test_docs_load_only_local_assets(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    html = response.text
    assert "cdn" not in html.lower()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) == 3
    for url in assets:
        assert url.startswith("/static/"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 0
    assert not re.search(r"https?://", html.replace("window.location", ""))
    assert "'/openapi.json'" in html
    assert '"validatorUrl": null' in html
    bundle = client.get("/static/swagger-ui/swagger-ui-bundle.js")
    assert "javascript" in bundle.headers["content-type"]
    assert "SwaggerUIBundle" in bundle.text
    assert client.get("/static/swagger-ui/swagger-ui.css").headers["content-type"].startswith("text/css")


def test_root_redirects_to_docs(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 307)
    assert response.headers["location"] == "/docs"


def test_openapi_documents_routes_examples_and_problems(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    # Other routers add their own paths; these are the ones this module tests.
    assert {"/health", "/actors", "/actors/{actor_id}", "/actors/{actor_id}/relations", "/relations"} <= set(
        spec["paths"]
    )
    relations = spec["paths"]["/actors/{actor_id}/relations"]["get"]
    assert set(relations["responses"]) == {"200", "404", "422", "503"}
    for status in ("404", "422", "503"):
        assert set(relations["responses"][status]["content"]) == {PROBLEM_JSON}
    type_param = next(p for p in relations["parameters"] if p["name"] == "type")
    assert type_param["schema"]["anyOf"][0]["items"] == {"$ref": "#/components/schemas/RelationType"}
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    for model in ("ActorSummary", "ActorDetail", "RelationOut", "Health"):
        assert schemas[model]["examples"], model
    assert schemas["Evidence"]["properties"]["sentence"]["examples"]
