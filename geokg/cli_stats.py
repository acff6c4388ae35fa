"""`geokg stats`: what the graph holds, as GET /stats reports it."""

from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from geokg.settings import get_settings
from graph.analytics import get_stats
from graph.driver import check_connection, create_driver
from schemas.api import GraphStats

console = Console()
errors = Console(stderr=True)


def fail(message: str) -> NoReturn:
    errors.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code=1)


def connection_hint(managed: bool) -> str:
    return "start it with `geokg neo4j start`" if managed else "check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD"


def count_table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("Name")
    table.add_column("Count", justify="right")
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        table.add_row(name, str(count))
    return table


def print_stats(stats: GraphStats) -> None:
    first = stats.first_published.date().isoformat() if stats.first_published else "-"
    last = stats.last_published.date().isoformat() if stats.last_published else "-"
    console.print(
        f"Articles: {stats.articles} ({first} to {last})   Actors: {stats.actors}   "
        f"Relations: {stats.relations}   Nodes: {stats.nodes}   Relationships: {stats.relationships}",
        highlight=False,
    )
    console.print(count_table("Nodes by label", stats.labels))
    console.print(count_table("Relationships by type", stats.types))


def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON, as GET /stats answers.")] = False,
) -> None:
    """Print what the graph holds: nodes by label, relationships by type, articles and their dates."""
    settings = get_settings()
    with create_driver(settings) as driver:
        if check_connection(driver) is None:
            fail(f"Neo4j does not answer at {settings.bolt_uri}: {connection_hint(settings.managed)}.")
        graph_stats = get_stats(driver, database=settings.neo4j_database)
    if as_json:
        typer.echo(graph_stats.model_dump_json(indent=2))
    else:
        print_stats(graph_stats)
