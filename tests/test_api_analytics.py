"""The analytic REST surface over HTTP: actors, relations, dyads, networks, paths, timelines, contested
claims and stats, with the real test Neo4j behind it and a graph written by graph.writes."""

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import BaseModel
from typer.testing import CliRunner

from api.app import create_app
from geokg import cli, cli_stats
from geokg.settings import Settings
from graph.schema import ensure_schema
from graph.writes import write_extractions
from schemas.api import ActorDetail, ContestedClaim, Dyad, GraphStats, Network, PathOut, RelationOut
from schemas.article import Article
from schemas.extraction import Extraction
from schemas.ontology import RelationType
from schemas.scales import GOLDSTEIN, goldstein_weight
from tests.conftest import wipe_test_graph
from tests.test_api import PROBLEM_JSON, assert_problem
from tests.builders import actor, relation

IRAN = "Q794"
US = "Q30"
TRUMP = "Q22686"
PEZESHKIAN = "person:masoud-pezeshkian"
SHAKERI = "person:farhad-shakeri"
DOJ = "org:us-department-of-justice"
IRGC = "Q271110"
QODS = "org:qods-force"
KAYHAN = "media:kayhan"

ACTORS = {
    IRAN: actor(IRAN, "Iran", "State", "Tehran", "Islamic Republic of Iran", from_catalog=True),
    US: actor(US, "United States", "State", "US", "Washington", from_catalog=True),
    TRUMP: actor(TRUMP, "Donald Trump", "Person", "Trump", from_catalog=True),
    PEZESHKIAN: actor(PEZESHKIAN, "Masoud Pezeshkian", "Person", "Pezeshkian"),
    SHAKERI: actor(SHAKERI, "Farhad Shakeri", "Person"),
    DOJ: actor(DOJ, "US Department of Justice", "Organization", "US Justice Department"),
    IRGC: actor(IRGC, "Islamic Revolutionary Guard Corps", "Organization", "IRGC"),
    QODS: actor(QODS, "Qods Force", "Organization", "Quds Force"),
    KAYHAN: actor(KAYHAN, "Kayhan", "Media"),
}

CHARGE = "The US Justice Department charged Farhad Shakeri, an IRGC asset, with plotting to assassinate Donald Trump."
ACCUSATION = "Prosecutors accused the Islamic Revolutionary Guard Corps of directing the plot."
UNITS = "The Qods Force is a unit of the IRGC, which is part of Iran's armed forces."
DENIAL = "Iranian President Masoud Pezeshkian denied that Tehran had plotted to kill Donald Trump."
TEHRAN_DENIAL = "Tehran denied any role in the plot against Trump."
TALKS = "Iranian and American diplomats held talks in Muscat last week."
SANCTIONS = "Washington imposed new sanctions on Tehran."
REJECTION = "Iran rejected US demands to halt enrichment and said it had not attacked American forces."
THREAT = "Kayhan, a hardline Iranian newspaper, threatened Donald Trump with revenge."
US_ACCUSATION = "The United States accused Iran of arming militias."
DEAL = "The United States and Iran signed an agreement in Oman."


