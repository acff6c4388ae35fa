"""Articles over HTTP (list, read, ingest), the API key and CORS, against the real test Neo4j.

The sample graph here is also what tests/test_cypher.py and tests/test_exports.py read.
"""

import datetime as dt
import socket
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr

from api.app import create_app
from geokg.settings import Settings
from graph.schema import ensure_schema
from graph.writes import count_graph, write_extractions
from loaders.readers import article_id
from schemas.article import Article
from schemas.extraction import Extraction
from tests.builders import actor, relation

PROBLEM_JSON = "application/problem+json"
API_KEY = "test-key-4f1c"

PEZESHKIAN = "Q-pezeshkian"
TRUMP = "Q-trump"
IRAN = "Q-iran"
RUSSIA = "Q-russia"
DOJ = "Q-doj"
SHAKERI = "person:farhad-shakeri"
KAYHAN = "media:kayhan"

DENIAL = "Iranian President Masoud Pezeshkian denied on Tuesday that Tehran had plotted to kill Donald Trump."
CHARGE = "The US Justice Department charged Farhad Shakeri over the alleged plot."
DENIAL_TEXT = f"{DENIAL} {CHARGE}"
THREAT = "Kayhan, a hardline Iranian newspaper, threatened President Trump with revenge."
THREAT_TEXT = f"Editorial. {THREAT}"
MEETING = "Iranian and Russian diplomats met in Moscow to discuss 'strategic partnership'; <talks> & more."
MEETING_TEXT = MEETING
SLASH_ID = "wire/2024/001"


def denial_article() -> tuple[Article, Extraction]:
    article = Article(
        id="art-denial",
        title="Iran denies plot to kill Trump",
        text=DENIAL_TEXT,
        url="https://example.org/denial",
        published=dt.datetime(2024, 11, 12, 9, 30, tzinfo=dt.UTC),
        source="example.org",
    )
    extraction = Extraction.model_validate(
        {
            "article": {"id": article.id},
            "actors": [
                actor(PEZESHKIAN, "Masoud Pezeshkian", "Person", "Pezeshkian", "President Pezeshkian", mentions=2),
                actor(TRUMP, "Donald Trump", "Person", "Trump", from_catalog=True),
                actor(IRAN, "Iran", "State", "Tehran", from_catalog=True),
                actor(DOJ, "US Department of Justice", "Organization", "US Justice Department"),
                actor(SHAKERI, "Farhad Shakeri", "Person"),
            ],
            "relations": [
                relation(
                    PEZESHKIAN, "DENIES", TRUMP, DENIAL_TEXT, DENIAL, date="2024-11-12", confidence=0.9, cue="denied"
                ),
                relation(IRAN, "PLOTS_AGAINST", TRUMP, DENIAL_TEXT, DENIAL, negated=True, modality="alleged"),
                relation(PEZESHKIAN, "LEADS", IRAN, DENIAL_TEXT, DENIAL, confidence=0.8),
                relation(DOJ, "CHARGED", SHAKERI, DENIAL_TEXT, CHARGE, cue="charged"),
            ],
        }
    )
    return article, extraction


def threat_article() -> tuple[Article, Extraction]:
    article = Article(
        id="art-threat",
        title="Kayhan threatens Trump",
        text=THREAT_TEXT,
        published=dt.datetime(2024, 11, 20, 8, 0, tzinfo=dt.UTC),
        source="Kayhan.ir",
    )
    extraction = Extraction.model_validate(
        {
            "article": {"id": article.id},
            "actors": [
                actor(KAYHAN, "Kayhan", "Media"),
                actor(TRUMP, "Donald Trump", "Person", "President Trump", from_catalog=True),
            ],
            "relations": [
                relation(KAYHAN, "THREATENS", TRUMP, THREAT_TEXT, THREAT, modality="intended", cue="threatened")
            ],
        }
    )
    return article, extraction


def meeting_article() -> tuple[Article, Extraction]:
    """Undated, with a slash in its id and XML-special characters in its evidence."""
    article = Article(id=SLASH_ID, title="Diplomats meet", text=MEETING_TEXT)
    extraction = Extraction.model_validate(
        {
            "article": {"id": article.id},
            "actors": [
                actor(IRAN, "Iran", "State", from_catalog=True),
                actor(RUSSIA, "Russia", "State", from_catalog=True),
            ],
            "relations": [relation(IRAN, "MEETS", RUSSIA, MEETING_TEXT, MEETING, cue="met")],
        }
    )
    return article, extraction


def sample_items() -> list[tuple[Article, Extraction]]:
    return [denial_article(), threat_article(), meeting_article()]


