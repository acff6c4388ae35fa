"""graph/: schema, writes and reads against the real Neo4j test server (see conftest.py)."""

import datetime as dt

import pytest
from neo4j import Driver

from geokg.settings import Settings
from graph.analytics import get_stats
from graph.reads import find_relations, get_actor, get_actor_relations, lucene_query, search_actors
from graph.schema import FULLTEXT_INDEX, ensure_schema, fold_name
from graph.writes import count_graph, merge_actors_query, merge_relations_query, relation_id, write_extractions
from schemas.article import Article
from schemas.extraction import Extraction
from schemas.ontology import ActorType, RelationType
from tests.builders import actor, relation

# Two articles written for these tests; offsets are computed from the text, as the extractor does.
DENIAL = "Iranian President Masoud Pezeshkian denied on Tuesday that Tehran had plotted to kill Donald Trump."
CHARGE = "The US Justice Department charged Farhad Shakeri, an IRGC asset, over the alleged plot."
LEADER = "Supreme Leader Alí Jameneí has not commented."
TEXT_1 = f"{DENIAL} {CHARGE} {LEADER}"

THREAT = "Kayhan, a hardline Iranian newspaper, threatened President Trump with revenge for Qassem Soleimani."
REPORT = "Iran International reported the editorial."
TEXT_2 = f"{THREAT} {REPORT}"

PEZESHKIAN = "Q-pezeshkian"
TRUMP = "Q-trump"
IRAN = "Q-iran"
DOJ = "Q-doj"
SHAKERI = "person:farhad-shakeri"
IRGC = "Q-irgc"
KHAMENEI = "Q-khamenei"
KAYHAN = "media:kayhan"
SOLEIMANI = "Q-soleimani"
IRAN_INTERNATIONAL = "media:iran-international"


def denial_article() -> tuple[Article, Extraction]:
    article = Article(
        id="test-denial",
        title="Iran denies plot to kill Trump",
        text=TEXT_1,
        url="https://example.org/denial",
        published=dt.datetime(2024, 11, 12, 9, 30, tzinfo=dt.UTC),
        source="example.org",
        path="articles/denial.txt",
    )
    extraction = Extraction.model_validate(
        {
            "article": {"id": article.id, "title": article.title},
            "actors": [
                actor(PEZESHKIAN, "Masoud Pezeshkian", "Person", "Pezeshkian", "President Pezeshkian", "Pezeshkian",
                      from_catalog=True, mentions=2),
                actor(TRUMP, "Donald Trump", "Person", "Trump", from_catalog=True),
                actor(IRAN, "Iran", "State", "Tehran", from_catalog=True),
                actor(DOJ, "US Department of Justice", "Organization", "US Justice Department"),
                actor(SHAKERI, "Farhad Shakeri", "Person"),
                actor(IRGC, "Islamic Revolutionary Guard Corps", "Organization", "IRGC"),
                actor(KHAMENEI, "Ali Khamenei", "Person", "Alí Jameneí", "Supreme Leader"),
            ],
            "relations": [
                relation(PEZESHKIAN, "DENIES", TRUMP, TEXT_1, DENIAL, date="2024-11-12", confidence=0.9, cue="denied"),
                relation(IRAN, "PLOTS_AGAINST", TRUMP, TEXT_1, DENIAL, negated=True, modality="alleged"),
                relation(PEZESHKIAN, "LEADS", IRAN, TEXT_1, DENIAL, confidence=0.8),
                relation(DOJ, "CHARGED", SHAKERI, TEXT_1, CHARGE, cue="charged"),
                relation(SHAKERI, "MEMBER_OF", IRGC, TEXT_1, CHARGE),
            ],
        }
    )
    return article, extraction