def published(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T10:00:00+00:00")


def item(article_id: str, day: str | None, sentences: list[str], relations: list[tuple]) -> tuple[Article, Extraction]:
    """An article of `sentences` and its extraction; each relation is (source, type, target, sentence, extra)."""
    text = " ".join(sentences)
    article = Article(
        id=article_id,
        title=f"Test article {article_id}",
        text=text,
        url=f"https://example.org/{article_id}",
        published=published(day) if day else None,
    )
    ids = sorted({end for source, _, target, _, _ in relations for end in (source, target)})
    extraction = Extraction.model_validate(
        {
            "article": {"id": article_id},
            "actors": [ACTORS[actor_id] for actor_id in ids],
            "relations": [
                relation(source, rel_type, target, text, sentence, **extra)
                for source, rel_type, target, sentence, extra in relations
            ],
        }
    )
    return article, extraction


def analytics_items() -> list[tuple[Article, Extraction]]:
    return [
        item("t-charge", "2024-11-08", [CHARGE, ACCUSATION, UNITS], [
            (DOJ, "CHARGED", SHAKERI, CHARGE, {}),
            (SHAKERI, "PLOTS_AGAINST", TRUMP, CHARGE, {"modality": "alleged"}),
            (SHAKERI, "MEMBER_OF", IRGC, CHARGE, {}),
            (DOJ, "PART_OF", US, CHARGE, {}),
            (DOJ, "ACCUSES", IRGC, ACCUSATION, {"modality": "alleged"}),
            (QODS, "PART_OF", IRGC, UNITS, {}),
            (IRGC, "PART_OF", IRAN, UNITS, {}),
        ]),
        item("t-denial", "2024-11-12", [DENIAL, TEHRAN_DENIAL], [
            (PEZESHKIAN, "DENIES", TRUMP, DENIAL, {"date": "2024-11-12", "confidence": 0.9}),
            (IRAN, "PLOTS_AGAINST", TRUMP, DENIAL, {"negated": True, "modality": "alleged"}),
            (PEZESHKIAN, "LEADS", IRAN, DENIAL, {"date": "2024-07-28"}),
            (IRAN, "DENIES", TRUMP, TEHRAN_DENIAL, {}),
        ]),
        item("t-threat", "2024-11-20", [THREAT], [
            (KAYHAN, "THREATENS", TRUMP, THREAT, {"modality": "intended"}),
        ]),
        item("t-talks", "2024-12-03", [TALKS, SANCTIONS, REJECTION], [
            (IRAN, "MEETS", US, TALKS, {"date": "2024-11-28"}),
            (US, "SANCTIONS", IRAN, SANCTIONS, {}),
            (IRAN, "REJECTS", US, REJECTION, {}),
            (IRAN, "ATTACKS", US, REJECTION, {"negated": True}),
        ]),
        item("t-undated", None, [US_ACCUSATION], [
            (US, "ACCUSES", IRAN, US_ACCUSATION, {}),
        ]),
        item("t-deal", "2025-01-15", [DEAL], [
            (US, "AGREES_WITH", IRAN, DEAL, {}),
        ]),
    ]


# Every test here only reads, so the graph is written once for the module.
@pytest.fixture(scope="module")
def analytics_graph(neo4j_driver: Driver, test_settings: Settings) -> Driver:
    wipe_test_graph(neo4j_driver, test_settings)
    ensure_schema(neo4j_driver, test_settings.neo4j_database)
    summary = write_extractions(neo4j_driver, analytics_items(), database=test_settings.neo4j_database)
    assert summary.failures == []
    return neo4j_driver


@pytest.fixture(scope="module")
def client(analytics_graph: Driver, test_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(test_settings)) as test_client:
        yield test_client


def get_ok(client: TestClient, path: str, params=None) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def ids_of(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


def triples(page: dict) -> list[tuple[str, str, str]]:
    return [(r["source"]["id"], r["type"], r["target"]["id"]) for r in page["items"]]


# The Goldstein table


def test_every_event_type_but_directs_has_a_goldstein_weight_on_the_scale() -> None:
    unweighted = {rel_type for rel_type in RelationType if goldstein_weight(rel_type) is None}
    assert unweighted == {RelationType.DIRECTS, RelationType.LEADS, RelationType.MEMBER_OF, RelationType.PART_OF}
    assert all(-10.0 <= weight <= 10.0 for weight in GOLDSTEIN.values())
    assert goldstein_weight("KILLS") == -10.0 and goldstein_weight("AGREES_WITH") == 8.0
    assert all(GOLDSTEIN[rel_type] > 0 for rel_type in ("MEETS", "SUPPORTS", "AIDS", "COOPERATES_WITH", "ASSURES"))


# Actors


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Pezeshkain", PEZESHKIAN),  # transposed letters
        ("pezeshkián", PEZESHKIAN),
        ("shakery", SHAKERI),
        ("trmp", TRUMP),  # a missing letter in a short word
        ("revolutionery guard", IRGC),
        ("QUDS", QODS),
    ],
)
def test_actor_search_tolerates_case_accents_and_typos(client: TestClient, query: str, expected: str) -> None:
    assert expected in ids_of(get_ok(client, "/actors", {"q": query}))


