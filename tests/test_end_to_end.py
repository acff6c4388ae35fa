"""From files to answers over HTTP: ingest articles with the CLI's code path, query the served API.

The seed articles live in ../shared/eval beside the repository; the test skips, saying why,
where that folder is absent. The same checks run on the project's own example articles.
"""

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from geokg.ingest import ingest_paths
from geokg.settings import Settings
from graph.writes import count_graph

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "eval" / "seeds" / "articles"
EXAMPLES = REPO / "examples" / "articles"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served_api(test_settings: Settings, clean_graph) -> Iterator[str]:
    """The real app on a real port, in a thread, against the test Neo4j."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(test_settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the API did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def require_seeds() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not beside the repository ({SEEDS.relative_to(REPO.parent)} is absent)")


def find_actor(client: httpx.Client, query: str, name: str) -> dict:
    response = client.get("/actors", params={"q": query})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    matches = [a for a in items if a["name"] == name]
    assert matches, f"{name!r} not among {[a['name'] for a in items]}"
    return matches[0]


def test_seed_articles_end_to_end(served_api: str, clean_graph, test_settings: Settings) -> None:
    require_seeds()
    report = ingest_paths(clean_graph, test_settings, [SEEDS])
    assert report.articles_read == 2 and not report.failed

    with httpx.Client(base_url=served_api, timeout=10) as client:
        assert client.get("/health").json()["status"] == "ok"
        pezeshkian = find_actor(client, "pezeshkian", "Masoud Pezeshkian")
        relations = client.get(f"/actors/{pezeshkian['id']}/relations", params={"type": "DENIES", "direction": "out"})
        assert relations.status_code == 200
        denials = [r for r in relations.json()["items"] if r["target"]["name"] == "Donald Trump"]
        assert denials, relations.json()
        assert "denied" in denials[0]["evidence"]["sentence"]

        shakeri = find_actor(client, "Shakeri", "Farhad Shakeri")
        charges = client.get(f"/actors/{shakeri['id']}/relations", params={"type": "CHARGED", "direction": "in"}).json()["items"]
        assert {r["source"]["name"] for r in charges} & {"United States Department of Justice", "United States"}

        kayhan = find_actor(client, "Kayhan", "Kayhan")
        threats = client.get(f"/actors/{kayhan['id']}/relations", params={"type": "THREATENS"}).json()["items"]
        assert any(r["target"]["name"] == "Donald Trump" for r in threats)

        # One node per real actor whatever the spelling: "Qassem" and "Qasem" Soleimani.
        soleimani = client.get("/actors", params={"q": "Soleimani"}).json()["items"]
        assert [a["name"] for a in soleimani if "Soleimani" in a["name"]] == ["Qasem Soleimani"]

        # Nothing from the boilerplate: the author, her university, the other stories' actors.
        for name in ("Sofia Martinez", "University of Los Angeles", "Hamas"):
            found = client.get("/actors", params={"q": name}).json()["items"]
            assert not [a for a in found if a["name"] == name], f"{name} came from boilerplate"


def test_ingesting_twice_changes_no_count(clean_graph, test_settings: Settings) -> None:
    ingest_paths(clean_graph, test_settings, [EXAMPLES])
    first = count_graph(clean_graph, test_settings.neo4j_database)
    assert first.relationships > 0 and first.labels.get("Actor", 0) > 0
    ingest_paths(clean_graph, test_settings, [EXAMPLES])
    second = count_graph(clean_graph, test_settings.neo4j_database)
    assert second == first
