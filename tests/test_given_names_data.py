"""Sanity checks for the given-names gazetteer shipped in loaders/data/given_names.txt.

The list backs the "capitalised given name + capitalised word = probably a person" rule, so it
must be large, free of duplicates, hold one name per line, and leave out country names that
would turn "Jordan Valley" or "Israel Defense Forces" into people.
"""

import re
from importlib.resources import files

import pytest

COUNTRY_NAMES = ("Israel", "Jordan", "Chad", "China", "India", "Georgia")

# One word in any script: letters (accents included), optionally joined by hyphens or apostrophes
# ("Jean-Noël", "Ze'ev", "Min'er"); no digits, spaces or other punctuation.
SINGLE_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _read_lines() -> list[str]:
    resource = files("loaders") / "data" / "given_names.txt"
    return resource.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def names() -> list[str]:
    return [line for line in _read_lines() if line.strip() and not line.startswith("#")]


def test_starts_with_a_header_comment() -> None:
    assert _read_lines()[0].startswith("#")


def test_has_more_than_2000_entries(names: list[str]) -> None:
    assert len(names) > 2000


def test_no_duplicates_after_casefolding(names: list[str]) -> None:
    seen: dict[str, str] = {}
    duplicates = []
    for name in names:
        key = name.casefold()
        if key in seen:
            duplicates.append((seen[key], name))
        seen[key] = name
    assert duplicates == []


def test_every_entry_is_one_capitalised_word(names: list[str]) -> None:
    bad = [name for name in names if not (SINGLE_WORD.fullmatch(name) and name[0].isupper())]
    assert bad == []


def test_no_country_names(names: list[str]) -> None:
    present = set(names) & set(COUNTRY_NAMES)
    assert present == set()