def write_sample(driver: Driver, settings: Settings) -> None:
    ensure_schema(driver, settings.neo4j_database)
    summary = write_extractions(driver, sample_items(), database=settings.neo4j_database)
    assert summary.failures == []


def assert_problem(response, status: int, problem_type: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"]
    assert problem["instance"] == response.request.url.path
    if problem_type is not None:
        assert problem["type"] == problem_type
    return problem


@pytest.fixture(scope="module")
def app_client(neo4j_driver: Driver, test_settings: Settings) -> Iterator[TestClient]:
    """The app without an API key, started once per module (its lifespan ensures the schema)."""
    with TestClient(create_app(test_settings)) as test_client:
        yield test_client


@pytest.fixture
def client(app_client: TestClient, clean_graph: Driver, test_settings: Settings) -> TestClient:
    """The app without an API key over the sample graph."""
    write_sample(clean_graph, test_settings)
    return app_client


@pytest.fixture
def keyed_client(clean_graph: Driver, test_settings: Settings) -> Iterator[TestClient]:
    """The app with an API key over the sample graph."""
    write_sample(clean_graph, test_settings)
    settings = test_settings.model_copy(update={"api_key": SecretStr(API_KEY)})
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def ids(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


def test_list_articles_newest_first_undated_last(client: TestClient) -> None:
    response = client.get("/articles")
    assert response.status_code == 200
    page = response.json()
    assert page["total"] == 3 and page["limit"] == 50 and page["offset"] == 0
    assert ids(page) == ["art-threat", "art-denial", SLASH_ID]
    denial = page["items"][1]
    assert denial["title"] == "Iran denies plot to kill Trump"
    assert denial["url"] == "https://example.org/denial"
    assert denial["published"].startswith("2024-11-12T09:30:00")
    assert denial["source"] == "example.org"
    assert denial["ingested_at"] is not None
    assert denial["actor_count"] == 5 and denial["relation_count"] == 4
    assert "text" not in denial


def test_list_articles_pages(client: TestClient) -> None:
    page = client.get("/articles", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 3 and ids(page) == ["art-denial"]
    page = client.get("/articles", params={"limit": 5, "offset": 3}).json()
    assert page["total"] == 3 and page["items"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"since": "2024-11-15"}, ["art-threat"]),
        ({"until": "2024-11-15"}, ["art-denial"]),
        ({"since": "2024-11-12", "until": "2024-11-20"}, ["art-threat", "art-denial"]),
        ({"since": "2024-11-13", "until": "2024-11-19"}, []),
        ({"source": "EXAMPLE.ORG"}, ["art-denial"]),
        ({"source": "nowhere.example"}, []),
        ({"actor": TRUMP}, ["art-threat", "art-denial"]),
        ({"actor": RUSSIA}, [SLASH_ID]),
        ({"actor": IRAN, "until": "2024-12-31"}, ["art-denial"]),
        ({"actor": "Q-nobody"}, []),
    ],
)
def test_list_articles_filters(client: TestClient, params: dict, expected: list[str]) -> None:
    response = client.get("/articles", params=params)
    assert response.status_code == 200, response.text
    page = response.json()
    assert ids(page) == expected
    assert page["total"] == len(expected)


@pytest.mark.parametrize(
    "params",
    [
        {"since": "yesterday"},
        {"until": "2024-13-01"},
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"source": "x" * 501},
    ],
)
def test_list_articles_rejects_bad_parameters(client: TestClient, params: dict) -> None:
    problem = assert_problem(client.get("/articles", params=params), 422, "urn:geokg:problem:validation-error")
    assert problem["errors"]


def test_read_article_with_actors_and_evidenced_relations(client: TestClient) -> None:
    response = client.get("/articles/art-denial")
    assert response.status_code == 200
    article = response.json()
    assert article["id"] == "art-denial"
    assert article["text"] == DENIAL_TEXT
    assert article["actor_count"] == 5 and article["relation_count"] == 4
    assert article["actors"][0]["id"] == PEZESHKIAN and article["actors"][0]["mentions"] == 2
    assert {a["id"] for a in article["actors"]} == {PEZESHKIAN, TRUMP, IRAN, DOJ, SHAKERI}
    types = [r["type"] for r in article["relations"]]
    assert sorted(types[:3]) == ["DENIES", "LEADS", "PLOTS_AGAINST"] and types[3] == "CHARGED"
    for rel in article["relations"]:
        evidence = rel["evidence"]
        assert evidence["article_id"] == "art-denial"
        assert evidence["title"] == "Iran denies plot to kill Trump"
        assert evidence["url"] == "https://example.org/denial"
        assert DENIAL_TEXT[evidence["start"] : evidence["end"]] == evidence["sentence"]
    plot = next(r for r in article["relations"] if r["type"] == "PLOTS_AGAINST")
    assert plot["negated"] is True and plot["modality"] == "alleged"
    assert plot["source"]["id"] == IRAN and plot["target"]["name"] == "Donald Trump"
    denies = next(r for r in article["relations"] if r["type"] == "DENIES")
    assert denies["date"] == "2024-11-12" and denies["confidence"] == 0.9 and denies["cue"] == "denied"