def threat_article() -> tuple[Article, Extraction]:
    article = Article(
        id="test-threat",
        title="Kayhan threatens Trump",
        text=TEXT_2,
        published=dt.datetime(2024, 11, 20, 8, 0, tzinfo=dt.UTC),
    )
    extraction = Extraction.model_validate(
        {
            "article": {"id": article.id},
            "actors": [
                actor(KAYHAN, "Kayhan", "Media"),
                actor(TRUMP, "Donald Trump", "Person", "President Trump", "Trump", from_catalog=True),
                actor(SOLEIMANI, "Qasem Soleimani", "Person", "Qassem Soleimani"),
                actor(IRAN_INTERNATIONAL, "Iran International", "Media"),
            ],
            "relations": [
                relation(KAYHAN, "THREATENS", TRUMP, TEXT_2, THREAT, modality="intended", cue="threatened"),
            ],
        }
    )
    return article, extraction


def sample_items() -> list[tuple[Article, Extraction]]:
    return [denial_article(), threat_article()]


@pytest.fixture(scope="session")
def database(test_settings: Settings) -> str:
    return test_settings.neo4j_database


@pytest.fixture(scope="session")
def schema(neo4j_driver: Driver, database: str) -> None:
    ensure_schema(neo4j_driver, database)


@pytest.fixture
def graph(clean_graph: Driver, schema: None) -> Driver:
    return clean_graph


@pytest.fixture
def sample_graph(graph: Driver, database: str) -> Driver:
    summary = write_extractions(graph, sample_items(), database=database)
    assert summary.failures == []
    return graph


def node_props(driver: Driver, database: str, query: str, **params) -> list[dict]:
    records, _, _ = driver.execute_query(query, params, database_=database)
    return [record.data() for record in records]


# Schema


def test_ensure_schema_is_idempotent_and_complete(graph: Driver, database: str) -> None:
    ensure_schema(graph, database)
    ensure_schema(graph, database)
    constraints = node_props(graph, database, "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties")
    assert {"name": "actor_id", "labelsOrTypes": ["Actor"], "properties": ["id"]} in constraints
    assert {"name": "article_id", "labelsOrTypes": ["Article"], "properties": ["id"]} in constraints
    rows = node_props(graph, database, "SHOW INDEXES YIELD name, type, state, properties")
    indexes = {row["name"]: row for row in rows}
    assert indexes[FULLTEXT_INDEX]["type"] == "FULLTEXT"
    assert indexes[FULLTEXT_INDEX]["properties"] == ["name", "aliases_text"]
    assert indexes["actor_name"]["properties"] == ["name"]
    for rel_type in RelationType:
        assert indexes[f"rel_{rel_type.value.lower()}_id"]["properties"] == ["id"]
    assert {row["state"] for row in indexes.values()} == {"ONLINE"}


def test_labels_and_types_come_only_from_the_ontology() -> None:
    with pytest.raises(ValueError):
        merge_relations_query("DENIES]->() DETACH DELETE (n")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        merge_actors_query("Person:Admin")  # type: ignore[arg-type]
    assert ":DENIES {id: row.id}" in merge_relations_query(RelationType.DENIES)


# Writes


