"""GET /export and `geokg export`: GraphML, Cytoscape.js JSON, CSV zip and PLOVER JSON lines,
checked by reading them back with the tools that read them, against counts in Neo4j."""

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import jsonschema
import networkx as nx
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from typer.testing import CliRunner

import geokg.cli_export
from geokg.cli import app as cli_app
from geokg.settings import Settings
from graph.exports import CHUNK_BYTES, export_graph
from graph.writes import write_extractions
from schemas.article import Article
from schemas.extraction import Extraction
from schemas.io import ExportFormat
from schemas.ontology import RelationType
from tests.test_api_articles import (  # noqa: F401  (app_client and client are fixtures)
    DENIAL_TEXT,
    IRAN,
    MEETING_TEXT,
    PEZESHKIAN,
    SLASH_ID,
    THREAT_TEXT,
    TRUMP,
    app_client,
    client,
    write_sample,
)

TEXTS = {"art-denial": DENIAL_TEXT, "art-threat": THREAT_TEXT, SLASH_ID: MEETING_TEXT}

# What Cytoscape.js reads as `elements` (js.cytoscape.org, "Element JSON"): nodes need data.id,
# edges data.id, data.source and data.target; no other keys at the element level.
ELEMENT_KEYS = {
    "group": {"enum": ["nodes", "edges"]},
    "classes": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    "position": {"$ref": "#/$defs/position"},
    "renderedPosition": {"$ref": "#/$defs/position"},
    "selected": {"type": "boolean"},
    "selectable": {"type": "boolean"},
    "locked": {"type": "boolean"},
    "grabbable": {"type": "boolean"},
    "pannable": {"type": "boolean"},
    "scratch": {"type": "object"},
}
CYTOSCAPE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["elements"],
    "properties": {
        "elements": {
            "type": "object",
            "required": ["nodes", "edges"],
            "additionalProperties": False,
            "properties": {
                "nodes": {"type": "array", "items": {"$ref": "#/$defs/node"}},
                "edges": {"type": "array", "items": {"$ref": "#/$defs/edge"}},
            },
        }
    },
    "$defs": {
        "id": {"type": "string", "minLength": 1},
        "position": {
            "type": "object",
            "required": ["x", "y"],
            "properties": {"x": {"type": "number"}, "y": {"type": "number"}},
        },
        "node": {
            "type": "object",
            "required": ["data"],
            "additionalProperties": False,
            "properties": {
                **ELEMENT_KEYS,
                "group": {"const": "nodes"},
                "data": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"$ref": "#/$defs/id"}, "parent": {"$ref": "#/$defs/id"}},
                },
            },
        },
        "edge": {
            "type": "object",
            "required": ["data"],
            "additionalProperties": False,
            "properties": {
                **ELEMENT_KEYS,
                "group": {"const": "edges"},
                "data": {
                    "type": "object",
                    "required": ["id", "source", "target"],
                    "properties": {
                        "id": {"$ref": "#/$defs/id"},
                        "source": {"$ref": "#/$defs/id"},
                        "target": {"$ref": "#/$defs/id"},
                    },
                },
            },
        },
    },
}


@pytest.fixture
def empty_client(app_client: TestClient, clean_graph: Driver) -> TestClient:
    return app_client


def neo4j_actors(driver: Driver, database: str) -> dict[str, dict]:
    records, _, _ = driver.execute_query("MATCH (a:Actor) RETURN a {.*} AS a", database_=database)
    return {record["a"]["id"]: record["a"] for record in records}


def neo4j_relations(driver: Driver, database: str) -> dict[str, dict]:
    records, _, _ = driver.execute_query(
        "MATCH (s:Actor)-[r]->(t:Actor) RETURN r {.*, type: type(r), source: s.id, target: t.id} AS r",
        database_=database,
    )
    return {record["r"]["id"]: record["r"] for record in records}


def export(client: TestClient, export_format: str):
    response = client.get("/export", params={"format": export_format})
    assert response.status_code == 200, response.text
    return response


def read_graphml(content: bytes) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(content), edge_key_type=str, force_multigraph=True)


