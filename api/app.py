"""The FastAPI app, made by a factory so that importing this module connects to nothing.

Run with `uvicorn --factory api.app:create_app`.
"""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from api.deps import prepare_graph
from api.errors import install_error_handlers
from api.routes import actors, articles, cypher, export, health, relations
from api.routes import browser as browser_routes
from api.routes import analytics
from geokg import __version__
from geokg.settings import Settings, get_settings
from graph.driver import create_driver

STATIC_DIR = Path(__file__).parent / "static"
SWAGGER_DIR = "static/swagger-ui"
# A request should not wait long on a dead Neo4j: it answers 503 after this many seconds of retries.
REQUEST_RETRY_TIME = 5.0

DESCRIPTION = """
A knowledge graph of geopolitical actors (states, people, organizations, armed groups, media)
and the typed relations between them that news articles report, each with its evidence: the
article, the sentence and its character offsets. Errors are RFC 9457 problem details.
"""

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """One driver for the whole process, closed on shutdown."""
    settings: Settings = app.state.settings
    driver = create_driver(settings, max_transaction_retry_time=REQUEST_RETRY_TIME)
    app.state.driver = driver
    app.state.graph_ready = prepare_graph(driver, settings.neo4j_database)
    if not app.state.graph_ready:
        logger.warning("Neo4j does not answer at %s; the API answers 503 until it does", settings.bolt_uri)
    try:
        yield
    finally:
        driver.close()


def add_docs(app: FastAPI) -> None:
    """Swagger UI from files served by the app itself: /docs works offline and loads no CDN."""

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} - API docs",
            swagger_js_url=f"{root}/{SWAGGER_DIR}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}/{SWAGGER_DIR}/swagger-ui.css",
            swagger_favicon_url=f"{root}/{SWAGGER_DIR}/favicon-32x32.png",
            # The default validator is an online service: the page would call out to it.
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/", include_in_schema=False)
    def root(request: Request) -> RedirectResponse:
        return RedirectResponse(f"{request.scope.get('root_path', '').rstrip('/')}/docs")


def create_app(settings: Settings | None = None) -> FastAPI:
    app = FastAPI(
        title="geokg",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings or get_settings()
    app.state.graph_ready = False
    install_error_handlers(app)
    if app.state.settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=app.state.settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            # Browser clients may read where a new article is and what an export file is called.
            expose_headers=["Location", "Content-Disposition"],
        )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    add_docs(app)
    for router in (health.router, actors.router, relations.router, articles.router, cypher.router, export.router):
        app.include_router(router)
    app.include_router(browser_routes.router)
    app.include_router(analytics.router)
    return app
