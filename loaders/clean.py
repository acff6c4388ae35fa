"""Remove the boilerplate of scraped plain text: bylines, bios, comment forms, navigation, credits.

The patterns are data (`loaders/data/boilerplate.json`); this module only applies them line by
line. Text without boilerplate comes back unchanged, because evidence offsets refer to the
cleaned text and the extractor must see ordinary news text exactly as written.
"""

import json
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

METADATA_KEYS = ("source", "author")
SENTENCE_END = re.compile(r"[.!][\"'”’)]?$")

Action = Literal["drop", "tail", "weak_tail"]


@dataclass(frozen=True)
class CleanedText:
    """Cleaned text and what the boilerplate said about the article, e.g. {"source": "www.cbsnews.com"}."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    name: str
    action: Action
    pattern: re.Pattern[str]
    needs_bio_next: bool = False


@dataclass(frozen=True)
class Rules:
    lines: tuple[Rule, ...]
    inline: tuple[re.Pattern[str], ...]
    bio_subject: re.Pattern[str]
    bio_cues: tuple[re.Pattern[str], ...]
    bio_cues_after_heading: int
    bio_cues_alone: int
    bio_max_chars: int
    long_text_chars: int
    min_content_chars: int
    max_line_chars: int
    max_headline_chars: int


class Decision(Enum):
    KEEP = "keep"
    DROP = "drop"
    CUT = "cut"


@dataclass
class Scan:
    """The text being cleaned, split into lines, with each line's offset in the whole."""

    lines: list[str]
    starts: list[int]
    total: int
    kept_chars: int = 0


def clean_text(text: str) -> CleanedText:
    """Drop boilerplate lines and any trailing bio/comment/navigation block; keep paragraph breaks."""
    rules = load_rules()
    scan = split_lines(normalise_newlines(text))
    metadata: dict[str, str] = {}
    kept: list[str] = []
    cut = False
    for index, line in enumerate(scan.lines):
        stripped = line.strip()
        rule, match = find_rule(stripped, rules)
        if match is not None:
            # After the cut only the outlet is trusted: bylines there belong to other stories.
            remember_metadata(match, metadata, keys=("source",) if cut else METADATA_KEYS)
        if cut:
            continue
        decision = decide(rule, index, scan, rules) if rule else decide_bio(stripped, index, scan, rules, metadata)
        if decision is Decision.CUT:
            cut = True
            continue
        if decision is Decision.DROP:
            continue
        cleaned = strip_inline(line, rules)
        if cleaned is not None:
            kept.append(cleaned)
            scan.kept_chars += len(cleaned.strip())
    return CleanedText(text=tidy_whitespace("\n".join(kept)), metadata=metadata)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Compile the patterns of boilerplate.json once per process."""
    raw = json.loads(resources.files("loaders").joinpath("data", "boilerplate.json").read_text(encoding="utf-8"))
    macros: dict[str, str] = raw.get("macros", {})
    bio, limits = raw["bio"], raw["limits"]
    return Rules(
        lines=tuple(compile_rule(entry, macros) for entry in raw["rules"]),
        inline=tuple(compile_pattern(entry["pattern"], macros) for entry in raw["inline"]),
        bio_subject=compile_pattern(bio["subject"], macros),
        bio_cues=tuple(compile_pattern(cue, macros) for cue in bio["cues"]),
        bio_cues_after_heading=bio["min_cues_after_heading"],
        bio_cues_alone=bio["min_cues_alone"],
        bio_max_chars=bio["max_chars"],
        long_text_chars=limits["long_text_chars"],
        min_content_chars=limits["min_content_chars"],
        max_line_chars=limits["max_line_chars"],
        max_headline_chars=limits["max_headline_chars"],
    )


def compile_rule(entry: dict[str, Any], macros: dict[str, str]) -> Rule:
    return Rule(
        name=entry["name"],
        action=entry["action"],
        pattern=compile_pattern(entry["pattern"], macros),
        needs_bio_next=bool(entry.get("needs_bio_next", False)),
    )


def compile_pattern(pattern: str, macros: dict[str, str]) -> re.Pattern[str]:
    for key, value in macros.items():
        pattern = pattern.replace("{" + key + "}", value)
    return re.compile(pattern)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> Scan:
    lines = text.split("\n")
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return Scan(lines=lines, starts=starts, total=len(text))


def find_rule(stripped: str, rules: Rules) -> tuple[Rule | None, re.Match[str] | None]:
    """The first rule whose pattern matches the whole line; long lines are prose, never boilerplate."""
    if not stripped or len(stripped) > rules.max_line_chars:
        return None, None
    for rule in rules.lines:
        match = rule.pattern.search(stripped)
        if match:
            return rule, match
    return None, None


def remember_metadata(match: re.Match[str], metadata: dict[str, str], keys: tuple[str, ...]) -> None:
    """Keep the first value seen for each key: the article's own byline comes before others."""
    groups = match.groupdict()
    for key in keys:
        value = (groups.get(key) or "").strip()
        if value:
            metadata.setdefault(key, value)