def test_graphml_loads_in_networkx_with_every_node_and_edge(
    client: TestClient, clean_graph: Driver, test_settings: Settings
) -> None:
    response = export(client, "graphml")
    assert response.headers["content-type"] == "application/graphml+xml"
    assert response.headers["content-disposition"] == 'attachment; filename="geokg.graphml"'
    graph = read_graphml(response.content)
    actors = neo4j_actors(clean_graph, test_settings.neo4j_database)
    relations = neo4j_relations(clean_graph, test_settings.neo4j_database)
    assert graph.is_directed()
    assert set(graph.nodes) == set(actors) and graph.number_of_nodes() == len(actors) == 7
    assert {key for _, _, key in graph.edges(keys=True)} == set(relations)
    assert graph.number_of_edges() == len(relations) == 6

    pezeshkian = graph.nodes[PEZESHKIAN]
    assert pezeshkian["label"] == pezeshkian["name"] == "Masoud Pezeshkian"
    assert pezeshkian["type"] == "Person"
    assert pezeshkian["aliases"].split("|") == ["Pezeshkian", "President Pezeshkian"]
    assert graph.nodes[TRUMP]["from_catalog"] is True
    for source, target, key, data in graph.edges(keys=True, data=True):
        rel = relations[key]
        assert (source, target) == (rel["source"], rel["target"])
        assert data["type"] == data["label"] == rel["type"]
        assert data["article_id"] == rel["article_id"]
        assert data["sentence"] == rel["sentence"] == TEXTS[rel["article_id"]][data["start"] : data["end"]]
        assert data["negated"] is rel["negated"]
        assert data["modality"] == rel["modality"]
        assert data["confidence"] == pytest.approx(rel["confidence"])
        assert data.get("date") == (rel["date"].iso_format() if rel.get("date") else None)
        assert data.get("cue") == rel.get("cue")
    plot = next(data for _, _, data in graph.edges(data=True) if data["type"] == "PLOTS_AGAINST")
    assert plot["negated"] is True and plot["modality"] == "alleged"
    meeting = next(data for _, _, data in graph.edges(data=True) if data["type"] == "MEETS")
    assert meeting["sentence"] == MEETING_TEXT


def test_graphml_is_the_default_format(client: TestClient) -> None:
    response = client.get("/export")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/graphml+xml"
    assert read_graphml(response.content).number_of_nodes() == 7


def test_cytoscape_json_has_the_shape_cytoscape_reads(
    client: TestClient, clean_graph: Driver, test_settings: Settings
) -> None:
    response = export(client, "cytoscape")
    assert response.headers["content-type"] == "application/json"
    document = response.json()
    jsonschema.validate(document, CYTOSCAPE_SCHEMA)
    nodes = document["elements"]["nodes"]
    edges = document["elements"]["edges"]
    actors = neo4j_actors(clean_graph, test_settings.neo4j_database)
    relations = neo4j_relations(clean_graph, test_settings.neo4j_database)
    node_ids = [node["data"]["id"] for node in nodes]
    edge_ids = [edge["data"]["id"] for edge in edges]
    assert sorted(node_ids) == sorted(actors)
    assert sorted(edge_ids) == sorted(relations)
    # Cytoscape.js needs ids unique across nodes and edges, and every edge's ends among the nodes.
    assert len(set(node_ids) | set(edge_ids)) == len(node_ids) + len(edge_ids)
    assert all(edge["data"]["source"] in actors and edge["data"]["target"] in actors for edge in edges)

    iran = next(node for node in nodes if node["data"]["id"] == IRAN)
    assert iran["data"]["label"] == "Iran" and iran["data"]["type"] == "State" and iran["classes"] == ["State"]
    plot = next(edge for edge in edges if edge["data"]["type"] == "PLOTS_AGAINST")
    assert plot["data"]["label"] == "PLOTS_AGAINST"
    assert plot["data"]["negated"] is True and plot["classes"] == ["PLOTS_AGAINST", "negated"]
    denies = next(edge for edge in edges if edge["data"]["type"] == "DENIES")
    assert denies["data"]["date"] == "2024-11-12" and denies["data"]["source"] == PEZESHKIAN
    assert denies["data"]["article_id"] == "art-denial"


def read_csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    with archive.open(name) as entry:
        return list(csv.DictReader(io.TextIOWrapper(entry, encoding="utf-8", newline="")))


