"""The word lists and event cues kept as data in loaders/data, loaded once."""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from loaders.text import fold
from schemas.ontology import RelationType


def read_data_json(name: str) -> dict:
    return json.loads((resources.files("loaders") / "data" / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Lexicon:
    """Lower-cased word sets; multi-word entries are kept as tuples of words."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, frozenset[tuple[str, ...]]]


@dataclass(frozen=True)
class CueSet:
    type: RelationType
    verbs: frozenset[str]
    nouns: frozenset[tuple[str, ...]]
    phrases: tuple[tuple[str, ...], ...]
    target_preps: frozenset[str]
    possessive_is_target: bool = False
    requires_object_noun: frozenset[str] = field(default_factory=frozenset)
    object_nouns: frozenset[str] = field(default_factory=frozenset)
    requires_person_target: frozenset[str] = field(default_factory=frozenset)
    # 'demonstrated against X' but not 'demonstrated the Quad's strength'; 'warned Iran' but not 'warned it could turn to X'
    prepositional_only: frozenset[str] = field(default_factory=frozenset)
    direct_only: frozenset[str] = field(default_factory=frozenset)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    raw = read_data_json("lexicon.json")
    words, phrases = {}, {}
    for name, values in raw.items():
        if name.startswith("_"):
            continue
        lowered = [v.lower() for v in values]
        words[name] = frozenset(lowered)
        phrases[name] = frozenset(tuple(v.split()) for v in lowered)
    return Lexicon(words=words, phrases=phrases)


@lru_cache(maxsize=1)
def load_cues() -> tuple[CueSet, ...]:
    raw = read_data_json("cues.json")["types"]
    cues = []
    for type_name, spec in raw.items():
        cues.append(
            CueSet(
                type=RelationType(type_name),
                verbs=frozenset(spec.get("verbs", [])),
                nouns=frozenset(tuple(n.lower().split()) for n in spec.get("nouns", [])),
                phrases=tuple(tuple(p.lower().split()) for p in spec.get("phrases", [])),
                target_preps=frozenset(spec.get("target_preps", [])),
                possessive_is_target=spec.get("possessive_is_target", False),
                requires_object_noun=frozenset(spec.get("requires_object_noun", [])),
                object_nouns=frozenset(spec.get("object_nouns", [])),
                requires_person_target=frozenset(spec.get("requires_person_target", [])),
                prepositional_only=frozenset(spec.get("prepositional_only", [])),
                direct_only=frozenset(spec.get("direct_only", [])),
            )
        )
    return tuple(cues)


@lru_cache(maxsize=1)
def load_given_names() -> frozenset[str]:
    """Given names (folded) that start a person's name: 'Farhad' in 'Farhad Shakeri'."""
    path = resources.files("loaders") / "data" / "given_names.txt"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))
