"""Neo4j Browser: the guide and the graph style the API serves, and the managed Neo4j's Browser config.

Tiers: the guide and the style as files (well-formed, complete), the routes (CORS for Browser),
the guide's queries run against the real test Neo4j, a real start of a Neo4j with the Browser
settings (Neo4j refuses unknown keys), and Neo4j Browser itself in headless Chromium, which is
skipped, saying why, where Chromium, chromedriver or selenium are missing.
"""

import datetime as dt
import importlib.util
import json
import re
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, NotificationClassification

from api.app import create_app
from api.routes.browser import API_URL_PLACEHOLDER, BROWSER_DIR, GUIDE_FILE, STYLE_FILE
from geokg.settings import Settings
from graph.browser import (
    CONFLICTUAL,
    COOPERATIVE,
    HOSTNAME_ALLOWLIST,
    POST_CONNECT_CMD,
    browser_config,
    guide_url,
    style_url,
)
from graph.schema import ensure_schema
from graph.server import Neo4jServerError, render_neo4j_config, start_neo4j, stop_neo4j
from graph.writes import relation_id, write_extractions
from schemas.article import Article
from schemas.extraction import Extraction
from schemas.ontology import ActorType, RelationType
from tests.conftest import wipe_test_graph

REPO = Path(__file__).resolve().parents[1]
GUIDE_HTML = (BROWSER_DIR / GUIDE_FILE).read_text(encoding="utf-8")
STYLE_GRASS = (BROWSER_DIR / STYLE_FILE).read_text(encoding="utf-8")
NEUTRAL = {rel_type.value for rel_type in RelationType} - set(COOPERATIVE) - set(CONFLICTUAL)
# Elements HTML allows without an end tag.
VOID_ELEMENTS = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "col", "area", "base", "embed", "track"}


# ---------------------------------------------------------------------------------------------
# Reading the guide and the style as Neo4j Browser does


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list["Element"] = field(default_factory=list)
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find_all(self, tag: str, css_class: str | None = None) -> list["Element"]:
        found = []
        for child in self.children:
            if child.tag == tag and (css_class is None or css_class in child.classes):
                found.append(child)
            found.extend(child.find_all(tag, css_class))
        return found

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)


class StrictTreeBuilder(HTMLParser):
    """A tree of the page that fails on any unclosed or stray end tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        open_tag = self.stack[-1].tag
        if open_tag != tag:
            raise AssertionError(f"</{tag}> closes <{open_tag}> at line {self.getpos()[0]}")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        # Text after a child goes to the parent too: all_text() keeps document order well
        # enough for <pre> blocks, which hold text only.
        self.stack[-1].text += data


def parse_html(html: str) -> Element:
    builder = StrictTreeBuilder()
    builder.feed(html)
    builder.close()
    assert [element.tag for element in builder.stack] == ["#root"], "unclosed elements at the end"
    return builder.root


def guide_slides(html: str = GUIDE_HTML) -> list[Element]:
    (article,) = parse_html(html).find_all("article", "guide")
    return article.find_all("slide")


def guide_runnables(html: str = GUIDE_HTML) -> list[str]:
    return [pre.all_text().strip() for slide in guide_slides(html) for pre in slide.find_all("pre", "runnable")]


def guide_queries() -> list[str]:
    """The guide's Cypher, without Browser's own `:commands`."""
    return [text for text in guide_runnables() if not text.startswith(":")]


def query_title(query: str) -> str:
    """A query's first line, its `// comment`."""
    return query.splitlines()[0].removeprefix("//").strip()


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Neo4j Browser 5's `parseGrass` (JSON, or CSS-like rules), ported as it is.

    Quotes are dropped, a declaration that is not exactly `key: value` is silently ignored:
    the test below counts declarations so that none is lost that way.
    """
    try:
        return json.loads(text)
    except ValueError:
        pass
    in_quote = in_rule = nested = False
    selector = body = ""
    raw: dict[str, str] = {}
    for char in text:
        structural = True
        if char == "{":
            if in_quote:
                structural = False
            elif in_rule:
                nested = True
            else:
                in_rule = True
        elif char == "}":
            if in_quote:
                structural = False
            elif nested:
                nested = False
            else:
                in_rule = False
                raw[selector] = body
                selector = body = ""
        elif char in "'\"":
            in_quote = not in_quote
        else:
            structural = False
        if not structural:
            if in_rule:
                body += char
            elif not char.isspace():
                selector += char
    rules = {}
    for name, declarations in raw.items():
        rules[name] = {}
        for declaration in declarations.split(";"):
            parts = declaration.split(":")
            if len(parts) == 2:
                rules[name][parts[0].strip()] = parts[1].strip()
    return rules


def split_post_connect(value: str) -> list[str]:
    """Browser 5's `extractPostConnectCommandsFromServerConfig`: `;` outside quotes separates."""
    protected = re.sub(r"(`[^`]*?`|\"[^\"]*?\"|'[^']*?')", lambda m: m.group(0).replace(";", "@@semicolon@@"), value)
    commands = [part.strip().replace("@@semicolon@@", ";") for part in protected.split(";")]
    return [command for command in commands if command]