def test_csv_zip_parses_back(client: TestClient, clean_graph: Driver, test_settings: Settings) -> None:
    response = export(client, "csv")
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == 'attachment; filename="geokg-csv.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.testzip() is None
    assert archive.namelist() == ["nodes.csv", "edges.csv"]
    nodes = read_csv(archive, "nodes.csv")
    edges = read_csv(archive, "edges.csv")
    actors = neo4j_actors(clean_graph, test_settings.neo4j_database)
    relations = neo4j_relations(clean_graph, test_settings.neo4j_database)
    assert [row["id"] for row in nodes] == sorted(actors)
    assert [row["id"] for row in edges] == sorted(relations)
    assert list(nodes[0]) == ["id", "name", "type", "aliases", "from_catalog"]
    for row in nodes:
        actor = actors[row["id"]]
        assert row["name"] == actor["name"] and row["type"] == actor["type"]
        assert (row["aliases"].split("|") if row["aliases"] else []) == actor["aliases"]
        assert row["from_catalog"] == str(actor["from_catalog"]).lower()
    for row in edges:
        rel = relations[row["id"]]
        assert (row["source"], row["target"], row["type"]) == (rel["source"], rel["target"], rel["type"])
        assert row["sentence"] == TEXTS[row["article_id"]][int(row["start"]) : int(row["end"])]
        assert row["negated"] == str(rel["negated"]).lower()
        assert float(row["confidence"]) == pytest.approx(rel["confidence"])
        assert row["date"] == (rel["date"].iso_format() if rel.get("date") else "")


def test_plover_lines_hold_each_event_with_its_evidence(
    client: TestClient, clean_graph: Driver, test_settings: Settings
) -> None:
    response = export(client, "plover")
    assert response.headers["content-type"] == "application/x-ndjson"
    events = [json.loads(line) for line in response.text.splitlines()]
    relations = neo4j_relations(clean_graph, test_settings.neo4j_database)
    event_relations = {key: rel for key, rel in relations.items() if not RelationType(rel["type"]).is_affiliation}
    assert sorted(event["id"] for event in events) == sorted(event_relations)
    assert len(events) == 5
    for event in events:
        rel = event_relations[event["id"]]
        rel_type = RelationType(rel["type"])
        assert event["relation_type"] == rel_type.value
        assert event["event"] == [rel_type.plover]
        assert event["cameo"] == rel_type.cameo
        assert event["actor"][0]["identifier_id"] == rel["source"]
        assert event["recipient"][0]["identifier_id"] == rel["target"]
        assert event["negated"] is rel["negated"] and event["modality"] == rel["modality"]
        assert event["article_id"] == event["cite_info"]["citation"] == rel["article_id"]
        start, end = event["text_info"]["start"], event["text_info"]["end"]
        assert event["text"] == TEXTS[rel["article_id"]][start:end]
    by_type = {event["relation_type"]: event for event in events}
    denies = by_type["DENIES"]
    assert denies["date"] == "2024-11-12" and denies["event"] == ["REJECT"] and denies["cameo"] == "016"
    assert denies["actor"] == [{"identifier_id": PEZESHKIAN, "identifier_text": "Masoud Pezeshkian", "type": "Person"}]
    assert denies["event_text"] == ["denied"]
    assert denies["cite_info"]["url"] == "https://example.org/denial"
    assert by_type["THREATENS"]["date"] == "2024-11-20"
    assert by_type["PLOTS_AGAINST"]["negated"] is True
    assert by_type["MEETS"]["date"] is None and by_type["MEETS"]["event"] == ["CONSULT"]
    dated = [event["date"] for event in events if event["date"]]
    assert dated == sorted(dated) and events[-1]["date"] is None


def test_empty_graph_exports(empty_client: TestClient) -> None:
    graph = read_graphml(export(empty_client, "graphml").content)
    assert graph.number_of_nodes() == 0 and graph.number_of_edges() == 0
    document = export(empty_client, "cytoscape").json()
    jsonschema.validate(document, CYTOSCAPE_SCHEMA)
    assert document == {"elements": {"nodes": [], "edges": []}}
    archive = zipfile.ZipFile(io.BytesIO(export(empty_client, "csv").content))
    assert read_csv(archive, "nodes.csv") == [] and read_csv(archive, "edges.csv") == []
    assert export(empty_client, "plover").content == b""


