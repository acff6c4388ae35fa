"""`geokg neo4j start|stop|status`: run the managed Neo4j server in the background."""

from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from geokg.settings import Settings, get_settings
from graph.browser import browser_config
from graph.server import (
    Neo4jServerError,
    ServerStatus,
    is_neo4j_installed,
    neo4j_status,
    start_neo4j,
    stop_neo4j,
)

neo4j_app = typer.Typer(
    help="Run the managed Neo4j server (jars fetched from Maven Central, data under GEOKG_HOME). "
    "With NEO4J_URI set, geokg uses that server instead and these commands only check it.",
    no_args_is_help=True,
)

console = Console()
errors = Console(stderr=True)


def fail(error: Neo4jServerError) -> NoReturn:
    # Escaped: Neo4j's and Maven's log lines are full of [brackets] that rich would read as markup.
    errors.print(f"[bold red]Error:[/] {escape(str(error))}", highlight=False)
    raise typer.Exit(code=1)


def status_table(status: ServerStatus, settings: Settings, show_password: bool = False) -> Table:
    rows = [("Bolt URI", status.bolt_uri)]
    if status.browser_url:
        rows.append(("Browser URL", status.browser_url))
    rows.append(("User", settings.neo4j_user))
    if show_password:
        rows.append(("Password", settings.neo4j_password.get_secret_value()))
    if status.version:
        rows.append(("Version", f"{status.version} {status.edition or ''}".strip()))
    if status.pid is not None:
        rows.append(("PID", str(status.pid)))
    if status.home is not None:
        rows.append(("Home", str(status.home)))
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    for name, value in rows:
        table.add_row(name, escape(value))
    return table


@neo4j_app.command()
def start() -> None:
    """Start the managed Neo4j (fetching its jars the first time) and wait until it answers."""
    settings = get_settings()
    if settings.managed and not neo4j_status(settings).running:
        if not is_neo4j_installed(settings):
            console.print("Fetching Neo4j's jars from Maven Central (only the first time, about a minute)…")
        console.print("Starting Neo4j…")
    try:
        status = start_neo4j(settings, extra_config=browser_config(settings))
    except Neo4jServerError as error:
        fail(error)
    if status.managed:
        console.print("[green]Neo4j is running.[/]")
    else:
        console.print("[green]NEO4J_URI is set: using that server, nothing was started.[/]")
    console.print(status_table(status, settings, show_password=True))


@neo4j_app.command()
def stop() -> None:
    """Stop the managed Neo4j; its data stays under GEOKG_HOME."""
    settings = get_settings()
    if not settings.managed:
        console.print(f"NEO4J_URI is set: geokg does not manage {settings.bolt_uri}, so it was left alone.")
        return
    was_running = neo4j_status(settings).running
    try:
        stop_neo4j(settings)
    except Neo4jServerError as error:
        fail(error)
    console.print("[green]Neo4j stopped.[/]" if was_running else "Neo4j was not running.")


@neo4j_app.command()
def status() -> None:
    """Show whether Neo4j runs, where to reach it and its version."""
    settings = get_settings()
    try:
        current = neo4j_status(settings)
    except Neo4jServerError as error:
        fail(error)
    if current.running:
        console.print("[green]Neo4j is running.[/]")
    elif current.managed:
        console.print("Neo4j is not running. Start it with `geokg neo4j start`.")
    else:
        console.print(f"[red]The Neo4j server at NEO4J_URI={current.bolt_uri} does not answer.[/]")
    if current.running:
        console.print(status_table(current, settings))
