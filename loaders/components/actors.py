"""Actor recognition and resolution on a blank English pipeline.

Known actors come from the catalog (phrase matching on folded text); unknown people and
organizations from rules over titles, organization words, speech verbs and acronyms
defined in the text. Within an article, surnames and acronyms resolve to the full actor and
"<demonym> officials" to the state. The result is `doc._.geokg` (see `analysis`).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline.sentencizer import Sentencizer
import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, NORM, ORTH, SENT_START, SPACY
from spacy.lookups import Table, load_lookups
from spacy.tokens import Doc, Span, Token

from loaders.catalog import Catalog, load_catalog
from loaders.components.analysis import POSSESSIVE_MARKS, ActorRecord, Analysis, Mention, Relation
from loaders.lexicon import Lexicon, load_cues, load_given_names, load_lexicon
from loaders.text import fold, slugify
from schemas.catalog import Role
from schemas.ontology import ActorType, RelationType

LINK_WORDS = frozenset({"linked", "backed", "led", "affiliated", "aligned", "allied", "funded", "supported", "based", "brokered", "sponsored", "controlled", "run", "owned", "born", "made", "built", "designated", "inspired", "friendly"})

NER_TYPES = {"PERSON": ActorType.PERSON, "ORG": ActorType.ORGANIZATION}
# Tokens an apposition may run before its closing comma ('X, head of the ... Council of the United States,').
APPOSITION_REACH = 22
SHORT_APPOSITION = 16
# Titles that take a portfolio: 'Minister of Armed Forces', 'Secretary for Home Affairs'.
PORTFOLIO_TITLES = frozenset({"minister", "secretary", "commissioner"})
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"})
SAINT_PREFIXES = frozenset({"san", "santa", "sao", "saint", "st.", "st", "santo"})

if not Doc.has_extension("geokg"):
    Doc.set_extension("geokg", default=None)


@Language.factory("geokg_normalizer")
def make_normalizer(nlp: Language, name: str) -> "Normalizer":
    return Normalizer(nlp)


class Normalizer:
    """Folds NORM (accents, curly quotes, case) and sets lookup lemmas (spacy-lookups-data).

    Both are worked out once per word of the vocabulary and written as arrays: token by token,
    they cost more than the rest of extraction.
    """

    def __init__(self, nlp: Language) -> None:
        self.table = lookup_lemma_table()
        self.vocab = nlp.vocab
        self.words: dict[int, tuple[str, str, str, int]] = {}
        self.folded_norms: dict[int, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        analysis = doc._.geokg = doc._.geokg or Analysis()
        orths = doc.to_array([ORTH]).tolist()
        known = self.words
        words = [known.get(orth) or self.word(orth) for orth in orths]
        analysis.texts = [w[0] for w in words]
        analysis.lemmas = [w[2] for w in words]
        doc.from_array([LEMMA], numpy.fromiter((w[3] for w in words), dtype="uint64", count=len(words)).reshape(-1, 1))
        # Token-level norms of the tokenizer's special cases ("n't" -> "not") win over the lexeme's.
        folded = self.folded_norms
        analysis.norms = [folded.get(norm) or self.fold_norm(norm) for norm in doc.to_array([NORM]).tolist()]
        analysis.offsets = doc.to_array([IDX]).tolist()
        # Doc.text builds a Token per word on every call; the arrays give the same text faster.
        spaces = doc.to_array([SPACY]).tolist()
        analysis.text = "".join(text + " " if space else text for text, space in zip(analysis.texts, spaces))
        return doc

    def fold_norm(self, norm: int) -> str:
        text = self.folded_norms[norm] = fold(self.vocab.strings[norm])
        return text

    def word(self, orth: int) -> tuple[str, str, str, int]:
        known = self.words.get(orth)
        if known is None:
            text = self.vocab.strings[orth]
            folded = fold(text)
            self.vocab[orth].norm_ = folded
            lemma = self.table.get(text) or self.table.get(text.lower()) or self.table.get(folded) or text
            known = self.words[orth] = (text, folded, lemma.lower(), self.vocab.strings.add(lemma))
        return known


def lookup_lemma_table() -> Table:
    """spaCy's English lookup lemmas; the table hashes its string keys itself."""
    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


@Language.factory("geokg_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> "SentenceSplitter":
    return SentenceSplitter(nlp)


class SentenceSplitter:
    """spaCy's sentencizer rule, plus: a line break ends a sentence (headings and datelines carry
    no full stop).

    The rule is the sentencizer's: a sentence ends after '.', '!', '?' (and their equivalents in
    other scripts) as soon as a token that is no punctuation follows. Worked out on arrays: building
    a Token per word cost more than the rule itself.
    """

    def __init__(self, nlp: Language) -> None:
        self.ends = frozenset(nlp.vocab.strings.add(char) for char in Sentencizer.default_punct_chars)
        self.strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        orths, puncts, spaces = (column.tolist() for column in doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).T)
        starts = [-1] * len(doc)
        starts[0] = 1
        seen_end = False
        for i, orth in enumerate(orths):
            if seen_end and not puncts[i] and orth not in self.ends:
                starts[i] = 1
                seen_end = False
            elif orth in self.ends:
                seen_end = True
            if spaces[i] and i + 1 < len(doc) and "\n" in self.strings[orth]:
                starts[i + 1] = 1
        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
        return doc


@Language.factory("geokg_actors", default_config={"catalog_files": []})
def make_actor_recognizer(nlp: Language, name: str, catalog_files: list[str]) -> "ActorRecognizer":
    return ActorRecognizer(nlp, load_catalog(tuple(catalog_files)), load_lexicon())


@dataclass(frozen=True)
class TitleMatch:
    start: int
    end: int
    words: tuple[str, ...]
    head: bool