def host_is_allowed(url: str, allowlist: str) -> bool:
    """Browser 5's `hostIsAllowed`: host names (or scheme://host) only, never ports."""
    from urllib.parse import urlsplit

    if allowlist == "*":
        return True
    parts = urlsplit(url)
    entries = [entry.strip().rstrip("/") for entry in allowlist.split(",")]
    return parts.hostname in entries or f"{parts.scheme}://{parts.hostname}" in entries


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# The guide


def test_guide_is_well_formed_html_with_slides_of_runnable_queries() -> None:
    tree = parse_html(GUIDE_HTML)
    (article,) = tree.find_all("article", "guide")
    assert len(article.find_all("carousel")) == 1
    slides = guide_slides()
    assert len(slides) >= 8
    for number, slide in enumerate(slides, 1):
        titles = slide.find_all("h3")
        assert titles and titles[0].all_text().strip(), f"slide {number} has no <h3> title"
        assert slide.find_all("pre", "runnable"), f"slide {number} has no runnable query"
    assert re.search(r"<title>[^<]+</title>", GUIDE_HTML), "Browser titles the guide from <title>"
    # Browser strips these from remote guides; the guide must not depend on them.
    assert "<script" not in GUIDE_HTML.lower()
    assert not re.search(r"\son\w+\s*=", GUIDE_HTML)


def test_guide_answers_the_analysts_questions() -> None:
    queries = guide_queries()

    def some(predicate) -> bool:
        return any(predicate(query) for query in queries)

    assert some(lambda q: ":THREATENS" in q and "RETURN a, r, b" in q), "who threatens whom"
    assert some(lambda q: "AS cooperative" in q and "AS conflictual" in q and "'ally'" in q), "allies and adversaries"
    assert some(lambda q: "allShortestPaths" in q), "paths between two actors"
    assert some(lambda q: "date() - duration('P1M')" in q), "what changed last month"
    assert some(lambda q: ":DENIES" in q and "ACCUSES|CHARGED|PLOTS_AGAINST" in q), "contested claims"
    assert some(lambda q: "r.sentence" in q and "art.title" in q), "the evidence for an edge"
    titles = [query_title(query) for query in queries]
    assert all(query.startswith("//") for query in queries), "every query opens with a comment saying what it does"
    assert len(set(titles)) == len(titles)


def test_guide_groups_relation_types_as_graph_browser_does() -> None:
    (allies,) = [query for query in guide_queries() if "AS cooperative" in query]

    def listed(name: str) -> list[str]:
        match = re.search(r"\[([^\]]*)\]\s+AS " + name, allies)
        assert match, name
        return re.findall(r"'(\w+)'", match.group(1))

    assert listed("cooperative") == list(COOPERATIVE)
    assert listed("conflictual") == list(CONFLICTUAL)
    (graph,) = [query for query in guide_queries() if "NOT type(r) IN" in query]
    assert set(re.findall(r"'(\w+)'", graph.split("NOT type(r) IN", 1)[1])) == NEUTRAL
    assert not set(COOPERATIVE) & set(CONFLICTUAL)
    assert set(COOPERATIVE) | set(CONFLICTUAL) <= {rel_type.value for rel_type in RelationType}


def test_guide_uses_only_ontology_types_and_labels() -> None:
    known = {rel_type.value for rel_type in RelationType} | {"MENTIONS"}
    labels = {actor_type.value for actor_type in ActorType} | {"Actor", "Article"}
    for query in guide_queries():
        for group in re.findall(r"\[\w*:([A-Z_|]+)", query):
            assert set(group.split("|")) <= known, query
        assert set(re.findall(r"\(\w*:(\w+)", query)) <= labels, query


