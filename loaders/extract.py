"""Articles in, `Extraction` models out: spaCy objects stay inside this module and below."""

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from loaders.components.analysis import Analysis
from loaders.dates import resolve_date
from schemas.article import Article
from schemas.ontology import ActorType
from schemas.extraction import ArticleRef, ExtractedActor, ExtractedRelation, Extraction


def extract_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Article, Extraction]]:
    pairs = ((prepare_doc(nlp, article), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, to_extraction(doc, article)


def prepare_doc(nlp: Language, article: Article) -> Doc:
    """The components read the publication date: roles and relative dates depend on it."""
    doc = nlp.make_doc(article.text)
    doc._.geokg = Analysis(published=article.published.date() if article.published else None)
    return doc


def extract_article(nlp: Language, article: Article) -> Extraction:
    return next(extract_articles(nlp, [article]))[1]


def to_extraction(doc: Doc, article: Article) -> Extraction:
    analysis: Analysis = doc._.geokg or Analysis()
    used = {key for r in analysis.relations for key in (r.source, r.target)}
    actors = [
        ExtractedActor(
            id=record.key, name=record.name, type=record.type, aliases=sorted(record.aliases),
            mentions=record.mentions, from_catalog=record.from_catalog,
        )
        for record in analysis.actors.values()
        if record.key in used or (record.strong and record.type is not ActorType.MEDIA)
    ]
    known = {actor.id for actor in actors}
    published = article.published.date() if article.published else None
    dates: dict[tuple[int, int], date | None] = {}  # one date per sentence, however many relations it holds

    def sentence_date(start: int, end: int) -> date | None:
        if (start, end) not in dates:
            dates[start, end] = resolve_date(article.text[start:end], published) or published
        return dates[start, end]

    relations = [
        ExtractedRelation(
            source=r.source, target=r.target, type=r.type, negated=r.negated, modality=r.modality,
            sentence=article.text[r.sentence_start : r.sentence_end], start=r.sentence_start, end=r.sentence_end,
            date=r.when or sentence_date(r.sentence_start, r.sentence_end),
            confidence=r.confidence, cue=r.cue,
        )
        for r in analysis.relations
        if r.source in known and r.target in known
    ]
    reference = ArticleRef(
        id=article.id, title=article.title, path=article.path, url=article.url,
        published=article.published.isoformat() if article.published else None,
    )
    return Extraction(article=reference, actors=actors, relations=relations)