class ActorRecognizer:
    def __init__(self, nlp: Language, catalog: Catalog, lexicon: Lexicon) -> None:
        self.catalog = catalog
        self.norms: list[str] = []  # the document being processed, as token lists
        self.lemmas: list[str] = []
        self.texts: list[str] = []
        self.offsets: list[int] = []
        self.text = ""
        self.lex = lexicon
        self.folded_matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.titles = self.tokenize_titles(nlp, lexicon)
        self.title_starts = {t[0] for t in self.titles}
        self.max_title_len = max(len(t) for t in self.titles)
        self.state_heads = lexicon.phrases["state_heads"]
        self.not_person_words = lexicon.words["organization_heads"] | lexicon.words["place_heads"]
        self.membership_phrases = lexicon.phrases["membership_phrases"]
        self.official_media = lexicon.phrases["official_media"]
        self.government_heads = lexicon.phrases["government_heads"]
        self.descriptors = {
            noun: actor_type
            for actor_type, key in ((ActorType.ORGANIZATION, "descriptors_organization"), (ActorType.MEDIA, "descriptors_media"), (ActorType.ARMED_GROUP, "descriptors_armed_group"))
            for noun in lexicon.words[key]
        }
        self.descriptor_heads = frozenset(noun.split()[-1] for noun in self.descriptors)
        self.group_stop_words = lexicon.words["prepositions"] | lexicon.words["determiners"] | lexicon.words["clause_boundaries"] | {"and", "or", "but"}
        cue_sets = load_cues()
        self.event_verbs = frozenset(verb for cue_set in cue_sets for verb in cue_set.verbs)
        self.event_nouns = frozenset(noun[0] for cue_set in cue_sets for noun in cue_set.nouns if len(noun) == 1)
        self.given_names = load_given_names()
        self.org_word_cache: dict[str, bool] = {}
        # Inside an organization's name, place and region words are ordinary ('Border Protection Agency').
        self.org_stop_words = lexicon.words["not_name_words"] - lexicon.words["place_heads"] - lexicon.words["name_words_in_organizations"]
        self.honorifics = {k for k in self.titles if " ".join(k) in lexicon.words["honorifics"]}
        self.bare_honorifics = frozenset(h.rstrip(".") for h in lexicon.words["honorifics"])  # 'Mr.' and 'Mr'
        self.add_catalog_patterns(nlp, catalog)
        self.role_holders = index_role_holders(catalog)
        self.named_roles = {t for t in self.titles if " ".join(t) in {"foreign minister", "defense minister", "defence minister", "secretary of state", "defense secretary", "defence secretary", "interior minister", "finance minister", "spokesperson", "spokesman", "spokeswoman", "national security adviser"}}

    @staticmethod
    def tokenize_titles(nlp: Language, lexicon: Lexicon) -> dict[tuple[str, ...], bool]:
        """Title phrases split the way the tokenizer splits text ('president-elect' is three tokens)."""
        titles = {}
        for name, head in (("member_titles", False), ("honorifics", False), ("head_titles", True)):
            for title in lexicon.words[name]:
                titles[tuple(fold(t.text) for t in nlp.make_doc(title))] = head
        return titles

    def starts_with_title(self, nlp: Language, text: str) -> bool:
        """Whether a name form holds a title ('Crown Prince Mohammed bin Salman', 'Kremlin spokesman Peskov')."""
        words = tuple(fold(t.text) for t in nlp.make_doc(text))
        return any(
            words[start : start + size] in self.titles
            for start in range(len(words) - 1)
            for size in range(1, min(len(words) - start, self.max_title_len + 1))
        )

    def add_catalog_patterns(self, nlp: Language, catalog: Catalog) -> None:
        folded: dict[str, list[Doc]] = {}
        exact: dict[str, list[Doc]] = {}
        for form in catalog.surface_forms():
            if self.starts_with_title(nlp, form.text) and catalog.get(form.actor_id).type is ActorType.PERSON:
                continue  # 'Crown Prince Mohammed bin Salman': the title rules see the title and the person
            texts = [form.text]
            if form.kind == "demonym" and takes_plural(form.text):
                texts.append(form.text + "s")  # 'Iranians', 'Turks', 'Swedes', 'Spaniards'; not 'Frenchs'
            for text in texts:
                doc = nlp.make_doc(text)
                for token in doc:
                    token.norm_ = fold(token.text)
                label = f"{form.kind}|{form.actor_id}"
                (exact if form.exact_case else folded).setdefault(label, []).append(doc)
        for label, docs in folded.items():
            self.folded_matcher.add(label, docs)
        for label, docs in exact.items():
            self.exact_matcher.add(label, docs)

    def __call__(self, doc: Doc) -> Doc:
        analysis = doc._.geokg or Analysis()
        doc._.geokg = analysis
        # The document as token lists, for the rules below: faster than Token objects and doc._.
        self.norms, self.lemmas, self.texts = analysis.norms, analysis.lemmas, analysis.texts
        self.offsets, self.text = analysis.offsets, analysis.text
        analysis.sentences = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
        mentions = self.match_catalog(doc)
        mentions = self.attach_state_heads(doc, mentions)
        mentions += self.find_titled_people(doc, mentions, analysis)
        self.attach_unnamed_officials(doc, mentions)
        mentions += self.find_country_bodies(doc, mentions)
        mentions += self.find_organizations(doc, mentions)
        mentions += self.find_speaking_people(doc, mentions)
        mentions += self.find_named_entities(doc, mentions)
        mentions += self.find_defined_acronyms(doc, mentions)
        mentions += self.find_surnames(doc, mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
        analysis.relations.extend(self.apposition_affiliations(doc, mentions))
        analysis.relations.extend(self.of_affiliations(doc, mentions))
        analysis.relations.extend(self.bodies_of_states(doc, mentions))
        analysis.relations.extend(self.membership_lists(doc, mentions))
        analysis.relations.extend(self.possessive_affiliations(doc, mentions))
        analysis.mentions = mentions
        analysis.actors = self.register_actors(doc, mentions)
        self.register_related(analysis)
        return doc

    def register_related(self, analysis: Analysis) -> None:
        """Actors an affiliation points to without a mention of their own ('President-elect X' -> the state)."""
        for relation in analysis.relations:
            entry = self.catalog.get(relation.target)
            if relation.target not in analysis.actors and entry is not None:
                analysis.actors[entry.id] = ActorRecord(entry.id, entry.name, entry.type, True, set(entry.aliases), 0)

    # -- catalog ---------------------------------------------------------------------------

    def match_catalog(self, doc: Doc) -> list[Mention]:
        texts = self.texts
        spans = []
        for matcher, exact in ((self.folded_matcher, False), (self.exact_matcher, True)):
            for match_id, start, end in matcher(doc):
                label = doc.vocab.strings[match_id]
                if not exact and texts[start].islower() and not self.opens_with_particle(doc, start, end):
                    continue  # 'chad' in running text is not the state of Chad; 'al-Shabab' is a name
                if not exact and end - start > 1 and texts[end - 1].islower() and texts[end - 1].isalpha() and not self.ends_lower_in_catalog(label, texts[end - 1]):
                    continue  # 'Russia today' in running text is not the broadcaster Russia Today
                if end - start == 1 and self.is_portfolio_word(start):
                    continue  # 'Labour Minister X' names a portfolio, not the Labour Party
                spans.append((start, end, label))
        starts = {start for start, _, _ in spans}
        spans = [span for span in spans if not self.opens_longer_name(span, starts) and not self.is_part_of_person_name(span)]
        mentions = []
        for start, end, label in longest_first(spans):
            kind, actor_id = label.split("|", 1)
            entry = self.catalog.get(actor_id)
            mention = Mention(start, end, actor_id, entry.type, kind)
            mention.argument = kind != "demonym" and not self.is_linked_modifier(doc, end)
            mentions.append(mention)
        return mentions

    def is_part_of_person_name(self, span: tuple[int, int, str]) -> bool:
        """'Michael Jordan', 'Ana Lima', 'Chad Wolf', 'Paris Hilton': a one-word state or capital right
        after a given name, or itself a given name before a surname, is part of a person's name."""
        start, end, label = span
        if end - start != 1 or not label.startswith(("name|", "capital|")):
            return False
        texts, norms = self.texts, self.norms
        if start > 0 and texts[start - 1].istitle() and norms[start - 1] in self.given_names:
            return True
        if norms[start] not in self.given_names or end >= len(texts) or not texts[end].istitle():
            return False
        following = norms[end]
        return following not in self.not_person_words and following not in self.lex.words["not_name_words"] and (following,) not in self.titles and (following,) not in self.state_heads

    def opens_longer_name(self, span: tuple[int, int, str], starts: set[int]) -> bool:
        """'European Council on Foreign Relations': a known body's name followed by 'on'/'for' and a
        capitalised word no other known name starts is the start of another body's name."""
        start, end, label = span
        if not label.startswith("name|") or end + 1 >= len(self.texts) or self.norms[end] not in {"on", "for"}:
            return False
        following = self.texts[end + 1]
        return following[:1].isupper() and end + 1 not in starts and self.norms[end + 1] not in self.lex.words["time_words"] | MONTHS and self.catalog.get(label.split("|", 1)[1]).type is not ActorType.STATE

    def is_portfolio_word(self, i: int) -> bool:
        return i + 1 < len(self.norms) and self.norms[i] in self.lex.words["portfolio_words"] and self.norms[i + 1] in PORTFOLIO_TITLES

    def ends_lower_in_catalog(self, label: str, word: str) -> bool:
        """Whether one of the actor's catalog forms ends on this lower-case word ('the U.S. military')."""
        entry = self.catalog.get(label.split("|", 1)[1])
        return entry is not None and any(form.rsplit(" ", 1)[-1] == word for form in (entry.name, *entry.aliases, *entry.demonyms))

    def opens_with_particle(self, doc: Doc, start: int, end: int) -> bool:
        """'al-Shabab', 'el-Sisi': a lower-case particle joined to a capitalised name."""
        return end - start > 1 and self.norms[start] in self.lex.words["name_particles"] and any(t.is_title for t in doc[start + 1 : end])

    def is_linked_modifier(self, doc: Doc, end: int) -> bool:
        """'IRGC-linked operative': the actor qualifies a noun instead of taking part."""
        return end + 1 < len(doc) and self.texts[end] == "-" and doc[end + 1].lower_ in LINK_WORDS

    def attach_state_heads(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """'Iranian officials', 'U.S. authorities', 'the Iranians', 'Republican lawmakers': the actor itself acts.

        A state named only as a place ('in Turkey', 'across Iraq') is not taking part.
        """
        for mention in mentions:
            if mention.type is ActorType.PERSON:
                continue
            led = self.led_group_end(doc, mention.end)
            if led:
                mention.end = led  # 'the Saudi-led coalition' acts as Saudi Arabia
                mention.kind = "state_head" if mention.type is ActorType.STATE else mention.kind
                mention.argument = True
                continue
            head = self.match_phrase(doc, mention.end, self.state_heads) or self.shared_head(doc, mention, mentions) or self.official_media_end(mention)
            if mention.type is not ActorType.STATE and not (head and mention.kind in {"demonym", "name"}):
                continue  # 'Republican lawmakers', 'G7 foreign ministers' act for their body
            if mention.kind == "name" and self.names_a_place(doc, mention):
                mention.argument = False  # 'the South China Sea', 'the Taiwan Strait'
                continue
            group = None if head else self.people_head(doc, mention)
            if mention.kind == "name" and not head and not group and self.is_place(doc, mention):
                mention.argument = False
            elif head:
                mention.end = head
                mention.kind = "state_head"
                mention.argument = True
            elif group:
                # 'Burundian militiamen', 'an Armenian soldier', 'Ivory Coast rebels': people of the
                # state, standing for it in an event (the PLOVER/CAMEO coding of unnamed groups).
                mention.end = group
                mention.kind = "demonym_group"
                mention.argument = True
            elif mention.kind == "demonym" and self.is_followed_by_verb(doc, mention.end):
                mention.argument = True  # 'the Chinese boycotted', 'the British said': the people, acting
            elif mention.kind == "demonym" and self.norms[mention.end - 1].endswith("s") and not self.is_plural_noun(doc, mention.end):
                mention.argument = True  # 'the Palestinians', 'Israelis said'
            elif mention.kind == "demonym" and self.is_plural_noun(doc, mention.end):
                # 'Iraqi Kurds', 'Algerian landowners': people of the state, standing for it in an event.
                mention.end += 1
                mention.kind = "demonym_group"
                mention.argument = True
        return mentions

    def official_media_end(self, mention: Mention) -> int | None:
        """'an official Syrian newspaper', 'the state-run Iranian television': the state's own voice."""
        if mention.kind != "demonym" or mention.start < 1:
            return None
        before = self.norms[mention.start - 1]
        if before not in {"official", "state", "run", "owned", "government"}:
            return None
        if before in {"run", "owned"} and not (mention.start >= 3 and self.norms[mention.start - 2] == "-" and self.norms[mention.start - 3] in {"state", "government"}):
            return None
        return self.match_phrase(None, mention.end, self.official_media)

    def is_followed_by_verb(self, doc: Doc, i: int) -> bool:
        """'Chinese boycotted the ...', not 'Russian organized crime': a participle before a noun qualifies it."""
        texts = self.texts
        if i >= len(texts) or not texts[i].islower() or not self.is_verb_at(doc, i):
            return False
        following = doc[i + 1] if i + 1 < len(doc) else None
        return following is None or not following.is_lower or following.like_num or following.norm_ in self.group_stop_words

    def names_a_place(self, doc: Doc, mention: Mention) -> bool:
        return mention.end < len(self.texts) and self.norms[mention.end] in self.lex.words["place_heads"] and self.texts[mention.end].istitle()

    def people_head(self, doc: Doc, mention: Mention) -> int | None:
        """The end of 'Palestinian prisoner', 'Irish nationalist guerrillas', 'Liberian riot police'.

        Up to two lower-case modifiers may stand between the state and the people noun; after a
        state's name (not a demonym) only words for units do.
        """
        norms, texts = self.norms, self.texts
        people = self.lex.words["people_nouns"]
        if mention.end >= len(texts) or not texts[mention.end][:1].isalpha():
            return None
        for i in range(mention.end, min(mention.end + 3, len(texts))):
            if norms[i] in people and texts[i].islower():
                if i + 1 < len(texts) and (texts[i + 1] == "-" or texts[i + 1].istitle()):
                    return None  # 'rebel-held territory' qualifies a noun; 'U.S. negotiator Paul Nitze' is a title
                return i + 1
            ethnonym = mention.kind == "demonym" and i == mention.end and texts[i].istitle() and i + 1 < len(texts) and norms[i + 1] in people and texts[i + 1].islower()
            if ethnonym:
                continue  # 'Turkish Kurd refugees'
            if not (texts[i].islower() and texts[i].isalpha()) or norms[i] in self.group_stop_words:
                return None
            if self.is_verb_at(doc, i) and norms[i] not in self.lex.words["unit_modifiers"]:
                return None  # 'Chinese boycotted ...' is a verb; 'a British aid worker' is not
            if mention.kind != "demonym" and norms[i] not in self.lex.words["unit_modifiers"]:
                return None  # 'U.S. border patrol agents', never 'Britain has troops'
        return None

    def attach_unnamed_officials(self, doc: Doc, mentions: list[Mention]) -> None:
        """'a French minister', 'the Azerbaijani parliament', 'an Argentine judge': no finer actor is
        named, so the state acts (the ontology's "Iranian officials" rule). Runs after titled people,
        so that 'the Iranian foreign minister' still resolves to the person when the article names them."""
        claimed: set[int] = set()
        for other in mentions:
            if other.kind != "demonym":  # a titled person's whole phrase, title included
                claimed.update(range(other.start, other.end) if other.type is ActorType.PERSON else range(other.name_start, other.name_end))
        for mention in mentions:
            possessive = mention.type is ActorType.STATE and mention.kind in {"name", "capital"} and mention.end < len(doc) and self.norms[mention.end] in POSSESSIVE_MARKS
            if not (mention.kind == "demonym" and not mention.argument or possessive):
                continue
            i = mention.end + 1 if possessive else mention.end
            if i < len(doc) and self.norms[i] in {"junior", "senior", "top", "deputy", "former", "vice"}:
                i += 1
            end = self.match_title(doc, i) or self.match_phrase(doc, i, self.government_heads)
            # "Taiwan's Vice Foreign Minister" is an unnamed official; "Pakistan's Ministry of Foreign Affairs" a body's name
            cased = all(doc[k].is_lower for k in range(i, end or i)) or possessive and end is not None and self.match_title(doc, i) is not None and not (end < len(doc) and self.norms[end] == "of")
            if end is None or not cased or claimed & set(range(mention.end if possessive else mention.start, end)):
                continue
            if end < len(doc) and (doc[end].is_title or self.texts[end] == ","):
                continue  # 'Iranian foreign minister Abbas Araghchi', 'the Iraqi minister, X,'
            if "former" in self.norms[mention.end : i]:
                continue  # a former minister no longer acts for the state
            mention.end = end
            mention.kind = "state_head"
            mention.argument = True

    def find_country_bodies(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """"the country's intelligence service", "the nation's army": the state last named in this
        sentence or the one before acts through its body."""
        norms = self.norms
        found = []
        states = sorted((m for m in mentions if m.type is ActorType.STATE), key=lambda m: m.start)
        for i in range(len(doc) - 3):
            if norms[i] != "the" or norms[i + 1] not in {"country", "nation"} or norms[i + 2] not in POSSESSIVE_MARKS:
                continue
            end = self.match_phrase(doc, i + 3, self.government_heads) or self.match_phrase(doc, i + 4, self.government_heads)
            sentence_start = doc[i].sent.start
            earlier = [m for m in states if m.end <= i and sentence_start - m.start < 60]
            if end is None or not earlier or earlier[-1].start < self.previous_sentence_start(doc, i):
                continue
            while end < len(doc) and self.match_phrase(doc, end, self.government_heads):
                end = self.match_phrase(doc, end, self.government_heads)  # 'intelligence service'
            found.append(Mention(i, end, earlier[-1].key, ActorType.STATE, "state_head"))
        return found

    @staticmethod
    def previous_sentence_start(doc: Doc, i: int) -> int:
        sent = doc[i].sent
        return doc[sent.start - 1].sent.start if sent.start > 0 else sent.start

    def match_title(self, doc: Doc, start: int) -> int | None:
        norms = self.norms
        for size in range(min(self.max_title_len, len(doc) - start), 0, -1):
            if tuple(norms[start : start + size]) in self.titles:
                return start + size
        return None

    def led_group_end(self, doc: Doc, end: int) -> int | None:
        """The end of '-led coalition', '-led international forces' right after an actor's name."""
        texts = self.texts
        if end + 2 >= len(texts) or texts[end] not in {"-", "–"} or texts[end + 1].lower() != "led":
            return None
        norms = self.norms
        for i in range(end + 2, min(end + 4, len(texts))):
            if norms[i] in self.lex.words["led_groups"]:
                return i + 1
            if not texts[i].islower() or norms[i] in self.event_nouns:
                return None  # 'the U.S.-led bombing campaign against X' is left to its cue
        return None

    def shared_head(self, doc: Doc, mention: Mention, mentions: list[Mention]) -> int | None:
        """'Hungarian and Romanian officials': the first demonym shares the second's head noun."""
        if mention.kind != "demonym" or mention.end + 1 >= len(doc) or self.norms[mention.end] not in {"and", "or", ","}:
            return None
        following = next((m for m in mentions if m.start == mention.end + 1 and m.kind == "demonym"), None)
        if following is None:
            return None
        head = self.match_phrase(doc, following.end, self.state_heads)
        return mention.end if head else None

    def is_plural_noun(self, doc: Doc, i: int) -> bool:
        if i >= len(doc):
            return False
        word = self.norms[i]
        if not (doc[i].is_alpha and len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))):
            return False
        # 'Iraqi Kurds' names a people; lower case, only nouns for people count ('German goods' do not act).
        return doc[i].is_title or (doc[i].is_lower and word in self.lex.words["people_nouns"])

    # -- rules for actors the catalog does not know --------------------------------------------

    def is_place(self, doc: Doc, mention: Mention) -> bool:
        """'in Turkey' is where something happens; 'rebels in the Ivory Coast' are of it."""
        norms = self.norms
        i = mention.start - 1
        while i >= 0 and norms[i] in {"the", "northern", "southern", "eastern", "western", "central", "rural", "neighboring", "neighbouring"}:
            i -= 1
        if i < 0 or norms[i] not in self.lex.words["locative_prepositions"] or (mention.end < len(doc) and norms[mention.end] in POSSESSIVE_MARKS):
            return False
        return not (i > 0 and norms[i] in {"in", "throughout", "across", "inside"} and norms[i - 1] in self.lex.words["people_nouns"] and not doc[i - 1].is_upper)

    def find_titled_people(self, doc: Doc, mentions: list[Mention], analysis: Analysis) -> list[Mention]:
        """'<modifiers> <title> <Name>': a person, and an affiliation to the modifier actors."""
        found = []
        unnamed: list[TitleMatch] = []
        holders: dict[str, set[str]] = {}
        by_start = longest_by_start(mentions)
        covered = covered_tokens(mentions)
        for title in self.find_titles(doc, covered):
            person = by_start.get(title.end)
            if person is None and title.end + 1 < len(doc) and self.texts[title.end] == ",":
                person = by_start.get(title.end + 1)  # "Trump's special envoy, Steve Witkoff,"
                if person is None or person.type is not ActorType.PERSON:
                    continue
            if person is not None and person.type is not ActorType.PERSON:
                continue
            if person is None:
                if self.match_title(doc, title.end) is not None:
                    continue  # 'Supreme Leader Ayatollah Ali Khamenei', 'Major General X': the next title names them
                name_end = self.extend_name(doc, title.end, covered)
                if name_end == title.end or not self.looks_like_name(title.end, name_end):
                    unnamed.append(title)
                    continue
                person = Mention(title.end, name_end, "person:" + slugify(doc[title.end:name_end].text), ActorType.PERSON, "titled")
                found.append(person)
            holders.setdefault(same_title(doc[title.start : title.end].text), set()).add(person.key)
            modifiers = self.modifiers_before(doc, title.start, mentions)
            person.start = min([person.start, title.start, *(m.start for m in modifiers)])
            for modifier in modifiers:
                modifier.argument = False
            if modifiers and title.words not in self.honorifics:
                analysis.relations.extend(self.title_affiliations(doc, person.key, title, modifiers))
            if not modifiers:
                analysis.relations.extend(self.roles_from_catalog(doc, person, title, analysis))
        found.extend(self.resolve_titles(doc, unnamed, holders, [*mentions, *found], analysis))
        return found

    def resolve_titles(self, doc: Doc, titles: list[TitleMatch], holders: dict[str, set[str]], mentions: list[Mention], analysis: Analysis) -> list[Mention]:
        """'the prime minister', "Iraq's prime minister": the one person the article or the catalog gives that title."""
        found = []
        for title in titles:
            if title.words in self.honorifics or not title.head and title.words not in self.named_roles:
                continue
            said = same_title(doc[title.start : title.end].text)
            modifiers = self.modifiers_before(doc, title.start, mentions)
            if not modifiers and (title.start == 0 or self.norms[title.start - 1] != "the"):
                continue
            candidates = holders.get(said, set())
            if modifiers:
                holders_there = self.role_holders.get((said, modifiers[0].key), [])
                # Without a publication date, 'the US president' could be any of them: no guess.
                dated = {p for p, role in holders_there if analysis.published and self.held_on(role, analysis.published)}
                candidates = (candidates & dated) or (dated if len(dated) == 1 else candidates if len(candidates) == 1 else set())
            if len(candidates) != 1:
                continue
            key = next(iter(candidates))
            start = min([title.start, *(m.start for m in modifiers)])
            for modifier in modifiers:
                modifier.argument = False
            found.append(Mention(start, title.end, key, ActorType.PERSON, "title_ref"))
        return found

    @staticmethod
    def held_on(role: Role, when: date) -> bool:
        return (role.start is None or role.start <= when) and (role.end is None or when <= role.end)

    def title_affiliations(self, doc: Doc, person: str, title: TitleMatch, modifiers: list[Mention]) -> list[Relation]:
        """'IRGC Qods Force commander X': X leads the Qods Force, a part of the IRGC, and so belongs to the IRGC."""
        first = modifiers[0]
        if first.type is ActorType.PERSON:
            # "Zelenskyy's chief of staff X": X works for Zelenskyy, and so for Zelenskyy's state.
            found = [self.affiliation(doc, person, RelationType.MEMBER_OF, first.key, title)]
            entry = self.catalog.get(first.key)
            if entry is not None and entry.country:
                found.append(self.affiliation(doc, person, RelationType.MEMBER_OF, entry.country, title, confidence=0.6))
            return found
        relation = RelationType.LEADS if title.head else RelationType.MEMBER_OF
        found = [self.affiliation(doc, person, relation, first.key, title)]
        for inner, outer in zip(modifiers, modifiers[1:]):
            found.append(self.affiliation(doc, person, RelationType.MEMBER_OF, outer.key, title, confidence=0.6))
            if inner.type is not ActorType.STATE:
                found.append(self.affiliation(doc, inner.key, RelationType.PART_OF, outer.key, title, confidence=0.6))
        return found

    def apposition_affiliations(self, doc: Doc, mentions: list[Mention]) -> list[Relation]:
        """'Steven Pifer, a Brookings Institution senior fellow,': the title between commas names the body."""
        found = []
        by_start = longest_by_start(mentions)
        for person in (m for m in mentions if m.type is ActorType.PERSON):
            if person.end >= len(doc) - 2:
                continue
            copular = self.norms[person.end] in {"is", "was"} and self.norms[person.end + 1] in {"the", "a", "an"}
            if self.texts[person.end] != "," and not copular:
                continue  # 'X, a fellow at Y,' or 'X is the director of Y'
            end = person.end + 1
            while end < len(doc) and end - person.end <= APPOSITION_REACH and self.texts[end] not in {",", ".", ";", ":", "(", "\u201c", '"'} and not (
                end - person.end > 2 and self.norms[end] in {"who", "which"}  # 'X, a senior al-Shabab leader who masterminded'
            ):
                end += 1
            if end - person.end > APPOSITION_REACH or copular and self.texts[end] not in {",", "."}:
                continue  # no closing comma: a clause, not an apposition
            if end - person.end > SHORT_APPOSITION and self.texts[end] != ",":
                continue  # a long stretch to the sentence's end is a clause; a long apposition closes on a comma
            titles = list(self.find_titles(doc, set(), person.end + 1, end))
            bodies = self.bodies_between(doc, by_start, person.end + 1, end)
            opener = doc[person.end + 1]
            early_title = titles and titles[0].start - person.end <= 3
            if not (opener.norm_ in {"a", "an", "the", "former", "then"} or opener.text[:1].isupper() or early_title or titles and bodies and not copular and opener.is_lower and opener.norm_ not in self.lex.words["person_verbs"]):
                continue  # 'X, spoke with ...' is no apposition; 'X, senior associate professor at Y,' is
            if titles and bodies:
                title = titles[0]
                if title.words not in self.honorifics:
                    relation = RelationType.LEADS if title.head else RelationType.MEMBER_OF
                    found.append(self.affiliation(doc, person.key, relation, bodies[0].key, title, confidence=0.6))
                    for body in bodies:
                        body.argument = False
        found.extend(self.titles_before_names(doc, mentions, by_start))
        return found

    def titles_before_names(self, doc: Doc, mentions: list[Mention], by_start: dict[int, Mention]) -> list[Relation]:
        """'the spokesperson for Pakistan's Ministry of Foreign Affairs, Ambassador Shafqat Ali Khan,':
        the title and body between the clause's start and the comma before the name."""
        found = []
        for person in (m for m in mentions if m.type is ActorType.PERSON):
            comma = person.start - 1
            if comma < 2 or self.texts[comma] != ",":
                continue
            start = comma - 1
            while start > 0 and comma - start <= APPOSITION_REACH and self.texts[start - 1] not in {",", ".", ";", ":", "\n"} and not doc[start].is_sent_start:
                start -= 1
            owner = by_start.get(start)
            opens_on_owner = owner is not None and owner.end < comma and any(word in POSSESSIVE_MARKS for word in self.norms[owner.start : owner.end + 1])
            titles = list(self.find_titles(doc, set(), start, comma))
            owner_titled = owner is not None and bool(titles) and titles[0].start == owner.end  # 'U.S. Air Force Chief of Staff, General X'
            if comma - start > APPOSITION_REACH or not (self.norms[start] in {"the", "a", "an"} or opens_on_owner or owner_titled):
                continue  # 'the head of the World Bank, X,', "Pakistan's permanent representative to the UN, X,"
            bodies = self.bodies_between(doc, by_start, start, comma)
            if not titles or not bodies or titles[0].start - start > 2 and not owner_titled or titles[0].words in self.honorifics:
                continue
            relation = RelationType.LEADS if titles[0].head else RelationType.MEMBER_OF
            found.append(self.affiliation(doc, person.key, relation, bodies[0].key, titles[0], confidence=0.6))
        return found

    def bodies_between(self, doc: Doc, by_start: dict[int, Mention], start: int, end: int) -> list[Mention]:
        """The states and bodies a title in start..end can name ('a fellow at the Brookings Institution')."""
        return [
            by_start[i]
            for i in range(start, end)
            if i in by_start and by_start[i].type is not ActorType.PERSON and self.is_body_of_title(doc, by_start[i])
        ]

    def is_body_of_title(self, doc: Doc, mention: Mention) -> bool:
        """Not a place ('in Ivory Coast'), a qualifier ('the Mogadishu-based institute') nor a possessor
        of another body ("the Hudson Institute's Center")."""
        if mention.kind == "name" and not mention.argument or self.is_linked_modifier(doc, mention.end):
            return False
        if mention.kind == "demonym" and mention.end < len(doc) and doc[mention.end].is_title and self.match_title(doc, mention.end) is None:
            return False  # 'the group Somali Public Agenda': the demonym opens another name
        return not (mention.end < len(doc) and self.norms[mention.end] in POSSESSIVE_MARKS)

    def of_affiliations(self, doc: Doc, mentions: list[Mention]) -> list[Relation]:
        """'Janusz Bugajski of the Jamestown Foundation': a person 'of' a body belongs to it."""
        by_start = longest_by_start(mentions)
        found = []
        for person in (m for m in mentions if m.type is ActorType.PERSON and m.kind != "title_ref"):
            i = person.end
            if i + 1 >= len(doc) or self.norms[i] not in {"of", "from"}:
                continue
            j = i + 1 + (self.norms[i + 1] == "the")
            body = by_start.get(j)
            if body is not None and body.type in {ActorType.ORGANIZATION, ActorType.MEDIA, ActorType.ARMED_GROUP}:
                start_char, end_char = doc._.geokg.sentence_chars(i)
                found.append(Relation(person.key, body.key, RelationType.MEMBER_OF, start_char, end_char, confidence=0.55, cue=self.texts[i]))
                body.argument = False
        return found

    def bodies_of_states(self, doc: Doc, mentions: list[Mention]) -> list[Relation]:
        """'the Islamic Revolutionary Guard Corps of Iran': a body 'of' a state is part of it."""
        by_start = longest_by_start(mentions)
        norms = self.norms
        found = []
        for body in mentions:
            if body.type is not ActorType.ORGANIZATION or body.end + 1 >= len(doc) or norms[body.end] != "of":
                continue
            state = by_start.get(body.end + 1)
            if state is not None and state.type is ActorType.STATE and state.kind == "name":
                found.append(self.part_of(doc, body.key, state.key, body.end))
        return found

    def possessive_affiliations(self, doc: Doc, mentions: list[Mention]) -> list[Relation]:
        """'Hezbollah's Hassan Nasrallah', 'Russia's Sergei Lavrov': a named person owned by a body or
        state belongs to it (MEMBER_OF, which the ontology accepts for its heads too)."""
        by_end = {m.end: m for m in mentions if m.type is not ActorType.PERSON}
        found = []
        for person in mentions:
            if person.type is not ActorType.PERSON or person.kind not in {"name", "speaker", "titled"} or person.start < 2:
                continue
            if person.start != person.name_start or self.norms[person.start - 1] not in POSSESSIVE_MARKS:
                continue  # a title of its own ('Iran's Foreign Minister X') already says how
            owner = by_end.get(person.start - 1)
            if owner is not None:
                start_char, end_char = doc._.geokg.sentence_chars(person.start)
                found.append(Relation(person.key, owner.key, RelationType.MEMBER_OF, start_char, end_char, confidence=0.5, cue="'s"))
        return found

    def membership_lists(self, doc: Doc, mentions: list[Mention]) -> list[Relation]:
        """'The Quad consists of Japan, the United States, Australia and India': each listed actor is a member."""
        by_start = longest_by_start(mentions)
        found = []
        for body in mentions:
            if body.type not in {ActorType.ORGANIZATION, ActorType.ARMED_GROUP} or not body.argument:
                continue
            i = body.end
            while i < len(doc) and i - body.end < 2 and self.norms[i] in {",", "group", "bloc", "alliance"}:
                i += 1  # 'the BRICS group, whose members include'
            phrase = i
            i = self.match_phrase(doc, phrase, self.membership_phrases)
            members = self.listed_actors(i, by_start) if i is not None else []
            if len(members) < 2:
                continue
            start_char, end_char = doc._.geokg.sentence_chars(body.end)
            found.extend(
                Relation(member.key, body.key, RelationType.MEMBER_OF, start_char, end_char, confidence=0.6, cue=" ".join(self.texts[phrase:i]))
                for member in members if member.key != body.key
            )
        return found

    def listed_actors(self, i: int, by_start: dict[int, Mention]) -> list[Mention]:
        """The actors of a list 'A, the B, C and D' starting at i, up to its first word that is not part of it."""
        members: list[Mention] = []
        while i < len(self.norms):
            if self.norms[i] in {",", "and", "the"}:
                i += 1
                continue
            mention = by_start.get(i)
            if mention is None or mention.type not in {ActorType.STATE, ActorType.ORGANIZATION}:
                break
            members.append(mention)
            i = mention.end
        return members

    def find_titles(self, doc: Doc, covered: set[int], start: int = 0, end: int | None = None) -> Iterable[TitleMatch]:
        norms = self.norms
        end = len(doc) if end is None else end
        i = start
        while i < end:
            match = None
            if norms[i] not in self.title_starts:
                i += 1
                continue
            for size in range(min(self.max_title_len, end - i), 0, -1):
                words = tuple(norms[i : i + size])
                if words in self.titles:
                    match = TitleMatch(i, i + size, words, self.titles[words])
                    break
            if match and not covered.intersection(range(match.start, match.end)):
                match = self.with_portfolio(doc, self.with_portfolio_before(match, covered, start), covered, end)
                yield match
                i = match.end
            else:
                i += 1

    def with_portfolio_before(self, match: TitleMatch, covered: set[int], floor: int) -> TitleMatch:
        """'Labour Minister X', 'Fisheries Secretary X': a capitalised portfolio before the title is part of it."""
        i = match.start
        while i - 1 >= floor and match.start - i < 2 and i - 1 not in covered and self.texts[i - 1][:1].isupper() and self.norms[i - 1] in self.lex.words["portfolio_words"]:
            i -= 1
        if i == match.start or match.words[0] not in PORTFOLIO_TITLES:
            return match
        return TitleMatch(i, match.end, match.words, match.head)

    def with_portfolio(self, doc: Doc, match: TitleMatch, covered: set[int], end: int) -> TitleMatch:
        """'Minister of Armed Forces Florence Parly', 'Minister for Foreign Affairs X': the portfolio is
        part of the title when a name follows it."""
        norms, texts = self.norms, self.texts
        if match.words[-1] not in PORTFOLIO_TITLES or match.end + 2 >= end or norms[match.end] not in {"of", "for"}:
            return match
        j = match.end + 1
        if norms[j] == "the":
            j += 1
        first = j
        portfolio = self.lex.words["portfolio_words"]
        while j < end and j not in covered and (texts[j][:1].isupper() and norms[j] in portfolio or norms[j] in {"and", "of"} and j + 1 < end and norms[j + 1] in portfolio):
            j += 1
        named = j in covered or (j + 1 < end and texts[j][:1].isupper() and texts[j + 1][:1].isupper())
        if j == first or j >= end or not named:
            return match  # no portfolio, or no name after it
        return TitleMatch(match.start, j, match.words, match.head)

    def modifiers_before(self, doc: Doc, start: int, mentions: list[Mention]) -> list[Mention]:
        """Actors named right before a title: 'IRGC Qods Force commander', "Iran's foreign minister", "Trump's envoy"."""
        by_end = {m.end: m for m in mentions}
        found = []
        position = self.skip_title_words(doc, start)
        while True:
            possessive = position > 0 and self.norms[position - 1] in POSSESSIVE_MARKS
            if possessive:
                position -= 1
            mention = by_end.get(position)
            if mention is None or (mention.type is ActorType.PERSON and not possessive):
                return found
            found.append(mention)
            position = mention.start

    def skip_title_words(self, doc: Doc, start: int) -> int:
        """"Putin's foreign policy adviser": up to two plain words may qualify a title."""
        position = start
        while start - position < 2 and position > 0 and doc[position - 1].is_lower and doc[position - 1].is_alpha:
            if self.norms[position - 1] in self.lex.words["determiners"] | self.lex.words["prepositions"] or self.is_verb_at(doc, position - 1):
                break
            position -= 1
        preceded = position > 0 and (self.norms[position - 1] in POSSESSIVE_MARKS or self.texts[position - 1][:1].isupper())
        return position if preceded and position != start else start

    def is_verb_at(self, doc: Doc, i: int) -> bool:
        """'rejected', 'met', 'urges': an event word, which no title takes as a qualifier."""
        norm = self.norms[i]
        return norm.endswith("ed") or norm in self.lex.words["person_verbs"] or self.lemmas[i] in self.event_verbs

    def roles_from_catalog(self, doc: Doc, person: Mention, title: TitleMatch, analysis: Analysis):
        """'President-elect Donald Trump' with no state named: the catalog knows whose president."""
        said = same_title(doc[title.start : title.end].text)
        for role in self.catalog.roles_on(person.key, analysis.published):
            if role.of and same_title(role.title) == said:
                yield self.affiliation(doc, person.key, role.relation, role.of, title, confidence=0.6)

    def affiliation(self, doc: Doc, source: str, relation: RelationType, target: str, title: TitleMatch, confidence: float = 0.8):
        start_char, end_char = doc._.geokg.sentence_chars(title.start)
        return Relation(source, target, relation, start_char, end_char, confidence=confidence, cue=" ".join(title.words))

    def extend_name(self, doc: Doc, start: int, covered: set[int]) -> int:
        end = start
        while end < len(doc) and end - start < 5 and end not in covered:
            token = doc[end]
            if self.is_name_token(token):
                end += 1
            elif token.norm_ in self.lex.words["name_particles"] and self.particle_ends_in_name(doc, end + 1):
                end += 1
            elif INITIALS.fullmatch(token.text) and end + 1 < len(doc) and (self.is_name_token(doc[end + 1]) or doc[end + 1].norm_ in self.lex.words["name_particles"]):
                end += 1  # 'F.W. de Klerk', 'George W. Bush': initials inside a name
            elif token.text in {"-", "'", "\u2019"} and end > start and end + 1 < len(doc) and self.is_name_token(doc[end + 1]):
                end += 1
            else:
                break
        while end > start and not self.is_name_token(doc[end - 1]):
            end -= 1
        return end

    def particle_ends_in_name(self, doc: Doc, i: int) -> bool:
        """After 'van', a name ('van Dijk') or one more particle and a name ('van der Meer')."""
        if i < len(doc) and doc[i].norm_ in self.lex.words["name_particles"] and doc[i].is_lower:
            i += 1
        return i < len(doc) and doc[i].is_title

    def is_name_token(self, token: Token) -> bool:
        """A capitalised word that can be part of a name: 'McCaul', 'Pezeshkian', not 'The' or 'Friday'."""
        text = token.text
        return text[:1].isupper() and any(c.islower() for c in text) and token.norm_ not in self.lex.words["not_name_words"]

    def looks_like_name(self, start: int, end: int) -> bool:
        words = set(self.norms[start:end])
        return not words & self.not_person_words and any(text.isalpha() for text in self.texts[start:end])

    def find_organizations(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Capitalised names built on organization words: 'Supreme Court', 'Ministry of Defense'."""
        found = []
        covered = covered_tokens(mentions)
        by_end = {m.end: m for m in mentions if m.type is ActorType.STATE}
        states_by_start = {m.start: m for m in mentions if m.type is ActorType.STATE and m.kind == "name"}
        for start, end in self.capitalised_runs(doc, covered):
            state_after = states_by_start.get(end + 1) if end < len(self.norms) and self.norms[end] == "of" else None
            if state_after is not None and self.organization_type(self.norms[start:end]) is not None:
                end = state_after.end  # 'University of Somalia', 'Central Bank of Nigeria': the state names the body
                state_after.argument = False
            words = self.norms[start:end]
            actor_type = self.organization_type(words)
            if actor_type is None or end - start < 2:
                actor_type = self.described_type(doc, start, end)  # 'the think tank Clingendael'
                if actor_type is None:
                    continue
            if tuple(words[:1]) in self.titles or tuple(words[:2]) in self.titles:
                continue  # 'Minister of Armed Forces' is a title, not a body
            country = by_end.get(start) or (by_end.get(start - 1) if self.norms[start - 1] == "'s" else None)
            name_start = country.start if country is not None else start
            name = doc._.geokg.span_text(name_start, end)
            key = self.catalog_key(name) or f"{actor_type.value.lower()}:{slugify(name)}"
            mention = Mention(name_start, end, key, actor_type, "organization")
            for owner in (country, state_after):
                if owner is not None:
                    owner.argument = False
                    if set(words) & self.lex.words["government_heads"]:
                        # A ministry or army named for its state is part of it; an institute named for one is not.
                        doc._.geokg.relations.append(self.part_of(doc, key, owner.key, name_start))
            body_owner = self.owning_body(start, mentions, found) if country is None else None
            if body_owner is not None:
                doc._.geokg.relations.append(self.part_of(doc, key, body_owner.key, name_start))  # "the Hudson Institute's Center for X"
            found.append(mention)
        return found

    def owning_body(self, start: int, mentions: list[Mention], found: list[Mention]) -> Mention | None:
        """The organization whose possessive opens a name: "the Hudson Institute's Center for ..."."""
        if start < 2 or self.norms[start - 1] not in POSSESSIVE_MARKS:
            return None
        for mention in (*mentions, *found):
            if mention.end == start - 1 and mention.type in {ActorType.ORGANIZATION, ActorType.ARMED_GROUP, ActorType.MEDIA}:
                return mention
        return None

    def described_type(self, doc: Doc, start: int, end: int) -> ActorType | None:
        """A name right after a word saying what it is: 'consultancy Control Risks', 'the group
        Somali Public Agenda', 'the newspaper Kayhan'. Not a person's name ('the group's leader X')."""
        norms, texts = self.norms, self.texts
        if start < 2 or end - start > 5 or norms[start - 1] not in self.descriptor_heads or norms[start] in self.given_names or texts[start - 1][:1].isupper():
            return None
        return self.descriptors.get(f"{norms[start - 2]} {norms[start - 1]}") or self.descriptors.get(norms[start - 1])

    def part_of(self, doc: Doc, key: str, parent: str, token_index: int):
        start_char, end_char = doc._.geokg.sentence_chars(token_index)
        return Relation(key, parent, RelationType.PART_OF, start_char, end_char, confidence=0.6, cue="name")

    def catalog_key(self, name: str) -> str | None:
        entries = self.catalog.lookup(name)
        return entries[0].id if len(entries) == 1 else None

    def organization_type(self, words: list[str]) -> ActorType | None:
        last, first = words[-1], words[0]
        if last in self.lex.words["place_heads"]:
            return None
        if last in self.lex.words["armed_group_heads"] or " ".join(words[-2:]) in self.lex.words["armed_group_heads"]:
            return ActorType.ARMED_GROUP
        if last in self.lex.words["media_heads"]:
            return ActorType.MEDIA
        if last in self.lex.words["organization_heads"] or (first in self.lex.words["organization_heads"] and "of" in words):
            return ActorType.ORGANIZATION
        if any(w in self.lex.words["organization_heads"] and n in {"of", "for", "on"} for w, n in zip(words, words[1:])):
            return ActorType.ORGANIZATION  # 'Federation for Human Rights', 'Council on Foreign Relations'
        return None

    def org_words(self, doc: Doc) -> list[bool]:
        """Per token: can it be a word of an organization's name? Computed once per doc."""
        analysis = doc._.geokg
        if analysis.org_words is None:
            analysis.org_words = self.compute_org_words(analysis)
        return analysis.org_words

    def compute_org_words(self, analysis: Analysis) -> list[bool]:
        known = self.org_word_cache
        return [known.get(text) if text in known else self.is_org_word(text, norm) for text, norm in zip(analysis.texts, analysis.norms)]

    def is_org_word(self, text: str, norm: str) -> bool:
        """Capitalised ('Council', 'Hudson'), not all capitals unless a word ('NATO' yes, 'U.S' no), or
        a middle initial ('K.' in 'Daniel K. Inouye Center'); never a stop word. Kept per word."""
        capitalised = text[:1].isupper() and (not text.isupper() or (text.isalpha() and len(text) > 1))
        initial = len(text) == 2 and text[1] == "." and text[0].isupper()
        flag = self.org_word_cache[text] = (capitalised or initial) and norm not in self.org_stop_words
        return flag

    def capitalised_runs(self, doc: Doc, covered: set[int]) -> Iterable[tuple[int, int]]:
        """Runs of capitalised words, allowing 'of', 'for', 'and', 'the' between them."""
        connectors = {"of", "for", "and", "the", "on", "de", "al", "al-"}
        words = self.org_words(doc)
        norms = self.norms
        n = len(words)
        i = 0
        while True:
            try:
                i = words.index(True, i)  # runs start on capitalised words only: skip the rest at C speed
            except ValueError:
                return
            if i in covered:
                i += 1
                continue
            end = i + 1
            while end < n and end not in covered:
                if words[end]:
                    end += 1
                elif norms[end] == "-" and not doc[end - 1].whitespace_ and end + 1 < n and words[end + 1] and end + 1 not in covered:
                    end += 1  # 'Jean-Marc Simon', 'Political-Military'
                elif norms[end] in connectors and end + 1 < n and words[end + 1] and end + 1 not in covered:
                    end += 1
                else:
                    break
            yield i, end
            i = end

    def find_speaking_people(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """'Farhad Shakeri' (a known given name), 'Steven Pifer said', 'Mike Waltz, the national security adviser'."""
        found = []
        covered = covered_tokens(mentions)
        surnames = {self.norms[m.name_end - 1] for m in mentions if m.type is ActorType.PERSON and m.name_end - m.name_start > 1}
        for start, end in self.split_at_and(doc, self.capitalised_runs(doc, covered)):
            if not 2 <= end - start <= 4 or not self.looks_like_name(start, end):
                continue
            if all(norm in self.lex.words["portfolio_words"] for norm in self.norms[start:end]):
                continue  # 'Foreign Relations', 'Home Affairs': a portfolio, no one's name
            if any(text.isupper() and len(text) > 1 for text in self.texts[start:end]) or self.match_title(doc, start) is not None:
                continue  # 'The Minister of Defense said' names no one
            after = self.norms[end] if end < len(doc) else ""
            before = self.norms[start - 1] if start > 0 else ""
            apposition = after == "," and end + 1 < len(doc) and (
                self.norms[end + 1] in {"a", "an", "the", "who"} or any(self.find_titles(doc, set(), end + 1, min(end + 3, len(doc))))
            )
            given_name = self.norms[start] in self.given_names and end - start <= 3 and before not in SAINT_PREFIXES
            if given_name or after in self.lex.words["person_verbs"] or before in self.lex.words["person_verbs"] or apposition or self.is_named_person_slot(doc, start, end, surnames):
                found.append(Mention(start, end, "person:" + slugify(doc[start:end].text), ActorType.PERSON, "speaker"))
        return found

    def is_honorific(self, token: Token) -> bool:
        return token.norm_.rstrip(".") in self.bare_honorifics

    def split_at_and(self, doc: Doc, runs: Iterable[tuple[int, int]]) -> Iterable[tuple[int, int]]:
        """'Rafat Amirov and Polad Omarov' is two names; organizations are found before this runs."""
        norms = self.norms
        for start, end in runs:
            if "and" not in norms[start:end]:
                yield start, end
                continue
            cut = start
            for i in range(start, end):
                if norms[i] == "and":
                    yield cut, i
                    cut = i + 1
            yield cut, end

    def is_named_person_slot(self, doc: Doc, start: int, end: int, surnames: set[str]) -> bool:
        """Where only a person's name fits: 'his wife, Liri Berisha', 'Munir Akram, said', 'X is the
        executive director of', or a new given name on a surname already known ('Liri Berisha')."""
        norms = self.norms
        if norms[start] in self.lex.words["not_name_words"] or self.match_title(doc, start) is not None or self.is_honorific(doc[start]):
            return False  # 'Like Lutnick', 'Prime Minister', 'Ms. Alinejad'
        before = norms[start - 1] if start > 0 else ""
        if before in self.lex.words["determiners"]:
            return False  # 'the Middle East, said'
        if before == "," and start > 1:
            before = norms[start - 2]
        if before in self.lex.words["person_nouns"] or (before == "and" and start > 1 and self.ends_person_run(doc, start - 1)):
            return True
        following = norms[end : min(end + 5, len(doc))]
        if following[:1] == [","] and following[1:2] and following[1] in self.lex.words["person_verbs"]:
            return True
        if following[:1] in (["is"], ["was"]) and following[1:2] in (["the"], ["a"], ["an"]) and any(self.find_titles(doc, set(), end + 2, min(end + 5, len(doc)))):
            return True
        # A sentence's first word is capitalised anyway: 'Like Lutnick, ...' names no Like.
        return end - start == 2 and norms[end - 1] in surnames and self.norms[start] not in surnames and not doc[start].is_sent_start

    def ends_person_run(self, doc: Doc, i: int) -> bool:
        """'associates Rafat Amirov and Polad Omarov': the name before 'and' sits in a person slot."""
        j = i
        while j > 0 and doc[j - 1].is_title:
            j -= 1
        return j < i and j > 0 and self.norms[j - 1] in self.lex.words["person_nouns"]

    def find_named_entities(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """People and organizations a pretrained NER found (when one is configured) that the rules missed."""
        if not doc.has_annotation("ENT_IOB"):
            return []
        covered = covered_tokens(mentions)
        found = []
        for ent in doc.ents:
            if covered.intersection(range(ent.start, ent.end)) or ent.label_ not in NER_TYPES:
                continue
            words = [t.norm_ for t in ent]
            actor_type = NER_TYPES[ent.label_]
            if actor_type is ActorType.ORGANIZATION:
                actor_type = self.organization_type(words) or ActorType.ORGANIZATION
            elif not self.looks_like_name(ent.start, ent.end) or len(ent) < 2:
                continue
            name = ent.text
            key = self.catalog_key(name) or f"{actor_type.value.lower()}:{slugify(name)}"
            found.append(Mention(ent.start, ent.end, key, actor_type, "ner"))
        return found

    def find_defined_acronyms(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """'Islamic Revolutionary Guard Corps (IRGC)': later 'IRGC' names the same actor."""
        by_end = {m.end: m for m in mentions}
        texts = self.texts
        acronyms: dict[str, Mention] = {}
        for i in range(1, len(doc) - 2):
            if texts[i] == "(" and texts[i + 2] == ")" and texts[i + 1].isupper() and i in by_end:
                acronyms[texts[i + 1]] = by_end[i]
        if not acronyms:
            return []
        covered = covered_tokens(mentions)
        return [
            Mention(i, i + 1, acronyms[text].key, acronyms[text].type, "acronym")
            for i, text in enumerate(texts)
            if text in acronyms and i not in covered
        ]

    def find_surnames(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """'Sudani' after 'Mohammed Shia al-Sudani': the same person, unless two share the name."""
        owners: dict[str, set[str]] = {}
        for mention in mentions:
            if mention.type is ActorType.PERSON and mention.name_end - mention.name_start >= 2:
                for form in surname_forms(doc[mention.name_start : mention.name_end]):
                    owners.setdefault(form, set()).add(mention.key)
        unique = {form: next(iter(keys)) for form, keys in owners.items() if len(keys) == 1}
        if not unique:
            return []
        covered = covered_tokens(mentions)
        texts, norms = self.texts, self.norms
        found = []
        for i, norm in enumerate(norms):
            if i in covered or norm not in unique and norm not in {"al", "el"} or not texts[i][:1].isupper() and not norm.startswith("al-"):
                continue
            key = unique.get(norm)
            if key is None and i + 2 < len(doc) and texts[i + 1] == "-":
                key = unique.get(f"{norm}-{norms[i + 2]}")
                if key:
                    found.append(Mention(i, i + 3, key, ActorType.PERSON, "surname"))
                    covered.update(range(i, i + 3))
                continue
            if key:
                found.append(Mention(i, i + 1, key, ActorType.PERSON, "surname"))
        return found

    # -- registry ----------------------------------------------------------------------------

    def register_actors(self, doc: Doc, mentions: list[Mention]) -> dict[str, ActorRecord]:
        actors: dict[str, ActorRecord] = {}
        for mention in mentions:
            entry = self.catalog.get(mention.key)
            record = actors.get(mention.key)
            surface = self.surface(doc, mention.name_start, mention.name_end)
            if record is None:
                name = entry.name if entry else surface
                record = ActorRecord(mention.key, name, entry.type if entry else mention.type, entry is not None)
                if entry:
                    record.aliases.update(entry.aliases)
                actors[mention.key] = record
            if mention.kind in {"titled", "speaker", "organization", "ner"} and not entry and len(surface) > len(record.name):
                record.aliases.add(record.name)
                record.name = surface
            if mention.kind not in {"demonym", "state_head", "demonym_group", "title_ref"}:
                record.aliases.add(surface)
            elif mention.kind != "title_ref" and entry is not None:
                record.aliases.add(self.demonym_surface(doc, mention))  # 'Armenians', 'Azerbaijani
            record.mentions += 1
            # Groups of a state's people and a statistical model's guesses count when they take part in a relation.
            record.strong = record.strong or (mention.argument and mention.kind not in {"demonym_group", "ner"})
        for record in actors.values():
            record.aliases.discard(record.name)
        return actors

    def demonym_surface(self, doc: Doc, mention: Mention) -> str:
        """The state's own word in 'Azerbaijani troops' or 'the Armenians': a name readers search by."""
        texts = self.texts
        for i in range(mention.start, mention.end):
            if texts[i][:1].isupper():
                end = i + 1
                while end < mention.end and texts[end][:1].isupper():
                    end += 1
                return self.surface(doc, i, end)
        return self.surface(doc, mention.start, mention.end)

    def surface(self, doc: Doc, start: int, end: int) -> str:
        """The text of tokens start..end, as written (a Span's text, without making a Span)."""
        return self.text[self.offsets[start] : self.offsets[end - 1] + len(self.texts[end - 1])]

    def match_phrase(self, doc: Doc, start: int, phrases: frozenset[tuple[str, ...]]) -> int | None:
        norms = self.norms
        for size in (3, 2, 1):
            if start + size <= len(norms) and tuple(norms[start : start + size]) in phrases:
                return start + size
        return None


def takes_plural(demonym: str) -> bool:
    """People-nouns among demonyms: 'Iranian', 'Iraqi', 'Turk', 'Swede', 'Briton'; not 'French', 'Chinese', 'Swiss'."""
    return demonym.endswith("i") or demonym[-1:].isalpha() and not demonym.endswith(("sh", "ese", "ch", "s", "x", "z"))


def index_role_holders(catalog: Catalog) -> dict[tuple[str, str], list]:
    """(title, body) -> who held it and when: 'prime minister' of Iraq -> [(Sudani, role), ...]."""
    index: dict[tuple[str, str], list] = {}
    for entry in catalog.entries.values():
        for role in entry.roles:
            if role.of:
                index.setdefault((same_title(role.title), role.of), []).append((entry.id, role))
    return index


def same_title(title: str) -> str:
    """'President-elect' is the president's title; 'Defence' and 'Defense' are one word."""
    folded = fold(title).replace("-elect", "").replace(" - elect", "").replace("defence", "defense")
    return " ".join(folded.replace("-", " ").split())


def longest_by_start(mentions: Iterable[Mention]) -> dict[int, Mention]:
    """The longest mention starting at each token: 'White House National Economic Council' over 'White House'."""
    index: dict[int, Mention] = {}
    for mention in mentions:
        current = index.get(mention.start)
        if current is None or mention.end > current.end:
            index[mention.start] = mention
    return index


def longest_first(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest of overlapping matches (earliest first among equals), in text order."""
    taken: set[int] = set()
    kept = []
    for start, end, label in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if not taken.intersection(range(start, end)):
            kept.append((start, end, label))
            taken.update(range(start, end))
    return sorted(kept)


def covered_tokens(mentions: Iterable[Mention]) -> set[int]:
    covered: set[int] = set()
    for mention in mentions:
        covered.update(range(mention.name_start, mention.name_end))
    return covered


def surname_forms(span: Span) -> list[str]:
    """The forms a later mention may use: the last word, and 'al-X' / 'X' for Arabic names."""
    words = [t.norm_ for t in span if t.text != "-"]
    last = words[-1]
    forms = [last]
    if last.startswith("al-"):
        forms.append(last[3:])
    if len(words) >= 2 and words[-2] in {"al", "el"}:
        forms.append(f"{words[-2]}-{last}")
    return forms
