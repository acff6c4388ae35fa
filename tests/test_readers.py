"""Reading articles from files and folders in every supported format."""

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from loaders.readers import article_id, normalise_url, read_articles
from schemas.article import Article
from schemas.loading import LoadError

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seeds" / "articles"
BODY = (
    "Iranian President Masoud Pezeshkian met IAEA Director General Rafael Grossi in Tehran on Tuesday. "
    "Iranian Foreign Minister Abbas Araghchi rejected a U.S. demand to halt enrichment."
)
CONTENT_ID = re.compile(r"^sha1:[0-9a-f]{16}$")
URL_ID = re.compile(r"^url:[0-9a-f]{16}$")


def write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def write_jsonl(path: Path, *records: dict | str) -> Path:
    lines = [record if isinstance(record, str) else json.dumps(record) for record in records]
    return write(path, "\n".join(lines) + "\n")


def read(*paths: Path | str) -> list[Article | LoadError]:
    return list(read_articles(paths))


def articles(results: list[Article | LoadError]) -> list[Article]:
    return [result for result in results if isinstance(result, Article)]


def errors(results: list[Article | LoadError]) -> list[LoadError]:
    return [result for result in results if isinstance(result, LoadError)]


def only_article(*paths: Path) -> Article:
    results = read(*paths)
    assert len(results) == 1 and isinstance(results[0], Article), results
    return results[0]


# Plain text


def test_txt_first_line_is_title_when_a_blank_line_follows(tmp_path: Path) -> None:
    path = write(tmp_path / "001_story.txt", f"Iran Rejects U.S. Demand\n\n{BODY}\n")
    article = only_article(path)
    assert article.title == "Iran Rejects U.S. Demand"
    assert article.text == BODY
    assert article.path == str(path)
    assert Path(article.path).name == "001_story.txt"


def test_txt_without_blank_second_line_has_no_title(tmp_path: Path) -> None:
    content = f"Iran Rejects U.S. Demand\n{BODY}"
    article = only_article(write(tmp_path / "story.txt", content))
    assert article.title == ""
    assert article.text == content


def test_txt_id_is_derived_from_content_and_stable(tmp_path: Path) -> None:
    first = only_article(write(tmp_path / "a" / "story.txt", f"Title\n\n{BODY}"))
    again = only_article(write(tmp_path / "b" / "copy.txt", f"Title\n\n{BODY}"))
    other = only_article(write(tmp_path / "c" / "story.txt", f"Other title\n\n{BODY}"))
    assert CONTENT_ID.match(first.id)
    assert first.id == again.id == article_id(None, None, "Title", BODY)
    assert other.id != first.id


def test_txt_boilerplate_is_cleaned_and_source_kept(tmp_path: Path) -> None:
    content = (
        f"Title\n\n{BODY}\n\n{BODY}\n\nOriginal Source: www.cbsnews.com\n\n"
        "Leave a Reply\n\nYour email address will not be published. Required fields are marked *"
    )
    article = only_article(write(tmp_path / "story.txt", content))
    assert article.text == f"{BODY}\n\n{BODY}"
    assert article.source == "www.cbsnews.com"


