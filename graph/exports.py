"""The actor graph as files for other tools: GraphML (Gephi), Cytoscape.js JSON, CSV, PLOVER events.

Every export reads one snapshot (one read transaction) and is written as it is read, in chunks
of bytes, so that neither the API nor the CLI holds a large graph in memory. Nodes are the
actors, edges the relations between them (events and affiliations) with their evidence.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from neo4j import READ_ACCESS, Driver, Transaction

from graph.reads import to_native
from schemas.io import (
    CytoscapeEdge,
    CytoscapeEdgeData,
    CytoscapeNode,
    CytoscapeNodeData,
    ExportActor,
    ExportFormat,
    ExportRelation,
    PloverActor,
    PloverCiteInfo,
    PloverEvent,
    PloverTextInfo,
)
from schemas.ontology import RelationType

CHUNK_BYTES = 64 * 1024
# Lists in one text field (GraphML has no list type; Gephi and spreadsheets read text).
LIST_SEPARATOR = "|"
RELATION_TYPES = [rel_type.value for rel_type in RelationType]
EVENT_TYPES = [rel_type.value for rel_type in RelationType if not rel_type.is_affiliation]

MEDIA_TYPES = {
    ExportFormat.GRAPHML: "application/graphml+xml",
    ExportFormat.CYTOSCAPE: "application/json",
    ExportFormat.CSV: "application/zip",
    ExportFormat.PLOVER: "application/x-ndjson",
}
FILE_NAMES = {
    ExportFormat.GRAPHML: "geokg.graphml",
    ExportFormat.CYTOSCAPE: "geokg.cytoscape.json",
    ExportFormat.CSV: "geokg-csv.zip",
    ExportFormat.PLOVER: "geokg-events.plover.jsonl",
}

EXPORT_ACTORS = """
MATCH (a:Actor)
RETURN a {.id, .name, .type, .aliases, .from_catalog} AS actor
ORDER BY a.id
"""

EXPORT_RELATIONS = """
MATCH (s:Actor)-[r]->(t:Actor) WHERE type(r) IN $types
RETURN type(r) AS type, s.id AS source, t.id AS target, properties(r) AS rel
ORDER BY r.id
"""

EXPORT_EVENTS = """
MATCH (s:Actor)-[r]->(t:Actor) WHERE type(r) IN $types
OPTIONAL MATCH (art:Article {id: r.article_id})
WITH s, r, t, art, coalesce(r.date, date(art.published)) AS day
ORDER BY day IS NULL, day, r.id
RETURN type(r) AS type, properties(r) AS rel, day,
  s {.id, .name, .type} AS source, t {.id, .name, .type} AS target,
  art {.title, .url, .source, .published} AS article
