"""In-article coreference: each pronoun and definite noun phrase gets the earlier mention it
refers back to (its antecedent), and so whatever that mention is linked to.

A small mention-ranking resolver over chains built in text order (a name, or a noun phrase
that refers to nothing earlier, starts a chain; every mention resolved to it joins):
- agreement filters the chains: number (he and it singular, they plural), gender (he/she
  against what the chain has shown: an honorific, a gendered head noun from WordNet, the
  pronouns it already took) and class (he/she a person, it a group or place);
- syntax filters: a non-reflexive object pronoun is not its own clause's subject ("he saw
  him"), a reflexive one is ("she blamed herself");
- salience ranks what is left: the nearer sentence first, a subject before other roles,
  then the nearer mention. A definite noun phrase joins the last chain with its head noun
  ("the soldiers" … "the soldiers"), or the one name nearby its head says the kind of
  ("Gazprom" … "the company"), or, for a title, the one person named in the sentence
  before or its own ("Maria Lopez said … The minister added").
First-person pronouns outside quotes are one chain (the writer, the one interviewed); inside
a quote they are its speaker, which kg/nlp/speakers.py settles after the quotes step. A
"they" or "it" that resolves to nothing is not a mention (it was about a thing).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.model import Mention
from kg.nlp.context import Context
from kg.nlp.coref_rank import Candidate, describe, score
from kg.nlp.docindex import char_range, char_span
from kg.nlp.doctext import doc_text
from kg.nlp.lexicons import gendered, load, title_words, type_nouns
from kg.nlp.nominals import KIND as NOMINAL
from kg.nlp.pronouns import KIND as PRONOUN
from kg.nlp.pronouns import features
from kg.ontology import top_class

WINDOW = 3  # sentences back a pronoun looks for its antecedent
NOMINAL_WINDOW = 8  # sentences back a definite noun phrase looks for one
# How far back "he" or "she" with nothing in its window looks for the one named person of
# its gender (no competitor: an article about one woman says "she" long after her name).
FAR_WINDOW = 8
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECT = frozenset({"dobj", "obj", "iobj", "dative", "pobj", "attr"})
_THINGS = _SUBJECT | {"dobj", "obj"}  # the roles in which a thing competes with an entity
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_QUOTES = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
# Called with a pronoun, its candidates and their feature vectors (training only).
Recorder = Callable[[Mention, list[Candidate], list[tuple[float, ...]]], None]


@dataclass(slots=True)
class Chain:
    """Mentions found so far to be of one thing."""

    cls: str  # top class
    number: str  # sg, pl, any
    gender: str  # m, f, any
    heads: set[str] = field(default_factory=set)  # head lemmas of its noun phrases
    keys: set[str] = field(default_factory=set)  # its names' words, lower case
    # A name classed a group or place by its words alone (no gazetteer entry), which "he" or
    # "she" may still refer to: then it was a person ("Martin", "Aurelius" read as places).
    unsure: bool = False
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class _Resolver:
    doc: Doc
    quotes: list[tuple[int, int]]
    starts: list[int]  # sentence start offsets
    taken: set[int] = field(default_factory=set)  # tokens inside a mention
    names: dict[tuple[int, int], Mention] = field(default_factory=dict)  # every name, by span
    chains: list[Chain] = field(default_factory=list)
    of: dict[tuple[int, int], Chain] = field(default_factory=dict)
    first_person: dict[str, Chain] = field(default_factory=dict)  # "sg"/"pl"/"you" → chain
    firsts: dict[int, int] = field(default_factory=dict)  # sentence → its first mention's start
    people: list[Chain] = field(default_factory=list)  # unsure names "he" or "she" took
    topic: Chain | None = None  # the chain of the article's first name
    recorder: Recorder | None = None  # train/coref_ranker.py watches the ranking

    def head(self, m: Mention) -> Token | None:
        span = char_span(self.doc, m.start, m.end)
        return span.root if span is not None else None

    def quoted(self, m: Mention) -> bool:
        i = bisect_right(self.quotes, (m.start, 1 << 62)) - 1
        return i >= 0 and self.quotes[i][0] < m.start and m.end <= self.quotes[i][1]

    def join(self, chain: Chain, m: Mention) -> None:
        chain.mentions.append(m)
        self.of[(m.start, m.end)] = chain

    def start(self, m: Mention, number: str, gender: str) -> Chain:
        chain = Chain(top_class(m.cls), number, gender)
        self.chains.append(chain)
        self.join(chain, m)
        return chain

    # ---- names and noun phrases

    def name(self, m: Mention) -> Mention:
        words = {w.lower() for w in m.text.split()}
        for chain in reversed(self.chains):  # "Gabbasov" after "Ruslan Gabbasov"
            if chain.keys and chain.cls == top_class(m.cls) and words <= chain.keys:
                self.join(chain, m)
                return m
        head = self.head(m)
        number = "pl" if head is not None and head.tag_ in ("NNPS", "NNS") else "sg"
        if top_class(m.cls) == "Group":
            number = "any"  # "the Taliban said they", "Gazprom said it"
        chain = self.start(m, number, self._gender(m))
        chain.keys = words
        chain.unsure = chain.cls != "Person" and m.gazetteer_id is None
        if self.topic is None and words:
            self.topic = chain
        return m

    def _gender(self, m: Mention) -> str:
        """A person's gender from an honorific ("Ms."), else from their first name."""
        head = self.head(m)
        if head is None or top_class(m.cls) != "Person":
            return "any"
        before = self.doc[head.left_edge.i - 1] if head.left_edge.i > 0 else None
        words = [t.lower_.rstrip(".") for t in head.subtree] + (
            [before.lower_.rstrip(".")] if before is not None else []
        )
        honor = load("pronouns")["honorifics"]
        said = next((honor[w] for w in words if w in honor), None)
        if said is not None:
            return said
        first = m.text.split(maxsplit=1)[0].lower() if m.text.strip() else ""
        return gendered("first_names").get(first, "any")  # "Maria Lopez": f, "Kim": unknown

    def nominal(self, m: Mention) -> Mention:
        if m.antecedent is not None:  # an apposition or title: its chain is its name's
            chain = self.of.get(m.antecedent)
            if chain is not None:
                self.join(chain, m)
            return m
        head = self.head(m)
        named = self._apposed_name(head) if head is not None else None
        if named is not None:  # "their autonomous republic, Bashkortostan": the name's
            name = self.names[named]
            chain = self.of.get(named)
            if chain is not None:
                self.join(chain, m)
            return dataclasses.replace(m, antecedent=named, reason="apposition", cls=name.cls)
        lemma = head.lemma_.lower() if head is not None else m.text.lower()
        plural = head is not None and head.tag_ == "NNS"
        definite = head is not None and any(
            c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in head.lefts
        )
        found = self._nominal_antecedent(m, lemma) if definite else None
        if found is not None:
            self.join(found, m)
            return dataclasses.replace(
                m, antecedent=self._last(found, m), reason="nominal-anaphor", cls=_cls(found, m)
            )
        chain = self.start(m, "pl" if plural else "sg", gendered("nominals").get(lemma, "any"))
        chain.heads.add(lemma)
        return m

    def _apposed_name(self, head: Token) -> tuple[int, int] | None:
        """The name a noun phrase is in apposition with, either way round."""
        for t in [*(c for c in head.children if c.dep_ == "appos"), head.head]:
            if t.i == head.head.i and head.dep_ != "appos":
                continue
            for span in self.names:
                if span[0] <= t.idx < span[1]:
                    return span
        return None

    def _nominal_antecedent(self, m: Mention, lemma: str) -> Chain | None:
        near = [c for c in self.chains if m.sentence - c.mentions[-1].sentence <= NOMINAL_WINDOW]
        same = [c for c in near if lemma in c.heads]
        if same:
            return same[-1]
        if lemma in title_words() and top_class(m.cls) == "Person":
            # "Maria Lopez said … The minister added": the one person named just before
            people = [
                c
                for c in near
                if c.keys and c.cls == "Person" and m.sentence - c.mentions[-1].sentence <= 1
            ]
            return people[-1] if len(people) == 1 else None
        kind = type_nouns().get(lemma)  # "company" → Organization, "city" → City
        if kind is None:
            return None
        named = [
            c
            for c in near
            if c.keys
            and m.sentence - c.mentions[-1].sentence <= WINDOW
            and any(x.cls == kind for x in c.mentions)
        ]
        return named[-1] if len(named) == 1 else None

    # ---- pronouns

    def pronoun(self, m: Mention) -> Mention | None:
        f = features(m)
        assert f is not None
        if f.person in (1, 2):
            return self._deictic(m, f.person, f.number)
        chain = self._antecedent(m, f.number, f.gender)
        if chain is None:
            if not f.always:
                return None  # "it", "they" about a thing
            new = self.start(m, f.number, f.gender)
            return dataclasses.replace(m, cls=_cls(new, m))
        self.join(chain, m)
        if f.gender in ("m", "f") and chain.cls != "Person":  # "Martin … he": a person
            chain.cls, chain.number, chain.unsure = "Person", "sg", False
            self.people.append(chain)
        if f.gender in ("m", "f") and chain.gender == "any":
            chain.gender = f.gender
        return dataclasses.replace(
            m, antecedent=self._last(chain, m), reason="pronoun", cls=_cls(chain, m)
        )

    def _deictic(self, m: Mention, person: int, number: str) -> Mention:
        """I and we outside quotes are the writer (or the one interviewed), you the one
        addressed; inside a quote they wait for its speaker (kg/nlp/speakers.py)."""
        if self.quoted(m):
            return m
        key = "you" if person == 2 else number
        chain = self.first_person.get(key)
        if chain is None:
            self.first_person[key] = self.start(m, number, "any")
            return m
        antecedent = self._last(chain, m)
        self.join(chain, m)
        return dataclasses.replace(m, antecedent=antecedent, reason="pronoun")

    def _antecedent(self, m: Mention, number: str, gender: str) -> Chain | None:
        tok = self.head(m)
        reflexive = m.text.lower().endswith(("self", "selves"))
        cands = []
        for chain in self.chains:
            last = chain.mentions[-1]
            distance = m.sentence - last.sentence
            if distance > WINDOW or chain in self.first_person.values():
                continue
            if not _agrees(chain, number, gender):
                continue
            cand = self.head(last)
            if tok is not None and cand is not None and not _binding_ok(tok, cand, reflexive):
                continue
            cands.append(self._candidate(m, chain, cand))
        if not cands and gender in ("m", "f"):
            return self._only_named(m, number, gender)
        if gender == "n" or (number == "pl" and gender == "any"):
            # "it" and "they" refer to things as often: a thing that outranks every person,
            # group or place wins, and then the pronoun is no mention at all
            for t in self._things(m, number):
                sentence = bisect_right(self.starts, t.idx) - 1
                cands.append(Candidate(None, t, t.idx, m.sentence - sentence, "thing"))
        if not cands:
            return None
        vectors = describe(tok, gender, number == "pl", self.quoted(m), cands)
        if self.recorder is not None:
            self.recorder(m, cands, vectors)
        scores = [score(v) for v in vectors]
        best = max(range(len(cands)), key=lambda i: (scores[i], cands[i].start))
        return cands[best].chain  # type: ignore[return-value]

    def _only_named(self, m: Mention, number: str, gender: str) -> Chain | None:
        far = [
            c
            for c in self.chains
            if c.keys
            and c not in self.first_person.values()
            and m.sentence - c.mentions[-1].sentence <= FAR_WINDOW
            and _agrees(c, number, gender)
        ]
        return far[0] if len(far) == 1 else None

    def _candidate(self, m: Mention, chain: Chain, head: Token | None) -> Candidate:
        last = chain.mentions[-1]
        return Candidate(
            chain,
            head,
            last.start,
            m.sentence - last.sentence,
            last.kind,
            chain.cls,
            len(chain.mentions),
            sum(m.sentence - x.sentence <= WINDOW for x in chain.mentions),
            bool(chain.keys),
            chain.gender != "any",
            self.quoted(last),
            self.firsts.get(last.sentence) == last.start,
            chain is self.topic,
        )

    def _things(self, m: Mention, number: str) -> list[Token]:
        """Subjects and objects before ``m`` in its window that are nouns of no mention (only
        the window's tokens are looked at: an article's pronouns never rescan all of it)."""
        lo = self.starts[max(0, m.sentence - WINDOW)] if self.starts else 0
        bounds = char_range(self.doc, lo, m.start)
        if bounds is None:
            return []
        tags = ("NNS",) if number == "pl" else ("NN",)
        return [
            t
            for t in self.doc[bounds[0] : bounds[1]]
            if lo <= t.idx < m.start
            and t.tag_ in tags
            and t.i not in self.taken
            and t.dep_ in _THINGS
        ]

    def _last(self, chain: Chain, m: Mention) -> tuple[int, int]:
        """The chain's mention nearest before ``m`` (itself excluded)."""
        before = [x for x in chain.mentions if x.start < m.start and x is not m]
        x = before[-1] if before else chain.mentions[0]
        return (x.start, x.end)