def test_actor_search_ranks_exact_matches_before_fuzzy_ones(client: TestClient) -> None:
    assert ids_of(get_ok(client, "/actors", {"q": "iran"}))[0] == IRAN
    assert ids_of(get_ok(client, "/actors", {"q": "Kayhan"}))[0] == KAYHAN


def test_actors_by_country(client: TestClient) -> None:
    iran = get_ok(client, "/actors", {"country": IRAN})
    assert iran["total"] == 5
    assert set(ids_of(iran)) == {IRAN, PEZESHKIAN, IRGC, QODS, SHAKERI}
    by_name = get_ok(client, "/actors", {"country": "united states"})
    assert set(ids_of(by_name)) == {US, DOJ}
    assert ids_of(get_ok(client, "/actors", {"country": "Tehran", "type": "Person"})) == [SHAKERI, PEZESHKIAN]
    assert ids_of(get_ok(client, "/actors", {"country": IRAN, "q": "qods"})) == [QODS]
    assert get_ok(client, "/actors", {"country": US, "q": "qods"})["total"] == 0
    assert get_ok(client, "/actors", {"country": "Atlantis"}) == {"items": [], "total": 0, "limit": 50, "offset": 0}
    second = get_ok(client, "/actors", {"country": IRAN, "limit": 2, "offset": 2})
    assert second["total"] == 5 and len(second["items"]) == 2


def test_actor_profile(client: TestClient) -> None:
    iran = get_ok(client, f"/actors/{IRAN}")
    assert (iran["name"], iran["qid"], iran["labels"]) == ("Iran", IRAN, ["Actor", "State"])
    assert iran["led_by"] == [
        {
            "type": "LEADS",
            "actor": {**ACTORS[PEZESHKIAN], "aliases": ["Pezeshkian"], "from_catalog": False},
            "relations": 1,
            "first": "2024-07-28",
            "last": "2024-07-28",
        }
    ]
    assert iran["roles"] == []
    counterparts = [(c["actor"]["id"], c["relations"]) for c in iran["top_counterparts"]]
    assert counterparts == [(US, 6), (TRUMP, 2), (IRGC, 1), (PEZESHKIAN, 1)]
    assert {"type": "DENIES", "direction": "out", "count": 1} in iran["relation_counts"]
    assert {"type": "SANCTIONS", "direction": "in", "count": 1} in iran["relation_counts"]
    assert iran["relations"] == 10 and iran["articles"] == 5
    # The LEADS relation's own date is older than any article.
    assert (iran["first_seen"], iran["last_seen"]) == ("2024-07-28", "2025-01-15")

    pezeshkian = get_ok(client, f"/actors/{PEZESHKIAN}")
    assert pezeshkian["qid"] is None and pezeshkian["labels"] == ["Actor", "Person"]
    [role] = pezeshkian["roles"]
    assert (role["type"], role["actor"]["id"]) == ("LEADS", IRAN)
    assert (role["first"], role["last"]) == ("2024-07-28", "2024-07-28")

    shakeri = get_ok(client, f"/actors/{SHAKERI}")
    [membership] = shakeri["roles"]
    # No relation date: the article's day stands in.
    assert (membership["type"], membership["actor"]["id"], membership["first"]) == ("MEMBER_OF", IRGC, "2024-11-08")
    assert shakeri["first_seen"] == shakeri["last_seen"] == "2024-11-08"

    assert_problem(client.get("/actors/Q-nobody"), 404)


# Relations