def test_guide_commands_point_at_this_api() -> None:
    commands = [text for text in guide_runnables() if text.startswith(":")]
    assert f":play {API_URL_PLACEHOLDER}/browser/guide.html" in commands
    assert f":style {API_URL_PLACEHOLDER}/browser/style.grass" in commands


# ---------------------------------------------------------------------------------------------
# The style


def test_style_parses_and_gives_every_actor_type_its_colour() -> None:
    rules = parse_grass(STYLE_GRASS)
    declared = len(re.findall(r"^\s*[\w-]+\s*:", STYLE_GRASS, flags=re.MULTILINE))
    assert sum(len(props) for props in rules.values()) == declared, "a declaration was dropped by the parser"
    colors = {}
    for actor_type in ActorType:
        rule = rules[f"node.{actor_type.value}"]
        assert rule["caption"] == "{name}"
        assert re.fullmatch(r"#[0-9A-F]{6}", rule["color"])
        assert re.fullmatch(r"#[0-9A-F]{6}", rule["border-color"])
        colors[actor_type.value] = rule["color"]
    assert len(set(colors.values())) == len(ActorType), f"two actor types share a colour: {colors}"
    assert rules["node.Actor"]["caption"] == "{name}"
    assert rules["relationship"]["caption"] == "<type>"


def test_style_colours_relations_by_group() -> None:
    rules = parse_grass(STYLE_GRASS)
    for rel_type in RelationType:
        assert "color" in rules[f"relationship.{rel_type.value}"], rel_type
    cooperative = {rules[f"relationship.{name}"]["color"] for name in COOPERATIVE}
    conflictual = {rules[f"relationship.{name}"]["color"] for name in CONFLICTUAL}
    neutral = {rules[f"relationship.{name}"]["color"] for name in NEUTRAL}
    assert len(cooperative) == 1
    assert not cooperative & conflictual and not cooperative & neutral and not conflictual & neutral


def test_guide_legend_matches_the_style() -> None:
    rules = parse_grass(STYLE_GRASS)
    (intro, *_) = guide_slides()
    legend = {
        item.find_all("strong")[0].all_text(): item.find_all("span")[0].attrs["style"]
        for item in intro.find_all("li")
        if item.find_all("strong") and item.find_all("span")
    }
    assert set(legend) == {actor_type.value for actor_type in ActorType}
    for label, style in legend.items():
        assert f"background:{rules[f'node.{label}']['color']}" in style


# ---------------------------------------------------------------------------------------------
# The Neo4j settings


def test_browser_config_loads_the_style_then_plays_the_guide() -> None:
    settings = Settings(api_host="127.0.0.1", api_port=8123)
    config = browser_config(settings)
    commands = split_post_connect(config[POST_CONNECT_CMD])
    assert commands == [
        "style http://127.0.0.1:8123/browser/style.grass",
        "play http://127.0.0.1:8123/browser/guide.html",
    ]
    allowlist = config[HOSTNAME_ALLOWLIST]
    assert host_is_allowed(guide_url(settings), allowlist)
    assert host_is_allowed(style_url(settings), allowlist)
    assert "guides.neo4j.com" in allowlist.split(","), "Neo4j's default stays allowed"


def test_browser_config_for_an_api_on_every_interface() -> None:
    settings = Settings(api_host="0.0.0.0", api_port=9000)
    assert guide_url(settings) == "http://127.0.0.1:9000/browser/guide.html"
    assert host_is_allowed(guide_url(settings), browser_config(settings)[HOSTNAME_ALLOWLIST])
    other = Settings(api_host="geokg.internal", api_port=80)
    assert host_is_allowed(style_url(other), browser_config(other)[HOSTNAME_ALLOWLIST])


def test_rendered_neo4j_config_has_the_browser_keys() -> None:
    settings = Settings(api_port=8123)
    lines = render_neo4j_config(settings, browser_config(settings)).splitlines()
    for key, value in browser_config(settings).items():
        assert f"{key}={value}" in lines
    assert any(line.startswith("browser.post_connect_cmd=style http://") for line in lines)
    assert any(line.startswith("browser.remote_content_hostname_whitelist=") for line in lines)


# ---------------------------------------------------------------------------------------------
# The routes


