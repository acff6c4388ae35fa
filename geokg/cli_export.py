"""`geokg export`: the actor graph as GraphML, Cytoscape.js JSON, a CSV zip or PLOVER JSON lines."""

import os
import sys
from pathlib import Path
from typing import Annotated, BinaryIO, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from geokg.settings import Settings, get_settings
from graph.driver import check_connection, create_driver
from graph.exports import export_graph
from schemas.io import ExportFormat

errors = Console(stderr=True)


def fail(message: str) -> NoReturn:
    errors.print(f"[bold red]Error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code=1)


def write_chunks(settings: Settings, export_format: ExportFormat, out: BinaryIO) -> None:
    with create_driver(settings) as driver:
        if check_connection(driver) is None:
            hint = (
                "start it with `geokg neo4j start`"
                if settings.managed
                else "check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD"
            )
            fail(f"Neo4j does not answer at {settings.bolt_uri}: {hint}.")
        for chunk in export_graph(driver, export_format, database=settings.neo4j_database):
            out.write(chunk)


def write_file(settings: Settings, export_format: ExportFormat, output: Path) -> None:
    """Into a temporary file beside `output`, renamed at the end: a failed export leaves no half file."""
    partial = output.with_name(output.name + ".part")
    try:
        with partial.open("wb") as out:
            write_chunks(settings, export_format, out)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)


def export(
    export_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="graphml (Gephi), cytoscape (Cytoscape.js JSON), csv (zip of nodes.csv and edges.csv), "
            "plover (PLOVER JSON lines of events).",
        ),
    ] = ExportFormat.GRAPHML,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write; standard output without it.")
    ] = None,
) -> None:
    """Export the actor graph (actors, relations and their evidence) for other tools."""
    settings = get_settings()
    if output is None:
        write_chunks(settings, export_format, sys.stdout.buffer)
        return
    write_file(settings, export_format, output)
    errors.print(f"Wrote {escape(str(output))} ({output.stat().st_size:,} bytes).", highlight=False)
