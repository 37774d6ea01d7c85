"""Binary facts between mentions, read off the parse by a few general patterns.

- roles: "X, leader of Y", "Y's spokesman X", "X, a member of Y" (role nouns are data)
- location: "A, B" for a place and its country; "A, located in B"; "A is ... in B"
- nearness: "A, located between B and C"
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.model import Mention, RelationMention, top_class
from kg.nlp.entities import mentions_by_token
from kg.nlp.lexicons import load, role_nouns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_LOCATED = {"locate", "situate", "base", "lie", "sit"}
_IN = {"in", "within", "inside"}
_NEAR = {"between", "near", "along", "beside", "by", "bordering"}
_ROLE_PREPS = {"of", "for", "at", "in"}
_INCLUDES = {"include", "comprise", "incorporate", "encompass"}


def _is_place(m: Mention) -> bool:
    return top_class(m.cls) == "Region"


def _pobjs(tok: Token, preps: set[str]) -> list[tuple[str, Token]]:
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lemma_.lower() in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    out.extend((c.lemma_.lower(), x) for x in [g, *g.conjuncts])
    return out


class RelationFinder:
    def __init__(self, doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.mentions = mentions
        self.by_token = mentions_by_token(doc, mentions)
        self.span_root: dict[tuple[int, int], Token] = {}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                self.span_root[(m.start, m.end)] = span.root
        self.out: list[RelationMention] = []

    def add(self, pred: str, a: Mention, b: Mention, extractor: str, conf: float) -> None:
        if (a.start, a.end) == (b.start, b.end):
            return
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

    def roles(self) -> None:
        nouns = role_nouns()
        for m in self.mentions:
            if m.cls != "Person" or (m.start, m.end) not in self.span_root:
                continue
            root = self.span_root[(m.start, m.end)]
            role_toks = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                role_toks.append(root.head)
            role_toks += [
                c for c in root.children if c.dep_ == "compound" and c not in self._span_toks(m)
            ]
            for r in role_toks:
                pred = nouns.get(r.lemma_.lower())
                if pred is None:
                    continue
                for _, obj in _pobjs(r, _ROLE_PREPS):
                    self._role_object(pred, m, obj, "role-apposition", 0.8)
                for c in r.children:  # "Russian President Putin", "the party's leader"
                    if c.dep_ in ("poss", "compound", "amod"):
                        self._role_object(pred, m, c, "role-modifier", 0.7)

    def _span_toks(self, m: Mention) -> set[Token]:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return set(span) if span is not None else set()

    def _role_object(self, pred: str, person: Mention, tok: Token, how: str, conf: float) -> None:
        obj = self.by_token.get(tok.i)
        if obj is None:
            # "spokesman for the Indonesian military": the mention inside the object phrase
            inner = [self.by_token[c.i] for c in tok.children if c.i in self.by_token]
            obj = (
                inner[0]
                if inner and tok.lemma_.lower() in ("military", "army", "government")
                else None
            )
        if obj is not None and obj.cls != "Person" and top_class(obj.cls) in ("Group", "Region"):
            if top_class(obj.cls) == "Region" and pred == "memberOf":
                return
            self.add(pred, person, obj, how, conf)

    def locations(self) -> None:
        text = self.doc.text
        ms = self.mentions
        for a, b in zip(ms, ms[1:], strict=False):
            # "Aceh, Indonesia": a place, then its country or province
            if _is_place(a) and _is_place(b) and text[a.end : b.start] in (", ", ","):
                entry = self.gaz.lookup(b.text)
                if entry is not None and entry.cls in ("Country", "FederalSubject"):
                    after = text[b.end : b.end + 1]
                    if after in ("", ",", ".", " ", "\n", ";", ")"):
                        self.add("locatedIn", a, b, "place-comma", 0.75)
        for m in ms:
            if not _is_place(m) or (m.start, m.end) not in self.span_root:
                continue
            root = self.span_root[(m.start, m.end)]
            # "A, located between B and C in D"
            for c in root.children:
                if c.dep_ == "acl" and c.lemma_.lower() in _LOCATED:
                    self._located(m, c)
            # "A is the seventh most populous republic in B"
            if root.dep_ == "nsubj" and root.head.lemma_ == "be":
                for attr in root.head.children:
                    if attr.dep_ == "attr":
                        for _, obj in _pobjs(attr, _IN):
                            self._place_rel("locatedIn", m, obj, "copula-in", 0.7)

    def _located(self, m: Mention, verb: Token) -> None:
        stack = [verb]
        while stack:
            tok = stack.pop()
            for prep, obj in _pobjs(tok, _IN | _NEAR):
                pred = "locatedIn" if prep in _IN else "near"
                self._place_rel(pred, m, obj, "located", 0.8)
                stack.append(obj)

    def _place_rel(self, pred: str, a: Mention, tok: Token, how: str, conf: float) -> None:
        b = self.by_token.get(tok.i)
        if b is not None and _is_place(b) and b.text != a.text:
            self.add(pred, a, b, how, conf)


@lru_cache(maxsize=1)
def _frames() -> tuple[dict[str, str], dict[str, str]]:
    """verb lemma → predicate, preposition → predicate (data/lexicons/relations.yaml)."""
    verbs: dict[str, str] = {}
    preps: dict[str, str] = {}
    for pred, spec in load("relations").items():
        for v in spec.get("verbs") or []:
            verbs.setdefault(str(v), pred)
        for p in spec.get("preps") or []:
            preps.setdefault(str(p), pred)
    return verbs, preps


class FrameFinder(RelationFinder):
    """Relations stated by a verb between its subject and object, or by a preposition
    ("against", "in") between the clause's subject and the preposition's object."""

    def entities(self, tok: Token) -> list[Mention]:
        """The mentions a token stands for: itself, a name inside its phrase, its conjuncts."""
        out = []
        for t in [tok, *tok.conjuncts]:
            m = self.by_token.get(t.i)
            if m is None:
                inner = [
                    self.by_token[c.i]
                    for c in t.children
                    if c.i in self.by_token and c.dep_ in ("compound", "amod", "nmod", "appos")
                ]
                m = inner[0] if inner else None
            if m is not None and m.antecedent is None and m not in out:
                out.append(m)
        return out

    def subject(self, verb: Token) -> Token | None:
        cur = verb
        for _ in range(4):
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
            agent = next((c for c in cur.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            if (
                cur.dep_ not in ("xcomp", "advcl", "conj", "pcomp", "prep", "acl")
                or cur.head.i == cur.i
            ):
                return None
            cur = cur.head
        return None

    def frames(self) -> None:
        verbs, preps = _frames()
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in _INCLUDES:
                # "the SDF, which includes the Syrian Arab Coalition": the object is a member
                subj = self.subject(tok)
                for o in (c for c in tok.children if c.dep_ == "dobj"):
                    for member in self.entities(o):
                        for whole in self.entities(subj) if subj is not None else []:
                            if top_class(whole.cls) == "Group" and top_class(member.cls) == "Group":
                                self.pair("memberOf", member, whole, "verb-includes", 0.6)
            pred = verbs.get(lemma) if tok.pos_ == "VERB" else None
            if pred is not None:
                passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
                objs = [c for c in tok.children if c.dep_ == "dobj"]
                objs += [
                    g
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in ("with", "to", "on")
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
                subj = self.subject(tok)
                if passive is not None:
                    objs.append(passive)
                for a in self.entities(subj) if subj is not None else []:
                    for o in objs:
                        for b in self.entities(o):
                            self.pair(pred, a, b, "verb-frame", 0.6)
            if tok.dep_ == "prep" and tok.lower_ in preps:
                pred = preps[tok.lower_]
                pobjs = [c for c in tok.children if c.dep_ == "pobj"]
                head = tok.head
                owners = self.entities(head) if head.pos_ in ("NOUN", "PROPN") else []
                if not owners and head.dep_ == "appos":
                    owners = self.entities(head.head)  # "X, an ISIL leader in Raqqah"
                if not owners:
                    verb = (
                        head
                        if head.pos_ in ("VERB", "AUX")
                        else next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
                    )
                    subj = self.subject(verb) if verb is not None else None
                    owners = self.entities(subj) if subj is not None else []
                    if pred == "locatedIn" and verb is not None and head.i == verb.i:
                        # "Near Mosul, strikes engaged ISIL units": the clause's place is
                        # where everyone it names was
                        owners += [
                            m
                            for c in verb.children
                            if c.dep_ in ("dobj", "nsubjpass")
                            for m in self.entities(c)
                            if m not in owners
                        ]
                for a in owners:
                    for o in pobjs:
                        for b in self.entities(o):
                            self.pair(pred, a, b, f"prep-{tok.lower_}", 0.55)

    def pair(self, pred: str, a: Mention, b: Mention, how: str, conf: float) -> None:
        if pred == "inhabits" and (not _is_place(b) or top_class(a.cls) != "Group"):
            return
        if pred == "locatedIn" and (not _is_place(b) or a.cls == b.cls == "Person"):
            return
        if pred == "locatedIn" and _is_place(a) and a.text == b.text:
            return
        self.add(pred, a, b, how, conf)


def extract_relations(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[RelationMention]:
    finder = FrameFinder(doc, mentions, gaz)
    finder.roles()
    finder.locations()
    finder.frames()
    seen = set()
    out = []
    for r in finder.out:
        k = (r.predicate, r.subject, r.object)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return sorted(out, key=lambda r: (r.start, r.end, r.predicate, r.subject, r.object))
