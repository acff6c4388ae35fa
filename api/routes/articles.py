from http import HTTPStatus
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response

from api.deps import DriverDep, PaginationDep, SettingsDep
from api.errors import PROBLEM_TYPE_PREFIX, DomainError, NotFoundError, problem_responses
from api.routes.params import Day
from api.security import RequireApiKey
from geokg.ingest import ingest_articles
from graph.articles import get_article, get_article_summary, list_articles
from loaders import readers
from loaders.clean import clean_text
from schemas.api import Page
from schemas.article import Article
from schemas.io import ArticleDetail, ArticleIn, ArticleIngested, ArticleSummary, Written

router = APIRouter(prefix="/articles", tags=["articles"])

ArticleId = Annotated[str, Path(description="The article's id.", examples=["VOA-8011115"])]


class UnusableArticleError(DomainError):
    status = HTTPStatus.UNPROCESSABLE_ENTITY
    problem_type = PROBLEM_TYPE_PREFIX + "validation-error"


class ArticleNotWrittenError(DomainError):
    status = HTTPStatus.INTERNAL_SERVER_ERROR
    problem_type = PROBLEM_TYPE_PREFIX + "write-failed"


def to_article(body: ArticleIn) -> Article:
    """The article as the loaders would make it from the same record: cleaned text, derived id."""
    cleaned = clean_text(body.text)
    if not cleaned.text.strip():
        raise UnusableArticleError("The article text is empty after removing boilerplate.")
    url = body.url.strip() if body.url and body.url.strip() else None
    return Article(
        id=readers.article_id(body.id, url, body.title, body.text),
        title=body.title.strip(),
        text=cleaned.text,
        url=url,
        published=body.published,
        source=body.source or cleaned.metadata.get("source"),
        author=body.author or cleaned.metadata.get("author"),
        path=body.path,
    )


def article_location(request: Request, article_id: str) -> str:
    # Quoted whole: own ids may hold '/', '?' or '#'.
    root = request.scope.get("root_path", "").rstrip("/")
    return f"{root}{router.prefix}/{quote(article_id, safe='')}"


@router.get("", response_model=Page[ArticleSummary], responses=problem_responses(422, 503))
def read_articles(
    driver: DriverDep,
    settings: SettingsDep,
    page: PaginationDep,
    since: Annotated[Day | None, Query(description="Published on or after this day.", examples=["2024-11-01"])] = None,
    until: Annotated[Day | None, Query(description="Published on or before this day.", examples=["2024-11-30"])] = None,
    source: Annotated[
        str | None, Query(max_length=500, description="Outlet, ignoring case.", examples=["www.cbsnews.com"])
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=500, description="Only articles mentioning this actor id.", examples=["Q794"])
    ] = None,
) -> Page[ArticleSummary]:
    """Articles newest first, filtered by publication day, outlet and mentioned actor."""
    return list_articles(
        driver,
        since=since,
        until=until,
        source=source,
        actor=actor,
        limit=page.limit,
        offset=page.offset,
        database=settings.neo4j_database,
    )


# `:path`, so that an article's own id may hold a slash (sent as %2F).
@router.get("/{article_id:path}", response_model=ArticleDetail, responses=problem_responses(404, 422, 503))
def read_article(article_id: ArticleId, driver: DriverDep, settings: SettingsDep) -> ArticleDetail:
    """One article with its text, the actors it mentions and the relations read from it, with evidence."""
    article = get_article(driver, article_id, database=settings.neo4j_database)
    if article is None:
        raise NotFoundError(f"No article with id {article_id!r}.")
    return article


@router.post(
    "",
    status_code=HTTPStatus.CREATED,
    response_model=ArticleIngested,
    dependencies=[RequireApiKey],
    responses=problem_responses(400, 401, 403, 422, 500, 503),
)
def create_article(
    body: ArticleIn, driver: DriverDep, settings: SettingsDep, request: Request, response: Response
) -> ArticleIngested:
    """Extract actors and relations from one article and write them to the graph.

    Posting an article again (same id) replaces what the graph holds for it. Needs the
    X-API-Key header when the server has an API key.
    """
    article = to_article(body)
    extractions, summary = ingest_articles(driver, settings, [article])
    if summary.failures:
        raise ArticleNotWrittenError(f"The article was not written: {summary.failures[0].message}")
    stored = get_article_summary(driver, article.id, database=settings.neo4j_database)
    if stored is None:
        raise ArticleNotWrittenError(f"The article {article.id!r} is not in the graph after writing it.")
    response.headers["Location"] = article_location(request, article.id)
    return ArticleIngested(
        article=stored,
        extraction=extractions[0],
        written=Written(**summary.model_dump(include={"articles", "actors", "mentions", "relations"})),
    )