"""

# Characters XML 1.0 cannot hold at all, not even escaped.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

GRAPHML_KEYS = [
    # (id, for, attr.name, attr.type)
    ("label", "node", "label", "string"),
    ("name", "node", "name", "string"),
    ("type", "node", "type", "string"),
    ("aliases", "node", "aliases", "string"),
    ("from_catalog", "node", "from_catalog", "boolean"),
    ("e_label", "edge", "label", "string"),
    ("e_type", "edge", "type", "string"),
    ("e_article_id", "edge", "article_id", "string"),
    ("e_sentence", "edge", "sentence", "string"),
    ("e_start", "edge", "start", "int"),
    ("e_end", "edge", "end", "int"),
    ("e_negated", "edge", "negated", "boolean"),
    ("e_modality", "edge", "modality", "string"),
    ("e_date", "edge", "date", "string"),
    ("e_confidence", "edge", "confidence", "double"),
    ("e_cue", "edge", "cue", "string"),
]
GRAPHML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)

NODE_COLUMNS = ["id", "name", "type", "aliases", "from_catalog"]
EDGE_COLUMNS = [
    "id", "source", "target", "type", "article_id", "sentence", "start", "end",
    "negated", "modality", "date", "confidence", "cue",
]


class GraphSnapshot:
    """Actors, then the relations between them, and events, read in one read transaction.

    Neo4j reads what is committed when each query runs, so an article written during an export
    may add relations to actors that were not among the actors read: `relations` leaves those
    out, so that every edge's ends are nodes of the export. Read `actors` first.
    """

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx
        self.actor_ids: set[str] = set()

    def actors(self) -> Iterator[ExportActor]:
        for record in self.tx.run(EXPORT_ACTORS):
            actor = ExportActor.model_validate(record["actor"])
            self.actor_ids.add(actor.id)
            yield actor

    def relations(self) -> Iterator[ExportRelation]:
        for record in self.tx.run(EXPORT_RELATIONS, types=RELATION_TYPES):
            if record["source"] in self.actor_ids and record["target"] in self.actor_ids:
                yield to_export_relation(record["type"], record["source"], record["target"], record["rel"])

    def events(self) -> Iterator[PloverEvent]:
        for record in self.tx.run(EXPORT_EVENTS, types=EVENT_TYPES):
            yield to_plover_event(record.data())


@contextmanager
def open_snapshot(driver: Driver, database: str | None = None) -> Iterator[GraphSnapshot]:
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        with session.begin_transaction() as tx:
            yield GraphSnapshot(tx)


def to_export_relation(rel_type: str, source: str, target: str, rel: dict[str, Any]) -> ExportRelation:
    return ExportRelation(
        id=rel["id"],
        type=RelationType(rel_type),
        source=source,
        target=target,
        article_id=rel["article_id"],
        sentence=rel["sentence"],
        start=rel["start"],
        end=rel["end"],
        negated=rel.get("negated", False),
        modality=rel.get("modality", "asserted"),
        date=to_native(rel.get("date")),
        confidence=rel.get("confidence", 0.5),
        cue=rel.get("cue"),
    )


def plover_actor(actor: dict[str, Any]) -> PloverActor:
    return PloverActor(identifier_id=actor["id"], identifier_text=actor["name"], type=actor["type"])


def to_plover_event(record: dict[str, Any]) -> PloverEvent:
    rel_type = RelationType(record["type"])
    rel = record["rel"]
    article = record["article"] or {}
    return PloverEvent(
        id=rel["id"],
        date=to_native(record["day"]),
        actor=[plover_actor(record["source"])],
        recipient=[plover_actor(record["target"])],
        event=[rel_type.plover] if rel_type.plover else [],
        event_text=[rel["cue"]] if rel.get("cue") else [],
        text=rel["sentence"],
        text_info=PloverTextInfo(start=rel["start"], end=rel["end"]),
        cite_info=PloverCiteInfo(
            citation=rel["article_id"],
            title=article.get("title") or None,
            url=article.get("url"),
            publication=article.get("source"),
            published=to_native(article.get("published")),
        ),
        cameo=rel_type.cameo,
        relation_type=rel_type,
        negated=rel.get("negated", False),
        modality=rel.get("modality", "asserted"),
        confidence=rel.get("confidence", 0.5),
        article_id=rel["article_id"],
    )


def xml_text(value: Any) -> str:
    return escape(XML_INVALID.sub("", str(value)))


def xml_attr(value: str) -> str:
    return quoteattr(XML_INVALID.sub("", value))


def graphml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def graphml_data(key: str, value: Any) -> str:
    if value is None or value == []:
        return ""
    return f'<data key="{key}">{xml_text(graphml_value(value))}</data>'


def graphml_node(actor: ExportActor) -> str:
    data = [
        graphml_data("label", actor.name),
        graphml_data("name", actor.name),
        graphml_data("type", actor.type.value),
        graphml_data("aliases", actor.aliases),
        graphml_data("from_catalog", actor.from_catalog),
    ]
    return f"    <node id={xml_attr(actor.id)}>{''.join(data)}</node>\n"


def graphml_edge(rel: ExportRelation) -> str:
    values = rel.model_dump(mode="json", exclude={"id", "source", "target"})
    data = [graphml_data("e_label", rel.type.value)]
    data.extend(graphml_data(f"e_{name}", value) for name, value in values.items())
    ends = f"source={xml_attr(rel.source)} target={xml_attr(rel.target)}"
    return f"    <edge id={xml_attr(rel.id)} {ends}>{''.join(data)}</edge>\n"


def graphml_chunks(graph: GraphSnapshot) -> Iterator[str]:
    yield GRAPHML_HEAD
    for key, domain, name, kind in GRAPHML_KEYS:
        yield f'  <key id="{key}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n'
    yield '  <graph id="geokg" edgedefault="directed">\n'
    yield from map(graphml_node, graph.actors())
    yield from map(graphml_edge, graph.relations())
    yield "  </graph>\n</graphml>\n"


def cytoscape_node(actor: ExportActor) -> CytoscapeNode:
    data = CytoscapeNodeData(
        id=actor.id, label=actor.name, type=actor.type, aliases=actor.aliases, from_catalog=actor.from_catalog
    )
    return CytoscapeNode(data=data, classes=[actor.type.value])


def cytoscape_edge(rel: ExportRelation) -> CytoscapeEdge:
    data = CytoscapeEdgeData(label=rel.type.value, **rel.model_dump())
    classes = [rel.type.value, *(["negated"] if rel.negated else [])]
    return CytoscapeEdge(data=data, classes=classes)


def json_array(items: Iterable[Any]) -> Iterator[str]:
    """A JSON array of pydantic models, item by item."""
    yield "["
    for index, item in enumerate(items):
        yield ("," if index else "") + "\n" + item.model_dump_json(exclude_none=True)
    yield "\n]"


def cytoscape_chunks(graph: GraphSnapshot) -> Iterator[str]:
    """The `elements` object Cytoscape.js takes (`cytoscape({elements})`, `cy.json()`)."""
    yield '{"elements": {"nodes": '
    yield from json_array(map(cytoscape_node, graph.actors()))
    yield ', "edges": '
    yield from json_array(map(cytoscape_edge, graph.relations()))
    yield "}}\n"


def plover_chunks(graph: GraphSnapshot) -> Iterator[str]:
    for event in graph.events():
        yield event.model_dump_json() + "\n"


def csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return "" if value is None else value


class ChunkSink(io.RawIOBase):
    """A write-only stream that keeps what is written until it is taken (zipfile writes into it)."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def csv_entry(
    archive: zipfile.ZipFile, sink: ChunkSink, name: str, columns: list[str], rows: Iterable[dict[str, Any]]
) -> Iterator[bytes]:
    with archive.open(name, "w") as entry, io.TextIOWrapper(entry, encoding="utf-8", newline="") as text:
        writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: csv_value(value) for key, value in row.items()})
            if sink.chunks:
                yield sink.take()
    yield sink.take()


