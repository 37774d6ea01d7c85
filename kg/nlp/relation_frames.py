"""Relations stated by a frame of data/lexicons/relations.yaml: a verb between its subject
and object, a noun between its owner and its prepositional object, or a preposition."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.model import Mention
from kg.nlp.docindex import lower_lemmas, token_strings
from kg.nlp.lexicons import load, type_nouns
from kg.nlp.relation_finder import RelationFinder, _is_place, _pobjs, _words
from kg.ontology import classes_under, top_class

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Frames:
    verbs: dict[str, str]  # verb lemma → predicate
    nouns: dict[str, dict[str, str]]  # noun → preposition → predicate
    preps: dict[str, str]  # preposition → predicate


@lru_cache(maxsize=1)
def _frames() -> Frames:
    """The frames of data/lexicons/relations.yaml."""
    verbs: dict[str, str] = {}
    nouns: dict[str, dict[str, str]] = {}
    preps: dict[str, str] = {}
    for pred, spec in load("relations").items():
        for v in spec.get("verbs") or []:
            verbs.setdefault(str(v), pred)
        for n, ps in (spec.get("nouns") or {}).items():
            for p in ps:
                nouns.setdefault(str(n), {}).setdefault(str(p), pred)
        for p in spec.get("preps") or []:
            preps.setdefault(str(p), pred)
    return Frames(verbs, nouns, preps)


def _frame_of(lower: str, lemma: str) -> dict[str, str] | None:
    """Preposition → predicate for a frame noun, by its form ("talks") or its lemma."""
    nouns = _frames().nouns
    return nouns.get(lower) or nouns.get(lemma)


def _noun_frame(tok: Token) -> dict[str, str] | None:
    return _frame_of(tok.lower_, tok.lemma_.lower())


# Predicates that need someone to act: a city or a river does not back, fight or meet.
_PASSIVE_SUBJECT = {"memberOf", "visits"}
_AGENTIVE = {"opposes", "supports", "alliedWith", "communicatesWith", "controls", "memberOf"}
_ACTING_PLACES = {"Country", "FederalSubject"}


class FrameFinder(RelationFinder):
    """Relations stated by a verb between its subject and object, by a noun between its
    owner and its prepositional object ("the SDF's fight against ISIL"), or by a
    preposition ("against", "in") between the clause's subject and the preposition's object."""

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
                m = inner[0] if inner else self._place_of(t)
            if m is not None and m not in out:
                out.append(m)
        return out

    def _place_of(self, tok: Token) -> Mention | None:
        """ "the city of Mosul", "the province of Idlib": a place noun names its "of" object."""
        if type_nouns().get(tok.lemma_.lower()) not in classes_under("Region"):
            return None
        for _, g in _pobjs(tok, {"of"}):
            m = self.by_token.get(g.i)
            if m is not None and _is_place(m):
                return m
        return None

    def owners(self, noun: Token) -> list[Mention]:
        """Whose a noun is: its possessor ("the SDF's fight"), the party it is said of
        ("support for Iraq in the fight against ISIL"), else the clause's subject."""
        poss = [
            m
            for c in noun.children
            if c.dep_ in ("poss", "compound", "nmod") or c.dep_ == "amod" and c.pos_ == "PROPN"
            for m in self.entities(c)
        ]
        if poss:
            return poss  # "the SDF's fight", "UK support", "U.S. airstrikes"
        prep = noun.head if noun.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in ("in", "during"):
            host = prep.head
            named = self.entities(host) if host.pos_ == "PROPN" else []
            hosts = [host] if host.pos_ == "NOUN" else []
            hosts += [c for c in host.children if c.dep_ == "dobj"] if host.pos_ == "VERB" else []
            for h in hosts:  # "support for Iraq in the fight against ISIL"
                named += [m for _, g in _pobjs(h, {"for", "to"}) for m in self.entities(g)]
            if named:
                return named
        verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subj = self.subject(verb) if verb is not None else None
        return self.entities(subj) if subj is not None else []

    def subject(self, verb: Token) -> Token | None:
        cur = verb
        for _ in range(4):
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            if (
                subj is not None
                and subj.lower_ in _words("relative_pronouns")
                and cur.dep_ == "relcl"
            ):
                return cur.head  # "the squadron, which will fly missions against ISIL"
            if subj is not None:
                return subj
            agent = next((c for c in cur.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            if cur.dep_ == "acl" and cur.head.i in self.by_token:
                return cur.head  # "the Global Coalition to degrade and defeat ISIL"
            if cur.dep_ == "acl" and cur.head.pos_ == "NOUN":
                # "Iraq's efforts to destroy ISIL": the effort's owner acts
                poss = next((c for c in cur.head.children if c.dep_ == "poss"), None)
                if poss is not None:
                    return poss
            if (
                cur.dep_ not in ("xcomp", "advcl", "conj", "pcomp", "prep", "acl", "acomp")
                or cur.head.i == cur.i
            ):
                return None
            cur = cur.head
        return None

    def frames(self) -> None:
        """Verb, noun and preposition frames. The Doc's token lists pick out the few
        tokens that may open a frame; only those become Token objects."""
        frames, doc = _frames(), self.doc
        lemmas, lowers = lower_lemmas(doc), token_strings(doc, "LOWER")
        pos, deps = token_strings(doc, "POS"), token_strings(doc, "DEP")
        for i, (lemma, lower, tag, dep) in enumerate(zip(lemmas, lowers, pos, deps, strict=True)):
            verb = tag == "VERB"
            includes = verb and lemma in _words("include_verbs")
            pred = frames.verbs.get(lemma) if verb else None
            by_prep = _frame_of(lower, lemma) if tag in ("NOUN", "PROPN") else None
            prep = dep == "prep" and lower in frames.preps
            if not (includes or pred is not None or by_prep or prep):
                continue
            tok = doc[i]
            if includes:
                self._includes(tok)
            if pred is not None:
                self._verb_frame(pred, tok)
            if by_prep:
                self._noun_frame(by_prep, tok)
            if prep:
                self._prep_frame(frames.preps[lower], tok)

    def _includes(self, tok: Token) -> None:
        """ "the SDF, which includes the Syrian Arab Coalition": the object is a member."""
        subj = self.subject(tok)
        for o in (c for c in tok.children if c.dep_ == "dobj"):
            for member in self.entities(o):
                for whole in self.entities(subj) if subj is not None else []:
                    if top_class(whole.cls) == "Group" and (
                        top_class(member.cls) == "Group" or member.cls == "Country"
                    ):
                        self.pair("memberOf", member, whole, "verb-includes", 0.6)

    def _verb_frame(self, pred: str, tok: Token) -> None:
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        objs += [
            g
            for c in tok.children
            if c.dep_ == "prep"
            and (c.lower_ in ("with", "to", "on") or c.lower_ == "in" and pred == "visits")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        subj = self.subject(tok)
        if passive is not None and pred in _PASSIVE_SUBJECT and subj is None:
            subj = passive  # "he was assigned to 2nd Battalion": the subject is the member
        elif passive is not None:
            objs.append(passive)
        for a in self.entities(subj) if subj is not None else []:
            for o in objs:
                for b in self.entities(o):
                    self.pair(pred, a, b, "verb-frame", 0.6)

    def _noun_frame(self, by_prep: dict[str, str], noun: Token) -> None:
        preps = [c for c in noun.children if c.dep_ == "prep"]
        # "the agreement reached yesterday between A and B"
        preps += [
            p for c in noun.children if c.dep_ == "acl" for p in c.children if p.dep_ == "prep"
        ]
        for prep in preps:
            pred = by_prep.get(prep.lower_)
            if pred is None:
                continue
            others = [m for g in prep.children if g.dep_ == "pobj" for m in self.entities(g)]
            if prep.lower_ == "between":  # "the agreement between A and B"
                for i, a in enumerate(others):
                    for b in others[i + 1 :]:
                        self.pair(pred, a, b, "noun-between", 0.55)
                continue
            for a in self.owners(noun):
                for b in others:
                    self.pair(pred, a, b, f"noun-{noun.lemma_.lower()}", 0.55)

    def _prep_frame(self, pred: str, tok: Token) -> None:
        pobjs = [c for c in tok.children if c.dep_ == "pobj"]
        head = tok.head
        # a noun the tagger read as a verb ("U.S. airstrikes") still sits where nouns do
        nominal = head.pos_ in ("NOUN", "PROPN") or head.dep_ in ("pobj", "dobj", "nsubj")
        frame = _noun_frame(head) or {}
        if head.pos_ == "NOUN" and tok.lower_ in frame:
            return  # "the fight against ISIL": the noun's own frame says whose it is
        owners = self.entities(head) if nominal else []
        if not owners and nominal and head.pos_ != "PROPN":
            # "ISIL's campaign in Iraq" (a group's; "Putin's war in Ukraine" does not put him there)
            owners = [
                m
                for c in head.children
                if c.dep_ == "poss"
                for m in self.entities(c)
                if pred != "locatedIn" or top_class(m.cls) == "Group"
            ]
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
        if pred == "visits":
            pred = "locatedIn" if _is_place(b) else "communicatesWith"
        if pred == "controls" and not _is_place(b):
            pred = "opposes"  # "captured ten fighters"
        if pred == "memberOf" and (b.cls == "Person" or _is_place(b)):
            pred = "communicatesWith" if b.cls == "Person" else "locatedIn"
        if pred == "locatedIn" and how == "prep-within" and top_class(b.cls) == "Group":
            pred = "memberOf"  # "Turkey within NATO"
        if pred == "memberOf" and top_class(a.cls) == "Group" and a.cls != "EthnicGroup":
            pred = "partOf"  # a unit or body within a larger one
        if pred in _AGENTIVE and _is_place(a) and a.cls not in _ACTING_PLACES:
            return
        if pred == "inhabits" and (not _is_place(b) or top_class(a.cls) != "Group"):
            return
        if pred == "locatedIn" and (not _is_place(b) or a.cls == b.cls == "Person"):
            return
        if pred == "locatedIn" and _is_place(a) and a.text == b.text:
            return
        self.add(pred, a, b, how, conf)
