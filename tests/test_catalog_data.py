"""Integrity of the shipped actor catalog (loaders/data/catalog/*.jsonl)."""

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from schemas.catalog import CatalogEntry
from schemas.ontology import ActorType, RelationType

CATALOG_DIR = Path(__file__).resolve().parents[1] / "loaders" / "data" / "catalog"

# Each file and the one actor type its entries have.
FILES = {
    "states.jsonl": ActorType.STATE,
    "organizations.jsonl": ActorType.ORGANIZATION,
    "armed_groups.jsonl": ActorType.ARMED_GROUP,
    "media.jsonl": ActorType.MEDIA,
    "people.jsonl": ActorType.PERSON,
}

# Demonyms that really belong to two states: Congo and the DR Congo, Dominica and the Dominican Republic.
SHARED_DEMONYMS = {"congolese", "dominican"}


def load(name: str) -> list[CatalogEntry]:
    entries = []
    with open(CATALOG_DIR / name, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    entries.append(CatalogEntry.model_validate_json(line))
                except ValueError as error:
                    pytest.fail(f"{name}:{number}: {error}")
    return entries


@pytest.fixture(scope="module")
def catalog() -> dict[str, list[CatalogEntry]]:
    return {name: load(name) for name in FILES}


@pytest.fixture(scope="module")
def entries(catalog: dict[str, list[CatalogEntry]]) -> list[CatalogEntry]:
    return [entry for file_entries in catalog.values() for entry in file_entries]


@pytest.fixture(scope="module")
def states(catalog: dict[str, list[CatalogEntry]]) -> list[CatalogEntry]:
    return catalog["states.jsonl"]


def test_every_file_is_present_and_typed(catalog: dict[str, list[CatalogEntry]]) -> None:
    for name, actor_type in FILES.items():
        assert catalog[name], f"{name} is empty"
        wrong = [e.id for e in catalog[name] if e.type != actor_type]
        assert not wrong, f"{name}: entries not of type {actor_type}: {wrong}"


def test_ids_are_unique(entries: list[CatalogEntry]) -> None:
    counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        counts[entry.id] += 1
    assert not {i: n for i, n in counts.items() if n > 1}


def test_references_resolve(entries: list[CatalogEntry]) -> None:
    ids = {entry.id for entry in entries}
    dangling = []
    for entry in entries:
        refs = [("country", entry.country), ("part_of", entry.part_of)] + [("role.of", r.of) for r in entry.roles]
        dangling += [f"{entry.id} {field}={ref}" for field, ref in refs if ref and ref not in ids]
    assert not dangling


def test_country_references_are_states(entries: list[CatalogEntry], states: list[CatalogEntry]) -> None:
    state_ids = {state.id for state in states}
    wrong = [entry.id for entry in entries if entry.country and entry.country not in state_ids]
    assert not wrong


def test_nothing_is_part_of_itself_or_a_cycle(entries: list[CatalogEntry]) -> None:
    parent = {entry.id: entry.part_of for entry in entries if entry.part_of}
    for start in parent:
        seen = {start}
        node = parent.get(start)
        while node:
            assert node not in seen, f"part_of cycle through {start}"
            seen.add(node)
            node = parent.get(node)


def test_state_count(states: list[CatalogEntry]) -> None:
    # 193 UN members, the two observer states (Holy See, Palestine), Taiwan and Kosovo.
    assert len(states) >= 197


def test_key_states_are_there(states: list[CatalogEntry]) -> None:
    by_id = {state.id: state for state in states}
    for qid, name in [("Q30", "United States"), ("Q794", "Iran"), ("Q796", "Iraq"), ("Q159", "Russia"),
                      ("Q148", "China"), ("Q145", "United Kingdom"), ("Q1032", "Niger"), ("Q1033", "Nigeria"),
                      ("Q219060", "Palestine"), ("Q865", "Taiwan"), ("Q1246", "Kosovo")]:
        assert by_id[qid].name == name


def test_every_state_has_a_demonym(states: list[CatalogEntry]) -> None:
    assert not [state.id for state in states if not state.demonyms]


def test_no_name_form_names_two_states(states: list[CatalogEntry]) -> None:
    """Iran is never Iraq, Niger never Nigeria: a form of one state's name is no other state's."""
    owners: dict[str, set[str]] = defaultdict(set)
    for state in states:
        for form in [state.name, *state.aliases, *state.capitals]:
            owners[form.casefold()].add(state.id)
        for form in state.demonyms:
            if form.casefold() not in SHARED_DEMONYMS:
                owners[form.casefold()].add(state.id)
    clashes = {form: sorted(ids) for form, ids in owners.items() if len(ids) > 1}
    assert not clashes


def test_ambiguous_aliases_are_names(entries: list[CatalogEntry]) -> None:
    stray = []
    for entry in entries:
        forms = {entry.name, *entry.aliases, *entry.capitals}
        stray += [f"{entry.id}: {alias}" for alias in entry.ambiguous_aliases if alias not in forms]
    assert not stray


def test_no_empty_or_padded_names(entries: list[CatalogEntry]) -> None:
    bad = []
    for entry in entries:
        for form in [entry.name, *entry.aliases, *entry.demonyms, *entry.capitals]:
            if not form or form != form.strip():
                bad.append(f"{entry.id}: {form!r}")
    assert not bad


def test_roles_are_well_formed(catalog: dict[str, list[CatalogEntry]]) -> None:
    bad = []
    for entry in catalog["people.jsonl"]:
        for role in entry.roles:
            if role.relation not in (RelationType.LEADS, RelationType.MEMBER_OF):
                bad.append(f"{entry.id}: {role.title} has relation {role.relation}")
            if role.start and role.end and role.start > role.end:
                bad.append(f"{entry.id}: {role.title} ends before it starts")
            if role.start and role.start > date(2030, 1, 1):
                bad.append(f"{entry.id}: {role.title} starts in the future")
    assert not bad
    # Only people hold roles.
    for name in FILES:
        if name != "people.jsonl":
            assert not [e.id for e in catalog[name] if e.roles]


def test_people_have_a_country(catalog: dict[str, list[CatalogEntry]]) -> None:
    # Only a few transnational figures (e.g. an Islamic State leader of unknown nationality) lack one.
    people = catalog["people.jsonl"]
    assert sum(1 for person in people if not person.country) <= 5


def test_soleimani(catalog: dict[str, list[CatalogEntry]]) -> None:
    people = {person.name: person for person in catalog["people.jsonl"]}
    soleimani = people["Qasem Soleimani"]
    assert "Qassem Soleimani" in soleimani.aliases
    assert soleimani.country == "Q794"
    (role,) = soleimani.roles
    assert role.of == "org:ir-quds-force" and role.end == date(2020, 1, 3)