@pytest.mark.parametrize("params", [{"format": "gexf"}, {"format": ""}, {"format": "GraphML"}])
def test_unknown_format_is_422(client: TestClient, params: dict) -> None:
    response = client.get("/export", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def many_items(count: int) -> list[tuple[Article, Extraction]]:
    """Articles each with two actors of their own and one shared, and two relations."""
    items = []
    for number in range(count):
        sentence = f"Group {number} attacked the Ministry & <Harbour> of Town {number}, officials said."
        article = Article(id=f"bulk-{number:04d}", text=sentence, published=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
        extraction = Extraction.model_validate(
            {
                "article": {"id": article.id},
                "actors": [
                    {"id": f"group-{number}", "name": f"Group {number}", "type": "ArmedGroup"},
                    {"id": f"ministry-{number}", "name": f"Ministry of Town {number}", "type": "Organization"},
                    {"id": IRAN, "name": "Iran", "type": "State"},
                ],
                "relations": [
                    {"source": f"group-{number}", "type": "ATTACKS", "target": f"ministry-{number}",
                     "sentence": sentence, "start": 0, "end": len(sentence)},
                    {"source": f"ministry-{number}", "type": "PART_OF", "target": IRAN,
                     "sentence": sentence, "start": 0, "end": len(sentence)},
                ],
            }
        )
        items.append((article, extraction))
    return items


def test_large_exports_stream_in_chunks(client: TestClient, clean_graph: Driver, test_settings: Settings) -> None:
    summary = write_extractions(clean_graph, many_items(300), database=test_settings.neo4j_database)
    assert summary.failures == []
    actors = neo4j_actors(clean_graph, test_settings.neo4j_database)
    relations = neo4j_relations(clean_graph, test_settings.neo4j_database)
    assert len(actors) > 600 and len(relations) > 600

    chunks = list(export_graph(clean_graph, ExportFormat.GRAPHML, database=test_settings.neo4j_database))
    assert len(chunks) > 2
    assert all(len(chunk) < 2 * CHUNK_BYTES for chunk in chunks)
    graph = read_graphml(b"".join(chunks))
    assert graph.number_of_nodes() == len(actors) and graph.number_of_edges() == len(relations)

    with client.stream("GET", "/export", params={"format": "csv"}) as response:
        content = b"".join(response.iter_bytes())
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert len(read_csv(archive, "nodes.csv")) == len(actors)
    assert len(read_csv(archive, "edges.csv")) == len(relations)
    cytoscape = export(client, "cytoscape").json()
    assert len(cytoscape["elements"]["edges"]) == len(relations)
    events = export(client, "plover").text.splitlines()
    assert len(events) == sum(not RelationType(rel["type"]).is_affiliation for rel in relations.values())


@pytest.fixture
def cli_settings(clean_graph: Driver, test_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    write_sample(clean_graph, test_settings)
    monkeypatch.setattr(geokg.cli_export, "get_settings", lambda: test_settings)
    return test_settings


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_cli_export_writes_the_same_as_the_api(
    cli_settings: Settings, app_client: TestClient, tmp_path: Path, export_format: ExportFormat
) -> None:
    output = tmp_path / f"export.{export_format.value}"
    result = CliRunner().invoke(cli_app, ["export", "--format", export_format.value, "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / f"{output.name}.part").exists()
    from_api = export(app_client, export_format.value).content
    if export_format is ExportFormat.CSV:
        written, served = zipfile.ZipFile(output), zipfile.ZipFile(io.BytesIO(from_api))
        assert all(written.read(name) == served.read(name) for name in ("nodes.csv", "edges.csv"))
    else:
        assert output.read_bytes() == from_api


def test_cli_export_to_standard_output(cli_settings: Settings) -> None:
    result = CliRunner().invoke(cli_app, ["export", "-f", "plover"])
    assert result.exit_code == 0, result.output
    assert len([json.loads(line) for line in result.stdout.splitlines()]) == 5


def test_cli_export_without_neo4j_fails_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(neo4j_uri="bolt://127.0.0.1:1", neo4j_password="unused")
    monkeypatch.setattr(geokg.cli_export, "get_settings", lambda: settings)
    output = tmp_path / "graph.graphml"
    result = CliRunner().invoke(cli_app, ["export", "--output", str(output)])
    assert result.exit_code == 1
    assert "Neo4j does not answer" in result.output
    assert not output.exists() and not (tmp_path / "graph.graphml.part").exists()


def test_cli_rejects_unknown_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["export", "--format", "gexf", "--output", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()
