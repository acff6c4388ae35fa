"""Neo4j Browser's guide and graph style, served to Browser across origins.

Browser (at the Neo4j HTTP port) fetches `:play <url>` guides and `:style <url>` styles with
`fetch()` from its own origin, so these answers carry CORS headers. For guides it sends `Pragma`
and `Cache-Control` request headers, which makes the fetch preflighted: the OPTIONS answers
below allow them. The content is public, so any origin may read it (no credentials involved).

The managed Neo4j runs these on connect (see `graph/browser.py`).
"""

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request, Response

BROWSER_DIR = Path(__file__).resolve().parent.parent / "static" / "browser"
GUIDE_FILE = "guide.html"
STYLE_FILE = "style.grass"
API_URL_PLACEHOLDER = "{{ api_url }}"
STYLE_MEDIA_TYPE = "text/plain"

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Max-Age": "600",
}
# Browser asks for fresh copies: a changed guide shows up at the next `:play`.
CACHE_HEADERS = {"Cache-Control": "no-cache"}
# Request headers a preflight may ask for when no list comes with it.
DEFAULT_ALLOWED_HEADERS = "Pragma, Cache-Control, Content-Type"

router = APIRouter(prefix="/browser", tags=["neo4j browser"])


@lru_cache
def read_asset(name: str) -> str:
    return (BROWSER_DIR / name).read_text(encoding="utf-8")


def api_url(request: Request) -> str:
    """The API's own base URL as the client reached it (with any root path)."""
    return str(request.base_url).rstrip("/")


def render_guide(base_url: str) -> str:
    """The guide with links to this API (`:play` and `:style` of its own URLs, the docs)."""
    return read_asset(GUIDE_FILE).replace(API_URL_PLACEHOLDER, base_url)


def preflight(request: Request) -> Response:
    requested = request.headers.get("access-control-request-headers")
    headers = {**CORS_HEADERS, "Access-Control-Allow-Headers": requested or DEFAULT_ALLOWED_HEADERS}
    return Response(status_code=204, headers=headers)


@router.get(
    "/guide.html",
    response_class=Response,
    responses={200: {"description": "The guide: HTML `<slide>`s of runnable Cypher.", "content": {"text/html": {}}}},
)
def browser_guide(request: Request) -> Response:
    """A Neo4j Browser guide for analysts: open it with `:play <this URL>` in Neo4j Browser."""
    return Response(render_guide(api_url(request)), media_type="text/html", headers={**CORS_HEADERS, **CACHE_HEADERS})


@router.get(
    "/style.grass",
    response_class=Response,
    responses={200: {"description": "The graph style sheet (GraSS).", "content": {STYLE_MEDIA_TYPE: {}}}},
)
def browser_style() -> Response:
    """Neo4j Browser's graph style for geokg: load it with `:style <this URL>` in Neo4j Browser."""
    return Response(read_asset(STYLE_FILE), media_type=STYLE_MEDIA_TYPE, headers={**CORS_HEADERS, **CACHE_HEADERS})


@router.options("/guide.html", include_in_schema=False)
def browser_guide_preflight(request: Request) -> Response:
    return preflight(request)


@router.options("/style.grass", include_in_schema=False)
def browser_style_preflight(request: Request) -> Response:
    return preflight(request)