def csv_zip_chunks(graph: GraphSnapshot) -> Iterator[bytes]:
    """A zip of nodes.csv and edges.csv, written into as rows are read (a stream, not a seekable file)."""
    sink = ChunkSink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        nodes = (actor.model_dump(mode="json") for actor in graph.actors())
        yield from csv_entry(archive, sink, "nodes.csv", NODE_COLUMNS, nodes)
        edges = (rel.model_dump(mode="json") for rel in graph.relations())
        yield from csv_entry(archive, sink, "edges.csv", EDGE_COLUMNS, edges)
    yield sink.take()


def encoded(chunks: Iterable[str]) -> Iterator[bytes]:
    encoder = codecs.getincrementalencoder("utf-8")()
    for chunk in chunks:
        yield encoder.encode(chunk)


def buffered(chunks: Iterable[bytes], size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """Chunks of about `size` bytes: one write per element would make a slow stream."""
    buffer = bytearray()
    for chunk in chunks:
        buffer += chunk
        if len(buffer) >= size:
            yield bytes(buffer)
            buffer.clear()
    if buffer:
        yield bytes(buffer)


TEXT_WRITERS: dict[ExportFormat, Callable[[GraphSnapshot], Iterator[str]]] = {
    ExportFormat.GRAPHML: graphml_chunks,
    ExportFormat.CYTOSCAPE: cytoscape_chunks,
    ExportFormat.PLOVER: plover_chunks,
}


def export_chunks(graph: GraphSnapshot, export_format: ExportFormat) -> Iterator[bytes]:
    if export_format is ExportFormat.CSV:
        return csv_zip_chunks(graph)
    return encoded(TEXT_WRITERS[export_format](graph))


def export_graph(driver: Driver, export_format: ExportFormat, *, database: str | None = None) -> Iterator[bytes]:
    """The export as bytes, made while it is read; the read transaction ends with the last chunk."""
    with open_snapshot(driver, database) as graph:
        yield from buffered(export_chunks(graph, export_format))


def start_export(driver: Driver, export_format: ExportFormat, *, database: str | None = None) -> Iterator[bytes]:
    """`export_graph` with its first chunk already made, so that a failure to read the graph
    is raised here (and answered as an error) rather than in the middle of a response."""
    chunks = export_graph(driver, export_format, database=database)
    return resume(next(chunks, b""), chunks)


def resume(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    # A generator (not itertools.chain), so that closing it closes `rest` and its transaction.
    yield first
    yield from rest
