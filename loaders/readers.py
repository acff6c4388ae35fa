"""Read articles from files and folders: plain text, HTML, JSON lines, JSON, and RSS/Atom feeds.

`read_articles` yields an `Article` for each article and a `LoadError` for each input that
cannot become one, so that one bad file or line never stops a batch.
"""

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser
import lxml.etree
import lxml.html
import trafilatura
from dateutil import parser as date_parser
from pydantic import ValidationError

from loaders.clean import clean_text
from schemas.article import Article
from schemas.loading import LoadError, LoadResult

TEXT_FIELDS = ("text", "body", "content")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("published", "date", "published_at")
RECORD_LIST_KEYS = ("articles", "items", "records", "data")
TRACKING_PARAMS = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|ref_src)$", re.IGNORECASE)
BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section", "article")
DROPPED_TAGS = ("head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form")
# Dates come from the page's metadata or URL; a date guessed from the body text is often another event's.
HTML_DATE_PARAMS = {"extensive_search": False, "original_date": True}
META_DATE_XPATH = (
    "//meta[@property='article:published_time' or @name='article:published_time' or @itemprop='datePublished'"
    " or @name='pubdate' or @name='publish-date' or @name='date' or @name='dc.date']/@content"
)

Reader = Callable[[Path], Iterator[LoadResult]]


def read_articles(paths: Iterable[str | Path]) -> Iterator[LoadResult]:
    """Yield every article in the given files and folders (recursively, in sorted order)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for path in paths:
        yield from read_path(Path(path))


def read_path(path: Path) -> Iterator[LoadResult]:
    if path.is_dir():
        for file in list_article_files(path):
            yield from read_file(file)
    elif not path.exists():
        yield LoadError(path=str(path), message="no such file or directory")
    else:
        yield from read_file(path)


def list_article_files(folder: Path) -> list[Path]:
    """Files of a known format under folder, skipping hidden files and folders."""
    found = []
    for file in folder.rglob("*"):
        relative = file.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if file.is_file() and file.suffix.lower() in READERS:
            found.append(file)
    return sorted(found, key=lambda file: file.relative_to(folder).parts)


def read_file(path: Path) -> Iterator[LoadResult]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        message = f"unsupported file type {path.suffix or '(none)'!r}; expected one of {known}"
        yield LoadError(path=str(path), message=message)
        return
    try:
        yield from reader(path)
    except OSError as error:
        yield LoadError(path=str(path), message=f"cannot read file: {error.strerror or error}")


def read_txt(path: Path) -> Iterator[LoadResult]:
    """First line is the title when a blank line follows it; the rest is the body."""
    title, body = split_title(decode_text(path.read_bytes()))
    yield build_article(path=str(path), title=title, text=body)


def split_title(content: str) -> tuple[str, str]:
    lines = content.lstrip("\n").split("\n")
    if len(lines) >= 2 and not lines[1].strip():
        return lines[0].strip(), "\n".join(lines[2:])
    return "", "\n".join(lines)


def read_jsonl(path: Path) -> Iterator[LoadResult]:
    """One JSON object per line; blank lines are skipped and errors carry the line number."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            line = decode_text(raw).strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield LoadError(path=str(path), line=number, message=describe_json_error(error))
                continue
            yield article_from_record(record, path=str(path), line=number)


def read_json(path: Path) -> Iterator[LoadResult]:
    """A list of records, one record, or an object holding the list under 'articles' or 'items'."""
    try:
        content = json.loads(decode_text(path.read_bytes()))
    except json.JSONDecodeError as error:
        yield LoadError(path=str(path), line=error.lineno, message=describe_json_error(error))
        return
    records = unwrap_records(content)
    for number, record in enumerate(records, start=1):
        result = article_from_record(record, path=str(path), line=None)
        if isinstance(result, LoadError) and len(records) > 1:
            result = result.model_copy(update={"message": f"record {number}: {result.message}"})
        yield result


def unwrap_records(content: Any) -> list[Any]:
    if isinstance(content, list):
        return content
    if isinstance(content, dict) and not any(key in content for key in TEXT_FIELDS):
        for key in RECORD_LIST_KEYS:
            if isinstance(content.get(key), list):
                return content[key]
    return [content]


