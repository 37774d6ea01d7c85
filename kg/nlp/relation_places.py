"""Where things are: "A, B" for a place and its country, unit chains ("2nd Battalion, 5th
Group"), "A, located between B and C", "A is ... in B", and a fronted place ("Near Mosul, …")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.model import Mention
from kg.nlp.entities import doc_text
from kg.nlp.lexicons import word_pattern
from kg.nlp.relation_finder import RelationFinder, _is_place, _pobjs, _words
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.tokens import Token


@lru_cache(maxsize=1)
def _fronted() -> re.Pattern[str]:
    """What may stand before a fronted place: "Near", "In the" (a sentence's first words)."""
    return re.compile(rf"^\s*(?:{word_pattern('relation_words', 'fronted_preps')})\s+(?:the\s+)?$")


def _is_unit(m: Mention) -> bool:
    tokens = m.text.lower().split()
    last = tokens[-3:]
    return (
        top_class(m.cls) == "Group" and len(tokens) > 1 and bool(_words("unit_nouns") & set(last))
    )


class PlaceFinder(RelationFinder):
    """Relations of place, nearness and unit structure read off commas and "located in"."""

    def locations(self) -> None:
        text = doc_text(self.doc)
        ms = self.mentions
        for a, b in zip(ms, ms[1:], strict=False):
            if text[a.end : b.start] not in (", ", ","):
                continue
            after = text[b.end : b.end + 6]
            if re.match(r"\s*(?:and|or)\b", after):
                continue  # a list: "Aleppo, Homs and Hama"
            if _is_place(a) and _is_place(b) and a.cls != "Country" and not self._listed(b):
                # "Aceh, Indonesia", "Karrada, Baghdad": a place, then the larger one
                entry = self.gaz.lookup(b.text)
                inner = self.gaz.lookup(a.text)
                larger = entry is not None and entry.cls in ("Country", "FederalSubject")
                city = (
                    entry is not None
                    and entry.cls == "City"
                    and (inner is None or inner.cls not in ("City", "Country", "FederalSubject"))
                )
                if larger or city:
                    self.add("locatedIn", a, b, "place-comma", 0.75)
            elif _is_unit(a) and _is_unit(b):
                self.add("partOf", a, b, "unit-chain", 0.7)  # "2nd Battalion, 5th Group"
            elif _is_unit(a) and _is_place(b):
                self.add("locatedIn", a, b, "unit-place", 0.6)  # "5th Group, Fort Campbell"
        for m in ms:
            if not _is_place(m) or (m.start, m.end) not in self.span_root:
                continue
            root = self.span_root[(m.start, m.end)]
            # "A, located between B and C in D"
            for c in root.children:
                if c.dep_ == "acl" and c.lemma_.lower() in _words("located_verbs"):
                    self._located(m, c)
            # "A is the seventh most populous republic in B"
            if root.dep_ == "nsubj" and root.head.lemma_ == "be":
                for attr in root.head.children:
                    if attr.dep_ == "attr":
                        for _, obj in _pobjs(attr, _words("in_preps")):
                            self._place_rel("locatedIn", m, obj, "copula-in", 0.7)

        self._fronted_places()

    def _fronted_places(self) -> None:
        """ "Near Mosul, four strikes engaged ISIL units": a place fronted before the
        sentence's comma is where everyone the sentence then names was."""
        text = doc_text(self.doc)
        for m in self.mentions:
            if not _is_place(m) or (m.start, m.end) not in self.span_root:
                continue
            sent = self.span_root[(m.start, m.end)].sent
            lead = text[sent.start_char : m.start]
            if not _fronted().match(lead):
                continue
            comma = text.find(",", m.end, sent.end_char)
            if comma < 0:
                continue
            for o in self.mentions:
                if o.sentence == m.sentence and o.start > comma and not _is_place(o):
                    if o.antecedent is None:
                        self.add("locatedIn", o, m, "fronted-place", 0.55)

    def _listed(self, b: Mention) -> bool:
        """ "Aleppo, Homs, Hama": b is followed by another place of its kind, so the
        commas make a list ("Karrada, Baghdad, Iraq" is a chain: each one larger)."""
        nxt = next((m for m in self.mentions if m.start >= b.end), None)
        if nxt is None or doc_text(self.doc)[b.end : nxt.start].strip() not in (
            ",",
            ", and",
            "and",
        ):
            return False
        return nxt.cls == b.cls

    def _located(self, m: Mention, verb: Token) -> None:
        stack = [verb]
        while stack:
            tok = stack.pop()
            for prep, obj in _pobjs(tok, _words("in_preps") | _words("near_preps")):
                pred = "locatedIn" if prep in _words("in_preps") else "near"
                self._place_rel(pred, m, obj, "located", 0.8)
                stack.append(obj)

    def _place_rel(self, pred: str, a: Mention, tok: Token, how: str, conf: float) -> None:
        b = self.by_token.get(tok.i)
        if b is not None and _is_place(b) and b.text != a.text:
            self.add(pred, a, b, how, conf)