def test_write_creates_articles_actors_mentions_and_evidenced_relations(graph: Driver, database: str) -> None:
    summary = write_extractions(graph, sample_items(), database=database)
    assert (summary.articles, summary.actors, summary.mentions, summary.relations) == (2, 10, 11, 6)
    assert summary.failures == []

    counts = count_graph(graph, database)
    assert counts.labels["Article"] == 2
    assert counts.labels["Actor"] == 10
    assert counts.labels["Person"] == 5
    assert counts.labels["Organization"] == 2
    assert counts.labels["Media"] == 2
    assert counts.labels["State"] == 1
    assert counts.types == {
        "MENTIONS": 11, "DENIES": 1, "PLOTS_AGAINST": 1, "LEADS": 1, "CHARGED": 1, "MEMBER_OF": 1, "THREATENS": 1,
    }

    [article] = node_props(graph, database, "MATCH (a:Article {id: 'test-denial'}) RETURN a {.*} AS a")
    props = article["a"]
    assert props["title"] == "Iran denies plot to kill Trump"
    assert props["text"] == TEXT_1
    assert props["url"] == "https://example.org/denial"
    assert props["source"] == "example.org"
    assert props["path"] == "articles/denial.txt"
    assert props["published"].to_native() == dt.datetime(2024, 11, 12, 9, 30, tzinfo=dt.UTC)
    assert props["ingested_at"] is not None
    assert "author" not in props

    [pezeshkian] = node_props(
        graph, database, "MATCH (a:Actor {id: $id}) RETURN a {.*} AS a, labels(a) AS labels", id=PEZESHKIAN
    )
    assert sorted(pezeshkian["labels"]) == ["Actor", "Person"]
    assert pezeshkian["a"]["name"] == "Masoud Pezeshkian"
    assert pezeshkian["a"]["type"] == "Person"
    assert pezeshkian["a"]["aliases"] == ["Pezeshkian", "President Pezeshkian"]
    assert pezeshkian["a"]["from_catalog"] is True

    [mention] = node_props(
        graph, database, "MATCH (:Article {id: 'test-denial'})-[m:MENTIONS]->(:Actor {id: $id}) RETURN m.count AS n",
        id=PEZESHKIAN,
    )
    assert mention["n"] == 2

    [denies] = node_props(
        graph, database, "MATCH (:Actor {id: $s})-[r:DENIES]->(:Actor {id: $t}) RETURN properties(r) AS r",
        s=PEZESHKIAN, t=TRUMP,
    )
    rel = denies["r"]
    start = TEXT_1.index(DENIAL)
    assert rel["id"] == relation_id("test-denial", PEZESHKIAN, RelationType.DENIES, TRUMP, start, start + len(DENIAL))
    assert rel["article_id"] == "test-denial"
    assert rel["sentence"] == DENIAL == TEXT_1[rel["start"] : rel["end"]]
    assert (rel["negated"], rel["modality"], rel["confidence"], rel["cue"]) == (False, "asserted", 0.9, "denied")
    assert rel["date"].to_native() == dt.date(2024, 11, 12)

    [plot] = node_props(graph, database, "MATCH ()-[r:PLOTS_AGAINST]->() RETURN properties(r) AS r")
    assert (plot["r"]["negated"], plot["r"]["modality"]) == (True, "alleged")
    assert "date" not in plot["r"] and "cue" not in plot["r"]


def test_writing_twice_changes_nothing(graph: Driver, database: str) -> None:
    write_extractions(graph, sample_items(), database=database)
    first = count_graph(graph, database)
    before = node_props(graph, database, "MATCH (a) WHERE a:Actor OR a:Article RETURN a {.*} AS a ORDER BY a.id")

    summary = write_extractions(graph, sample_items(), database=database, batch_size=1)
    assert summary.failures == []
    assert count_graph(graph, database) == first
    after = node_props(graph, database, "MATCH (a) WHERE a:Actor OR a:Article RETURN a {.*} AS a ORDER BY a.id")
    assert after == before  # ingested_at included: it is set on creation only


def test_aliases_merge_across_articles_without_duplicates(graph: Driver, database: str) -> None:
    write_extractions(graph, sample_items(), database=database)
    write_extractions(graph, list(reversed(sample_items())), database=database)
    [trump] = node_props(graph, database, "MATCH (a:Actor {id: $id}) RETURN a {.*} AS a", id=TRUMP)
    assert trump["a"]["name"] == "Donald Trump"
    assert trump["a"]["aliases"] == ["President Trump", "Trump"]
    assert trump["a"]["names_folded"] == ["donald trump", "president trump", "trump"]
    mentions = node_props(graph, database, "MATCH (:Article)-[m:MENTIONS]->(:Actor {id: $id}) RETURN m", id=TRUMP)
    assert len(mentions) == 2


def test_rewriting_an_article_replaces_its_relations_and_mentions(graph: Driver, database: str) -> None:
    article, extraction = denial_article()
    write_extractions(graph, [(article, extraction)], database=database)
    fewer = extraction.model_copy(
        update={
            "actors": [a for a in extraction.actors if a.id != KHAMENEI],
            "relations": [r for r in extraction.relations if r.type != RelationType.CHARGED],
        }
    )
    summary = write_extractions(graph, [(article, fewer)], database=database)
    assert summary.relations == 4
    counts = count_graph(graph, database)
    assert "CHARGED" not in counts.types
    assert counts.types["MENTIONS"] == 6
    assert counts.labels["Actor"] == 7  # the actor stays; only this article's mention of it went


