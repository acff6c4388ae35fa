"""Reading articles: a filtered page of them, or one with its actors and the relations read from it.

`database=None` means the server's default database.
"""

import datetime as dt
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.reads import ACTOR_FIELDS, run_read, to_actor_summary, to_native, to_relation
from schemas.api import Page
from schemas.io import ArticleDetail, ArticleSummary, MentionedActor

ARTICLE_FIELDS = "{.id, .title, .url, .published, .source, .author, .path, .ingested_at}"

# The relations of an article hang off the actors it mentions, as every relation's source is one.
ARTICLE_RELATIONS = "(art)-[:MENTIONS]->(s:Actor)-[r]->(t:Actor) WHERE r.article_id = art.id"

# Dates compare by day, in the time zone the article was published in; undated articles match no range.
ARTICLE_FILTER = """
MATCH (art:Article)
WHERE ($since IS NULL OR date(art.published) >= $since)
  AND ($until IS NULL OR date(art.published) <= $until)
  AND ($source IS NULL OR toLower(art.source) = toLower($source))
  AND ($actor IS NULL OR EXISTS { (art)-[:MENTIONS]->(:Actor {id: $actor}) })
"""

COUNT_ARTICLES = ARTICLE_FILTER + "RETURN count(art) AS total"

RETURN_SUMMARY = f"""
RETURN art {ARTICLE_FIELDS} AS article,
  COUNT {{ (art)-[:MENTIONS]->(:Actor) }} AS actor_count,
  COUNT {{ MATCH {ARTICLE_RELATIONS} RETURN DISTINCT r }} AS relation_count
"""

LIST_ARTICLES = f"""
{ARTICLE_FILTER}
WITH art ORDER BY art.published IS NULL, art.published DESC, art.id SKIP $offset LIMIT $limit
{RETURN_SUMMARY}
"""

GET_SUMMARY = f"MATCH (art:Article {{id: $id}}) {RETURN_SUMMARY}"

GET_ARTICLE = f"""
MATCH (art:Article {{id: $id}})
RETURN art {{.text, .title, .url, .published}} AS article, art {ARTICLE_FIELDS} AS summary,
  COLLECT {{
    MATCH (art)-[m:MENTIONS]->(a:Actor)
    RETURN {{actor: a {ACTOR_FIELDS}, mentions: m.count}} AS actor ORDER BY m.count DESC, a.name, a.id
  }} AS actors,
  COLLECT {{
    MATCH {ARTICLE_RELATIONS}
    WITH DISTINCT r, s, t ORDER BY r.start, r.end, type(r), r.id
    RETURN {{type: type(r), rel: properties(r), source: s {ACTOR_FIELDS}, target: t {ACTOR_FIELDS}}} AS relation
  }} AS relations
"""


def to_article_summary(article: dict[str, Any], actor_count: int = 0, relation_count: int = 0) -> ArticleSummary:
    return ArticleSummary(
        id=article["id"],
        title=article.get("title") or "",
        url=article.get("url"),
        published=to_native(article.get("published")),
        source=article.get("source"),
        author=article.get("author"),
        path=article.get("path"),
        ingested_at=to_native(article.get("ingested_at")),
        actor_count=actor_count,
        relation_count=relation_count,
    )


def record_summary(record: Any) -> ArticleSummary:
    return to_article_summary(record["article"], record["actor_count"], record["relation_count"])


def to_mentioned_actor(item: dict[str, Any]) -> MentionedActor:
    return MentionedActor(**to_actor_summary(item["actor"]).model_dump(), mentions=item["mentions"] or 0)


def articles_page(tx: ManagedTransaction, params: dict[str, Any]) -> tuple[int, list[ArticleSummary]]:
    total = tx.run(COUNT_ARTICLES, params).single(strict=True)["total"]
    items = [record_summary(record) for record in tx.run(LIST_ARTICLES, params)]
    return total, items


def list_articles(
    driver: Driver,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    source: str | None = None,
    actor: str | None = None,
    limit: int = 50,
    offset: int = 0,
    database: str | None = None,
) -> Page[ArticleSummary]:
    """Articles newest first, published within [since, until] (days, inclusive), from `source`
    (ignoring case), mentioning the actor with id `actor`; undated articles come last."""
    params = {"since": since, "until": until, "source": source, "actor": actor, "limit": limit, "offset": offset}
    total, items = run_read(driver, database, articles_page, params)
    return Page[ArticleSummary](items=items, total=total, limit=limit, offset=offset)


def get_article_summary(driver: Driver, article_id: str, *, database: str | None = None) -> ArticleSummary | None:
    records, _, _ = driver.execute_query(GET_SUMMARY, id=article_id, database_=database, routing_="r")
    return record_summary(records[0]) if records else None


def get_article(driver: Driver, article_id: str, *, database: str | None = None) -> ArticleDetail | None:
    """The article with its text, the actors it mentions and the relations read from it."""
    records, _, _ = driver.execute_query(GET_ARTICLE, id=article_id, database_=database, routing_="r")
    if not records:
        return None
    record = records[0]
    article = record["article"]
    relations = [to_relation({**item, "article": article}) for item in record["relations"]]
    actors = [to_mentioned_actor(item) for item in record["actors"]]
    summary = to_article_summary(record["summary"], len(actors), len(relations))
    return ArticleDetail(**summary.model_dump(), text=article["text"], actors=actors, relations=relations)
