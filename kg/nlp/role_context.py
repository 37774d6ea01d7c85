"""What event arguments are read against: an article's mentions by token, and the made
things (kg:Artifact) its events involve, which become mentions when a role takes one."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.model import Argument, Mention
from kg.nlp.context import ARTIFACT
from kg.nlp.entities import mentions_by_token, sentence_of
from kg.nlp.lexicons import word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# The roles a made thing can fill, by the role its place in the parse gives: where a doer
# would be, it is the means ("the bomb killed six"); where an undergoer, the target.
THING_ROLES = {"agent": "instrument", "target": "target", "instrument": "instrument"}
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_THING_MODIFIERS = ("det", "amod", "compound", "nummod", "quantmod", "nmod")


class RoleContext:
    """An article's mentions, found by token, and the made things its events involve
    (mentions of kg:Artifact, made on first use)."""

    def __init__(self, doc: Doc, mentions: list[Mention], starts: list[int]) -> None:
        self.doc = doc
        self.by_token = mentions_by_token(doc, mentions)
        self.starts = starts
        self.triggers: frozenset[int] = frozenset()
        self.things: dict[int, Mention] = {}  # head token → the thing's mention
        self._heads: dict[tuple[int, int], int] = {}  # a thing's span → its head token

    def mention(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    def is_thing(self, arg: Argument) -> bool:
        return (arg.start, arg.end) in self._heads

    def instruments(self, objects: list[Token]) -> list[Argument]:
        """The made things among prepositions' objects (and their conjuncts), as
        instruments: "killed with a knife", "flew back in an RAF transport plane"."""
        things = [self.thing(t) for obj in objects for t in [obj, *obj.conjuncts]]
        return [Argument("instrument", m.start, m.end, m.text) for m in things if m is not None]

    def as_vehicle(self, arg: Argument) -> Argument:
        """A movement's target that is a vehicle (nominals.yaml vehicles) is its means."""
        head = self._heads.get((arg.start, arg.end))
        if arg.role != "target" or head is None:
            return arg
        if self.doc[head].lemma_.lower() not in word_set("nominals", "vehicles"):
            return arg
        return replace(arg, role="instrument")

    def thing(self, tok: Token) -> Mention | None:
        """The made thing a noun heads ("the bomb", "two cars", "a Ryder truck"): its head's
        most frequent sense is an artifact (data/lexicons/nominals.yaml, things), and it is
        no mention, name or event. A definite one refers back to the last thing of its
        head word."""
        if tok.i in self.things:
            return self.things[tok.i]
        if tok.pos_ != "NOUN" or tok.ent_type_ or tok.i in self.by_token or tok.i in self.triggers:
            return None
        lemma = tok.lemma_.lower()
        if lemma not in word_set("nominals", "things"):
            return None
        start = tok.i
        for c in reversed(list(tok.lefts)):  # the nearest modifier first
            inside = range(c.left_edge.i, c.right_edge.i + 1)
            if c.dep_ not in _THING_MODIFIERS or c.right_edge.i != start - 1:
                break
            if any(i in self.by_token or self.doc[i].is_punct for i in inside):
                break
            start = c.left_edge.i
        span = self.doc[start : tok.i + 1]
        count = next((c.text for c in tok.children if c.dep_ == "nummod"), None)
        earlier = [
            m
            for i, m in sorted(self.things.items())
            if i < tok.i and self.doc[i].lemma_ == tok.lemma_
        ]
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)
        before = earlier[-1] if definite and earlier else None
        m = Mention(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            sentence=sentence_of(self.starts, span.start_char),
            cls=ARTIFACT,
            ner="",
            kind="nominal",
            quantity=count,
            antecedent=(before.start, before.end) if before is not None else None,
            reason="nominal-anaphor" if before is not None else None,
        )
        self.things[tok.i] = m
        self._heads[(m.start, m.end)] = tok.i
        return m
