"""The `geokg` command: thin Typer commands over importable functions."""

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from geokg.cli_export import export
from geokg.cli_neo4j import neo4j_app
from geokg.cli_stats import stats
from geokg.ingest import IngestReport, extract_paths, ingest_paths
from geokg.settings import Settings, get_settings
from graph.browser import browser_config
from graph.driver import check_connection, create_driver
from graph.schema import ensure_schema
from graph.server import Neo4jServerError, start_neo4j
from loaders.catalog import CatalogError
from loaders.pipeline import PipelineError
from schemas.loading import LoadError

app = typer.Typer(help="geokg: a knowledge graph of geopolitical actors and events built from news.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.command()(stats)
app.command()(export)
console = Console()
errors = Console(stderr=True)

PathsArg = Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .html, .jsonl, .json, RSS/Atom).")]


def fail(message: str) -> NoReturn:
    errors.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code=1)


def report_load_errors(load_errors: list[LoadError]) -> None:
    for error in load_errors:
        where = f"{error.path}:{error.line}" if error.line else error.path
        errors.print(f"[yellow]skipped[/] {where}: {error.message}", highlight=False)


@app.command()
def extract(
    paths: PathsArg,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl: one extraction per line (ONTOLOGY.md); json: one array.")] = "jsonl",
) -> None:
    """Extract actors and relations and print them, without touching the database."""
    if format not in {"jsonl", "json"}:
        fail(f"unknown format {format!r}: use jsonl or json")
    settings = get_settings()
    load_errors: list[LoadError] = []
    out = sys.stdout
    try:
        first = True
        out.write("[" if format == "json" else "")
        for _, extraction in extract_paths(settings, paths, load_errors):
            line = extraction.model_dump_json(exclude_none=True)
            if format == "json":
                line = ("" if first else ",\n") + line
            else:
                line += "\n"
            out.write(line)
            first = False
        out.write("]\n" if format == "json" else "")
    except (CatalogError, PipelineError) as exc:
        fail(str(exc))
    report_load_errors(load_errors)
    if load_errors:
        raise typer.Exit(code=1)


@app.command()
def schema() -> None:
    """Create the Neo4j constraints and indexes (idempotent)."""
    settings = get_settings()
    with create_driver(settings) as driver:
        require_connection(driver, settings)
        ensure_schema(driver, settings.neo4j_database)
    console.print("Schema is in place.")


@app.command()
def ingest(paths: PathsArg) -> None:
    """Extract articles and write them to Neo4j: idempotent, batched, with a progress bar."""
    settings = get_settings()
    with create_driver(settings) as driver:
        require_connection(driver, settings)
        ensure_schema(driver, settings.neo4j_database)
        report = run_ingest(driver, settings, paths)
    print_report(report)
    if report.failed:
        raise typer.Exit(code=1)


def run_ingest(driver, settings: Settings, paths: list[Path]) -> IngestReport:
    columns = (SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=True) as progress:
        task = progress.add_task("Ingesting articles", total=None)
        try:
            return ingest_paths(driver, settings, paths, progress=lambda n: progress.advance(task, n))
        except (CatalogError, PipelineError) as exc:
            fail(str(exc))


def print_report(report: IngestReport) -> None:
    written = report.written
    report_load_errors(report.load_errors)
    for failure in written.failures:
        errors.print(f"[yellow]not written[/] {failure.article_id}: {failure.message}", highlight=False)
    console.print(
        f"Ingested {written.articles} articles: {written.actors} actors, {written.mentions} mentions, "
        f"{written.relations} relations ({len(report.load_errors)} unreadable, {len(written.failures)} not written)."
    )


def require_connection(driver, settings: Settings) -> str:
    version = check_connection(driver)
    if version is None:
        hint = "start it with `geokg neo4j start`" if settings.managed else "check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD"
        fail(f"Neo4j does not answer at {settings.bolt_uri}: {hint}.")
    return version


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on (default from settings).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings).")] = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run("api.app:create_app", factory=True, host=host or settings.api_host, port=port or settings.api_port)


@app.command()
def run(
    paths: Annotated[list[Path] | None, typer.Argument(help="Articles to load (default: the bundled examples).")] = None,
    serve_api: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the API after loading.")] = True,
) -> None:
    """Everything at once: start Neo4j, create the schema, load articles, serve the API."""
    settings = get_settings()
    try:
        status = start_neo4j(settings, extra_config=browser_config(settings))
    except Neo4jServerError as exc:
        fail(str(exc))
    with create_driver(settings) as driver:
        require_connection(driver, settings)
        ensure_schema(driver, settings.neo4j_database)
        report = run_ingest(driver, settings, paths or [default_examples()])
    print_report(report)
    console.print(f"Neo4j Browser: [bold]{status.browser_url or settings.browser_url}[/]  (user [bold]{settings.neo4j_user}[/], password [bold]{settings.neo4j_password.get_secret_value()}[/])")
    console.print(f"Bolt: {settings.bolt_uri}")
    console.print(f"API: http://{settings.api_host}:{settings.api_port}  (docs at /docs)")
    if serve_api:
        serve(None, None)


def default_examples() -> Path:
    return Path(__file__).resolve().parent.parent / "examples" / "articles"


if __name__ == "__main__":
    app()