def test_a_failing_article_leaves_nothing_and_the_batch_goes_on(graph: Driver, database: str) -> None:
    denial, threat = sample_items()
    # Passes validation but fails inside Neo4j: an id too large for the uniqueness index.
    doomed = Article(id="test-doomed", text="Somebody met someone else.")
    doomed_extraction = Extraction.model_validate(
        {
            "article": {"id": "test-doomed"},
            "actors": [actor("person:somebody", "Somebody", "Person"), actor("x" * 40_000, "Someone Else", "Person")],
            "relations": [relation("person:somebody", "MEETS", "x" * 40_000, doomed.text, doomed.text)],
        }
    )
    # Fails validation: its relation refers to an actor it does not list.
    invalid = Article(id="test-invalid", text="Nobody denied anything.")
    invalid_extraction = Extraction.model_validate(
        {
            "article": {"id": "test-invalid"},
            "actors": [actor("person:nobody", "Nobody", "Person")],
            "relations": [relation("person:nobody", "DENIES", "person:ghost", invalid.text, invalid.text)],
        }
    )

    summary = write_extractions(
        graph, [denial, (doomed, doomed_extraction), (invalid, invalid_extraction), threat], database=database,
        batch_size=10,
    )
    assert summary.articles == 2
    assert {failure.article_id for failure in summary.failures} == {"test-doomed", "test-invalid"}
    assert all(failure.message for failure in summary.failures)
    assert "person:ghost" in next(f.message for f in summary.failures if f.article_id == "test-invalid")

    leftovers = node_props(
        graph, database,
        "MATCH (n) WHERE n.id IN ['test-doomed', 'test-invalid', 'person:somebody', 'person:nobody'] RETURN n.id AS id",
    )
    assert leftovers == []
    assert count_graph(graph, database).labels["Article"] == 2
    assert "MEETS" not in count_graph(graph, database).types


def test_invalid_batch_size_is_rejected(graph: Driver, database: str) -> None:
    with pytest.raises(ValueError):
        write_extractions(graph, sample_items(), database=database, batch_size=0)


# Reads: search


def search_ids(driver: Driver, database: str, q: str, **kwargs) -> list[str]:
    return [a.id for a in search_actors(driver, q, database=database, **kwargs).items]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pezeshkian", PEZESHKIAN),
        ("PEZESHKIAN", PEZESHKIAN),
        ("Pezeshkián", PEZESHKIAN),
        ("pezeshkian masoud", PEZESHKIAN),  # word order: only the full-text index finds this
        ("pezesh", PEZESHKIAN),  # a prefix, as while typing
        ("ezeshki", PEZESHKIAN),  # inside a word: the substring fallback
        ("jamenei", KHAMENEI),  # an accented alias, asked without accents
        ("ALÍ JAMENEÍ", KHAMENEI),
        ("tehran", IRAN),
        ("qassem soleimani", SOLEIMANI),
    ],
)
def test_search_ignores_case_and_accents(sample_graph: Driver, database: str, query: str, expected: str) -> None:
    assert expected in search_ids(sample_graph, database, query)


def test_search_ranks_exact_name_or_alias_first(sample_graph: Driver, database: str) -> None:
    assert search_ids(sample_graph, database, "Iran")[:2] == [IRAN, IRAN_INTERNATIONAL]
    assert search_ids(sample_graph, database, "irgc")[0] == IRGC


@pytest.mark.parametrize(
    "query",
    ['(Trump', 'Trump)', 'trump~', 'trump^2', '"trump', 'trump*', 'tr?mp', 'AND', 'OR trump', 'NOT', 'a:b', '&&', '||',
     '!', '[trump]', '{trump}', '\\', '/', '-trump', '+trump', '*', '?', ' ', '"'],
)
def test_search_survives_lucene_special_characters(sample_graph: Driver, database: str, query: str) -> None:
    search_actors(sample_graph, query, database=database)