def _cls(chain: Chain, m: Mention) -> str:
    """An anaphor's class: its antecedent's top class (a pronoun knows none of its own)."""
    return chain.cls if m.kind == PRONOUN or top_class(m.cls) != chain.cls else m.cls


def _agrees(chain: Chain, number: str, gender: str) -> bool:
    if gender == "n":  # it: a group or a place, one
        return chain.cls in ("Group", "Region") and chain.number in ("sg", "any")
    if gender in ("m", "f"):
        person = chain.cls == "Person" or (chain.unsure and len(chain.mentions) == 1)
        return person and chain.number != "pl" and chain.gender in (gender, "any")
    if number == "pl":  # they: people, or a group
        return chain.cls == "Group" or (chain.cls == "Person" and chain.number in ("pl", "any"))
    return chain.cls == "Person"


def _clause(t: Token) -> Token:
    while t.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj") and t.head.i != t.i:
        t = t.head
    return t


def _binding_ok(pronoun: Token, cand: Token, reflexive: bool) -> bool:
    """A reflexive takes its clause's subject; another object pronoun never does."""
    # Token objects are views made on each access: the same token is the same index
    same_clause = _clause(pronoun).i == _clause(cand).i and cand.dep_ in _SUBJECT
    if reflexive:
        return same_clause
    if pronoun.dep_ in _OBJECT and pronoun.tag_ != "PRP$":
        return not same_clause
    return True


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The spans of text between quotation marks, marks included, in order."""
    return [m.span() for m in _QUOTES.finditer(text)]


def resolve(
    doc: Doc, mentions: list[Mention], starts: list[int], recorder: Recorder | None = None
) -> list[Mention]:
    """The mentions with antecedents set; unresolved "it" and "they" are left out."""
    r = _Resolver(doc, quote_spans(doc_text(doc)), starts, recorder=recorder)
    for m in mentions:
        r.firsts.setdefault(m.sentence, m.start)
        span = char_span(doc, m.start, m.end)
        if span is not None:
            r.taken.update(range(span.start, span.end))
        if m.kind == "name" and m.antecedent is None:
            r.names[(m.start, m.end)] = m
    out = []
    for m in mentions:
        if m.kind == PRONOUN:
            resolved = r.pronoun(m)
        elif m.kind == NOMINAL or m.antecedent is not None:
            resolved = r.nominal(m)
        else:
            resolved = r.name(m)
        if resolved is not None:
            out.append(resolved)
    return _reclassed(out, r.people)


def _reclassed(mentions: list[Mention], people: list[Chain]) -> list[Mention]:
    """The names of the chains "he" or "she" showed to be people, classed Person."""
    spans = {(x.start, x.end) for chain in people for x in chain.mentions}
    if not spans:
        return mentions
    return [
        dataclasses.replace(m, cls="Person") if (m.start, m.end) in spans else m for m in mentions
    ]


def step(ctx: Context) -> None:
    ctx.mentions = resolve(ctx.doc, ctx.mentions, ctx.starts)
