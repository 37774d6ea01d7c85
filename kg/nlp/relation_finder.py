"""What every relation finder works over: the article's mentions indexed by token and by
span, each named person's descriptions, and the relations found so far (``add``)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.model import Mention, RelationMention
from kg.nlp.docindex import char_range
from kg.nlp.entities import mentions_by_token
from kg.nlp.lexicons import word_set
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _words(part: str) -> frozenset[str]:
    """A word list of data/lexicons/relation_words.yaml."""
    return word_set("relation_words", part)


def _is_place(m: Mention) -> bool:
    return top_class(m.cls) == "Region"


def _pobjs(tok: Token, preps: Collection[str]) -> list[tuple[str, Token]]:
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lemma_.lower() in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    out.extend((c.lemma_.lower(), x) for x in [g, *g.conjuncts])
    return out


class RelationFinder:
    """The index the finders share; each kind of finder (relation_roles.py,
    relation_places.py, relation_frames.py) adds its patterns as methods."""

    def __init__(self, doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.mentions = mentions
        # A name wins over a description that covers it ("ISIL" in "an ISIL leader")
        self.by_token = mentions_by_token(doc, [m for m in mentions if m.antecedent])
        self.by_token.update(mentions_by_token(doc, [m for m in mentions if not m.antecedent]))
        self.span_root: dict[tuple[int, int], Token] = {}
        self.span_range: dict[tuple[int, int], range] = {}
        for m in mentions:
            bounds = char_range(doc, m.start, m.end)
            if bounds is not None:
                self.span_root[(m.start, m.end)] = doc[bounds[0] : bounds[1]].root
                self.span_range[(m.start, m.end)] = range(*bounds)
        # descriptions of each person ("Malaysia's Prime Minister, Najib Razak"), by name
        self.descriptions: dict[tuple[int, int], list[Token]] = {}
        for d in mentions:
            if d.antecedent is not None and (d.start, d.end) in self.span_root:
                self.descriptions.setdefault(d.antecedent, []).append(
                    self.span_root[(d.start, d.end)]
                )
        self.first_with_id: dict[str | None, Mention] = {}
        for m in mentions:
            self.first_with_id.setdefault(m.gazetteer_id, m)
        self.out: list[RelationMention] = []

    def add(self, pred: str, a: Mention, b: Mention, extractor: str, conf: float) -> None:
        ka, kb = a.antecedent or (a.start, a.end), b.antecedent or (b.start, b.end)
        if ka == kb or ka == (b.start, b.end) or kb == (a.start, a.end):
            return  # a name and a description of the same one
        self.out.append(
            RelationMention(
                predicate=pred,
                subject=(a.start, a.end),
                object=(b.start, b.end),
                sentence=a.sentence,
                start=min(a.start, b.start),
                end=max(a.end, b.end),
                extractor=f"kg.relations.{extractor}",
                confidence=conf,
            )
        )

    def _span_toks(self, m: Mention) -> range:
        """The token indices of a mention."""
        return self.span_range.get((m.start, m.end), range(0))
