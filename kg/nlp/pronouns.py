"""Pronoun mentions: the personal pronouns that stand for a person, a group or a place.

Which pronouns, and their person, number and gender, is grammar (data/lexicons/pronouns.yaml).
"I", "you", "he" and "she" are always mentions of people; "they" and "it" only when
coreference (kg/nlp/coref.py, the next step) finds what they refer to, since they refer to
things as often as to people; the unresolved ones are dropped there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.model import Mention
from kg.nlp.context import Context
from kg.nlp.doctext import doc_text
from kg.nlp.entities import mention_at
from kg.nlp.lexicons import load

KIND = "pronoun"
_TAGS = frozenset({"PRP", "PRP$", "NN", "NNP"})  # "someone" is a noun to the tagger


@dataclass(frozen=True, slots=True)
class Features:
    person: int
    number: str  # sg, pl, any
    gender: str  # m, f, n, any
    always: bool  # a mention even when unresolved


@cache
def pronoun_features() -> dict[str, Features]:
    table = load("pronouns")
    return {
        word: Features(f["person"], f["number"], f["gender"], group == "always")
        for group in ("always", "resolved")
        for word, f in table[group].items()
    }


def features(m: Mention) -> Features | None:
    return pronoun_features().get(m.text.lower()) if m.kind == KIND else None


def step(ctx: Context) -> None:
    """Every personal pronoun outside the mentions so far becomes a pronoun mention, classed
    Person for now (coreference gives "it" and "they" their antecedent's class)."""
    table = pronoun_features()
    taken = {(m.start, m.end) for m in ctx.mentions}
    text = doc_text(ctx.doc)
    found = []
    for t in ctx.doc:
        word = t.lower_
        if word not in table or (t.pos_ != "PRON" and t.tag_ not in _TAGS):
            continue
        start, end = t.idx, t.idx + len(t.text)
        if any(s <= start and end <= e for s, e in taken):
            continue
        cls = "Person" if table[word].gender in ("m", "f", "any") else "Group"
        found.append(mention_at(text, start, end, ctx.starts, cls, "PRON", kind=KIND))
    ctx.mentions = sorted([*ctx.mentions, *found], key=lambda m: (m.start, m.end))