def test_relations_by_direction_with_evidence(client: TestClient) -> None:
    out = get_ok(client, "/relations", {"source": US, "target": IRAN})
    assert sorted(triples(out)) == [(US, "ACCUSES", IRAN), (US, "AGREES_WITH", IRAN), (US, "SANCTIONS", IRAN)]
    back = get_ok(client, "/relations", {"source": US, "target": IRAN, "direction": "in"})
    assert sorted(triples(back)) == [(IRAN, "ATTACKS", US), (IRAN, "MEETS", US), (IRAN, "REJECTS", US)]
    both = get_ok(client, "/relations", {"source": US, "target": IRAN, "direction": "both"})
    assert both["total"] == 6
    # Newest first; the undated one last.
    assert [r["event_date"] for r in both["items"]][0] == "2025-01-15"
    assert both["items"][-1]["event_date"] is None and both["items"][-1]["type"] == "ACCUSES"
    sanction = next(r for r in both["items"] if r["type"] == "SANCTIONS")
    assert sanction["evidence"] == {
        "article_id": "t-talks",
        "title": "Test article t-talks",
        "url": "https://example.org/t-talks",
        "published": "2024-12-03T10:00:00Z",
        "sentence": SANCTIONS,
        "start": len(TALKS) + 1,
        "end": len(TALKS) + 1 + len(SANCTIONS),
    }
    assert (sanction["date"], sanction["event_date"]) == (None, "2024-12-03")


def test_relations_filter_by_dates_modality_and_negation(client: TestClient) -> None:
    pair = {"source": US, "target": IRAN, "direction": "both"}
    december = get_ok(client, "/relations", {**pair, "since": "2024-12-01", "until": "2024-12-31"})
    assert sorted(r["type"] for r in december["items"]) == ["ATTACKS", "REJECTS", "SANCTIONS"]
    # The talks article is from December, but the talks themselves from November.
    november = get_ok(client, "/relations", {**pair, "until": "2024-11-30"})
    assert [r["type"] for r in november["items"]] == ["MEETS"]
    assert [r["type"] for r in get_ok(client, "/relations", {**pair, "negated": "true"})["items"]] == ["ATTACKS"]
    assert get_ok(client, "/relations", {**pair, "negated": "false"})["total"] == 5
    alleged = get_ok(client, "/relations", {"target": TRUMP, "modality": "alleged"})
    assert sorted(triples(alleged)) == [(IRAN, "PLOTS_AGAINST", TRUMP), (SHAKERI, "PLOTS_AGAINST", TRUMP)]
    several = get_ok(client, "/relations", [("target", TRUMP), ("modality", "alleged"), ("modality", "intended")])
    assert several["total"] == 3
    paged = get_ok(client, "/relations", {"type": ["PART_OF", "MEMBER_OF"], "limit": 2, "offset": 2})
    assert paged["total"] == 4 and len(paged["items"]) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"since": "last week"},
        {"until": "2024-13-01"},
        {"until": "0"},
        {"since": "2024-11-01T00:00:00"},
        {"since": "2024-12-01", "until": "2024-11-01"},
        {"modality": "rumoured"},
        {"negated": "perhaps"},
        {"direction": "up"},
        {"type": "LOVES"},
        {"offset": -1},
    ],
)
def test_relations_reject_bad_parameters(client: TestClient, params: dict) -> None:
    problem = assert_problem(client.get("/relations", params=params), 422)
    assert problem["type"] == "urn:geokg:problem:validation-error"
    assert problem["errors"][0]["loc"][0] == "query"


# Dyads


