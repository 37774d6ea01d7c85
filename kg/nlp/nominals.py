"""Nominal mentions: noun phrases headed by a person, group or place noun ("the Bashkir
activists", "two soldiers", "the ministry", "the capital").

Which heads count comes from data/lexicons/nominals.yaml, derived from WordNet and GUM by
`make models` (train/nominals.py), not from a word list. A phrase is its head with the
determiners, numbers, adjectives and noun compounds before it, cut after any name inside it
("Russia's army" is the nominal "army" beside the name "Russia").
"""

from __future__ import annotations

import dataclasses
from functools import cache

from spacy.tokens import Doc, Token

from kg.model import Mention
from kg.nlp.context import Context
from kg.nlp.docindex import char_span
from kg.nlp.doctext import doc_text
from kg.nlp.entities import mention_at
from kg.nlp.event_triggers import triggers
from kg.nlp.lexicons import head_classes, word_set
from kg.ontology import is_a

KIND = "nominal"
# Dependents before the head that belong to its phrase.
_PRE = frozenset({"det", "amod", "nummod", "compound", "quantmod", "poss", "nmod"})
_NOT_REFERRING = frozenset({"npadvmod", "compound"})  # "three days", the "party" of "party leader"
# Event families whose subject and object are people: a bare count there counts people
# ("killed six", "11 were injured", "two died").
_HUMAN_FAMILIES = ("Life", "Conflict", "Justice", "Movement")
_COUNTED_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


@cache
def human_verbs() -> frozenset[str]:
    """Lemmas of the one-word verb triggers of events whose participants are people."""
    return frozenset(
        t.lemmas[0]
        for t in triggers()
        if len(t.lemmas) == 1
        and t.pos in (None, "VERB")
        and any(is_a(t.type, f) for f in _HUMAN_FAMILIES)
    )


def _counted(t: Token) -> bool:
    """A bare count that stands for people: the subject or object of a verb of dying,
    injuring, attacking, arresting or fleeing ("killed six", "11 were injured", "injured
    three others"), or what such a verb's participle says of ("two of the 12 killed")."""
    if not ((t.like_num and t.pos_ == "NUM") or t.lower_ == "others"):
        return False
    verbs = human_verbs()
    if t.dep_ in _COUNTED_DEPS and t.head.pos_ == "VERB" and t.head.lemma_.lower() in verbs:
        return True
    return any(
        c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in verbs for c in t.children
    )


def _person_compound(t: Token) -> bool:
    """ "suicide bomber": a "modifier head" noun that is a person where the head alone is
    not (nominals.yaml, person_compounds)."""
    before = t.doc[t.i - 1] if t.i > 0 else None
    return (
        before is not None
        and before.dep_ == "compound"
        and before.head.i == t.i
        and f"{before.lower_} {t.lemma_.lower()}" in word_set("nominals", "person_compounds")
    )


def _noun(t: Token) -> bool:
    """A common noun, also where the tagger read a lower-case word beside a name as a proper
    noun ("Bashkiri nationalists": NNPS), or a sentence's capitalised first word as one that
    NER left alone ("Rebels attacked the base"), unless that word is first a name ("Smith")."""
    if t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.text.islower()):
        return True
    if t.pos_ != "PROPN" or not t.is_sent_start or t.ent_type_:
        return False
    nxt = t.nbor() if t.i + 1 < len(t.doc) else None
    return (nxt is None or nxt.pos_ != "PROPN") and t.lower_ not in word_set(
        "nominals", "names_first"
    )


def _phrase_start(head: Token, taken: set[int]) -> int:
    """The first token of the head's phrase: its left dependents of the phrase kinds, but
    never a token of another mention or anything before one."""
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in _PRE or child.pos_ in ("PRON", "VERB"):
            break  # "their army": "their" is a mention of its own; "inspiring regions"
        first = child.left_edge.i
        if any(i in taken for i in range(first, child.i + 1)):
            break
        start = first
    while start < head.i and (start in taken or head.doc[start].is_punct):
        start += 1
    return start


def quantity(doc: Doc, start: int, end: int) -> str | None:
    """The number a phrase gives ("two soldiers", "26 people"), as written."""
    for t in doc[start:end]:
        if t.dep_ == "nummod" or t.like_num:
            return t.text
    return None


def nominal_mentions(doc: Doc, mentions: list[Mention], starts: list[int]) -> list[Mention]:
    """A mention for each noun heading a person, group or place phrase outside the names."""
    classes = head_classes()
    taken: set[int] = set()
    for m in mentions:
        span = char_span(doc, m.start, m.end)
        if span is not None:
            taken.update(range(span.start, span.end))
    text = doc_text(doc)
    out = []
    for t in doc:
        if t.i in taken:
            continue
        if _counted(t):
            cls = "Person"
        elif not _noun(t) or t.dep_ in _NOT_REFERRING:
            continue
        elif _person_compound(t):
            cls = "Person"  # "a suicide bomber": a bomber alone is an aircraft
        else:
            cls = classes.get(t.lemma_.lower()) or classes.get(t.lower_)
        if cls is None and t.tag_ == "NNPS" and t.lower_.endswith("s"):
            cls = classes.get(t.lower_[:-1])  # the tagger left a plural unlemmatised
        if cls is None:
            continue
        first = _phrase_start(t, taken)
        start, end = doc[first].idx, t.idx + len(t.text)
        m = mention_at(text, start, end, starts, cls, "NOMINAL", kind=KIND)
        # "six NATO service members": the phrase stops at the name, its count does not
        counted = quantity(doc, first, t.i + 1) or next(
            (c.text for c in t.lefts if c.dep_ == "nummod" and c.i < first), None
        )
        out.append(dataclasses.replace(m, quantity=counted))
    return out


def step(ctx: Context) -> None:
    """Nominal mentions join the mentions (in text order)."""
    found = nominal_mentions(ctx.doc, ctx.mentions, ctx.starts)
    ctx.mentions = sorted([*ctx.mentions, *found], key=lambda m: (m.start, m.end))