def test_search_escapes_lucene_syntax_and_allows_typos_in_longer_words() -> None:
    assert lucene_query(fold_name("(Trump)")) == "(trump OR trump* OR trump~1)"
    assert lucene_query(fold_name("Masoud  Pezeshkián")) == (
        "(masoud OR masoud~2) AND (pezeshkian OR pezeshkian* OR pezeshkian~2)"
    )
    assert lucene_query(fold_name("US un")) == "us AND (un OR un*)"
    assert lucene_query(fold_name("** ?? ::")) is None


def test_search_with_punctuation_finds_the_words(sample_graph: Driver, database: str) -> None:
    assert search_ids(sample_graph, database, "(Trump)") == [TRUMP]
    assert search_ids(sample_graph, database, "Trump!") == [TRUMP]


def test_search_filters_by_type_and_pages(sample_graph: Driver, database: str) -> None:
    media = search_actors(sample_graph, None, types=[ActorType.MEDIA], database=database)
    assert media.total == 2 and [a.id for a in media.items] == [IRAN_INTERNATIONAL, KAYHAN]
    everyone = search_actors(sample_graph, "", database=database)
    assert everyone.total == 10
    page = search_actors(sample_graph, "", limit=3, offset=9, database=database)
    assert page.total == 10 and len(page.items) == 1 and page.items[0].id == everyone.items[9].id
    iran = search_actors(sample_graph, "iran", types=["Media"], database=database)
    assert [a.id for a in iran.items] == [IRAN_INTERNATIONAL]
    second = search_actors(sample_graph, "iran", limit=1, offset=1, database=database)
    assert second.total == 2 and [a.id for a in second.items] == [IRAN_INTERNATIONAL]


def test_search_falls_back_without_the_fulltext_index(
    sample_graph: Driver, database: str, neo4j_driver: Driver
) -> None:
    neo4j_driver.execute_query(f"DROP INDEX {FULLTEXT_INDEX}", database_=database)
    try:
        assert search_ids(sample_graph, database, "Pezeshkián") == [PEZESHKIAN]
    finally:
        ensure_schema(neo4j_driver, database)


# Reads: actors and relations


def test_get_actor_counts_relations_and_articles(sample_graph: Driver, database: str) -> None:
    trump = get_actor(sample_graph, TRUMP, database=database)
    assert trump is not None
    assert (trump.name, trump.type, trump.from_catalog) == ("Donald Trump", ActorType.PERSON, True)
    assert trump.aliases == ["President Trump", "Trump"]
    assert [(c.type.value, c.direction, c.count) for c in trump.relation_counts] == [
        ("DENIES", "in", 1), ("PLOTS_AGAINST", "in", 1), ("THREATENS", "in", 1),
    ]
    assert (trump.relations, trump.articles) == (3, 2)

    pezeshkian = get_actor(sample_graph, PEZESHKIAN, database=database)
    assert pezeshkian is not None
    assert [(c.type.value, c.direction) for c in pezeshkian.relation_counts] == [("DENIES", "out"), ("LEADS", "out")]
    assert get_actor(sample_graph, "Q-nobody", database=database) is None


def test_actor_relations_carry_evidence_newest_first(sample_graph: Driver, database: str) -> None:
    page = get_actor_relations(sample_graph, TRUMP, database=database)
    assert page is not None and page.total == 3
    # The newest article first; the two relations of the same sentence follow in id order.
    assert page.items[0].type == RelationType.THREATENS
    threat = page.items[0]
    by_type = {r.type: r for r in page.items}
    denial, plot = by_type[RelationType.DENIES], by_type[RelationType.PLOTS_AGAINST]
    assert threat.source.id == KAYHAN and threat.target.id == TRUMP
    assert threat.evidence.article_id == "test-threat"
    assert threat.evidence.sentence == THREAT
    assert TEXT_2[threat.evidence.start : threat.evidence.end] == THREAT
    assert threat.modality == "intended" and threat.date is None
    assert denial.date == dt.date(2024, 11, 12) and denial.confidence == 0.9 and denial.cue == "denied"
    assert denial.evidence.title == "Iran denies plot to kill Trump"
    assert denial.evidence.url == "https://example.org/denial"
    assert denial.evidence.published == dt.datetime(2024, 11, 12, 9, 30, tzinfo=dt.UTC)
    assert plot.negated is True and plot.modality == "alleged"


