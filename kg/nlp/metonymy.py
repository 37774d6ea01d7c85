"""Capitals that stand for their government: "Moscow said", "Washington's decision",
"independence from Moscow". The mention then names the government body (its reading
is recorded: the linker gives it the reason "metonymy"); "Moscow" as a place stays the city.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.model import Mention
from kg.nlp.docindex import char_span
from kg.nlp.lexicons import load

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

METONYM = "METONYM"


@lru_cache(maxsize=1)
def _cues() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load("metonymy")
    return tuple(frozenset(str(w) for w in data[k]) for k in ("verbs", "nouns", "from_heads"))  # type: ignore[return-value]


def acts_as_government(root: Token) -> bool:
    verbs, nouns, from_heads = _cues()
    head = root.head
    if root.dep_ in ("nsubj", "agent") and head.lemma_.lower() in verbs:
        return True
    if root.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in verbs:
        return True  # "was condemned by Washington"
    if root.dep_ == "poss" and head.lemma_.lower() in nouns:
        return True
    if root.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_.lower() in from_heads:
        return True
    return False


def read_metonyms(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    out = []
    for m in mentions:
        if m.class_reason is not None:  # the article's context decided it already
            out.append(m)
            continue
        entry = gaz.entries.get(m.gazetteer_id or "") if m.gazetteer_id else gaz.lookup(m.text)
        country = gaz.capital_of.get(entry.id) if entry is not None else None
        body = gaz.government_of.get(country) if country else None
        span = char_span(doc, m.start, m.end) if body else None
        if span is not None and acts_as_government(span.root):
            m = replace(m, cls="GovernmentBody", gazetteer_id=body, ner=METONYM)
        out.append(m)
    return out