def test_txt_crlf_and_bom_are_read(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(("\ufeffTitle\r\n\r\n" + BODY + "\r\n").encode("utf-8"))
    article = only_article(path)
    assert (article.title, article.text) == ("Title", BODY)


def test_txt_with_only_a_title_is_an_error(tmp_path: Path) -> None:
    (error,) = read(write(tmp_path / "empty.txt", "Title\n\n   \n"))
    assert isinstance(error, LoadError)
    assert "empty" in error.message


# JSON lines and JSON


def test_jsonl_records_keep_their_fields(tmp_path: Path) -> None:
    record = {
        "id": "VOA-1",
        "title": "Rubio in Riyadh",
        "text": BODY,
        "url": "https://www.voanews.com/a/rubio/1.html",
        "published": "2025-03-10T21:53:04Z",
        "source": "Voice of America",
        "author": "Nike Ching",
    }
    article = only_article(write_jsonl(tmp_path / "batch.jsonl", record))
    assert article.id == "VOA-1"
    assert article.text == BODY
    assert article.published == datetime(2025, 3, 10, 21, 53, 4, tzinfo=timezone.utc)
    assert (article.url, article.source, article.author) == (record["url"], "Voice of America", "Nike Ching")


def test_jsonl_ids_from_record_url_or_content(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        {"id": 42, "text": BODY},
        {"url": "https://example.com/story", "text": BODY},
        {"title": "T", "text": BODY},
    )
    own, by_url, by_content = articles(read(path))
    assert own.id == "42"
    assert URL_ID.match(by_url.id)
    assert by_content.id == article_id(None, None, "T", BODY)
    assert [article.id for article in articles(read(path))] == [own.id, by_url.id, by_content.id]


def test_url_ids_ignore_spelling_differences() -> None:
    spellings = [
        "https://example.com/world/story?b=2&a=1",
        "http://www.Example.com/world/story/?a=1&b=2&utm_source=rss#comments",
        "https://EXAMPLE.com:443/world/story?utm_medium=x&a=1&b=2",
    ]
    assert len({normalise_url(url) for url in spellings}) == 1
    assert len({article_id(None, url, "", "") for url in spellings}) == 1
    assert normalise_url("https://example.com/a") != normalise_url("https://example.com/b")


def test_jsonl_bad_line_is_an_error_with_its_line_number(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "batch.jsonl", {"id": "a", "text": BODY}, "{not json", "", {"id": "b", "text": BODY})
    results = read(path)
    assert [article.id for article in articles(results)] == ["a", "b"]
    (error,) = errors(results)
    assert (error.path, error.line) == (str(path), 2)
    assert "invalid JSON" in error.message


def test_jsonl_record_without_text_is_an_error(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "batch.jsonl", {"id": "a", "title": "No body"}, {"id": "b", "text": "  "}, [1, 2])
    results = read(path)
    assert [error.line for error in errors(results)] == [1, 2, 3]
    assert "no text" in results[0].message
    assert "not an object" in results[2].message


def test_jsonl_body_and_content_are_text_fallbacks(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "batch.jsonl", {"id": "a", "body": BODY}, {"id": "b", "content": BODY})
    assert [article.text for article in articles(read(path))] == [BODY, BODY]


def test_jsonl_bad_date_is_dropped_not_fatal(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        {"id": "a", "text": BODY, "published": "sometime last week"},
        {"id": "b", "text": BODY, "published": "March 4, 2025"},
    )
    first, second = articles(read(path))
    assert first.published is None
    assert second.published == datetime(2025, 3, 4)


def test_jsonl_text_is_used_as_given(tmp_path: Path) -> None:
    text = 'France and Spain drafted a resolution . " We do not agree , " Jean - Marc Ayrault said .'
    article = only_article(write_jsonl(tmp_path / "batch.ndjson", {"id": "r", "text": text}))
    assert article.text == text


def test_json_file_with_a_list_or_one_record(tmp_path: Path) -> None:
    listed = write(tmp_path / "list.json", json.dumps([{"id": "a", "text": BODY}, {"id": "b", "text": ""}]))
    single = write(tmp_path / "one.json", json.dumps({"id": "c", "text": BODY}))
    wrapped = write(tmp_path / "wrapped.json", json.dumps({"articles": [{"id": "d", "text": BODY}]}))
    results = read(listed, single, wrapped)
    assert [article.id for article in articles(results)] == ["a", "c", "d"]
    (error,) = errors(results)
    assert error.message.startswith("record 2:")


def test_invalid_json_file_is_an_error(tmp_path: Path) -> None:
    (error,) = read(write(tmp_path / "broken.json", '[{"id": "a",\n "text": }]'))
    assert isinstance(error, LoadError)
    assert error.line == 2


# HTML

PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Pezeshkian Meets Grossi | Example Daily</title>
<meta name="author" content="Leyla Kaya">
<meta property="og:title" content="Pezeshkian Meets Grossi">
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2025-06-03T09:40:00+03:30">
<link rel="canonical" href="https://daily.example.com/world/pezeshkian-grossi">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/opinion">Opinion</a></nav></header>
<main><article>
<h1>Pezeshkian Meets Grossi</h1>
<p>{BODY}</p>
<p>Pezeshkian assured Grossi that inspectors would keep their access to declared sites,
the presidential office said.</p>
</article>
<aside><h2>Related stories</h2><ul><li><a href="/x">Kim Jong Un Oversees Missile Test</a></li></ul></aside>
</main>
<footer><p>Subscribe to our newsletter.</p><p>© 2025 Example Daily. All rights reserved.</p></footer>
</body></html>"""


def test_html_text_and_metadata(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "page.html", PAGE))
    assert article.title == "Pezeshkian Meets Grossi"
    assert article.text == (
        f"{BODY}\n\nPezeshkian assured Grossi that inspectors would keep their access to declared sites, "
        "the presidential office said."
    )
    for boilerplate in ("Home", "Opinion", "Kim Jong Un", "newsletter", "All rights reserved"):
        assert boilerplate not in article.text
    assert article.author == "Leyla Kaya"
    assert article.source == "Example Daily"
    assert article.url == "https://daily.example.com/world/pezeshkian-grossi"
    assert article.published is not None and article.published.date().isoformat() == "2025-06-03"
    assert article.id == article_id(None, article.url, "", "")


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    (error,) = read(write(tmp_path / "empty.htm", "<html><head><title>Nothing</title></head><body></body></html>"))
    assert isinstance(error, LoadError)


# Feeds

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Example Wire World</title><link>https://wire.example.com</link><description>World news</description>
<item>
  <title>Pezeshkian Meets Grossi</title>
  <link>https://wire.example.com/world/pezeshkian-grossi?utm_source=rss</link>
  <guid isPermaLink="false">wire-2025-0603-01</guid>
  <pubDate>Tue, 03 Jun 2025 09:40:00 GMT</pubDate>
  <author>desk@wire.example.com (Jane Roe)</author>
  <description>&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;Talks continue in &lt;b&gt;Vienna&lt;/b&gt;.&lt;/p&gt;</description>
</item>
<item>
  <title>Untitled</title>
  <link>https://wire.example.com/world/empty</link>
  <description></description>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Example Daily Europe</title><id>urn:example:europe</id><updated>2025-09-11T12:00:00Z</updated>
<entry>
  <title>NATO Condemns Drone Incursion</title>
  <link href="https://daily.example.com/europe/nato-drones"/>
  <id>urn:example:europe:nato-drones</id>
  <published>2025-09-11T10:00:00+02:00</published>
  <updated>2025-09-11T12:00:00Z</updated>
  <author><name>Leyla Kaya</name></author>
  <summary>Short summary.</summary>
  <content type="html">&lt;p&gt;NATO Secretary General Mark Rutte condemned Russia.&lt;/p&gt;
    &lt;p&gt;Poland deployed troops.&lt;/p&gt;</content>
</entry>
</feed>"""


def test_rss_feed_entries_become_articles(tmp_path: Path) -> None:
    path = write(tmp_path / "world.rss", RSS)
    results = read(path)
    (article,) = articles(results)
    assert article.id == "wire-2025-0603-01"
    assert article.title == "Pezeshkian Meets Grossi"
    assert article.text == f"{BODY}\n\nTalks continue in Vienna."
    assert article.url == "https://wire.example.com/world/pezeshkian-grossi?utm_source=rss"
    assert article.published == datetime(2025, 6, 3, 9, 40, tzinfo=timezone.utc)
    assert article.source == "Example Wire World"
    assert article.author and "Jane Roe" in article.author
    (error,) = errors(results)
    assert error.message.startswith("entry 2:")


def test_atom_feed_prefers_content_over_summary(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "europe.atom", ATOM))
    assert article.text == "NATO Secretary General Mark Rutte condemned Russia.\n\nPoland deployed troops."
    assert article.id == "urn:example:europe:nato-drones"
    assert (article.author, article.source) == ("Leyla Kaya", "Example Daily Europe")
    assert article.published == datetime(2025, 9, 11, 8, 0, tzinfo=timezone.utc)


