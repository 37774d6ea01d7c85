"""Binary facts between mentions, read off the parse by a few general patterns.

- roles: "X, leader of Y", "Y's spokesman X", "X, a member of Y" (role nouns are data)
- location: "A, B" for a place and its country; "A, located in B"; "A is ... in B"
- nearness: "A, located between B and C"
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.model import Mention, RelationMention
from kg.nlp.context import Context
from kg.nlp.docindex import char_range, lower_lemmas, token_strings
from kg.nlp.entities import doc_text, mentions_by_token
from kg.nlp.lexicons import load, role_nouns, type_nouns, word_pattern, word_set
from kg.ontology import classes_under, top_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _words(part: str) -> frozenset[str]:
    """A word list of data/lexicons/relation_words.yaml."""
    return word_set("relation_words", part)


@lru_cache(maxsize=1)
def _fronted() -> re.Pattern[str]:
    """What may stand before a fronted place: "Near", "In the" (a sentence's first words)."""
    return re.compile(rf"^\s*(?:{word_pattern('relation_words', 'fronted_preps')})\s+(?:the\s+)?$")


def _is_place(m: Mention) -> bool:
    return top_class(m.cls) == "Region"


def _is_unit(m: Mention) -> bool:
    tokens = m.text.lower().split()
    last = tokens[-3:]
    return (
        top_class(m.cls) == "Group" and len(tokens) > 1 and bool(_words("unit_nouns") & set(last))
    )


def _pobjs(tok: Token, preps: Collection[str]) -> list[tuple[str, Token]]:
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

    def roles(self) -> None:
        nouns = role_nouns()
        for m in self.mentions:
            if m.cls != "Person" or (m.start, m.end) not in self.span_root:
                continue
            root = self.span_root[(m.start, m.end)]
            role_toks = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                role_toks.append(root.head)
            own = self._span_toks(m)
            role_toks += [c for c in root.children if c.dep_ == "compound" and c.i not in own]
            role_toks += self.descriptions.get((m.start, m.end), [])
            self._nationality(m, root, role_toks)
            for _, place in _pobjs(root, {"of"}):  # "Scott Dayton, of Woodbridge, Virginia"
                home = self.by_token.get(place.i)
                if home is not None and _is_place(home):
                    self.add("locatedIn", m, home, "person-of-place", 0.6)
            for r in role_toks:
                pred = nouns.get(r.lemma_.lower())
                prev = r.doc[r.i - 1] if r.i > 0 else None
                if prev is not None and f"{prev.lower_} {r.lemma_.lower()}" in nouns:
                    pred = nouns[f"{prev.lower_} {r.lemma_.lower()}"]  # "prime minister"
                if pred is None:
                    continue
                if pred == "leaderOf" and any(
                    c.dep_ == "det" and c.lower_ in ("a", "an") for c in r.children
                ):
                    pred = "memberOf"  # "an ISIL leader" is one of its leaders
                for _, obj in _pobjs(r, _words("role_preps")):
                    self._role_object(pred, m, obj, "role-apposition", 0.8)
                # "Joseph Votel, commander, U.S. Central Command": the body in apposition
                for c in [*r.children, *root.children]:
                    if c.dep_ == "appos" and c.i > r.i:
                        self._role_object(pred, m, c, "role-apposition", 0.7)
                for c in r.children:  # "Russian President Putin", "the party's leader"
                    people = self.by_token.get(c.i)
                    if people is not None and people.cls == "EthnicGroup":
                        continue  # "a Kurdish commander" leads no people: see _nationality
                    if c.dep_ in ("poss", "compound", "amod"):
                        self._role_object(pred, m, c, "role-modifier", 0.7)

    def _nationality(self, person: Mention, root: Token, role_toks: list[Token]) -> None:
        """ "Russian President Vladimir Putin", "X, a Kurdish commander": a people or a
        country modifying the person's title. The graph states it as citizenship of the
        people's country (or membership of a people without one)."""
        own = self._span_toks(person)
        for r in [root, *role_toks]:
            for c in r.children:
                if c.dep_ not in ("amod", "compound") or c.i in own:
                    continue
                m = self.by_token.get(c.i) or self._country_named(c.text)
                if m is not None and m.cls in ("EthnicGroup", "Country"):
                    self.add("citizenOf", person, m, "nationality", 0.6)

    def _country_named(self, demonym: str) -> Mention | None:
        """The article's mention of the country a demonym belongs to ("Iraqi" → "Iraq")."""
        country = self.gaz.country_of_demonym.get(demonym.lower())
        return self.first_with_id.get(country)

    def _span_toks(self, m: Mention) -> range:
        """The token indices of a mention."""
        return self.span_range.get((m.start, m.end), range(0))

    def _role_object(self, pred: str, person: Mention, tok: Token, how: str, conf: float) -> None:
        obj = self.by_token.get(tok.i)
        if obj is not None and obj.antecedent is not None:
            obj = None  # the description of a person is not what they lead
        if obj is None:
            # "spokesman for the Indonesian military": the mention inside the object phrase
            # or "president of the Lombardy region": the name inside a kind-of-thing noun
            inner = [self.by_token[c.i] for c in tok.children if c.i in self.by_token]
            kind = tok.lemma_.lower() in _words("body_nouns")
            obj = inner[0] if inner and (kind or tok.lemma_.lower() in type_nouns()) else None
        if obj is not None and obj.cls != "Person" and top_class(obj.cls) in ("Group", "Region"):
            if top_class(obj.cls) == "Region" and pred == "memberOf":
                if obj.cls == "Country":  # "Russia's foreign minister" is at least Russian
                    self.add("citizenOf", person, obj, how, conf)
                return
            self.add(pred, person, obj, how, conf)

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


def step(ctx: Context) -> None:
    """Relations between the mentions found so far."""
    ctx.relations = extract_relations(ctx.doc, ctx.mentions, ctx.gazetteer)