@pytest.fixture
def offline_client() -> Iterator[TestClient]:
    """The app without its lifespan: the Browser assets need no database."""
    settings = Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password="unused")
    yield TestClient(create_app(settings))


BROWSER_ORIGIN = "http://127.0.0.1:7474"


def test_guide_route_serves_the_guide_to_browser(offline_client: TestClient) -> None:
    response = offline_client.get("/browser/guide.html", headers={"Origin": BROWSER_ORIGIN})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["access-control-allow-origin"] == "*"
    assert API_URL_PLACEHOLDER not in response.text
    assert guide_runnables(response.text)[-2:] == [
        ":play http://testserver/browser/guide.html",
        ":style http://testserver/browser/style.grass",
    ]
    assert len(guide_slides(response.text)) == len(guide_slides())


def test_style_route_serves_the_style_to_browser(offline_client: TestClient) -> None:
    response = offline_client.get("/browser/style.grass", headers={"Origin": BROWSER_ORIGIN})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert parse_grass(response.text) == parse_grass(STYLE_GRASS)


@pytest.mark.parametrize("path", ["/browser/guide.html", "/browser/style.grass"])
def test_browser_preflight_allows_its_cache_headers(offline_client: TestClient, path: str) -> None:
    # Browser fetches guides with Pragma and Cache-Control headers: the fetch is preflighted.
    response = offline_client.options(
        path,
        headers={
            "Origin": BROWSER_ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "cache-control,pragma",
        },
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in response.headers["access-control-allow-methods"]
    allowed = {name.strip().lower() for name in response.headers["access-control-allow-headers"].split(",")}
    assert {"pragma", "cache-control"} <= allowed


def test_browser_routes_are_in_the_openapi_schema(offline_client: TestClient) -> None:
    paths = offline_client.get("/openapi.json").json()["paths"]
    assert "text/html" in paths["/browser/guide.html"]["get"]["responses"]["200"]["content"]
    assert "text/plain" in paths["/browser/style.grass"]["get"]["responses"]["200"]["content"]


# ---------------------------------------------------------------------------------------------
# A small graph for the guide's queries, with the names the guide uses


@dataclass
class Said:
    """A relation read from one sentence of an article."""

    source: str
    type: str
    target: str
    sentence: int
    extra: dict = field(default_factory=dict)


ACTORS = {
    "Q184": ("Belarus", "State", []),
    "Q36": ("Poland", "State", []),
    "Q183": ("Germany", "State", []),
    "Q794": ("Iran", "State", ["Tehran"]),
    "Q30": ("United States", "State", ["US", "U.S."]),
    "person:friedrich-merz": ("Friedrich Merz", "Person", ["Merz"]),
    "person:masoud-pezeshkian": ("Masoud Pezeshkian", "Person", ["Pezeshkian"]),
    "person:donald-trump": ("Donald Trump", "Person", ["Trump", "President Trump"]),
    "person:farhad-shakeri": ("Farhad Shakeri", "Person", []),
    "org:us-department-of-justice": ("US Department of Justice", "Organization", ["US Justice Department"]),
    "org:irgc": ("Islamic Revolutionary Guard Corps", "Organization", ["IRGC"]),
    "armedgroup:houthis": ("Houthis", "ArmedGroup", ["Ansar Allah"]),
    "media:kayhan": ("Kayhan", "Media", []),
}


def sample_article(
    article_id: str, title: str, published: dt.datetime, sentences: list[str], said: list[Said]
) -> tuple[Article, Extraction]:
    text = " ".join(sentences)
    article = Article(
        id=article_id, title=title, text=text, published=published, url=f"https://example.org/{article_id}"
    )
    used = {relation.source for relation in said} | {relation.target for relation in said}
    relations = []
    for relation in said:
        sentence = sentences[relation.sentence]
        start = text.index(sentence)
        relations.append(
            {
                "source": relation.source,
                "type": relation.type,
                "target": relation.target,
                "sentence": sentence,
                "start": start,
                "end": start + len(sentence),
                **relation.extra,
            }
        )
    extraction = Extraction.model_validate(
        {
            "article": {"id": article_id, "title": title},
            "actors": [
                {"id": actor_id, "name": name, "type": actor_type, "aliases": aliases}
                for actor_id, (name, actor_type, aliases) in ACTORS.items()
                if actor_id in used
            ],
            "relations": relations,
        }
    )
    return article, extraction


BELARUS_THREAT = "Belarus threatened Poland with retaliation over the border closure."


def browser_sample_items(today: dt.date | None = None) -> list[tuple[Article, Extraction]]:
    """Three articles: a border dispute, a contested plot, and a strike five days ago."""
    today = today or dt.datetime.now(dt.UTC).date()
    recent = dt.datetime.combine(today - dt.timedelta(days=5), dt.time(12, 0), tzinfo=dt.UTC)
    return [
        sample_article(
            "test-browser-border",
            "Belarus threatens Poland over border closure",
            dt.datetime(2025, 6, 3, 10, 0, tzinfo=dt.UTC),
            [
                BELARUS_THREAT,
                "Belarus said it had no plans to attack Poland.",
                "Poland accused Belarus of staging the incident.",
                "German Chancellor Friedrich Merz backed Poland.",
                "Germany and Poland agreed to deepen their military cooperation.",
            ],
            [
                Said("Q184", "THREATENS", "Q36", 0, {"date": "2025-06-02", "modality": "intended", "confidence": 0.8}),
                Said("Q184", "ATTACKS", "Q36", 1, {"negated": True, "modality": "intended"}),
                Said("Q36", "ACCUSES", "Q184", 2),
                Said("person:friedrich-merz", "SUPPORTS", "Q36", 3),
                Said("person:friedrich-merz", "LEADS", "Q183", 3),
                Said("Q183", "COOPERATES_WITH", "Q36", 4),
            ],
        ),
        sample_article(
            "test-browser-plot",
            "Iran denies plot to kill Trump",
            dt.datetime(2025, 5, 10, 9, 30, tzinfo=dt.UTC),
            [
                "Iranian President Masoud Pezeshkian denied that Tehran had plotted to kill Donald Trump.",
                "The United States accused Iran of plotting against Trump.",
                "Iran rejected the accusation and denied any role.",
                "Kayhan, a hardline Iranian newspaper, threatened President Trump.",
                "Iran has supplied the Houthis with missiles.",
                "The US Justice Department charged Farhad Shakeri, an IRGC asset.",
                "The IRGC is a branch of Iran's armed forces.",
            ],
            [
                Said("person:masoud-pezeshkian", "DENIES", "person:donald-trump", 0, {"date": "2025-05-09"}),
                Said("person:masoud-pezeshkian", "LEADS", "Q794", 0),
                Said("Q794", "PLOTS_AGAINST", "person:donald-trump", 0, {"negated": True, "modality": "alleged"}),
                Said("Q30", "ACCUSES", "Q794", 1),
                Said("Q794", "DENIES", "Q30", 2),
                Said("Q794", "REJECTS", "Q30", 2),
                Said("media:kayhan", "THREATENS", "person:donald-trump", 3, {"modality": "intended"}),
                Said("person:donald-trump", "LEADS", "Q30", 3),
                Said("Q794", "AIDS", "armedgroup:houthis", 4),
                Said("org:us-department-of-justice", "CHARGED", "person:farhad-shakeri", 5),
                Said("person:farhad-shakeri", "MEMBER_OF", "org:irgc", 5),
                Said("org:irgc", "PART_OF", "Q794", 6),
            ],
        ),
        sample_article(
            "test-browser-recent",
            "Houthis strike a US warship",
            recent,
            ["The Houthis attacked a United States warship in the Red Sea."],
            [Said("armedgroup:houthis", "ATTACKS", "Q30", 0)],
        ),
    ]


def threat_relation_id() -> str:
    article, extraction = browser_sample_items()[0]
    (threat,) = [r for r in extraction.relations if r.type == RelationType.THREATENS]
    return relation_id(article.id, threat.source, threat.type, threat.target, threat.start, threat.end)


def write_sample_graph(driver: Driver, database: str) -> None:
    ensure_schema(driver, database)
    summary = write_extractions(driver, browser_sample_items(), database=database)
    assert summary.failures == []


@pytest.fixture(scope="module")
def guide_graph(neo4j_driver: Driver, test_settings: Settings) -> Driver:
    """The sample graph, written once for this module's query tests."""
    wipe_test_graph(neo4j_driver, test_settings)
    write_sample_graph(neo4j_driver, test_settings.neo4j_database)
    return neo4j_driver


def rows_of(records) -> list[dict]:
    return [record.data() for record in records]


def relation_rows(rows: list[dict]) -> set[tuple[str, str, str]]:
    return {(row["source"], row["relation"], row["target"]) for row in rows}


# What some queries must find in the sample graph, by their first comment line.
EXPECTED = {
    "The whole picture: actors and what the news says they did to each other": lambda rows: len(rows) >= 15,
    "What the graph holds, by actor type": lambda rows: (
        {row["type"] for row in rows} == {actor_type.value for actor_type in ActorType}
    ),
    "Actors whose name or alias contains the text, most connected first": lambda rows: rows[0]["name"] == "Iran",
    "Threats as a graph": lambda rows: len(rows) == 2,
    "Threats as a table: how often, and how it was said": lambda rows: (
        relation_rows(rows) == {("Belarus", "THREATENS", "Poland"), ("Kayhan", "THREATENS", "Donald Trump")}
    ),
    "Poland's allies and adversaries": lambda rows: (
        {row["actor"]: row["stance"] for row in rows}
        == {"Germany": "ally", "Friedrich Merz": "ally", "Belarus": "adversary"}
    ),
    "The same as a graph: green edges cooperate, red ones conflict": lambda rows: len(rows) == 4,
    "The shortest chains between Iran and the United States": lambda rows: len(rows) == 3,
    "The same chains, read out": lambda rows: (
        {row["chain"] for row in rows}
        == {"Iran <-[ACCUSES]- United States", "Iran -[DENIES]-> United States", "Iran -[REJECTS]-> United States"}
    ),
    "Relations of the last month, as a graph": lambda rows: (
        [(row["a"]["name"], row["b"]["name"]) for row in rows] == [("Houthis", "United States")]
    ),
    "The month up to the newest evidence, day by day": lambda rows: (
        relation_rows(rows) == {("Houthis", "ATTACKS", "United States")}
    ),
    "Which kinds of relations rose or fell against the month before": lambda rows: (
        rows == [{"relation": "ATTACKS", "last_month": 1, "month_before": 0, "change": 1}]
    ),
    "Denials and claims between the same two actors": lambda rows: (
        {(row["a"]["name"], row["b"]["name"]) for row in rows} == {("Iran", "United States"), ("United States", "Iran")}
    ),
    "Widened to the parties' leaders, members and parent bodies, as a graph": lambda rows: len(rows) >= 2,
    "The same with both sentences": lambda rows: (
        {(row["denier"], row["claimant"], row["claim"]) for row in rows}
        == {
            # The president denies a plot his state is accused of, and what the US accuses Iran of.
            ("Masoud Pezeshkian", "Iran", "PLOTS_AGAINST"),
            ("Masoud Pezeshkian", "United States", "ACCUSES"),
            ("Iran", "United States", "ACCUSES"),
            ("Iran", "Iran", "PLOTS_AGAINST"),
        }
    ),
    "Every piece of evidence that Belarus THREATENS Poland": lambda rows: (
        [(row["sentence"], row["article"], row["day"].iso_format()) for row in rows]
        == [(BELARUS_THREAT, "Belarus threatens Poland over border closure", "2025-06-02")]
    ),
    "The articles behind an edge, with the actors they mention": lambda rows: (
        {row["x"]["name"] for row in rows} == {"Belarus", "Poland", "Germany", "Friedrich Merz"}
    ),
}


def test_every_query_with_an_expectation_is_in_the_guide() -> None:
    titles = {query_title(query) for query in guide_queries()}
    assert set(EXPECTED) <= titles


@pytest.mark.parametrize("query", guide_queries(), ids=query_title)
def test_guide_query_runs_on_the_graph(guide_graph: Driver, test_settings: Settings, query: str) -> None:
    records, summary, _ = guide_graph.execute_query(query, database_=test_settings.neo4j_database)
    deprecated = [
        status.status_description
        for status in summary.gql_status_objects
        if status.classification == NotificationClassification.DEPRECATION
    ]
    assert not deprecated, deprecated
    check = EXPECTED.get(query_title(query))
    if check is not None:
        rows = rows_of(records)
        assert check(rows), rows


def test_relation_by_id_shows_the_text_it_was_read_from(guide_graph: Driver, test_settings: Settings) -> None:
    (query,) = [query for query in guide_queries() if query_title(query).startswith("One relation by its id")]
    placeholder = re.search(r"WITH '(\w+)' AS id", query).group(1)
    records, _, _ = guide_graph.execute_query(
        query.replace(placeholder, threat_relation_id()), database_=test_settings.neo4j_database
    )
    (row,) = rows_of(records)
    assert (row["source"], row["relation"], row["target"]) == ("Belarus", "THREATENS", "Poland")
    assert row["in_the_article"] == row["sentence"] == BELARUS_THREAT


# ---------------------------------------------------------------------------------------------
# A real Neo4j started with the Browser settings, and Neo4j Browser itself


@pytest.fixture(scope="module")
def browser_neo4j(test_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A second managed Neo4j, started with browser_config (Neo4j refuses unknown keys)."""
    if not test_settings.managed:
        pytest.skip("the tests use an external Neo4j (GEOKG_TEST_NEO4J_URI): no managed server to start")
    settings = test_settings.model_copy(
        update={
            "home": tmp_path_factory.mktemp("neo4j-browser-home"),
            "bolt_port": free_port(),
            "http_port": free_port(),
            "api_host": "127.0.0.1",
            "api_port": free_port(),
        }
    )
    try:
        start_neo4j(settings, extra_config=browser_config(settings))
    except Neo4jServerError as error:
        pytest.fail(f"Neo4j did not start with the Browser settings: {error}", pytrace=False)
    try:
        yield settings
    finally:
        stop_neo4j(settings)


def test_neo4j_starts_with_the_browser_settings(browser_neo4j: Settings) -> None:
    from neo4j import GraphDatabase

    auth = (browser_neo4j.neo4j_user, browser_neo4j.neo4j_password.get_secret_value())
    with GraphDatabase.driver(browser_neo4j.bolt_uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
            names=list(browser_config(browser_neo4j)),
            database_="system",
        )
        # What Browser itself reads when it connects.
        client, _, _ = driver.execute_query("CALL dbms.clientConfig()", database_="system")
    assert {record["name"]: record["value"] for record in records} == browser_config(browser_neo4j)
    client_config = {record["name"]: record["value"] for record in client}
    assert client_config[POST_CONNECT_CMD] == browser_config(browser_neo4j)[POST_CONNECT_CMD]
    assert client_config[HOSTNAME_ALLOWLIST] == browser_config(browser_neo4j)[HOSTNAME_ALLOWLIST]


def load_screenshot_script():
    path = REPO / "scripts" / "browser_screenshots.py"
    spec = importlib.util.spec_from_file_location("geokg_browser_screenshots", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_neo4j_browser_loads_the_style_and_opens_the_guide(browser_neo4j: Settings, tmp_path: Path) -> None:
    screenshots = load_screenshot_script()
    reason = screenshots.missing_requirements()
    if reason:
        pytest.skip(f"Neo4j Browser is not driven: {reason}")
    from neo4j import GraphDatabase

    auth = (browser_neo4j.neo4j_user, browser_neo4j.neo4j_password.get_secret_value())
    with GraphDatabase.driver(browser_neo4j.bolt_uri, auth=auth) as driver:
        write_sample_graph(driver, browser_neo4j.neo4j_database)
    rules = parse_grass(STYLE_GRASS)
    with screenshots.serve_api(browser_neo4j), screenshots.chromium() as browser:
        screenshots.log_in(browser, browser_neo4j)
        guide = screenshots.wait_for_guide(browser)
        assert f"1 / {len(guide_slides())}" in guide.text
        runnables = screenshots.guide_runnables(guide)
        assert runnables and runnables[0] == guide_runnables()[0]
        screenshots.run_command(browser, screenshots.GRAPH_QUERY)
        graph = screenshots.wait_for_graph(browser, min_nodes=len(ACTORS))
        fills = screenshots.node_colors(graph)
        browser.save_screenshot(str(tmp_path / "graph.png"))
        # Each drawn actor has its type's colour, so the style was loaded before the query ran.
        types_by_name = {name: actor_type for name, actor_type, _ in ACTORS.values()}
        for caption, fill in fills.items():
            # Browser cuts long captions short with an ellipsis.
            (name,) = [name for name in types_by_name if name.startswith(caption.removesuffix("…"))]
            assert fill == rules[f"node.{types_by_name[name]}"]["color"], caption
        assert {"Iran", "Poland", "Houthis", "Kayhan"} <= set(fills)
        assert {"THREATENS", "DENIES", "LEADS"} <= screenshots.relationship_captions(graph)