def test_xml_that_is_not_a_feed_is_an_error(tmp_path: Path) -> None:
    (error,) = read(write(tmp_path / "sitemap.xml", "this is not XML at all"))
    assert isinstance(error, LoadError)
    assert "feed" in error.message


# Paths and folders


def test_folders_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", f"B\n\n{BODY}")
    write(tmp_path / "a" / "z.txt", f"AZ\n\n{BODY}")
    write(tmp_path / "a" / "batch.jsonl", json.dumps({"id": "jsonl-1", "text": BODY}))
    write(tmp_path / "c.md", "# not an article")
    write(tmp_path / ".hidden.txt", f"Hidden\n\n{BODY}")
    write(tmp_path / ".cache" / "x.txt", f"Hidden\n\n{BODY}")
    results = read(tmp_path)
    assert not errors(results)
    assert [Path(article.path).relative_to(tmp_path).as_posix() for article in articles(results)] == [
        "a/batch.jsonl",
        "a/z.txt",
        "b.txt",
    ]


def test_missing_path_and_explicit_unknown_extension_are_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", f"Title\n\n{BODY}")
    unknown = write(tmp_path / "notes.md", "# notes")
    results = read(tmp_path / "missing.txt", unknown, good)
    missing_error, unknown_error, article = results
    assert isinstance(missing_error, LoadError) and "no such file" in missing_error.message
    assert isinstance(unknown_error, LoadError) and "'.md'" in unknown_error.message
    assert isinstance(article, Article)