def test_read_article_whose_id_has_slashes(client: TestClient) -> None:
    response = client.get(f"/articles/{quote(SLASH_ID, safe='')}")
    assert response.status_code == 200, response.text
    article = response.json()
    assert article["id"] == SLASH_ID and article["published"] is None
    assert [r["type"] for r in article["relations"]] == ["MEETS"]


def test_read_unknown_article_is_404(client: TestClient) -> None:
    problem = assert_problem(client.get("/articles/no-such-article"), 404, "urn:geokg:problem:not-found")
    assert "no-such-article" in problem["detail"]


NEW_ARTICLE = {
    "title": "Iran denies plot",
    "text": DENIAL_TEXT,
    "url": "https://news.example.com/iran-denies?utm_source=feed",
    "published": "2024-11-13T10:00:00Z",
    "source": "news.example.com",
}


def test_post_article_extracts_and_writes(client: TestClient, clean_graph: Driver, test_settings: Settings) -> None:
    response = client.post("/articles", json=NEW_ARTICLE)
    assert response.status_code == 201, response.text
    body = response.json()
    expected_id = article_id(None, NEW_ARTICLE["url"], NEW_ARTICLE["title"], NEW_ARTICLE["text"])
    assert body["article"]["id"] == expected_id
    assert response.headers["location"] == f"/articles/{quote(expected_id, safe='')}"
    assert body["article"]["source"] == "news.example.com"
    assert body["article"]["published"].startswith("2024-11-13T10:00:00")
    extraction = body["extraction"]
    assert extraction["article"]["id"] == expected_id
    assert extraction["actors"] and extraction["relations"]
    actor_ids = {a["id"] for a in extraction["actors"]}
    assert all(r["source"] in actor_ids and r["target"] in actor_ids for r in extraction["relations"])
    assert "Donald Trump" in {a["name"] for a in extraction["actors"]}
    assert body["written"] == {
        "articles": 1,
        "actors": len(actor_ids),
        "mentions": len(actor_ids),
        "relations": len(extraction["relations"]),
    }
    assert body["article"]["actor_count"] == len(actor_ids)
    assert body["article"]["relation_count"] == len(extraction["relations"])

    stored = client.get(response.headers["location"]).json()
    assert stored["text"] == DENIAL_TEXT
    assert len(stored["relations"]) == len(extraction["relations"])
    assert client.get("/articles").json()["total"] == 4

    before = count_graph(clean_graph, test_settings.neo4j_database)
    again = client.post("/articles", json=NEW_ARTICLE)
    assert again.status_code == 201
    assert again.json()["article"]["id"] == expected_id
    assert count_graph(clean_graph, test_settings.neo4j_database) == before


@pytest.mark.parametrize(("given", "stored"), [("  own-id-1 ", "own-id-1"), ("feed/2024?item=7#top", "feed/2024?item=7#top")])
def test_post_article_keeps_its_own_id(client: TestClient, given: str, stored: str) -> None:
    response = client.post("/articles", json={"id": given, "text": THREAT_TEXT})
    assert response.status_code == 201, response.text
    assert response.json()["article"]["id"] == stored
    assert response.headers["location"] == f"/articles/{quote(stored, safe='')}"
    read = client.get(response.headers["location"])
    assert read.status_code == 200 and read.json()["id"] == stored


INVALID_BODIES = [
    {},
    {"title": "no text"},
    {"text": ""},
    {"text": "   \n\t "},
    {"text": 42},
    {"text": ["a list"]},
    {"text": DENIAL_TEXT, "published": "last Tuesday"},
    {"text": DENIAL_TEXT, "id": ""},
    {"text": DENIAL_TEXT, "id": "   "},
    {"text": DENIAL_TEXT, "id": "x" * 201},
    {"text": DENIAL_TEXT, "title": "t" * 2001},
    {"text": DENIAL_TEXT, "body": "an unknown field"},
    {"text": DENIAL_TEXT, "url": 7},
    [NEW_ARTICLE],
    "just a string",
]