def test_dyad_counts_and_scores_by_month(client: TestClient) -> None:
    dyad = get_ok(client, "/dyads", {"a": IRAN, "b": US})
    assert (dyad["a"]["id"], dyad["b"]["id"], dyad["relations"], dyad["undated"]) == (IRAN, US, 6, 1)
    assert dyad["by_type"] == [
        {"type": "ACCUSES", "a_to_b": 0, "b_to_a": 1, "negated": 0, "weight": -2.0},
        {"type": "AGREES_WITH", "a_to_b": 0, "b_to_a": 1, "negated": 0, "weight": 8.0},
        {"type": "ATTACKS", "a_to_b": 1, "b_to_a": 0, "negated": 1, "weight": -9.0},
        {"type": "MEETS", "a_to_b": 1, "b_to_a": 0, "negated": 0, "weight": 1.0},
        {"type": "REJECTS", "a_to_b": 1, "b_to_a": 0, "negated": 0, "weight": -4.0},
        {"type": "SANCTIONS", "a_to_b": 0, "b_to_a": 1, "negated": 0, "weight": -8.0},
    ]
    assert dyad["by_month"] == [
        {"month": "2024-11", "a_to_b": 1, "b_to_a": 0, "types": {"MEETS": 1}, "scored": 1,
         "goldstein_sum": 1.0, "goldstein_mean": 1.0},
        # The negated attack is counted, not scored.
        {"month": "2024-12", "a_to_b": 2, "b_to_a": 1, "types": {"ATTACKS": 1, "REJECTS": 1, "SANCTIONS": 1},
         "scored": 2, "goldstein_sum": -12.0, "goldstein_mean": -6.0},
        {"month": "2025-01", "a_to_b": 0, "b_to_a": 1, "types": {"AGREES_WITH": 1}, "scored": 1,
         "goldstein_sum": 8.0, "goldstein_mean": 8.0},
    ]
    assert (dyad["scored"], dyad["goldstein_sum"], dyad["goldstein_mean"]) == (4, -3.0, -0.75)

    swapped = get_ok(client, "/dyads", {"a": US, "b": IRAN})
    assert swapped["relations"] == 6 and swapped["by_month"][0]["b_to_a"] == 1


def test_dyad_without_relations(client: TestClient) -> None:
    dyad = get_ok(client, "/dyads", {"a": KAYHAN, "b": QODS})
    assert (dyad["relations"], dyad["by_type"], dyad["by_month"], dyad["goldstein_mean"]) == (0, [], [], None)


def test_dyad_errors(client: TestClient) -> None:
    problem = assert_problem(client.get("/dyads", params={"a": IRAN, "b": "Q-nobody"}), 404)
    assert "Q-nobody" in problem["detail"] and problem["type"] == "urn:geokg:problem:not-found"
    assert_problem(client.get("/dyads", params={"a": "Q-nobody", "b": IRAN}), 404)
    same = assert_problem(client.get("/dyads", params={"a": IRAN, "b": IRAN}), 422)
    assert same["errors"][0]["loc"] == ["query", "b"]
    assert_problem(client.get("/dyads", params={"a": IRAN}), 422)


# Networks


def test_network_one_hop(client: TestClient) -> None:
    network = get_ok(client, f"/actors/{TRUMP}/network")
    assert (network["center"], network["hops"], network["total"], network["truncated"]) == (TRUMP, 1, 4, False)
    assert [(n["id"], n["hops"]) for n in network["nodes"]] == [
        (TRUMP, 0), (IRAN, 1), (SHAKERI, 1), (KAYHAN, 1), (PEZESHKIAN, 1),
    ]
    assert network["nodes"][0]["name"] == "Donald Trump"
    edges = {(e["source"], e["type"], e["target"]): (e["count"], e["negated"]) for e in network["edges"]}
    assert edges == {
        (IRAN, "DENIES", TRUMP): (1, 0),
        (IRAN, "PLOTS_AGAINST", TRUMP): (1, 1),
        (KAYHAN, "THREATENS", TRUMP): (1, 0),
        (PEZESHKIAN, "DENIES", TRUMP): (1, 0),
        (PEZESHKIAN, "LEADS", IRAN): (1, 0),
        (SHAKERI, "PLOTS_AGAINST", TRUMP): (1, 0),
    }