def test_a_single_path_string_is_one_path(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", f"Title\n\n{BODY}")
    assert [article.path for article in articles(list(read_articles(str(path))))] == [str(path)]


def test_load_error_reads_as_path_and_line() -> None:
    assert str(LoadError(path="batch.jsonl", line=3, message="invalid JSON")) == "batch.jsonl:3: invalid JSON"


# The project's own examples and the seed articles


def test_example_articles_all_load() -> None:
    results = read(REPO / "examples" / "articles")
    assert not errors(results)
    loaded = articles(results)
    assert len(loaded) == 6
    assert len({article.id for article in loaded}) == 6
    houthis = next(article for article in loaded if "houthis" in (article.path or ""))
    for boilerplate in ("About Daniel Reyes", "View all posts", "Kim Jong Un", "Leave a comment", "Advertisement"):
        assert boilerplate not in houthis.text
    assert houthis.text.rstrip().endswith("brokered last year.")


def test_seed_articles_lose_their_boilerplate() -> None:
    if not SEEDS.is_dir():
        pytest.skip("the seed articles (shared/eval/seeds/articles beside the repository) are not present")
    loaded = {Path(article.path or "").name: article for article in articles(read(SEEDS))}
    assurance = loaded["000_522a0f554e10a433.txt"]
    denial = loaded["004_8a2d6bbfd9e4876b.txt"]

    assert assurance.title.startswith("Iran Assures U.S.")
    assert "received a written assurance from Iran" in assurance.text
    assert "Farhad Shakeri, believed to be in Iran" in assurance.text
    assert assurance.text.endswith("genuine intentions in international affairs.")
    bio_and_comments = ("Sofia Martinez", "University of Los Angeles", "View all posts", "Leave a Reply", "Required fields")
    for boilerplate in ("Original Source", *bio_and_comments):
        assert boilerplate not in assurance.text
    assert assurance.source == "www.cbsnews.com"

    assert "Iranian President Masoud Pezeshkian has denied claims" in denial.text
    assert "a new partnership treaty signed between Iran and Russia" in denial.text
    assert denial.text.endswith("resistance to perceived capitulations.")
    for boilerplate in ("Sources", "Previous", "Next", "Fragile Ceasefire", "Israel and Hamas Reach"):
        assert boilerplate not in denial.text