@pytest.mark.parametrize("body", INVALID_BODIES)
def test_post_invalid_article_is_422_and_writes_nothing(
    client: TestClient, clean_graph: Driver, test_settings: Settings, body
) -> None:
    before = count_graph(clean_graph, test_settings.neo4j_database)
    problem = assert_problem(client.post("/articles", json=body), 422, "urn:geokg:problem:validation-error")
    assert problem["errors"]
    assert count_graph(clean_graph, test_settings.neo4j_database) == before


def test_post_article_of_only_boilerplate_is_422(
    client: TestClient, clean_graph: Driver, test_settings: Settings
) -> None:
    before = count_graph(clean_graph, test_settings.neo4j_database)
    response = client.post("/articles", json={"title": "Nothing", "text": "Advertisement\n\nShare this article"})
    problem = assert_problem(response, 422, "urn:geokg:problem:validation-error")
    assert "boilerplate" in problem["detail"]
    assert count_graph(clean_graph, test_settings.neo4j_database) == before


def test_post_malformed_json_is_422(client: TestClient, clean_graph: Driver, test_settings: Settings) -> None:
    before = count_graph(clean_graph, test_settings.neo4j_database)
    response = client.post("/articles", content=b'{"text": "unterminated', headers={"content-type": "application/json"})
    assert_problem(response, 422)
    assert count_graph(clean_graph, test_settings.neo4j_database) == before


def test_post_article_needs_the_api_key_when_one_is_set(
    keyed_client: TestClient, clean_graph: Driver, test_settings: Settings
) -> None:
    before = count_graph(clean_graph, test_settings.neo4j_database)
    missing = keyed_client.post("/articles", json=NEW_ARTICLE)
    problem = assert_problem(missing, 401)
    assert "X-API-Key" in problem["detail"]
    assert missing.headers["www-authenticate"]
    assert_problem(keyed_client.post("/articles", json=NEW_ARTICLE, headers={"X-API-Key": "wrong"}), 403)
    assert_problem(keyed_client.post("/articles", json=NEW_ARTICLE, headers={"X-API-Key": ""}), 401)
    # The key is checked before the body: an invalid body without a key is still 401.
    assert_problem(keyed_client.post("/articles", json={"text": ""}), 401)
    assert count_graph(clean_graph, test_settings.neo4j_database) == before

    accepted = keyed_client.post("/articles", json=NEW_ARTICLE, headers={"X-API-Key": API_KEY})
    assert accepted.status_code == 201, accepted.text
    # Reads stay open.
    assert keyed_client.get("/articles").status_code == 200
    assert keyed_client.get("/articles/art-denial").status_code == 200


def test_openapi_documents_the_api_key(keyed_client: TestClient) -> None:
    schema = keyed_client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["APIKeyHeader"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "Required by write endpoints when the server is configured with GEOKG_API_KEY.",
    }
    assert schema["paths"]["/articles"]["post"]["security"] == [{"APIKeyHeader": []}]
    assert "security" not in schema["paths"]["/articles"]["get"]


@pytest.fixture
def cors_client(clean_graph: Driver, test_settings: Settings) -> Iterator[TestClient]:
    settings = test_settings.model_copy(update={"cors_origins": ["https://app.example.org"]})
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_cors_allows_configured_origins_only(cors_client: TestClient) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-api-key, content-type"}
    allowed = cors_client.options("/articles", headers={"Origin": "https://app.example.org", **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://app.example.org"
    assert "x-api-key" in allowed.headers["access-control-allow-headers"].lower()
    refused = cors_client.options("/articles", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in refused.headers
    simple = cors_client.get("/articles", headers={"Origin": "https://app.example.org"})
    assert simple.headers["access-control-allow-origin"] == "https://app.example.org"
    assert "location" in simple.headers["access-control-expose-headers"].lower()


def test_without_cors_origins_no_cors_headers(client: TestClient) -> None:
    response = client.get("/articles", headers={"Origin": "https://app.example.org"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_neo4j_every_route_answers_503() -> None:
    settings = Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password="unused", cypher_enabled=True)
    with TestClient(create_app(settings)) as client:
        assert_problem(client.get("/articles"), 503, "urn:geokg:problem:graph-unavailable")
        assert_problem(client.get("/articles/art-denial"), 503)
        assert_problem(client.post("/articles", json=NEW_ARTICLE), 503)
        assert_problem(client.get("/export", params={"format": "csv"}), 503)
        assert_problem(client.post("/cypher", json={"query": "RETURN 1"}), 503)


def test_article_dates_must_be_days(client: TestClient) -> None:
    response = client.get("/articles", params={"until": "0"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
