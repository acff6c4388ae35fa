"""Event dates from the words of a sentence, resolved against the article's publication date.

News writes relative dates: "said Thursday" is the last Thursday on or before publication,
"in November 2024" a month, "March 3" a day of the publication's year (or the year before
when that day would fall after publication).
"""

import re
from datetime import date, timedelta

WEEKDAYS = {name: i for i, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")]
    )
    for name in names
}
MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
PATTERNS = [
    re.compile(rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{MONTH}\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\b"),
    re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    re.compile(r"\b(?P<relative>yesterday|today|last night|this morning)\b", re.IGNORECASE),
]


def resolve_date(sentence: str, published: date | None) -> date | None:
    """The first date the sentence states, or None when it states none that can be placed."""
    for pattern in PATTERNS:
        match = pattern.search(sentence)
        if match:
            resolved = date_from_match(match.groupdict(), published)
            if resolved is not None:
                return resolved
    return None


def date_from_match(parts: dict[str, str | None], published: date | None) -> date | None:
    if parts.get("weekday"):
        return last_weekday(WEEKDAYS[parts["weekday"].lower()], published) if published else None
    if parts.get("relative"):
        if published is None:
            return None
        return published - timedelta(days=1) if parts["relative"].lower() == "yesterday" else published
    month = MONTHS[parts["month"].lower().rstrip(".")]
    year = int(parts["year"]) if parts.get("year") else None
    day = int(parts["day"]) if parts.get("day") else 1
    if year is None:
        if published is None:
            return None
        year = published.year
        if safe_date(year, month, day) and safe_date(year, month, day) > published:
            year -= 1
    return safe_date(year, month, day)


def last_weekday(weekday: int, published: date) -> date:
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