def decide(rule: Rule, index: int, scan: Scan, rules: Rules) -> Decision:
    has_content = scan.kept_chars >= rules.min_content_chars
    if rule.needs_bio_next:
        if not next_paragraph_is_bio(index, scan, rules):
            return Decision.KEEP
        return Decision.CUT if has_content else Decision.DROP
    if rule.action == "drop":
        return Decision.DROP
    if rule.action == "tail":
        return Decision.CUT if has_content else Decision.DROP
    if has_content and weak_cut_allowed(index, scan, rules):
        return Decision.CUT
    return Decision.DROP


def weak_cut_allowed(index: int, scan: Scan, rules: Rules) -> bool:
    """A weak signal (a 'Sources' or 'Next' line) never cuts the first half of a long article,
    unless all that follows is headlines or more boilerplate."""
    in_second_half = scan.starts[index] >= scan.total / 2
    short = scan.total < rules.long_text_chars
    return short or in_second_half or rest_is_headlines(index, scan, rules)


def rest_is_headlines(index: int, scan: Scan, rules: Rules) -> bool:
    for line in scan.lines[index + 1 :]:
        stripped = line.strip()
        if not stripped or find_rule(stripped, rules)[0] is not None:
            continue
        if len(stripped) > rules.max_headline_chars or SENTENCE_END.search(stripped):
            return False
    return True


def next_paragraph_is_bio(index: int, scan: Scan, rules: Rules) -> bool:
    following = next((line.strip() for line in scan.lines[index + 1 :] if line.strip()), "")
    if not following or len(following) > rules.bio_max_chars:
        return False
    return count_bio_cues(following, rules) >= rules.bio_cues_after_heading


def decide_bio(stripped: str, index: int, scan: Scan, rules: Rules, metadata: dict[str, str]) -> Decision:
    """A bio paragraph without a heading ends the article only near its end: news text also
    describes journalists, so it must be in the second half with nothing but boilerplate after it."""
    if not stripped or len(stripped) > rules.bio_max_chars:
        return Decision.KEEP
    subject = rules.bio_subject.search(stripped)
    if subject is None or count_bio_cues(stripped, rules) < rules.bio_cues_alone:
        return Decision.KEEP
    if scan.kept_chars < rules.min_content_chars or scan.starts[index] < scan.total / 2:
        return Decision.KEEP
    if not rest_is_headlines(index, scan, rules):
        return Decision.KEEP
    remember_metadata(subject, metadata, keys=("author",))
    return Decision.CUT


def count_bio_cues(paragraph: str, rules: Rules) -> int:
    return sum(1 for cue in rules.bio_cues if cue.search(paragraph))


def strip_inline(line: str, rules: Rules) -> str | None:
    """Remove photo credits inside a line; None when nothing else was on it."""
    cleaned = line
    for pattern in rules.inline:
        cleaned = pattern.sub("", cleaned)
    if cleaned == line:
        return line
    cleaned = cleaned.strip()
    return cleaned or None


def tidy_whitespace(text: str) -> str:
    """Trailing spaces off, at most one blank line between paragraphs, no blank ends."""
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