def test_network_hops_limit_and_types(client: TestClient) -> None:
    two = get_ok(client, f"/actors/{TRUMP}/network", {"hops": 2})
    assert two["total"] == 7
    assert [(n["id"], n["hops"]) for n in two["nodes"]][5:] == [(US, 2), (IRGC, 2), (DOJ, 2)]
    three = get_ok(client, f"/actors/{TRUMP}/network", {"hops": 3})
    assert three["total"] == 8 and three["nodes"][-1]["id"] == QODS
    limited = get_ok(client, f"/actors/{TRUMP}/network", {"hops": 3, "limit": 2})
    assert [n["id"] for n in limited["nodes"]] == [TRUMP, IRAN, SHAKERI]
    assert (limited["total"], limited["limit"], limited["truncated"]) == (8, 2, True)
    assert {(e["source"], e["target"]) for e in limited["edges"]} == {(IRAN, TRUMP), (SHAKERI, TRUMP)}
    denials = get_ok(client, f"/actors/{TRUMP}/network", {"hops": 3, "type": "DENIES"})
    assert {n["id"] for n in denials["nodes"]} == {TRUMP, IRAN, PEZESHKIAN}
    assert {e["type"] for e in denials["edges"]} == {"DENIES"}


@pytest.mark.parametrize("params", [{"hops": 0}, {"hops": 4}, {"limit": 0}, {"type": "MENTIONS"}])
def test_network_rejects_bad_parameters(client: TestClient, params: dict) -> None:
    assert_problem(client.get(f"/actors/{TRUMP}/network", params=params), 422)


def test_network_of_unknown_actor_is_404(client: TestClient) -> None:
    assert_problem(client.get("/actors/Q-nobody/network"), 404)


# Paths


def test_shortest_path(client: TestClient) -> None:
    page = get_ok(client, "/paths", {"source": DOJ, "target": TRUMP})
    assert page["total"] == 1
    [path] = page["items"]
    assert path["length"] == 2
    assert [n["id"] for n in path["nodes"]] == [DOJ, SHAKERI, TRUMP]
    assert path["edges"] == [
        {"source": DOJ, "type": "CHARGED", "target": SHAKERI, "count": 1, "negated": 0},
        {"source": SHAKERI, "type": "PLOTS_AGAINST", "target": TRUMP, "count": 1, "negated": 0},
    ]


def test_all_shortest_paths_paged_and_bounded(client: TestClient) -> None:
    page = get_ok(client, "/paths", {"source": QODS, "target": TRUMP})
    assert page["total"] == 2
    assert [[n["id"] for n in path["nodes"]] for path in page["items"]] == [
        [QODS, IRGC, IRAN, TRUMP], [QODS, IRGC, SHAKERI, TRUMP],
    ]
    via_iran = page["items"][0]
    assert {(e["source"], e["type"], e["target"]) for e in via_iran["edges"]} == {
        (QODS, "PART_OF", IRGC), (IRGC, "PART_OF", IRAN), (IRAN, "DENIES", TRUMP), (IRAN, "PLOTS_AGAINST", TRUMP),
    }
    second = get_ok(client, "/paths", {"source": QODS, "target": TRUMP, "limit": 1, "offset": 1})
    assert second["total"] == 2 and [n["id"] for n in second["items"][0]["nodes"]][2] == SHAKERI
    assert get_ok(client, "/paths", {"source": QODS, "target": TRUMP, "max_hops": 2})["total"] == 0
    assert get_ok(client, "/paths", {"source": QODS, "target": TRUMP, "type": "PART_OF"})["items"] == []
    reverse = get_ok(client, "/paths", {"source": TRUMP, "target": QODS})
    assert reverse["total"] == 2 and reverse["items"][0]["nodes"][0]["id"] == TRUMP


def test_path_errors(client: TestClient) -> None:
    assert_problem(client.get("/paths", params={"source": DOJ, "target": "Q-nobody"}), 404)
    assert_problem(client.get("/paths", params={"source": DOJ, "target": DOJ}), 422)
    assert_problem(client.get("/paths", params={"source": DOJ, "target": TRUMP, "max_hops": 5}), 422)
    assert_problem(client.get("/paths", params={"source": DOJ}), 422)


# Timeline


