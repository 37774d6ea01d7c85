"""An event's modality (asserted, negated, planned, demanded, possible, reported) from the
cues of data/lexicons/modality.yaml: the trigger's own negation, auxiliaries and adverbs,
then the words that govern it as a complement ("vowed to attack", "called for the release").
A word governs no event it merely mentions: not one inside a noun phrase of its object
("promised a response to the attacks"), nor an object it describes ("called the arrests
illegal")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.nlp.event_triggers import NOMINAL
from kg.nlp.lexicons import modality_cues, word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

_OWN_DEPS = ("aux", "auxpass", "advmod")
# how a trigger hangs from a word whose cue it takes: a complement, an object, a preposition
_GOVERNED = ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "nsubjpass", "conj", "advcl")
_STEPS = 3


def _own(head: Token, cues: dict[str, str]) -> str | None:
    for c in head.children:
        if c.dep_ == "neg":
            return "negated"
        if c.dep_ in _OWN_DEPS and cues.get(c.lower_) not in (None, "negated", "demanded"):
            return cues[c.lower_]
    return None


def _describes(verb: Token, obj: Token) -> bool:
    """ "called the arrests illegal": the verb says what its object is."""
    deps = word_set("event_roles", "statement_complements")
    return obj.dep_ == "dobj" and any(c.dep_ in deps and c.i > obj.i for c in verb.children)


def _aside(clause: Token) -> bool:
    """ "demand independence, posing a threat to ...": a participle clause with no "to" or
    conjunction is the writer's comment on its verb, not what that verb demands or plans."""
    mark = any(c.dep_ in ("mark", "aux") for c in clause.children)
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" and not mark


def event_modality(head: Token) -> str:
    cues = modality_cues()
    own = _own(head, cues)
    if own is not None:
        return own
    cur = head
    for _ in range(_STEPS):
        parent = cur.head
        if parent.i == cur.i or (parent.pos_ in NOMINAL and parent.i != head.i):
            break  # the trigger is part of a noun phrase: that noun's clause is not its
        if _describes(parent, cur) or cur.dep_ not in _GOVERNED or _aside(cur):
            break  # "called the explosion an attack": a description, not a demand
        if parent.pos_ not in ("ADP", "SCONJ", "PART"):
            word = parent.lemma_.lower()
            if cur.dep_ == "xcomp" and any(c.dep_ == "neg" for c in parent.children):
                return "negated"  # "did not try to attack"
            if word in cues and cues[word] != "negated":
                return cues[word]
            if cues.get(parent.lower_) not in (None, "negated"):
                return cues[parent.lower_]
            aux = _own(parent, cues)
            if aux is not None and aux != "negated":
                return aux
        cur = parent
    return "asserted"