def article_from_record(record: Any, path: str, line: int | None) -> LoadResult:
    if not isinstance(record, dict):
        return LoadError(path=path, line=line, message=f"record is a JSON {type(record).__name__}, not an object")
    text = first_string(record, TEXT_FIELDS)
    if not text.strip():
        return LoadError(path=path, line=line, message="record has no text (expected 'text', 'body' or 'content')")
    return build_article(
        path=path,
        line=line,
        own_id=record_id(record.get("id")),
        title=first_string(record, ("title", "headline")),
        text=text,
        url=first_string(record, URL_FIELDS) or None,
        published=parse_date(next((record[key] for key in DATE_FIELDS if record.get(key)), None)),
        source=as_text(record.get("source")),
        author=as_text(record.get("author")),
    )


def read_html(path: Path) -> Iterator[LoadResult]:
    page = extract_html(path.read_bytes())
    if not page["text"].strip():
        yield LoadError(path=str(path), message="no article text found in the HTML page")
        return
    yield build_article(
        path=str(path),
        title=page["title"],
        text=page["text"],
        url=page["url"],
        published=parse_date(page["date"]),
        source=page["sitename"] or host_of(page["url"]),
        author=page["author"],
    )


def extract_html(data: bytes) -> dict[str, str | None]:
    """Main text and metadata by trafilatura; a plain lxml pass when it finds no main text."""
    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False, date_extraction_params=HTML_DATE_PARAMS
    )
    fields = document.as_dict() if document is not None else {}
    root = parse_html(data)
    title = (fields.get("title") or "").strip() or page_title(root)
    text = fields.get("text") or ""
    # trafilatura puts one paragraph per line; a blank line between them matches the .txt format.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip()) if text else html_to_text(data)
    return {
        "title": title,
        "text": drop_leading_title(text, title),
        "url": fields.get("url"),
        "date": meta_timestamp(root) or fields.get("date"),
        "sitename": fields.get("sitename"),
        "author": fields.get("author"),
    }


def parse_html(data: bytes) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        return None


def page_title(root: lxml.html.HtmlElement | None) -> str:
    return " ".join(root.findtext(".//title", default="").split()) if root is not None else ""


def meta_timestamp(root: lxml.html.HtmlElement | None) -> str | None:
    """The publication time from the page's meta tags: trafilatura keeps only the day."""
    if root is None:
        return None
    for value in root.xpath(META_DATE_XPATH):
        if parse_date(value) is not None:
            return value
    return None


def drop_leading_title(text: str, title: str) -> str:
    """Pages repeat the headline as the first heading of the body; the title is kept apart."""
    first, _, rest = text.partition("\n\n")
    if title and first.strip() == title.strip():
        return rest
    return text


def html_to_text(markup: str | bytes) -> str:
    """Visible text of HTML, one paragraph per block element, without scripts and page furniture."""
    if not (markup.strip() if isinstance(markup, str) else markup.strip()):
        return ""
    try:
        if is_fragment(markup):
            root = lxml.html.fragment_fromstring(markup, create_parent="div")
        else:
            root = lxml.html.fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return markup if isinstance(markup, str) else ""
    for element in list(root.iter(*DROPPED_TAGS)):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*BLOCK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    return tidy_paragraphs(root.text_content())


def is_fragment(markup: str | bytes) -> bool:
    head = (markup[:500].decode("utf-8", "replace") if isinstance(markup, bytes) else markup[:500]).lower()
    return "<html" not in head and "<body" not in head and "<!doctype" not in head


def tidy_paragraphs(text: str) -> str:
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def read_feed(path: Path) -> Iterator[LoadResult]:
    """One article per RSS or Atom entry; the feed's title is the source."""
    feed = feedparser.parse(path.read_bytes())
    if not feed.get("version") and not feed.entries:
        reason = feed.get("bozo_exception") or "no feed element"
        yield LoadError(path=str(path), message=f"not an RSS or Atom feed: {reason}")
        return
    if not feed.entries:
        yield LoadError(path=str(path), message="the feed has no entries")
        return
    source = as_text(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, start=1):
        result = article_from_entry(entry, path=str(path), source=source)
        if isinstance(result, LoadError):
            result = result.model_copy(update={"message": f"entry {number}: {result.message}"})
        yield result


