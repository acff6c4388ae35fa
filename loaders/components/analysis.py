"""What the geokg components leave on a Doc (`doc._.geokg`): mentions, actors, affiliations, events.

These are plain dataclasses so that spaCy objects never leave extraction: `loaders.extract`
turns them into the pydantic models of `schemas.extraction`.
"""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from schemas.ontology import ActorType, Modality, RelationType

# "Iran's", "the Houthis'": the tokens that make the word before them a possessor.
POSSESSIVE_MARKS = frozenset({"'s", "'"})


@dataclass
class Mention:
    """A stretch of tokens that names an actor.

    `start`/`end` cover the whole phrase ("Iranian President Masoud Pezeshkian"), `name_start`/
    `name_end` the name itself. `argument` is False for modifiers that name an actor without
    making it a participant ("Iranian involvement", "IRGC-linked").
    """

    start: int
    end: int
    key: str
    type: ActorType
    kind: str
    name_start: int = -1
    name_end: int = -1
    argument: bool = True

    def __post_init__(self) -> None:
        if self.name_start < 0:
            self.name_start, self.name_end = self.start, self.end


@dataclass
class ActorRecord:
    key: str
    name: str
    type: ActorType
    from_catalog: bool
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    strong: bool = False


@dataclass
class Relation:
    source: str
    target: str
    type: RelationType
    sentence_start: int
    sentence_end: int
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    confidence: float = 0.5
    cue: str | None = None
    when: date | None = None


@dataclass
class Analysis:
    mentions: list[Mention] = field(default_factory=list)
    actors: dict[str, ActorRecord] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    published: date | None = None
    texts: list[str] = field(default_factory=list)
    norms: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    sentences: list[tuple[int, int, int, int]] = field(default_factory=list)
    org_words: list[bool] | None = None  # per token: may it be a word of an organization's name
    offsets: list[int] = field(default_factory=list)  # per token: its character offset in the text
    text: str = ""  # the document's text

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens start..end as written (cheaper than building a Span)."""
        return self.text[self.offsets[start] : self.offsets[end - 1] + len(self.texts[end - 1])]

    def sentence_chars(self, token: int) -> tuple[int, int]:
        """Character span of the sentence holding a token (Token.sent scans the doc each time)."""
        index = bisect_right(self.sentences, (token, float("inf"))) - 1
        _, _, start_char, end_char = self.sentences[max(index, 0)]
        return start_char, end_char