def test_timeline_of_an_actor_oldest_first(client: TestClient) -> None:
    page = get_ok(client, "/timeline", {"actor": TRUMP})
    assert page["total"] == 5
    rows = [(r["event_date"], r["source"]["id"], r["type"]) for r in page["items"]]
    assert rows[0] == ("2024-11-08", SHAKERI, "PLOTS_AGAINST")
    assert sorted(rows[1:4]) == [
        ("2024-11-12", IRAN, "DENIES"), ("2024-11-12", IRAN, "PLOTS_AGAINST"), ("2024-11-12", PEZESHKIAN, "DENIES"),
    ]
    assert rows[4] == ("2024-11-20", KAYHAN, "THREATENS")
    assert page["items"][0]["evidence"]["sentence"] == CHARGE


def test_timeline_filters_and_pages(client: TestClient) -> None:
    window = get_ok(client, "/timeline", {"actor": TRUMP, "since": "2024-11-10", "until": "2024-11-15"})
    assert window["total"] == 3 and {r["event_date"] for r in window["items"]} == {"2024-11-12"}
    everything = get_ok(client, "/timeline")
    # Events only: the five affiliations are left out; the undated accusation comes last.
    assert everything["total"] == 13
    assert everything["items"][0]["event_date"] == "2024-11-08"
    assert everything["items"][-1]["event_date"] is None
    dated = [r["event_date"] for r in everything["items"][:-1]]
    assert dated == sorted(dated)
    affiliations = get_ok(client, "/timeline", {"type": ["LEADS", "PART_OF"]})
    assert [r["event_date"] for r in affiliations["items"]][0] == "2024-07-28" and affiliations["total"] == 4
    page = get_ok(client, "/timeline", {"limit": 5, "offset": 10})
    assert page["total"] == 13 and len(page["items"]) == 3
    assert get_ok(client, "/timeline", {"actor": "Q-nobody"})["total"] == 0


@pytest.mark.parametrize("params", [{"since": "soon"}, {"since": "2025-01-01", "until": "2024-01-01"}, {"type": "X"}])
def test_timeline_rejects_bad_parameters(client: TestClient, params: dict) -> None:
    assert_problem(client.get("/timeline", params=params), 422)


# Contested claims


def pairs(page: dict) -> list[tuple[tuple[str, str, str], tuple[str, str, str], str]]:
    return [
        (
            (c["denial"]["source"]["id"], c["denial"]["type"], c["denial"]["target"]["id"]),
            (c["claim"]["source"]["id"], c["claim"]["type"], c["claim"]["target"]["id"]),
            c["link"],
        )
        for c in page["items"]
    ]


def test_contested_claims(client: TestClient) -> None:
    page = get_ok(client, "/contested")
    iran_denial, pezeshkian_denial = (IRAN, "DENIES", TRUMP), (PEZESHKIAN, "DENIES", TRUMP)
    rejection = (IRAN, "REJECTS", US)
    assert sorted(pairs(page)) == sorted([
        (rejection, (DOJ, "ACCUSES", IRGC), "agent_of_denier"),
        (iran_denial, (SHAKERI, "PLOTS_AGAINST", TRUMP), "shared_party"),
        (iran_denial, (KAYHAN, "THREATENS", TRUMP), "shared_party"),
        (iran_denial, (DOJ, "ACCUSES", IRGC), "agent_of_denier"),
        (iran_denial, (DOJ, "CHARGED", SHAKERI), "hostile_to_target"),
        (pezeshkian_denial, (SHAKERI, "PLOTS_AGAINST", TRUMP), "shared_party"),
        (pezeshkian_denial, (KAYHAN, "THREATENS", TRUMP), "shared_party"),
        (pezeshkian_denial, (DOJ, "CHARGED", SHAKERI), "hostile_to_target"),
    ])
    assert page["total"] == 8
    # The newest denial first; per denial, the nearest claim first.
    assert pairs(page)[0][0] == rejection
    charge = next(c for c in page["items"] if c["claim"]["type"] == "CHARGED")
    assert charge["days_apart"] == 4 and charge["same_article"] is False
    assert charge["claim"]["evidence"]["sentence"] == CHARGE
    assert charge["denial"]["evidence"]["sentence"] in {DENIAL, TEHRAN_DENIAL}