def article_from_entry(entry: Any, path: str, source: str | None) -> LoadResult:
    text = entry_text(entry)
    if not text.strip():
        return LoadError(path=path, message="entry has no content or summary")
    return build_article(
        path=path,
        own_id=record_id(entry.get("id")),
        title=entry_title(entry),
        text=text,
        url=entry.get("link"),
        published=entry_date(entry),
        source=source,
        author=as_text(entry.get("author")),
    )


def entry_title(entry: Any) -> str:
    title = entry.get("title") or ""
    if (entry.get("title_detail") or {}).get("type") == "text/html":
        return " ".join(html_to_text(title).split())
    return " ".join(title.split())


def entry_text(entry: Any) -> str:
    """The fullest of the entry's content blocks, else its summary, as plain text."""
    blocks = [(block.get("value") or "", block.get("type") or "") for block in entry.get("content", [])]
    if not any(value.strip() for value, _ in blocks):
        detail = entry.get("summary_detail") or {}
        blocks = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(blocks, key=lambda block: len(block[0]))
    return tidy_paragraphs(value) if kind == "text/plain" else html_to_text(value)


def entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed: time.struct_time | None = entry.get(key)
        if parsed:
            return datetime(*parsed[:6], tzinfo=timezone.utc)
    return parse_date(entry.get("published") or entry.get("updated"))


def build_article(
    path: str,
    text: str,
    title: str = "",
    line: int | None = None,
    own_id: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    source: str | None = None,
    author: str | None = None,
) -> LoadResult:
    """Clean the text, fill source and author from the boilerplate where the input had none, validate."""
    cleaned = clean_text(text)
    if not cleaned.text.strip():
        message = "article text is empty" if not text.strip() else "article text is empty after removing boilerplate"
        return LoadError(path=path, line=line, message=message)
    url = url.strip() if url and url.strip() else None
    try:
        return Article(
            id=article_id(own_id, url, title, text),
            title=title.strip(),
            text=cleaned.text,
            url=url,
            published=published,
            source=source or cleaned.metadata.get("source"),
            author=author or cleaned.metadata.get("author"),
            path=path,
        )
    except ValidationError as error:
        return LoadError(path=path, line=line, message=describe_validation(error))


def article_id(own_id: str | None, url: str | None, title: str, text: str) -> str:
    """The record's own id; else one derived from its URL; else from its title and text as read.

    The content id hashes the text before cleaning, so that better boilerplate patterns do not
    give an article already in the graph a new id.
    """
    if own_id and own_id.strip():
        return own_id.strip()
    if url:
        return "url:" + sha1_hex(normalise_url(url))[:16]
    return "sha1:" + sha1_hex(title.strip() + "\n" + text.strip())[:16]


def normalise_url(url: str) -> str:
    """One spelling per page: https, lower-case host without 'www.', no fragment, tracking
    parameters or trailing slash, remaining query parameters sorted."""
    parts = urlsplit(url.strip())
    scheme = "https" if parts.scheme.lower() in ("http", "https", "") else parts.scheme.lower()
    host = (parts.hostname or "").removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    params = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode(sorted((key, value) for key, value in params if not TRACKING_PARAMS.match(key)))
    return urlunsplit((scheme, host, path, query, ""))


def sha1_hex(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()


def parse_date(value: Any) -> datetime | None:
    """Lenient: ISO 8601 and most written dates; anything without a year is no date at all."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not re.search(r"\d{4}", value):
        return None
    try:
        # The default fills missing parts with the first of the month, not with today's date.
        return date_parser.parse(value, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None


def record_id(value: Any) -> str | None:
    """A string or integer id; anything else is ignored and the id is derived instead."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value)


def first_string(record: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def as_text(value: Any) -> str | None:
    """A string field, or a list of names joined (several authors), or None."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        names = [name.strip() for name in value if isinstance(name, str) and name.strip()]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return as_text(value.get("name"))
    return None


def host_of(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); Windows-1252 for old files that are not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def describe_json_error(error: json.JSONDecodeError) -> str:
    return f"invalid JSON: {error.msg} at column {error.colno}"


def describe_validation(error: ValidationError) -> str:
    problems = [f"{'.'.join(str(part) for part in issue['loc'])}: {issue['msg']}" for issue in error.errors()]
    return "invalid article: " + "; ".join(problems)


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
