"""Typed relations between the actors of a sentence, from event cues kept as data.

Without a parser, arguments are found by the shape of English news sentences: the subject is
the nearest actor before the cue that is not the object of a preposition (following relative
pronouns to their antecedent and participle clauses to the main subject); the object is the
first actor after the cue, directly or after one of the type's prepositions. Passives ("was
charged by X"), nominalizations ("Iran's denial", "an assurance from X") and coordination
("France and Germany") are handled explicitly; negation and modality come from the words
before the cue.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from loaders.components.analysis import POSSESSIVE_MARKS, Analysis, Mention, Relation
from loaders.lexicon import CueSet, Lexicon, load_cues, load_lexicon
from schemas.ontology import ActorType, Modality, RelationType

AUXILIARIES = frozenset({"would", "will", "was", "were", "is", "are", "has", "have", "had", "could", "can", "may", "might", "should", "did", "does", "been", "be"})
BE_LEMMAS = frozenset({"be", "get", "is", "was", "were", "been", "being", "are", "am"})
ADVERBS_TO_SKIP = frozenset({"also", "reportedly", "allegedly", "possibly", "then", "later", "already", "since", "just", "recently", "previously", "openly", "publicly", "repeatedly", "explicitly", "simultaneously", "jointly", "formally", "officially", "strongly", "sharply", "again", "further", "now", "still", "even", "currently", "actively", "directly", "swiftly", "quickly"})
DENIAL_WORDS = frozenset({"deny", "denied", "denies", "denying"})
# Charges and arrests of people a sentence leaves unnamed may name them first thing in the next.
BRIDGED_TYPES = frozenset({RelationType.CHARGED, RelationType.ARRESTS})
BRIDGE_REACH = 4
SENTENCE_OPENERS = frozenset({"but", "and", "however", "meanwhile", "also", "then", "still", "among", "them", "one", "of"})
# Events that do happen between a leader and the body they lead.
INTERNAL_EVENTS = frozenset({RelationType.DIRECTS, RelationType.SUPPORTS, RelationType.CRITICIZES})
PEOPLE = frozenset({ActorType.PERSON})
BODIES = frozenset({ActorType.STATE, ActorType.ORGANIZATION, ActorType.ARMED_GROUP, ActorType.MEDIA})
PRONOUN_TYPES = {
    "he": PEOPLE, "she": PEOPLE, "his": PEOPLE, "her": PEOPLE,
    "it": BODIES, "its": BODIES,
    "they": frozenset({ActorType.STATE, ActorType.ORGANIZATION, ActorType.ARMED_GROUP}),
    "their": frozenset({ActorType.STATE, ActorType.ORGANIZATION, ActorType.ARMED_GROUP}),
}
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
HOSTILE = frozenset({
    RelationType.ATTACKS, RelationType.KILLS, RelationType.SANCTIONS, RelationType.THREATENS, RelationType.ARRESTS,
    RelationType.CHARGED, RelationType.PLOTS_AGAINST, RelationType.MOBILIZES_AGAINST, RelationType.ACCUSES, RelationType.CRITICIZES,
})
# A call to these takes no side against what follows ('urged Israel to halt strikes against Y').
CALL_RESTRAINTS = frozenset({"stop", "halt", "end", "cease", "refrain", "avoid", "prevent", "withdraw", "not", "suspend", "limit", "curb"})
SUPPORTING_ACTS = frozenset({"support", "back", "recognize", "recognise", "help", "aid", "assist", "defend", "endorse"})
# Words a noun cue's owner cannot be separated by: 'Trump in phone conversations' are no Trump's conversations.
HOLDER_STOPS = frozenset({"the", "a", "an", "and", "of", "by", "to", "for", "in", "during", "at", "on", "with", "from", "against", "into", "over", "under", "between", "among", "after", "before"})
ENTRY_WORDS = frozenset({"travel", "traveling", "travelling", "entering", "entry", "visiting"})
# Between a verb and its infinitive: 'threatened more than once to pull out of NATO'.
REPEAT_WORDS = frozenset({"more", "than", "once", "twice", "repeatedly", "again", "publicly", "also", "previously", "already"})
CALLED_OFF = frozenset({"cancelled", "canceled", "postponed", "scrapped", "suspended", "called"})
MET_OBLIGATIONS = frozenset({"demands", "demand", "conditions", "requirements", "targets", "target", "goals", "expectations", "deadline", "needs", "obligations", "criteria", "commitments"})
DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight"})
ATTEMPT_WORDS = frozenset({"attempt", "attempted", "attempting", "attempts", "tried", "try", "tries", "trying"})
# Words that put what follows them in a wish, not in the world ('she hopes X and Y can coordinate').
WISH_WORDS = frozenset({"hope", "hopes", "hoped", "hoping", "wish", "wishes", "wished"})
CALL_FOR_VERBS = frozenset({"call", "push", "press", "ask", "appeal", "lobby"})
CALLING_LEMMAS = CALL_FOR_VERBS | {"urge", "demand", "seek"}
# A stated commitment to these is also an assurance to their target ('will provide aid to X').
PROMISABLE = frozenset({RelationType.AIDS, RelationType.SUPPORTS, RelationType.COOPERATES_WITH})
# What object_after does with a possessor ("X's"): keep it as the object ('sanctions on Iran's oil'),
# skip it ('arrested Iran's nuclear scientist' arrests no state), or skip it only before another
# actor ('met Iran's foreign minister Araghchi', but 'met Romania's new government').
POSSESSOR_KEPT, POSSESSOR_SKIPPED, POSSESSOR_BEFORE_ACTOR = "kept", "skipped", "before_actor"
MEASURE_NOUNS = frozenset({"days", "weeks", "months", "hours", "round", "rounds", "series", "wave", "waves", "week", "day", "package", "packages", "raft", "set"})
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
QUANTITY_PHRASES = frozenset({("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least"), ("up", "to"), ("as", "many")})
SYMMETRIC = frozenset({RelationType.MEETS, RelationType.AGREES_WITH, RelationType.COOPERATES_WITH})
# 'demanded that X ...': the complement's subject is the one asked; 'warned that X ...' is no threat to X.
COMPLEMENT_TARGETS = frozenset({RelationType.DEMANDS, RelationType.ACCUSES})
INFINITIVE_TARGETS = frozenset({RelationType.THREATENS, RelationType.REJECTS, RelationType.ASSURES})
# Harm held out on a condition ('could impose sanctions on X if ...') is a threat, as the ontology's
# 'if sanctions are imposed, Turkey would retaliate' says.
CONDITIONAL_THREATS = frozenset({RelationType.SANCTIONS, RelationType.ATTACKS})

# A stated intention to harm is the plot itself ('plans to kill X'); threatened or vowed harm, and
# any sanction announced for later ('would boycott all contact with Y'), is a threat.
INTENT_TO_KILL = {
    RelationType.KILLS: RelationType.PLOTS_AGAINST,
    RelationType.ATTACKS: RelationType.PLOTS_AGAINST,
    RelationType.SANCTIONS: RelationType.THREATENS,
    RelationType.ARRESTS: RelationType.PLOTS_AGAINST,
}


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    cues: CueSet
    verbal: bool


@Language.factory("geokg_relations")
def make_relation_extractor(nlp: Language, name: str) -> "RelationExtractor":
    return RelationExtractor(load_cues(), load_lexicon())


class RelationExtractor:
    def __init__(self, cues: tuple[CueSet, ...], lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.clause_subject: list[Mention] | None = None  # the last verb's subject in the current sentence
        self.norms: list[str] = []
        self.lemmas: list[str] = []
        self.assurance_cues = next(c for c in cues if c.type is RelationType.ASSURES)
        self.modal_starts = frozenset(modal.split()[0] for modal in lexicon.words["obligation_modals"])
        self.speech_lemmas = lexicon.words["reporting_verbs"] | {"urge", "stress", "warn", "demand"}
        self.hostile_words = frozenset(
            word for c in cues if c.type in HOSTILE for word in (*c.verbs, *(n[0] for n in c.nouns if len(n) == 1))
        )
        self.verbs: dict[str, CueSet] = {}
        self.nouns: dict[tuple[str, ...], CueSet] = {}
        self.phrases: dict[tuple[str, ...], CueSet] = {}
        for cue_set in cues:
            self.verbs.update(dict.fromkeys(cue_set.verbs, cue_set))
            self.nouns.update(dict.fromkeys(cue_set.nouns, cue_set))
            self.phrases.update(dict.fromkeys(cue_set.phrases, cue_set))
        self.max_noun = max(len(n) for n in self.nouns)
        self.max_phrase = max(len(p) for p in self.phrases)
        self.noun_starts = {n[0] for n in self.nouns}
        self.phrase_starts = {p[0] for p in self.phrases}
        self.cue_lemmas = frozenset(self.verbs) | self.phrase_starts
        self.compounds = lexicon.phrases["cue_word_compounds"]

    def __call__(self, doc: Doc) -> Doc:
        analysis: Analysis = doc._.geokg
        if analysis is None or not analysis.mentions:
            return doc
        self.norms, self.lemmas = analysis.norms, analysis.lemmas  # token lists: faster than Token objects
        sentence = SentenceView.index(analysis)
        pending: list[tuple[Span, Cue, list[Mention]]] = []
        for sent in doc.sents:
            view = sentence(sent)
            analysis.relations.extend(self.resolve_bridges(pending, view))
            pending = []
            if not view.mentions:
                continue
            words = set(analysis.norms[sent.start : sent.end])
            wishful = bool(words & self.modal_starts) or bool(words & WISH_WORDS)
            if words & self.modal_starts:
                analysis.relations.extend(self.obligation_demands(view))
            if words & self.lex.words["assurance_cues"]:
                analysis.relations.extend(self.stated_assurances(view))
            if words & {"would", "will"}:
                analysis.relations.extend(self.reported_commitments(view))
            if "out" in words:
                analysis.relations.extend(self.expulsions(view))
            if "from" in words:
                analysis.relations.extend(self.entry_bans(view))
            self.clause_subject = None
            demand_ends: list[int] = []
            directors: tuple[list[str], int] | None = None
            for cue in self.find_cues(sent, analysis):
                if cue.verbal and self.is_demanded(view, cue, demand_ends) or wishful and self.is_obligation(view, cue):
                    continue  # 'urged Kabul to ... cooperate with Pakistan', 'the U.S. should use sanctions': asked for, not done
                found = self.relations_for(view, cue)
                found += self.directed_plots(found, directors, cue)
                if cue.verbal and cue.cues.type is RelationType.DEMANDS:
                    demand_ends.append(cue.end)
                    found += self.calls_against(view, cue)
                if cue.verbal and cue.cues.type is RelationType.DIRECTS and found and not self.by_follows_verb(doc, cue, view):
                    directors = ([r.source for r in found], cue.end)  # active 'X hired Y to ...', not 'Y was instructed by X
                analysis.relations.extend(found)
                if not found and cue.verbal and cue.cues.type in BRIDGED_TYPES:
                    pending.extend(self.unnamed_patients(view, cue))
        analysis.relations = drop_self_dealings(deduplicate(analysis.relations))
        return doc

    def calls_against(self, view: "SentenceView", cue: Cue) -> list[Relation]:
        """Whose side a call takes: 'called on Arabs to unite and mobilize against X' condemns X, 'urged
        the EU to support the PLO' supports the PLO. A call to stop or avoid something against X ('urged
        Israel to halt strikes against Y') takes no side."""
        seen_to = False
        for j in range(cue.end, min(cue.end + 14, view.sent.end - 1)):
            word = self.norms[j]
            if word in {";", ":", "."} or word in self.lex.words["relative_pronouns"] or word in CALL_RESTRAINTS:
                return []
            seen_to = seen_to or self.opens_infinitive(view, j)
            if word == "against" and seen_to:
                return self.side_taken(view, cue, view.object_after(j, {"against"}, self.lex, direct=False, reach=6), RelationType.CRITICIZES)
            if self.norms[j - 1] == "to" and self.lemmas[j] in SUPPORTING_ACTS:
                return self.side_taken(view, cue, view.object_after(j + 1, frozenset(), self.lex, direct=True, reach=3), RelationType.SUPPORTS)
        return []

    def side_taken(self, view: "SentenceView", cue: Cue, target: list[Mention] | None, relation_type: RelationType) -> list[Relation]:
        source = view.subject_before(cue.start, self.lex)
        return pair_up(view, source, target, relation_type, 0.5, view.analysis.span_text(cue.start, cue.end))

    def directed_plots(self, found: list[Relation], directors: tuple[list[str], int] | None, cue: Cue) -> list[Relation]:
        """'hired Mehdiyev to kill Alinejad': who hires or orders a killing plots it too."""
        if directors is None or cue.start - directors[1] > 4:
            return []
        return [
            replace(relation, source=director, confidence=relation.confidence - 0.1)
            for relation in found if relation.type is RelationType.PLOTS_AGAINST
            for director in directors[0] if director not in {relation.source, relation.target}
        ]

    def unnamed_patients(self, view: "SentenceView", cue: Cue) -> list[tuple[Span, Cue, list[Mention]]]:
        """'prosecuting individuals connected to ...': a charge or arrest of people the sentence leaves unnamed."""
        doc = view.sent.doc
        following = [t.norm_ for t in doc[cue.end : min(cue.end + 3, view.sent.end)]]
        if not any(word in self.lex.words["unnamed_people"] for word in following):
            return []
        by_phrase = self.agent_after(view, cue.end)
        agent = by_phrase if by_phrase and self.is_passive(doc, cue) else view.subject_before(cue.start, self.lex)
        return [(view.sent, cue, agent)] if agent else []

    def resolve_bridges(self, pending: list[tuple[Span, Cue, list[Mention]]], view: "SentenceView") -> list[Relation]:
        """'... prosecuting individuals ... . Notably, Farhad Shakeri, ...': the person the next sentence opens on.

        Kept to the next sentence's subject, a named person within its first words, and given a
        low confidence: the link is the reader's inference, stated across two sentences.
        """
        if not pending or not view.mentions:
            return []
        first = view.mentions[0]
        if first.type is not ActorType.PERSON or not first.argument or first.start - view.sent.start > BRIDGE_REACH:
            return []
        opening = view.sent.doc[view.sent.start : first.start]
        if not all(t.is_punct or t.norm_.endswith("ly") or t.norm_ in SENTENCE_OPENERS for t in opening):
            return []  # 'Officials said that X ...' does not open on X
        relations = []
        for sent, cue, agents in pending:
            if "\n" in sent[-1].text or view.sent.start_char - sent.end_char > 2:
                continue  # only within one paragraph
            negated, modality = self.qualify(SentenceView(sent, [], view.analysis), cue)
            for agent in agents:
                if agent.key != first.key:
                    relations.append(
                        Relation(
                            agent.key, first.key, cue.cues.type, sent.start_char, view.sent.end_char,
                            negated=negated, modality=modality, confidence=0.4, cue=sent.doc[cue.start : cue.end].text,
                        )
                    )
        return relations

    # -- cues --------------------------------------------------------------------------------

    def find_cues(self, sent: Span, analysis: Analysis) -> list[Cue]:
        doc = sent.doc
        cues = []
        norms, lemmas = analysis.norms, analysis.lemmas
        i = sent.start
        while i < sent.end:
            if lemmas[i] not in self.cue_lemmas and norms[i] not in self.noun_starts:
                i += 1
                continue
            cue = self.cue_at(doc, analysis, i, sent.end)
            if cue is None:
                i += 1
                continue
            cues.append(cue)
            i = cue.end
        return cues

    def cue_at(self, doc: Doc, analysis: Analysis, i: int, end: int) -> Cue | None:
        norms, lemmas = analysis.norms, analysis.lemmas
        if i + 1 < end and (norms[i], norms[i + 1]) in self.compounds:
            return None  # 'pressure groups', 'press conference': the cue word names a thing
        lemma = lemmas[i]
        if lemma in self.phrase_starts:
            # 'called Thursday on Arabs to ...': a day may stand between a phrase's verb and its particle
            skip = 1 if i + 2 < end and norms[i + 1] in DAY_WORDS else 0
            for gap in sorted({0, skip}):
                for size in range(min(self.max_phrase, end - i - gap), 1, -1):
                    words = (lemma, *norms[i + 1 + gap : i + size + gap])
                    if words in self.phrases:
                        return Cue(i, i + size + gap, self.phrases[words], True)
        if norms[i] in self.noun_starts:
            for size in range(min(self.max_noun, end - i), 0, -1):
                words = tuple(norms[i : i + size])
                if words in self.nouns and not self.is_verb_use(doc, i, size):
                    return Cue(i, i + size, self.nouns[words], False)
        if lemma not in self.verbs:
            return None
        if (not doc[i].is_title or doc[i].is_sent_start) and not self.is_adjective_use(doc, i):
            return Cue(i, i + 1, self.verbs[lemma], True)
        return None

    def is_adjective_use(self, doc: Doc, i: int) -> bool:
        """'the alleged plot', "the IRGC's alleged orchestration": a participle qualifying a noun."""
        before = self.norms[i - 1] if i > 0 else ""
        if before == "-":
            return True  # 'U.S.-backed forces', 'Iran-linked': part of a compound adjective
        if before in {"a", "an", "the", "this", "its", "their", "any", "no", "some", "such"} and not self.norms[i].endswith(("ed", "ing")):
            return True  # 'a press gaggle', 'the charge', 'any direct assistance': a noun or an adjective
        return self.norms[i].endswith("ed") and before in {"the", "a", "an", "'s", "its", "their", "his", "her"}

    def is_verb_use(self, doc: Doc, i: int, size: int) -> bool:
        """'to strike', 'will attack', 'they strike': a noun form used as a verb."""
        if size > 1 or self.lemmas[i] not in self.verbs:
            return False
        before = self.norms[i - 1] if i > 0 else ""
        if self.norms[i].endswith("ing") and i + 1 < len(doc) and before not in self.lex.words["determiners"] | POSSESSIVE_MARKS:
            following = doc[i + 1]
            if following.norm_ in {"the", "a", "an"} or following.is_title or following.is_upper:
                return True  # 'the coalition bombing IS', 'jets shelling the city': a gerund with its object
        return before in {"to", "will", "would", "could", "may", "might", "can", "did", "not", "never", "n't", "they", "we", "also", "help", "helps", "helped", "helping"}

    # -- arguments ---------------------------------------------------------------------------

    def relations_for(self, view: "SentenceView", cue: Cue) -> list[Relation]:
        doc = view.sent.doc
        if cue.verbal and not self.has_required_object(doc, cue, view):
            return []
        if cue.verbal and cue.cues.type is RelationType.DIRECTS and self.is_expulsion(view, cue.start):
            return []  # 'ordered the ambassador out' expels; it instructs no one
        if cue.verbal and self.lemmas[cue.start] == "meet" and any(word in MET_OBLIGATIONS for word in self.norms[cue.end : min(cue.end + 4, view.sent.end)]):
            return []  # 'refused to meet Algeria's demands' meets no one
        pairs = self.verbal_arguments(view, cue) if cue.verbal else self.nominal_arguments(view, cue)
        if not pairs and cue.verbal and doc.has_annotation("DEP"):
            pairs = self.parsed_arguments(view, cue)  # a pretrained parser, when configured, adds to the rules
        implied = self.implied_types(view, cue)  # the same for every pair of this cue
        text = view.analysis.span_text(cue.start, cue.end)
        relations = []
        for sources, targets, confidence in pairs:
            relation_type = cue.cues.type
            negated, modality = self.qualify(view, cue)
            if relation_type is RelationType.ARRESTS and cue.verbal and self.holds_to_blame(view, cue):
                relation_type = RelationType.ACCUSES  # 'holds Moscow responsible for the strike'
            if relation_type is RelationType.SANCTIONS and not cue.verbal and self.is_called_for(view, cue):
                relation_type = RelationType.CRITICIZES  # a call for sanctions condemns their target; none is imposed
            if modality is Modality.INTENDED and relation_type in INTENT_TO_KILL:
                relation_type = self.intended_type(view, cue, relation_type)
            elif modality is Modality.HYPOTHETICAL and relation_type in CONDITIONAL_THREATS and self.has_condition(view, cue):
                relation_type, modality = RelationType.THREATENS, Modality.ASSERTED  # 'may halt its mediation ... if': a stated threat
            for source in sources:
                for target in targets:
                    if source.key == target.key or relation_type is cue.cues.type and not self.fits_types(cue, doc, source, target):
                        continue  # a retyped cue ('held X responsible') no longer needs its own type's targets
                    if relation_type is RelationType.ATTACKS and is_verbal_attack(cue, doc, source, target):
                        relation_type = RelationType.CRITICIZES
                    if relation_type is RelationType.DENIES and cue.verbal and self.owns_rejected_proposal(doc, cue, target):
                        relation_type = RelationType.REJECTS  # 'dismissed Putin's response', not his claims
                    relations.append(
                        Relation(
                            source.key, target.key, relation_type, view.sent.start_char, view.sent.end_char,
                            negated=negated, modality=modality, confidence=confidence, cue=text,
                        )
                    )
                    relations.extend(
                        Relation(
                            source.key, target.key, extra, view.sent.start_char, view.sent.end_char,
                            negated=negated, confidence=confidence - 0.1, cue=text,
                        )
                        for extra in implied
                    )
        return relations

    def implied_types(self, view: "SentenceView", cue: Cue) -> tuple[RelationType, ...]:
        """What a cue also says: a demand 'or face' something threatens; a committed aid or support assures."""
        if cue.cues.type is RelationType.DEMANDS and self.has_ultimatum(view, cue):
            return (RelationType.THREATENS,)
        if cue.cues.type in PROMISABLE and self.is_commitment(view, cue):
            return (RelationType.ASSURES,)
        if cue.cues.type in {RelationType.KILLS, RelationType.ATTACKS} and self.is_attempt(view, cue):
            return (RelationType.ATTACKS,)
        return ()

    def is_attempt(self, view: "SentenceView", cue: Cue) -> bool:
        """'attempted to assassinate X', 'tried to kill X': the plot was carried out, an attack on X."""
        before = self.norms[max(view.sent.start, cue.start - 3) : cue.start]
        return "to" in before and bool(ATTEMPT_WORDS.intersection(before))

    def owns_rejected_proposal(self, doc: Doc, cue: Cue, target: Mention) -> bool:
        """'dismissed Putin's response', 'dismissed an appeal from Gbagbo': a proposal, not a claim."""
        proposals = self.lex.words["proposal_nouns"] - {"claim", "claims"}
        if any(word in proposals for word in self.norms[cue.end : target.start]):
            return True
        following = self.norms[target.end : target.end + 4]
        if not following or following[0] not in POSSESSIVE_MARKS:
            return False
        return any(word in proposals for word in following[1:])

    def holds_to_blame(self, view: "SentenceView", cue: Cue) -> bool:
        """'held X responsible', 'hold Y accountable': holding to blame, not in custody."""
        following = self.norms[cue.end : min(cue.end + 6, view.sent.end)]
        return self.lemmas[cue.start] == "hold" and any(word in {"responsible", "accountable", "liable"} for word in following)

    def has_ultimatum(self, view: "SentenceView", cue: Cue) -> bool:
        """'urged Russia to accept a ceasefire or face more sanctions': the demand carries a threat."""
        norms = self.norms
        return any(norms[i] == "or" and norms[i + 1] in {"face", "risk"} for i in range(cue.end, view.sent.end - 1))

    def people_in_subject(self, view: "SentenceView", cue: Cue) -> list[Mention] | None:
        """'A camp for Congolese refugees was attacked by ...': a state's people, right before the
        passive verb inside its subject ('for'/'of'), are who suffer the act."""
        i = self.before_adverbs(cue.start - 1, view.sent.start)
        while i > view.sent.start and self.norms[i] in BE_LEMMAS | {"has", "have", "had"}:
            i = self.before_adverbs(i - 1, view.sent.start)
        mention = view.by_end.get(i + 1)
        if mention is None or mention.kind != "demonym_group" or view.preceded_by_preposition(mention, self.lex) not in {"for", "of"}:
            return None
        return [mention]

    def has_condition(self, view: "SentenceView", cue: Cue) -> bool:
        """An 'if' or 'unless' clause later in the same clause: the harm is held out as a condition."""
        for i in range(cue.end, view.sent.end):
            if self.norms[i] in {";", ":"}:
                return False
            if self.norms[i] in {"if", "unless"}:
                return True
        return False

    def intended_type(self, view: "SentenceView", cue: Cue, relation_type: RelationType) -> RelationType:
        """'threatened/vowed/warned to strike X' is a threat, 'plans/plotted to kill X' a plot; a
        sanction announced or decided ('announced it would prohibit all aid to X') is the sanction."""
        words = set(self.lemmas[max(view.sent.start, cue.start - 6) : cue.start])
        if words & {"threaten", "vow", "warn", "menace"}:
            return RelationType.THREATENS
        if relation_type is RelationType.SANCTIONS and words & {"announce", "decide"}:
            return RelationType.SANCTIONS
        return INTENT_TO_KILL[relation_type]

    def is_commitment(self, view: "SentenceView", cue: Cue) -> bool:
        """'France will send troops to', 'agreed to provide aid for', 'is ready to contribute':
        the source binds itself to a cooperative act, which is its assurance to the target."""
        doc = view.sent.doc
        for i in range(cue.start - 1, max(view.sent.start, cue.start - 8) - 1, -1):
            if i + 1 in view.by_end or not (doc[i].is_alpha or doc[i].like_num):
                return False  # the commitment must be the same actor's, in the same clause
            if self.norms[i] in self.lex.words["commitment_cues"]:
                return True
        return False

    def obligation_demands(self, view: "SentenceView") -> list[Relation]:
        """'X said Y must ...', 'Y should ..., X said': the speaker demands it of Y."""
        doc = view.sent.doc
        relations = []
        for mention in view.mentions:
            modal = self.obligation_at(doc, mention.end, view.sent.end) if mention.argument else None
            if modal is None:
                continue
            obliged = view.coordinated_before(mention)  # 'said US and British forces must'
            before = self.reporter_before(view, obliged[0].start)
            speakers = [before] if before else self.reporter_after(view, mention.end)
            if not speakers:
                continue
            relations.extend(pair_up(view, speakers, obliged, RelationType.DEMANDS, 0.55, view.analysis.texts[modal]))
        return relations

    def stated_assurances(self, view: "SentenceView") -> list[Relation]:
        """'Syria is willing to withdraw its troops from Lebanon', 'agreed to reopen its borders to UN
        peacekeepers': binding oneself to an act toward another actor is an assurance to it. Acts that
        are themselves hostile ('agreed to attack X') are left to their own cues."""
        norms = self.norms
        relations = []
        for i in range(view.sent.start, view.sent.end - 2):
            if norms[i] not in self.lex.words["assurance_cues"]:
                continue
            to = self.infinitive_after(view, i)
            if to is None:
                continue
            if self.is_hostile_act(view, to + 1):
                continue  # 'offered to pay them to plan her murder'
            subject = view.subject_before(i, self.lex)
            target = self.assured_party(view, to + 2)
            relations.extend(self.assurances(view, i, subject, target))
        return relations

    def reported_commitments(self, view: "SentenceView") -> list[Relation]:
        """'Iraq said it would allow the return of U.N. weapons inspectors': a stated will to grant,
        release, return or reopen something to another actor is an assurance to it."""
        relations = []
        for i in range(view.sent.start + 2, view.sent.end - 2):
            if self.norms[i] not in {"would", "will"}:
                continue
            act = i + 2 if self.norms[i + 1] in self.lex.words["negations"] else i + 1
            if self.lemmas[act] not in self.lex.words["assured_acts"] or not self.is_reported(view, i) or self.is_hostile_act(view, act):
                continue
            subject = view.subject_before(i, self.lex)
            target = self.assured_party(view, act + 1, extra_preps=frozenset({"of"}))
            relations.extend(self.assurances(view, i, subject, target, refused=act > i + 1))
        return relations

    def expulsions(self, view: "SentenceView") -> list[Relation]:
        """'Jakarta forced the UN refugee agency, UNHCR, out of the country', 'ordered the envoy out':
        putting an actor out of one's country expels it, a sanction."""
        relations = []
        for i in range(view.sent.start + 1, view.sent.end - 2):
            if not self.is_expulsion(view, i):
                continue
            expelled = view.object_after(i + 1, frozenset(), self.lex, direct=True, reach=3)
            expelled = [m for m in expelled or [] if m.type is not ActorType.ARMED_GROUP]  # fighters forced out are fought, not expelled
            subject = view.subject_before(i, self.lex)
            negated, modality = self.qualify_word(view, i)
            relations.extend(pair_up(view, subject, expelled, RelationType.SANCTIONS, 0.55, f"{self.norms[i]} out", negated, modality))
        return relations

    def is_expulsion(self, view: "SentenceView", i: int) -> bool:
        """'forced the agency out of the country', 'ordered the ambassador out within 72 hours'."""
        if self.lemmas[i] not in self.lex.words["expulsion_verbs"]:
            return False
        out = next((j for j in range(i + 2, min(i + 10, view.sent.end)) if self.norms[j] == "out" or self.norms[j] in {";", ":"}), None)
        return out is not None and self.norms[out] == "out" and self.leaves_the_country(view, out)

    def leaves_the_country(self, view: "SentenceView", out: int) -> bool:
        """'out of the country', 'out of Indonesia', 'out within 72 hours': not 'out of the town'."""
        if out + 1 >= view.sent.end or self.norms[out + 1] != "of":
            return True
        j = out + 2
        if j < view.sent.end and self.norms[j] in {"the", "its", "their"}:
            if j + 1 < view.sent.end and self.norms[j + 1] in {"country", "territory", "nation"}:
                return True
            j += 1
        place = view.by_start.get(j)
        return place is not None and place.type is ActorType.STATE

    def entry_bans(self, view: "SentenceView") -> list[Relation]:
        """'A, his son, B, and his daughter, C, are barred from travel to the United States': the
        state whose entry is barred sanctions each one barred."""
        relations = []
        for i in range(view.sent.start + 1, view.sent.end - 3):
            if self.lemmas[i] not in {"bar", "ban", "prohibit", "forbid"} or self.norms[i + 1] != "from" or self.norms[i + 2] not in ENTRY_WORDS:
                continue
            j = i + 3
            while j < view.sent.end and self.norms[j] in {"to", "the"}:
                j += 1
            state = view.by_start.get(j)
            if state is None or state.type is not ActorType.STATE:
                continue
            barred = [m for m in view.mentions if m.end <= i and m.argument and view.preceded_by_preposition(m, self.lex) is None]
            negated, modality = self.qualify_word(view, i)
            relations.extend(pair_up(view, [state], barred, RelationType.SANCTIONS, 0.5, view.analysis.span_text(i, i + 3), negated, modality))
        return relations

    def is_reported(self, view: "SentenceView", i: int) -> bool:
        """'said it would', 'announced that Iraq will': the subject before i is a speech verb's complement."""
        mention = view.by_end.get(i)
        if mention is None and self.norms[i - 1] not in SUBJECT_PRONOUNS:
            return False
        j = mention.start - 1 if mention is not None else i - 2
        if j > view.sent.start and self.norms[j] == "that":
            j -= 1
        return j >= view.sent.start and self.lemmas[j] in self.lex.words["reporting_verbs"]

    def is_hostile_act(self, view: "SentenceView", start: int) -> bool:
        """Whether the clause from start names a hostile act, which is no assurance ('to plan her murder')."""
        for i in range(start, min(start + 12, view.sent.end)):
            word = self.norms[i]
            if word in {",", ";", ":", "if", "following"} or word in self.lex.words["clause_boundaries"]:
                return False
            if self.lemmas[i] in self.hostile_words and not self.qualifies_noun(view, i):
                return True
        return False

    def qualifies_noun(self, view: "SentenceView", i: int) -> bool:
        """'equipment seized last year': a participle right after a noun describes it; it is no act of the clause."""
        before = view.sent.doc[i - 1]
        return self.norms[i].endswith("ed") and before.is_lower and before.is_alpha and before.norm_ not in BE_LEMMAS | AUXILIARIES | ADVERBS_TO_SKIP and before.norm_ not in {"and", "or", "to", "who", "which", "that"}

    def assurances(self, view: "SentenceView", i: int, subject: list[Mention] | None, target: list[Mention] | None, refused: bool = False) -> list[Relation]:
        """The source binds itself to the act at i; the target is who the act is for."""
        negated, _ = self.qualify_word(view, i)
        return pair_up(view, subject, target, RelationType.ASSURES, 0.5, view.analysis.texts[i], negated or refused)  # "said it would not release"

    def assured_party(self, view: "SentenceView", start: int, extra_preps: frozenset[str] = frozenset()) -> list[Mention] | None:
        """Whom an act is promised to: its direct object ('to forgive President X') or the object of
        'to/from/with/for' ('to return weapons to UN peacekeepers'), before any further infinitive."""
        i = start
        while i < view.sent.end and self.norms[i] in self.lex.words["determiners"]:
            i += 1
        direct = view.by_start.get(i)
        if direct is not None and direct.argument and not (direct.end < view.sent.end and self.norms[direct.end] in POSSESSIVE_MARKS):
            return view.coordinated_after(direct)
        for j in range(start, min(start + 10, view.sent.end - 1)):
            word = self.norms[j]
            if self.norms[j - 1] == "up" and view.quantity_words(j - 1):
                continue  # 'to contribute up to 4,000 troops to'
            if word in {",", ";", ":"} or word in self.lex.words["relative_pronouns"] or word in self.lex.words["clause_boundaries"]:
                return None
            if self.opens_infinitive(view, j):
                return None  # 'to pay her relatives to invite her to Turkey': a further purpose
            if word in {"to", "from", "with", "for"} or word in extra_preps:
                return view.object_after(j, {word}, self.lex, direct=False, reach=6)  # 'with the president of Armenia'
        return None

    def opens_infinitive(self, view: "SentenceView", j: int) -> bool:
        """'to' before a verb ('to withdraw'), not before a noun phrase ('to the UN')."""
        return self.norms[j] == "to" and view.sent.doc[j + 1].is_lower and self.norms[j + 1] not in self.lex.words["determiners"]

    def infinitive_after(self, view: "SentenceView", i: int) -> int | None:
        """The 'to' of 'agreed to', 'agreed in principle on Saturday to', before a verb."""
        doc = view.sent.doc
        for j in range(i + 1, min(i + 7, view.sent.end - 1)):
            if self.opens_infinitive(view, j):
                return j
            if not doc[j].is_alpha and not doc[j].like_num or j in view.by_start:
                return None
        return None

    def obligation_at(self, doc: Doc, end: int, sent_end: int) -> int | None:
        """Where 'must', 'should', 'has to' stands after the actor ending at end, if it does."""
        norms = self.norms
        i = end
        if i + 1 < sent_end and norms[i] in {"and", "or"} and norms[i + 1] == "other":
            i += 2  # 'the US and other developed nations must'
            while i < sent_end and i - end < 6 and doc[i].is_lower and doc[i].is_alpha and norms[i] not in self.modal_starts:
                i += 1
        while i < sent_end and norms[i] in ADVERBS_TO_SKIP:
            i += 1
        if i >= sent_end or norms[i] not in self.modal_starts:
            return None
        words = " ".join(norms[i : min(i + 2, sent_end)])
        return i if any(words == modal or words.startswith(modal + " ") for modal in self.lex.words["obligation_modals"]) else None

    def reporter_before(self, view: "SentenceView", start: int) -> Mention | None:
        """'Blinken said [that] Israel must': the subject of the speech verb right before."""
        i = start - 1
        while i > view.sent.start and (self.norms[i] in {"that", "the"} or self.norms[i] in self.lex.words["time_words"]):
            i -= 1  # 'declared Tuesday that China must', 'said here that the US must'
        if i <= view.sent.start or self.lemmas[i] not in self.speech_lemmas:
            return None
        speaker = view.subject_before(i, self.lex)
        return speaker[0] if speaker else None

    def reporter_after(self, view: "SentenceView", end: int) -> list[Mention] | None:
        """'Israel must do more, Blinken said', 'Israel should stop ..., the quartet – the US, Russia,
        the EU and the UN – recommended': the speaker of the sentence's last clause."""
        verbs = self.lex.words["reporting_verbs"]
        last_comma = max((i for i in range(end, view.sent.end) if self.norms[i] == ","), default=None)
        if last_comma is None:
            return None
        for j in range(last_comma + 1, view.sent.end):
            if self.lemmas[j] in verbs or self.norms[j] in self.lex.words["person_verbs"]:
                speaker = view.by_start.get(j + 1)  # '..., said Blinken'
                if speaker is not None and speaker.argument:
                    return [speaker]
                return view.subject_before(j, self.lex)
        return None

    def fits_types(self, cue: Cue, doc: Doc, source: Mention, target: Mention) -> bool:
        """'seized the port' is no arrest, and a newspaper does not hold talks."""
        lemma = self.lemmas[cue.start]
        if cue.verbal and lemma in cue.cues.requires_person_target and target.type is not ActorType.PERSON:
            return False
        return not (cue.cues.type is RelationType.MEETS and source.type is ActorType.MEDIA)

    def has_required_object(self, doc: Doc, cue: Cue, view: "SentenceView") -> bool:
        lemma = self.lemmas[cue.start]
        if lemma not in cue.cues.requires_object_noun:
            return True
        window = doc[cue.start + 1 : min(cue.end + 6, view.sent.end)]  # a phrase ('cut aid') may hold its own object
        return any(t.lemma_.lower() in cue.cues.object_nouns or t.norm_ in cue.cues.object_nouns for t in window)

    def verbal_arguments(self, view: "SentenceView", cue: Cue):
        doc = view.sent.doc
        agent = self.agent_after(view, cue.end) if self.by_follows_verb(doc, cue, view) else None
        if agent and self.is_passive(doc, cue):
            if self.follows_plain_noun(doc, cue, view):
                # 'soldiers backed by AU troops': the participle qualifies the noun right before it
                patient = [view.by_end[cue.start]] if cue.start in view.by_end else None
                return [(agent, patient, 0.6)] if patient else []
            patient = view.subject_before(cue.start, self.lex) or self.people_in_subject(view, cue)
            if patient:
                return [(agent, patient, 0.65)]
            return []
        if self.is_plain_passive(doc, cue, view):
            return []  # 'X was barred from travel to Y' names no one who bars
        lemma = self.lemmas[cue.start]
        if cue.cues.type is RelationType.MEETS and self.norms[cue.end - 1] == "in":
            return self.visit_arguments(view, cue)
        if self.is_reduced_relative(doc, cue, view):
            subject = view.holder_before(cue.start)
            if subject is None and self.norms[cue.start - 1] in self.lex.words["statement_nouns"]:
                subject = view.subject_before(cue.start - 1, self.lex)  # 'X issued a declaration demanding that Y
        elif self.clause_subject and self.follows_and(view, cue):
            subject = self.clause_subject  # 'troops attacked Boko Haram and later arrested 12 smugglers'
        elif self.follows_and(view, cue) and view.opening_subject(self.lex):
            subject = view.opening_subject(self.lex)  # 'Benin opened its borders ..., but was still refusing'
        else:
            subject = view.subject_before(cue.start, self.lex)
        if not subject:
            subject = self.weapon_holder(view, cue)
        if not subject:
            return []
        self.clause_subject = subject
        preps = frozenset() if lemma in cue.cues.direct_only else cue.cues.target_preps
        if lemma in self.lex.words["mutual_verbs"]:
            preps = frozenset({"with"})  # 'clashed in Khartoum' names a place; 'clashed with X' the other side
        if cue.end - cue.start > 1 and self.norms[cue.end - 1] in self.lex.words["prepositions"]:
            preps = preps | {self.norms[cue.end - 1]}  # 'opened an embassy in Tehran': the phrase's own preposition
        target = view.object_after(
            cue.end, preps, self.lex,
            direct=lemma not in cue.cues.prepositional_only,
            infinitive=cue.cues.type in INFINITIVE_TARGETS,
            complement=cue.cues.type in COMPLEMENT_TARGETS,
            possessors=POSSESSOR_SKIPPED if cue.cues.type is RelationType.ARRESTS else POSSESSOR_BEFORE_ACTOR if cue.cues.type is RelationType.MEETS else POSSESSOR_KEPT,
        )
        if target and cue.cues.type is RelationType.CRITICIZES and self.norms[cue.end - 1] in {"to", "with"}:
            target = self.grievance_target(view, target[-1].end) or target  # 'complained to the UN over Israeli raids'
        if not target and cue.cues.type in SYMMETRIC and len(subject) > 1 and not self.has_other_partner(view, cue):
            return [(subject[:1], subject[1:], 0.6)]
        if lemma in self.lex.words["mutual_verbs"]:
            # 'the army and the RSF clashed', 'Indian troops clashed with Chinese soldiers': each side acted
            one, other = (subject, target) if target else (subject[:1], subject[1:])
            return [(one, other, 0.55), (other, one, 0.55)] if other else []
        if not target and cue.cues.type is RelationType.PROTESTS and not self.has_direct_object(view, cue):
            target = self.protested_party(view, cue, subject)
            return [(subject, target, 0.5)] if target else []
        if not target and cue.cues.type is RelationType.THREATENS:
            target = self.condition_party(view, cue, subject)
            return [(subject, target, 0.5)] if target else []
        return [(subject, target, 0.7)] if target else []

    def grievance_target(self, view: "SentenceView", start: int) -> list[Mention] | None:
        """'complained to the UN over two Israeli air raids': the one addressed hears the complaint,
        the one complained about is after 'over', 'about' or 'against'."""
        for i in range(start, min(start + 4, view.sent.end)):
            if self.norms[i] in {"over", "about", "against"}:
                return view.object_after(i, {self.norms[i]}, self.lex, direct=False, reach=5)
        return None

    def weapon_holder(self, view: "SentenceView", cue: Cue) -> list[Mention] | None:
        """'Israeli airstrikes killed 20 fighters', 'Russia's shelling hit Kharkiv': the state whose force it is."""
        i = self.before_adverbs(cue.start - 1, view.sent.start)
        if i <= view.sent.start:
            return None
        size = 2 if (self.norms[i - 1], self.norms[i]) in self.lex.phrases["weapon_nouns"] else 1
        if size == 1 and self.norms[i] not in self.lex.words["weapon_nouns"]:
            return None
        return view.holder_before(i + 1 - size)

    def condition_party(self, view: "SentenceView", cue: Cue, subject: list[Mention]) -> list[Mention] | None:
        """'threatened to hold a general strike unless Israel rescinded ...': the threat is aimed at
        whoever must act to avert it, the subject of the 'unless' clause."""
        keys = {m.key for m in subject}
        for i in range(cue.end, view.sent.end - 1):
            if self.norms[i] in {";", ":"}:
                return None
            if self.norms[i] == "unless":
                j = i + 1
                while j < view.sent.end and self.norms[j] in self.lex.words["determiners"]:
                    j += 1
                mention = view.by_start.get(j)
                return [mention] if mention is not None and mention.argument and mention.key not in keys else None
        return None

    def has_direct_object(self, view: "SentenceView", cue: Cue) -> bool:
        """'to demonstrate the Quad's strength': a transitive use, which is no protest."""
        if cue.end >= view.sent.end or self.lemmas[cue.start] not in cue.cues.prepositional_only:
            return False
        following = view.sent.doc[cue.end]
        return following.norm_ in self.lex.words["determiners"] or cue.end in view.by_start

    def protested_party(self, view: "SentenceView", cue: Cue, protesters: list[Mention]) -> list[Mention] | None:
        """'began a hunger strike to protest against Sweden's decision', 'blocked a road to show their
        disapproval for the United States' policies': what a protest is against comes later in the clause,
        after 'against', 'of', 'for', 'by' or as the owner of a decision or policy."""
        keys = {m.key for m in protesters}
        for i in range(cue.end, min(cue.end + 16, view.sent.end)):
            word = self.norms[i]
            if word in {";", ":"} or word in self.lex.words["relative_pronouns"] or word in self.lex.words["person_verbs"]:
                return None
            mention = view.by_start.get(i)
            if mention is None or not (mention.argument or view.owns_proposal(mention, self.lex)) or mention.key in keys:
                continue
            before = view.preceded_by_preposition(mention, self.lex)
            owner = mention.end < view.sent.end and self.norms[mention.end] in POSSESSIVE_MARKS
            if before in {"against", "of", "for", "by", "over", "to", "with"} or owner:
                return [mention]
        return None

    def visit_arguments(self, view: "SentenceView", cue: Cue):
        """'Saddam Hussein arrived in Amman': a person's arrival in a state or its capital is a visit."""
        i = cue.end + 1 if cue.end < view.sent.end and self.norms[cue.end] == "the" else cue.end
        place = view.by_start.get(i)
        subject = view.subject_before(cue.start, self.lex)
        if place is None or place.type is not ActorType.STATE or not subject:
            return []
        visitors = [m for m in subject if m.type is ActorType.PERSON]
        return [(visitors, [place], 0.5)] if visitors else []

    def follows_and(self, view: "SentenceView", cue: Cue) -> bool:
        """'... and later killed', '... but was still refusing': a second verb sharing the first one's subject."""
        i = self.before_adverbs(cue.start - 1, view.sent.start + 1)
        while i > view.sent.start and self.norms[i] in AUXILIARIES:
            i = self.before_adverbs(i - 1, view.sent.start + 1)
        return i > view.sent.start and self.norms[i] in {"and", "but"}

    def has_other_partner(self, view: "SentenceView", cue: Cue) -> bool:
        """'met with opposition', 'agreed with the assessment': the partner is no actor."""
        return cue.end < view.sent.end and self.norms[cue.end] == "with"

    def is_obligation(self, view: "SentenceView", cue: Cue) -> bool:
        """'should use sanctions against', 'must stop attacking', 'hopes the US and the UK can
        coordinate': what someone ought to do, or hopes for, has not happened."""
        if cue.cues.type in {RelationType.DEMANDS, RelationType.THREATENS, RelationType.DENIES}:
            return False
        first = max(view.sent.start, cue.start - 4)
        if self.modal_starts.intersection(self.norms[first : cue.start]):
            before = " ".join(self.norms[first : cue.start])
            if any(f" {modal} " in f" {before} " for modal in self.lex.words["obligation_modals"]):
                return True
        for i in range(cue.start - 1, max(view.sent.start, cue.start - 10) - 1, -1):
            if self.norms[i] in {";", ":", "but", "."}:
                return False
            if self.norms[i] in WISH_WORDS:
                return True
        return False

    def is_demanded(self, view: "SentenceView", cue: Cue, demand_ends: list[int]) -> bool:
        """A cue inside the 'to' complement of an earlier demand in the sentence is what is asked."""
        if cue.cues.type in {RelationType.DEMANDS, RelationType.THREATENS} or not demand_ends:
            return False
        between = self.norms[demand_ends[-1] : cue.start]
        if "to" not in between:
            return False
        return not any(w in {";", ":", "but", "while", "which", "who", "said", "says"} for w in between)

    def parsed_arguments(self, view: "SentenceView", cue: Cue):
        """Subject and object from a dependency parse: 'Iran, whose officials have long denied ...,
        condemned Israel' puts the subject beyond the rules' reach."""
        verb = view.sent.doc[cue.start]
        covering = {i: m for m in view.mentions if m.argument for i in range(m.start, m.end)}

        def actors(tokens) -> list[Mention]:
            found = []
            for token in tokens:
                for t in (token, *token.conjuncts):
                    mention = covering.get(t.i)
                    if mention is not None and mention not in found:
                        found.append(mention)
            return found

        children = list(verb.children)
        subjects = actors(c for c in children if c.dep_ == "nsubj")
        patients = actors(c for c in children if c.dep_ == "nsubjpass")
        agents = actors(g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj")
        objects = actors(c for c in children if c.dep_ == "dobj") or actors(
            g for c in children if c.dep_ == "prep" and c.lower_ in cue.cues.target_preps for g in c.children if g.dep_ == "pobj"
        )
        if patients and agents:
            return [(agents, patients, 0.55)]
        return [(subjects, objects, 0.55)] if subjects and objects else []

    def nominal_arguments(self, view: "SentenceView", cue: Cue):
        holder = view.holder_before(cue.start)
        agent = self.agent_after(view, cue.end) or view.after_preposition(cue.end, {"from"}, self.lex, reach=2)
        target = self.nominal_target(view, cue)
        receiver = self.receiver_before(view, cue.start)
        if receiver and agent:
            return [(agent, receiver, 0.6)]
        if cue.cues.type is RelationType.SANCTIONS and holder:
            target_under = self.under_sanctions(view, cue, holder)
            if target_under:
                return [(holder, target_under, 0.55)]  # 'Stroygazmontazh, which is already under U.S. sanctions'
        if cue.cues.possessive_is_target:
            # 'Soleimani's killing by X', 'the killing of Y by X': the holder is who suffers it.
            victim = holder or view.after_preposition(cue.end, {"of"}, self.lex, reach=2)
            if agent and victim:
                return [(agent, victim, 0.55)]
            doer = self.light_verb_subject(view, cue.start)  # 'X committed genocide against Y'
            target = self.nominal_target(view, cue) if doer else None
            return [(doer, target, 0.55)] if doer and target else []
        source = agent or holder or self.light_verb_subject(view, cue.start)
        if not source and cue.cues.type is RelationType.PROTESTS:
            source = self.participants(view, cue.start)
        if not source and not target and cue.cues.type is RelationType.MEETS:
            told = self.told_in_conversation(view, cue)
            if told:
                return [told]
        if source and target:
            return [(source, target, 0.6)]
        if source and cue.cues.type is RelationType.PROTESTS:
            protested = self.protested_party(view, cue, source)
            return [(source, protested, 0.5)] if protested else []
        if cue.cues.type not in SYMMETRIC and tuple(self.norms[cue.start : cue.end]) not in self.lex.phrases["mutual_cues"]:
            return []
        if holder and cue.cues.type in SYMMETRIC:
            partner = view.hyphen_partner(holder[0])
            if partner:
                return [([partner], holder, 0.6)]  # 'the U.S.-Japan alliance'
        pair = view.after_preposition(cue.end, {"between"}, self.lex, reach=4)
        if source and pair and cue.cues.type is RelationType.MEETS:
            return [(source, pair, 0.55)]  # 'X undertook a mediation mission between Syria and Y'
        if not source and pair and len(pair) > 1:
            return [(pair[:1], pair[1:], 0.6)]  # 'a treaty signed between Iran and Russia'
        if source and len(source) > 1 and not target:
            return [(source[:1], source[1:], 0.55)]  # 'French and Egyptian warships launched war games'
        parties = view.subject_before(cue.start, self.lex)
        if parties and len(parties) > 1 and cue.start - parties[-1].end <= 4:
            return [(parties[:1], parties[1:], 0.55)]  # 'the U.S. and Russia entered a ceasefire agreement'
        return []

    def under_sanctions(self, view: "SentenceView", cue: Cue, holder: list[Mention]) -> list[Mention] | None:
        """Who is 'under U.S. sanctions': the subject of the clause the phrase ends."""
        i = holder[0].start - 1
        while i > view.sent.start and self.norms[i] in self.lex.words["determiners"]:
            i -= 1
        if self.norms[i] != "under":
            return None
        return view.subject_before(i, self.lex)

    def is_reduced_relative(self, doc: Doc, cue: Cue, view: "SentenceView") -> bool:
        """'plots targeting Trump': an -ing form right after a noun qualifies that noun."""
        if not self.norms[cue.start].endswith("ing") or cue.start == view.sent.start:
            return False
        before = doc[cue.start - 1]
        return before.is_lower and before.is_alpha and before.norm_ not in BE_LEMMAS | ADVERBS_TO_SKIP and before.norm_ not in self.lex.words["clause_boundaries"] and before.norm_ not in {"by", "and", "or", "of", "in", "for", "from", "without"} and not before.norm_.endswith("ly")

    def nominal_target(self, view: "SentenceView", cue: Cue) -> list[Mention] | None:
        """'sanctions on X', 'talks with X', 'tariffs in place on X': the noun's own preposition, close by.

        A participle in between ('plots linked to X') hands the phrase to another head.
        """
        doc = view.sent.doc
        preps = cue.cues.target_preps - {"by", "from"}
        if tuple(self.norms[cue.start : cue.end]) in self.lex.phrases["against_only_nouns"]:
            preps = {"against"}
        for i in range(cue.end, min(cue.end + 3, view.sent.end)):
            word = self.norms[i]
            if word == "that" and i == cue.end and cue.cues.type in COMPLEMENT_TARGETS:
                return view.object_after(i + 1, preps, self.lex, direct=True, reach=4)  # 'its demands that Burundi's government grant'
            if word in preps:
                if cue.cues.type is RelationType.SANCTIONS:
                    # 'a ban on imports of food from the EU': the goods' origin is the one sanctioned
                    return view.object_after(i, preps | {"from"}, self.lex, direct=False, reach=9)
                return view.object_after(i, preps, self.lex, direct=False, reach=6)
            if word.endswith(("ed", "ing")) or not doc[i].is_alpha:
                return None
        return None

    def light_verb_subject(self, view: "SentenceView", start: int) -> list[Mention] | None:
        """'X imposed new sanctions on Y', 'X held talks with Y': the noun's doer is the verb's subject."""
        doc = view.sent.doc
        i = start - 1
        while i > view.sent.start and start - i <= 5 and (
            self.norms[i] in self.lex.words["determiners"] or doc[i].like_num or ORDINAL.fullmatch(self.norms[i]) or doc[i].text in {"%", "-"} or self.is_modifier_word(doc[i])
            or self.norms[i] == "of" and self.norms[i - 1] in MEASURE_NOUNS  # 'launched 10 days of war games'
        ):
            i -= 1
        if i > view.sent.start + 1 and self.norms[i] == "for" and self.lemmas[i - 1] in CALL_FOR_VERBS:
            i -= 1  # 'called for sanctions against X'
        elif i > view.sent.start + 1 and self.norms[i] == "in" and self.lemmas[i - 1] in {"engage", "involve"}:
            i -= 1  # 'were engaged in ethnic cleansing against X'
        if i <= view.sent.start or self.lemmas[i] not in self.lex.words["light_verbs"]:
            return None
        return view.subject_before(i, self.lex)

    def told_in_conversation(self, view: "SentenceView", cue: Cue):
        """'X and Y told Trump in phone conversations': the speakers and the one told talked."""
        i = cue.start - 1
        while i > view.sent.start and (self.norms[i] in self.lex.words["determiners"] or self.norms[i] in {"phone", "telephone", "separate", "a"}):
            i -= 1
        if i <= view.sent.start or self.norms[i] not in {"in", "during"}:
            return None
        listener = view.by_end.get(i)
        if listener is None or not view.is_told(listener):
            return None
        speakers = view.subject_before(listener.start - 1, self.lex)
        return (speakers, [listener], 0.55) if speakers else None

    def participants(self, view: "SentenceView", start: int) -> list[Mention] | None:
        """'Palestinian youths threw stones during demonstrations against X': who acts during a protest takes part in it."""
        i = start - 1
        while i > view.sent.start and self.norms[i] in self.lex.words["determiners"]:
            i -= 1
        if i <= view.sent.start or self.norms[i] not in {"during", "at"}:
            return None
        return view.subject_before(i, self.lex)

    def is_called_for(self, view: "SentenceView", cue: Cue) -> bool:
        """'called for sanctions against Nigeria', 'urged sanctions on X': asked for, not imposed."""
        doc = view.sent.doc
        for i in range(cue.start - 1, max(view.sent.start, cue.start - 4) - 1, -1):
            if self.lemmas[i] in CALLING_LEMMAS:
                return True
            if not (doc[i].is_lower and doc[i].is_alpha):
                return False
        return False

    def is_modifier_word(self, token) -> bool:
        """Adjectives and noun modifiers between a light verb and its noun: 'new', 'economic', 'joint'."""
        return (
            token.is_lower and token.is_alpha and token.lemma_.lower() not in self.lex.words["light_verbs"]
            and token.norm_ not in self.lex.words["prepositions"] and token.norm_ not in self.lex.words["clause_boundaries"]
        )

    def agent_after(self, view: "SentenceView", end: int) -> list[Mention] | None:
        return view.after_preposition(end, {"by"}, self.lex, reach=4)

    def is_passive(self, doc: Doc, cue: Cue) -> bool:
        token = doc[cue.start]
        if token.norm_.endswith("ing"):
            return False
        i = self.before_adverbs(cue.start - 1, 0)
        return True if i < 0 else self.norms[i] in BE_LEMMAS or doc[i].lemma_ in BE_LEMMAS or token.norm_.endswith("ed") or token.norm_ != token.lemma_

    def before_adverbs(self, i: int, floor: int) -> int:
        """The first token at or before i, down to floor, that is not an adverb ('was reportedly charged')."""
        while i >= floor and (self.norms[i] in ADVERBS_TO_SKIP or self.norms[i].endswith("ly")):
            i -= 1
        return i

    def by_follows_verb(self, doc: Doc, cue: Cue, view: "SentenceView") -> bool:
        """'was charged by', 'killed and decapitated by': 'by' right after the verb (or its coordinated
        participles); in 'rejected calls by Kofi Annan' it belongs to the noun."""
        for word in self.norms[cue.end : min(cue.end + 5, view.sent.end)]:
            if word == "by":
                return True
            if not (word in ADVERBS_TO_SKIP or word.endswith("ly") or word in {"and", "or", "dead"} or word.endswith(("ed", "en"))):
                return False
        return False

    def follows_plain_noun(self, doc: Doc, cue: Cue, view: "SentenceView") -> bool:
        if cue.start == view.sent.start or not self.norms[cue.start].endswith(("ed", "en")):
            return False
        before = doc[cue.start - 1]
        if cue.start in view.by_end:
            return True
        return before.is_lower and before.is_alpha and before.norm_ not in BE_LEMMAS | ADVERBS_TO_SKIP and not before.norm_.endswith("ly") and before.norm_ not in {"and", "or", "have", "has", "had", "who", "which", "that"}

    def is_plain_passive(self, doc: Doc, cue: Cue, view: "SentenceView") -> bool:
        """'were barred', 'has been expelled': a passive with a form of 'be' right before the verb."""
        if not self.norms[cue.start].endswith(("ed", "en")) or cue.end - cue.start > 1 and self.norms[cue.end - 1] in {"on", "at", "with", "of"}:
            return False
        i = self.before_adverbs(cue.start - 1, view.sent.start + 1)
        return i >= view.sent.start and self.norms[i] in {"is", "was", "were", "are", "been", "be", "being"}

    def receiver_before(self, view: "SentenceView", start: int) -> list[Mention] | None:
        """'The U.S. received a written assurance from Iran': the assurance goes to the U.S."""
        i = start - 1
        while i > view.sent.start and start - i <= 3 and self.lemmas[i] not in self.lex.words["receive_verbs"]:
            i -= 1
        if self.lemmas[i] in self.lex.words["receive_verbs"]:
            return view.subject_before(i, self.lex)
        return None

    # -- negation and modality ---------------------------------------------------------------

    def qualify(self, view: "SentenceView", cue: Cue) -> tuple[bool, Modality]:
        doc = view.sent.doc
        words = self.norms[max(view.sent.start, cue.start - 6) : cue.start]
        near = words[-4:]
        negated = any(w in self.lex.words["negations"] - DENIAL_WORDS for w in near) or (
            cue.cues.type is not RelationType.DENIES and self.inside_denial(doc, view.sent.start, cue.start)
        ) or (not cue.verbal and self.is_called_off(view, cue))
        modality = Modality.ASSERTED
        if any(w in self.lex.words["hypothetical_cues"] - {"would", "potential"} for w in near):
            modality = Modality.HYPOTHETICAL
        elif (words[-1:] == ["to"] or "to" in near) and any(w in self.lex.words["intention_cues"] for w in words):
            modality = Modality.INTENDED
        elif any(w in {"will", "would", "vows", "vowed", "plans", "planned", "intends"} for w in near):
            modality = Modality.INTENDED
        elif any(w in self.lex.words["allegation_cues"] for w in words):
            modality = Modality.ALLEGED
        return negated, modality


    def is_called_off(self, view: "SentenceView", cue: Cue) -> bool:
        """'The talks between Iran and the U.S. were cancelled': an event noun called off after it."""
        for i in range(cue.end, min(cue.end + 9, view.sent.end)):
            word = self.norms[i]
            if word in {",", ";", ":"} or word in self.lex.words["relative_pronouns"] or word in self.lex.words["clause_boundaries"]:
                return False
            if word in CALLED_OFF and self.norms[i - 1] in BE_LEMMAS | {"been"}:
                return True
        return False

    def qualify_word(self, view: "SentenceView", i: int) -> tuple[bool, Modality]:
        """Negation and modality of a one-word act that is no cue of its own ('would', 'barred', 'forced')."""
        return self.qualify(view, Cue(i, i + 1, self.assurance_cues, True))

    def inside_denial(self, doc: Doc, start: int, end: int) -> bool:
        """'denied plotting to assassinate X': what is denied is not asserted."""
        for i in range(end - 1, start - 1, -1):
            if self.norms[i] in {";", ":", ",", "but", "which", "who", "while", "whereas"}:
                return False
            if self.lemmas[i] in {"deny", "denial", "refute", "dismiss"}:
                return True
        return False


class SentenceView:
    """The mentions of one sentence, indexed by where they start and end."""

    def __init__(self, sent: Span, mentions: list[Mention], analysis: Analysis) -> None:
        self.sent = sent
        self.mentions = mentions
        self.analysis = analysis
        self.norms, self.lemmas = analysis.norms, analysis.lemmas
        self.by_start = {m.start: m for m in mentions}
        self.by_end = {m.end: m for m in mentions}

    @staticmethod
    def index(analysis: Analysis):
        top = top_level(analysis.mentions)  # sorted by start
        starts = [m.start for m in top]

        def view(sent: Span) -> "SentenceView":
            first = bisect_left(starts, sent.start)
            last = bisect_left(starts, sent.end)
            return SentenceView(sent, [m for m in top[first:last] if m.end <= sent.end], analysis)

        return view

    def resolve_pronoun(self, i: int) -> Mention | None:
        """'Iran said it would ...', 'Hamas rejected its ...': the latest fitting actor earlier in the sentence.

        Reaching into earlier sentences made more wrong relations than right ones on news text.
        """
        types = PRONOUN_TYPES.get(self.norms[i])
        if types is None:
            return None
        for mention in reversed(self.mentions):
            if mention.end <= i and mention.argument and mention.type in types:
                return mention
        return None

    def opening_subject(self, lex: Lexicon) -> list[Mention] | None:
        """The actor a sentence opens on ('Benin', 'The U.S.'), the subject of its first clause."""
        if not self.mentions:
            return None
        first = self.mentions[0]
        if not first.argument or any(self.norms[i] not in lex.words["determiners"] for i in range(self.sent.start, first.start)):
            return None
        return self.coordinated_after(first)

    def preceded_by_preposition(self, mention: Mention, lex: Lexicon) -> str | None:
        """The preposition governing a mention, if any; 'diplomats from X', 'forces in X' act for X."""
        i = mention.start - 1
        while i >= self.sent.start and self.norms[i] in lex.words["determiners"]:
            i -= 1
        if i < self.sent.start or self.norms[i] not in lex.words["prepositions"]:
            return None
        if self.norms[i] in {"from", "of", "in"} and i - 1 >= self.sent.start and self.is_agent_noun(i - 1, lex):
            return None
        return self.norms[i]

    def is_agent_noun(self, i: int, lex: Lexicon) -> bool:
        if self.norms[i] in lex.words["agent_nouns"] or self.norms[i] in lex.words["people_nouns"]:
            return True
        return i - 1 >= self.sent.start and f"{self.norms[i - 1]} {self.norms[i]}" in lex.words["agent_nouns"]

    def subject_before(self, start: int, lex: Lexicon) -> list[Mention] | None:
        i = start - 1
        participle = self.norms[start].endswith("ing")
        while i >= self.sent.start:
            mention = self.by_end.get(i + 1)
            if mention is not None:
                group = self.coordinated_before(mention) if mention.argument else []
                if group and self.preceded_by_preposition(group[0], lex) is None and not self.is_told(group[0]):
                    return group
                i = mention.start - 1
                continue
            word = self.norms[i]
            if word in lex.words["relative_pronouns"]:
                return self.antecedent(i, lex)
            if word in SUBJECT_PRONOUNS:
                resolved = self.resolve_pronoun(i)
                return [resolved] if resolved else None
            if word in {"we", "i"}:
                speaker = self.quoted_speaker(i, lex)  # '"We reject ...," spokesperson X said'
                return [speaker] if speaker else None
            if word in {";", ":"}:
                return None
            if word == ",":
                person = self.apposition_head(i, lex)
                if person is not None:
                    return [person]  # 'Mark Clifford, president of the Committee ..., suggested'
                opening = self.parenthetical_start(i)
                if opening is not None:
                    i = opening - 1  # 'soldiers, supported by militias and the U.S., are conducting': skip the aside
                    continue
            if word in lex.words["clause_boundaries"] and not (participle and start - i <= 3):
                return None
            if self.lemmas[i] in lex.words["reporting_verbs"] and i < start - 1 and self.norms[i + 1] in {"that", ","}:
                return None
            i -= 1
        return None

    def parenthetical_start(self, comma: int) -> int | None:
        """The opening comma of ', backed by X and Y,' that closes at this comma, if the aside opens on a passive participle."""
        j = comma - 1
        while j > self.sent.start and comma - j <= 14 and self.norms[j] != ",":
            j -= 1
        if self.norms[j] != "," or j + 2 >= comma:
            return None
        return j if self.norms[j + 1].endswith(("ed", "en")) and self.norms[j + 2] == "by" else None

    def apposition_head(self, comma: int, lex: Lexicon) -> Mention | None:
        """The person before ', <title or the/a ...> ,' (or the body before ', a ... ,') that ends at this comma."""
        doc = self.sent.doc
        j = comma - 1
        while j > self.sent.start and self.norms[j] != "," and comma - j <= 14:
            j -= 1
        if j <= self.sent.start or self.norms[j] != "," or j + 1 >= comma:
            return None
        head = self.by_end.get(j)
        if head is None or not head.argument:
            return None
        opener = doc[j + 1]
        if head.type is not ActorType.PERSON:
            # 'Pakistan, a key U.S. ally in the war against terrorism, has refused'
            return head if opener.norm_ in {"a", "an"} else None
        return head if opener.norm_ in {"a", "an", "the", "former", "then"} or opener.is_lower else None

    def quoted_speaker(self, i: int, lex: Lexicon) -> Mention | None:
        """Who says 'we' or 'I' in a quotation: the actor next to the speech verb after it."""
        for j in range(i + 1, self.sent.end):
            if self.norms[j] not in lex.words["person_verbs"]:
                continue
            before = self.by_end.get(j) or (self.by_end.get(j - 1) if self.norms[j - 1] == "," else None)
            if before is not None and before.argument:
                return before
            after = self.by_start.get(j + 1)
            if after is not None and after.argument:
                return after
        return None

    def is_told(self, mention: Mention) -> bool:
        """'told VOA', 'told Reuters': the one told is not the one acting."""
        return mention.start > self.sent.start and self.norms[mention.start - 1] in {"told", "tells", "tell", "telling", "informed", "asked"}

    def antecedent(self, i: int, lex: Lexicon) -> list[Mention] | None:
        """'Kayhan, which called for ...', 'the U.S. drone strike that killed ...'."""
        j = i - 1
        while j >= self.sent.start and i - j <= 4:
            mention = self.by_end.get(j + 1)
            if mention is not None:
                return [mention]
            if self.norms[j] in lex.words["prepositions"] or self.norms[j] in {";", ":"}:
                return None
            j -= 1
        return None

    def coordinated_before(self, mention: Mention) -> list[Mention]:
        group = [mention]
        while group[0].start - 2 >= self.sent.start:
            joint = group[0].start - 1
            if self.norms[joint] == "the" and joint - 2 >= self.sent.start:
                joint -= 1  # 'Israel and the Palestinians'
            if self.norms[joint] not in {"and", ","}:
                break
            if self.norms[joint] == "," and len(group) == 1:
                break  # 'provided by the White House, President Obama urged': a comma alone joins no list
            previous = self.by_end.get(joint) or self.before_age(joint)
            if previous is None or not previous.argument:
                break
            group.insert(0, previous)
        return group

    def before_age(self, joint: int) -> Mention | None:
        """'Amirov, 45, and Omarov, 40, hired': the name before an age between commas."""
        doc = self.sent.doc
        if joint - 3 < self.sent.start or self.norms[joint - 1] != "," or not doc[joint - 2].like_num or self.norms[joint - 3] != ",":
            return None
        return self.by_end.get(joint - 3)

    def coordinated_after(self, mention: Mention) -> list[Mention]:
        """'France, Germany and Italy': a list joined by 'and'/'or'; 'X, the Y' alone is not one."""
        doc = self.sent.doc
        group = [mention]
        joined_by_and = False
        while group[-1].end + 1 < self.sent.end and doc[group[-1].end].norm_ in {"and", "or", ","}:
            separator = doc[group[-1].end].norm_
            following = self.by_start.get(group[-1].end + 1)
            if following is None and doc[group[-1].end + 1].norm_ == "the":
                following = self.by_start.get(group[-1].end + 2)
            if following is None or not following.argument or following.type is not mention.type and separator == ",":
                break
            group.append(following)
            if separator != ",":
                joined_by_and = True
                break
        return group if joined_by_and else group[:1]

    def object_after(
        self, end: int, preps: frozenset[str] | set[str], lex: Lexicon, *, direct: bool, reach: int = 14, infinitive: bool = False, complement: bool = False, possessors: str = "kept"
    ) -> list[Mention] | None:
        """The first actor after a cue that it governs: directly (verbs) or after one of its prepositions.

        A preposition that is not the cue's closes the direct-object slot ('charged X in
        November with planning Y's killing' does not charge Y) until one of the cue's opens it.
        """
        doc = self.sent.doc
        state = "direct" if direct else "blocked"
        i = end
        while i < self.sent.end and i - end < reach:
            mention = self.by_start.get(i)
            if mention is not None:
                prep = self.preceded_by_preposition(mention, lex)
                if state == "open" and infinitive and not mention.argument and mention.type is ActorType.STATE and prep in lex.words["locative_prepositions"]:
                    return [mention]  # 'threatened to resume attacks in Israel': the state the threat is aimed at
                possessor = possessors != POSSESSOR_KEPT and mention.end < self.sent.end and self.norms[mention.end] in POSSESSIVE_MARKS and (
                    possessors == POSSESSOR_SKIPPED or any(k in self.by_start for k in range(mention.end + 1, min(mention.end + 5, self.sent.end)))
                )
                takes_part = (mention.argument or self.owns_proposal(mention, lex)) and not possessor
                if takes_part and (state == "open" or (prep in preps) or (prep is None and state == "direct")):
                    return self.coordinated_after(mention)
                i = mention.end
                continue
            word = self.norms[i]
            quantity = self.quantity_words(i)
            if quantity:
                i += quantity  # 'arrested more than 100 Palestinians', 'killed at least 12 Syrians'
                continue
            if word == "that" and state == "direct" and i - end <= 2 and complement:
                state = "open"  # 'demanded that X ...', 'warned that X ...': the complement clause
                i += 1
                continue
            if word in {";", ":"} or word in lex.words["relative_pronouns"] or (word in lex.words["clause_boundaries"] and word not in {"as", "amid"}):
                return None
            if word in lex.words["person_verbs"] or (word == "," and state != "open"):
                return None
            if word == "to" and infinitive and all(w in lex.words["time_words"] or w in REPEAT_WORDS for w in self.norms[end:i]) and i + 1 < self.sent.end and doc[i + 1].is_lower:
                state = "open"  # 'threatened to shell Iraqi towns': the threat's object is in the infinitive
                i += 1
                continue
            if word in preps and self.opens_phrase(i, lex):
                state = "open"
            elif word in lex.words["prepositions"] and state == "direct":
                state = "blocked"
            i += 1
        return None

    def quantity_words(self, i: int) -> int:
        """How many words of 'more than', 'at least', 'up to' start at i, before a number."""
        doc = self.sent.doc
        if i + 2 >= self.sent.end or not doc[i + 2].like_num:
            return 0
        return 2 if (self.norms[i], self.norms[i + 1]) in QUANTITY_PHRASES else 0

    def owns_proposal(self, mention: Mention, lex: Lexicon) -> bool:
        """'rejected an Indian proposal', 'a Senegalese peace plan': the adjective names whose proposal it is."""
        following = self.sent.doc[mention.end : min(mention.end + 2, self.sent.end)]
        return mention.kind == "demonym" and any(t.norm_ in lex.words["proposal_nouns"] for t in following)

    def opens_phrase(self, i: int, lex: Lexicon) -> bool:
        """'to Iran', 'to the U.S.', 'with leaders of Romania' open a phrase; 'to assassinate' is an infinitive."""
        if i + 1 >= self.sent.end:
            return False
        following = self.sent.doc[i + 1]
        if following.norm_ in lex.words["agent_nouns"] and i + 2 < self.sent.end and self.norms[i + 2] in {"of", "from"}:
            return True  # 'leaders of X', 'officials from X' stand for the actor named after them
        return following.norm_ in lex.words["determiners"] or following.is_title or following.is_upper or following.like_num

    def after_preposition(self, end: int, preps: set[str], lex: Lexicon, reach: int = 6) -> list[Mention] | None:
        for i in range(end, min(end + reach, self.sent.end)):
            if self.norms[i] in preps:
                j = i + 1
                while j < self.sent.end and self.norms[j] in lex.words["determiners"]:
                    j += 1
                mention = self.by_start.get(j)
                if mention is None:
                    return self.later_conjunct(j, lex)
                return self.coordinated_after(mention)
            if self.norms[i] in {",", ";", ":"} or self.norms[i] in lex.words["relative_pronouns"]:
                return None
        return None

    def later_conjunct(self, start: int, lex: Lexicon) -> list[Mention] | None:
        """'supported by local clan militias and the U.S. military': the actor joined after a group that is none."""
        for i in range(start, min(start + 5, self.sent.end - 1)):
            word = self.norms[i]
            if word in {"and", "or"}:
                j = i + 1 + (self.norms[i + 1] == "the")
                mention = self.by_start.get(j)
                return self.coordinated_after(mention) if mention is not None and mention.argument else None
            if not self.sent.doc[i].is_lower or word in lex.words["prepositions"] or word in lex.words["relative_pronouns"]:
                return None
        return None

    def hyphen_partner(self, mention: Mention) -> Mention | None:
        doc = self.sent.doc
        if mention.start - 1 > self.sent.start and doc[mention.start - 1].text in {"-", "\u2013"}:
            return self.by_end.get(mention.start - 1)
        return None

    def holder_before(self, start: int) -> list[Mention] | None:
        """Who a noun cue belongs to: "Iran's denial", 'the U.S. drone strike'."""
        doc = self.sent.doc
        i = start
        steps = 0
        while i > self.sent.start and steps < 3:
            if self.norms[i - 1] in POSSESSIVE_MARKS:
                i -= 1
            elif i - 2 > self.sent.start and doc[i - 2].text == "-" and self.norms[i - 1] in {"led", "backed", "brokered", "sponsored"}:
                i -= 2  # 'the U.S.-led bombing campaign'
            mention = self.by_end.get(i)
            if mention is not None:
                return [mention]
            token = doc[i - 1]
            if token.norm_ in POSSESSIVE_PRONOUNS:
                resolved = self.resolve_pronoun(i - 1)  # 'his denial', 'its strike'
                if resolved and token.norm_ == "their":
                    return self.coordinated_before(resolved)  # 'Chile and Peru upgraded their ties'
                return [resolved] if resolved else None
            if token.is_quote:
                i -= 1  # 'their "unwavering support for Ukraine"': a quotation opens inside the phrase
                continue
            if not (token.is_lower or token.like_num) or token.norm_ in HOLDER_STOPS:
                return None
            i -= 1
            steps += 1
        return None


def is_verbal_attack(cue: Cue, doc: Doc, source: Mention, target: Mention) -> bool:
    """'Trump attacked The Wall Street Journal': a person's attack on a non-combatant is in words."""
    return cue.verbal and source.type is ActorType.PERSON and target.type in {ActorType.MEDIA, ActorType.PERSON, ActorType.ORGANIZATION} and doc._.geokg.lemmas[cue.start] in {"attack", "hit", "assail", "slam"}


def top_level(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions folded into a longer phrase ('U.S.' in 'U.S. President Donald Trump')."""
    kept: list[Mention] = []
    reach = -1
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if mention.end <= reach:
            continue
        kept.append(mention)
        reach = max(reach, mention.end)
    return kept


def pair_up(
    view: "SentenceView", sources: list[Mention] | None, targets: list[Mention] | None, relation_type: RelationType,
    confidence: float, cue: str, negated: bool = False, modality: Modality = Modality.ASSERTED,
) -> list[Relation]:
    """One relation of the sentence per source and target, never from an actor to itself."""
    if not sources or not targets:
        return []
    return [
        Relation(source.key, target.key, relation_type, view.sent.start_char, view.sent.end_char, negated=negated, modality=modality, confidence=confidence, cue=cue)
        for source in sources for target in targets if source.key != target.key
    ]


def drop_self_dealings(relations: list[Relation]) -> list[Relation]:
    """A leader does not attack, sanction, meet or accuse the state or body they lead: such a reading is a mis-parse."""
    leads = {(r.source, r.target) for r in relations if r.type is RelationType.LEADS}
    leads |= {(target, source) for source, target in leads}
    return [r for r in relations if r.type.is_affiliation or r.type in INTERNAL_EVENTS or (r.source, r.target) not in leads]


def deduplicate(relations: list[Relation]) -> list[Relation]:
    best: dict[tuple, Relation] = {}
    for relation in relations:
        if relation.source == relation.target:
            continue
        key = (relation.source, relation.type, relation.target, relation.sentence_start, relation.negated)
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    return list(best.values())