def test_actor_relations_filter_by_type_direction_and_page(sample_graph: Driver, database: str) -> None:
    def types(**kwargs) -> list[str]:
        page = get_actor_relations(sample_graph, PEZESHKIAN, database=database, **kwargs)
        assert page is not None
        return sorted(r.type.value for r in page.items)

    assert types() == ["DENIES", "LEADS"]
    assert types(direction="out") == ["DENIES", "LEADS"]
    assert types(direction="in") == []
    assert types(types=[RelationType.LEADS]) == ["LEADS"]
    assert types(types=["DENIES", "LEADS"], direction="out") == ["DENIES", "LEADS"]
    iran_in = get_actor_relations(sample_graph, IRAN, direction="in", database=database)
    assert iran_in is not None and [r.type.value for r in iran_in.items] == ["LEADS"]
    iran_out = get_actor_relations(sample_graph, IRAN, direction="out", database=database)
    assert iran_out is not None and [r.type.value for r in iran_out.items] == ["PLOTS_AGAINST"]

    everything = get_actor_relations(sample_graph, TRUMP, database=database)
    second = get_actor_relations(sample_graph, TRUMP, limit=1, offset=1, database=database)
    assert everything is not None and second is not None
    assert second.total == 3 and [r.id for r in second.items] == [everything.items[1].id]
    assert get_actor_relations(sample_graph, "Q-nobody", database=database) is None
    with pytest.raises(ValueError):
        get_actor_relations(sample_graph, TRUMP, types=["LOVES"], database=database)


def test_find_relations_by_source_target_and_type(sample_graph: Driver, database: str) -> None:
    def found(**kwargs) -> list[tuple[str, str, str]]:
        page = find_relations(sample_graph, database=database, **kwargs)
        return sorted((r.source.id, r.type.value, r.target.id) for r in page.items)

    assert found(source=PEZESHKIAN, target=TRUMP) == [(PEZESHKIAN, "DENIES", TRUMP)]
    assert found(target=TRUMP) == [
        (IRAN, "PLOTS_AGAINST", TRUMP), (PEZESHKIAN, "DENIES", TRUMP), (KAYHAN, "THREATENS", TRUMP),
    ]
    assert found(source=TRUMP) == []
    assert found(types=["MEMBER_OF", "CHARGED"]) == [(DOJ, "CHARGED", SHAKERI), (SHAKERI, "MEMBER_OF", IRGC)]
    assert found(source=DOJ, types=["MEMBER_OF"]) == []
    everything = find_relations(sample_graph, limit=2, database=database)
    assert everything.total == 6 and len(everything.items) == 2


# Reads: stats


def test_stats_of_an_empty_graph(graph: Driver, database: str) -> None:
    stats = get_stats(graph, database=database)
    assert (stats.nodes, stats.relationships, stats.labels, stats.types) == (0, 0, {}, {})
    assert (stats.articles, stats.first_published, stats.last_published) == (0, None, None)


def test_stats_count_ontology_labels_and_types(sample_graph: Driver, database: str) -> None:
    stats = get_stats(sample_graph, database=database)
    counts = count_graph(sample_graph, database)
    assert stats.labels == {label: count for label, count in counts.labels.items() if label != "GeokgTestMarker"}
    assert stats.types == counts.types
    assert (stats.actors, stats.articles, stats.relations) == (10, 2, 6)
    assert stats.first_published == dt.datetime(2024, 11, 12, 9, 30, tzinfo=dt.UTC)
    assert stats.last_published == dt.datetime(2024, 11, 20, 8, 0, tzinfo=dt.UTC)