def test_contested_claims_window_actor_and_paging(client: TestClient) -> None:
    near = get_ok(client, "/contested", {"window_days": 5})
    assert near["total"] == 5
    assert all(c["days_apart"] <= 5 for c in near["items"])
    kayhan = get_ok(client, "/contested", {"actor": KAYHAN})
    assert kayhan["total"] == 2 and {c["claim"]["source"]["id"] for c in kayhan["items"]} == {KAYHAN}
    assert get_ok(client, "/contested", {"actor": QODS})["total"] == 0
    page = get_ok(client, "/contested", {"limit": 3, "offset": 6})
    assert page["total"] == 8 and len(page["items"]) == 2


@pytest.mark.parametrize("params", [{"window_days": -1}, {"window_days": 100000}, {"limit": 0}])
def test_contested_rejects_bad_parameters(client: TestClient, params: dict) -> None:
    assert_problem(client.get("/contested", params=params), 422)


# Stats


def test_stats(client: TestClient) -> None:
    stats = get_ok(client, "/stats")
    assert (stats["articles"], stats["actors"], stats["nodes"]) == (6, 9, 15)
    assert stats["labels"] == {"Actor": 9, "Article": 6, "State": 2, "Person": 3, "Organization": 3, "Media": 1}
    assert stats["relations"] == 18
    assert stats["types"]["PART_OF"] == 3 and stats["types"]["DENIES"] == 2
    assert stats["relationships"] == stats["relations"] + stats["types"]["MENTIONS"]
    assert "LOVES" not in stats["types"] and "KILLS" not in stats["types"]
    assert stats["first_published"].startswith("2024-11-08T10:00:00")
    assert stats["last_published"].startswith("2025-01-15T10:00:00")


def test_stats_command(analytics_graph: Driver, test_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_stats, "get_settings", lambda: test_settings)
    result = CliRunner().invoke(cli.app, ["stats"])
    assert result.exit_code == 0, result.output
    assert "Articles" in result.output and "PART_OF" in result.output and "2025-01-15" in result.output
    as_json = CliRunner().invoke(cli.app, ["stats", "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert '"articles": 6' in as_json.output


# The OpenAPI document


def test_openapi_documents_the_analytic_routes(client: TestClient) -> None:
    spec = get_ok(client, "/openapi.json")
    routes = {
        "/dyads": {"200", "404", "422", "503"},
        "/actors/{actor_id}/network": {"200", "404", "422", "503"},
        "/paths": {"200", "404", "422", "503"},
        "/timeline": {"200", "422", "503"},
        "/contested": {"200", "422", "503"},
        "/stats": {"200", "503"},
    }
    for path, statuses in routes.items():
        operation = spec["paths"][path]["get"]
        assert set(operation["responses"]) == statuses, path
        assert operation["description"], path
        for status in statuses - {"200"}:
            assert set(operation["responses"][status]["content"]) == {PROBLEM_JSON}
    assert "hostile_to_target" in spec["paths"]["/contested"]["get"]["description"]
    schemas = spec["components"]["schemas"]
    for model in ("Dyad", "Network", "PathOut", "GraphStats", "ActorDetail", "ContestedClaim"):
        assert schemas[model]["examples"], model
    country = next(p for p in spec["paths"]["/actors"]["get"]["parameters"] if p["name"] == "country")
    assert country["schema"]["examples"] == ["Iran"]


EXAMPLE_MODELS = [ActorDetail, RelationOut, Dyad, Network, PathOut, ContestedClaim, GraphStats]


@pytest.mark.parametrize("model", EXAMPLE_MODELS, ids=lambda model: model.__name__)
def test_openapi_examples_are_valid_responses(model: type[BaseModel]) -> None:
    for example in model.model_config["json_schema_extra"]["examples"]:
        model.model_validate(example)
