from datetime import date

import pytest

from loaders.dates import resolve_date

PUBLISHED = date(2025, 3, 14)  # a Friday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials said Thursday that talks would resume.", date(2025, 3, 13)),
        ("The ministry spoke on Friday.", date(2025, 3, 14)),
        ("It happened on Saturday, officials said.", date(2025, 3, 8)),
        ("He was charged in November 2024 with plotting.", date(2024, 11, 1)),
        ("The treaty was signed on January 17, 2025.", date(2025, 1, 17)),
        ("The strike took place on 3 January 2020.", date(2020, 1, 3)),
        ("They met on March 3 in Riyadh.", date(2025, 3, 3)),
        ("They met on Dec. 20 in Riyadh.", date(2024, 12, 20)),
        ("Yesterday the army withdrew.", date(2025, 3, 13)),
    ],
)
def test_dates_resolve_against_publication(sentence: str, expected: date) -> None:
    assert resolve_date(sentence, PUBLISHED) == expected


def test_relative_dates_need_a_publication_date() -> None:
    assert resolve_date("Officials said Thursday that talks would resume.", None) is None
    assert resolve_date("He was charged in November 2024.", None) == date(2024, 11, 1)


def test_no_date_in_the_sentence() -> None:
    assert resolve_date("Iran denied the claims.", PUBLISHED) is None
    assert resolve_date("Iran may retaliate within 2 weeks, a spokesman said.", PUBLISHED) is None
