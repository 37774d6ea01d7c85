"""How coreference ranks the antecedents a pronoun may have: a learned linear score.

Agreement and binding (kg/nlp/coref.py) decide which earlier chains a pronoun *may* refer
to, and which nouns of no mention ("things") compete with them for "it" and "they". Among
those candidates the one with the highest score wins, the score being a weighted sum of
the features below: how far back, in which role, how salient its chain is, whether the
pronoun and the candidate play parallel roles (a feature of the pronoun alone would be the
same for every candidate and could not rank them, so there is none). The weights are
learned, not set by hand: `make models` (train/coref_ranker.py) fits a conditional logit
over the candidates of every pronoun of GUM's training genres and GAP (tune halves only)
and writes them to data/lexicons/coref.yaml with its provenance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.errors import ResourceError
from kg.nlp.lexicons import load

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECT = frozenset({"dobj", "obj", "iobj", "dative"})
KINDS = ("name", "nominal", "pronoun", "thing")
CLASSES = ("Person", "Group", "Region")

# Every feature, in the order the weights file lists them.
FEATURES = (
    *KINDS,
    *(f"distance {d}" for d in range(4)),
    *(f"recency {r}" for r in range(4)),
    "subject",
    "object",
    "possessor",
    "prepositional",
    "parallel subjects",
    "possessive of subject",
    "governs pronoun",
    "same verb",
    "first in sentence",
    "gender known",
    "chain size",
    "chain recent",
    "chain named",
    "topic",
    "token distance",
    "quote differs",
    *(f"class {c}" for c in CLASSES),
    "he or she to a non-person",
    "plural pronoun thing",
    "neuter pronoun thing",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One thing a pronoun may refer to: a chain (its latest mention) or a bare noun."""

    chain: object | None  # kg.nlp.coref.Chain; None for a thing
    head: Token | None  # the head token of the latest mention, or the noun itself
    start: int  # its character offset
    distance: int  # sentences back
    kind: str  # name, nominal, pronoun, thing
    cls: str = ""  # the chain's top class
    size: int = 1  # the chain's mentions so far
    recent: int = 1  # of them, those in the pronoun's window
    named: bool = False
    gender_known: bool = False
    quoted: bool = False
    first: bool = False  # the first mention of its sentence
    topic: bool = False  # the chain of the article's first named person, group or place


@cache
def weights() -> tuple[float, ...]:
    """The learned weights (data/lexicons/coref.yaml), in FEATURES order."""
    table = load("coref")["weights"]
    missing = [f for f in FEATURES if f not in table]
    if missing:
        raise ResourceError(f"data/lexicons/coref.yaml has no weight for {missing[0]!r}")
    return tuple(float(table[f]) for f in FEATURES)


def describe(
    pronoun: Token | None, gender: str, plural: bool, quoted: bool, candidates: list[Candidate]
) -> list[tuple[float, ...]]:
    """Each candidate's feature vector, in FEATURES order."""
    by_recency = sorted(range(len(candidates)), key=lambda i: -candidates[i].start)
    rank = {i: r for r, i in enumerate(by_recency)}
    gendered = gender in ("m", "f")
    return [
        _features(pronoun, gendered, plural, quoted, c, rank[i]) for i, c in enumerate(candidates)
    ]


def _features(
    pronoun: Token | None, gendered: bool, plural: bool, quoted: bool, c: Candidate, rank: int
) -> tuple[float, ...]:
    head = c.head
    dep = head.dep_ if head is not None else ""
    p_dep = pronoun.dep_ if pronoun is not None else ""
    p_subject = p_dep in SUBJECT
    possessive = pronoun is not None and pronoun.tag_ == "PRP$"
    subject = dep in SUBJECT
    thing = c.kind == "thing"
    f = {
        c.kind: 1.0,
        f"distance {min(c.distance, 3)}": 1.0,
        f"recency {min(rank, 3)}": 1.0,
        "subject": float(subject),
        "object": float(dep in _OBJECT),
        "possessor": float(dep == "poss"),
        "prepositional": float(dep == "pobj"),
        "parallel subjects": float(subject and p_subject),
        "possessive of subject": float(subject and possessive),
        "governs pronoun": float(subject and _governs(head, pronoun)),
        "same verb": float(
            head is not None and pronoun is not None and head.head.i == pronoun.head.i
        ),
        "first in sentence": float(c.first),
        "gender known": float(c.gender_known),
        "chain size": math.log1p(c.size) if not thing else 0.0,
        "chain recent": math.log1p(c.recent) if not thing else 0.0,
        "chain named": float(c.named),
        "topic": float(c.topic),
        "token distance": (
            math.log1p(abs(pronoun.i - head.i)) / 5 if head is not None and pronoun else 0.0
        ),
        "quote differs": float(c.quoted != quoted),
        f"class {c.cls}": 1.0 if c.cls in CLASSES else 0.0,
        "he or she to a non-person": float(gendered and c.cls != "Person"),
        "plural pronoun thing": float(thing and plural),
        "neuter pronoun thing": float(thing and not plural),
    }
    return tuple(f.get(name, 0.0) for name in FEATURES)


def _governs(head: Token | None, pronoun: Token | None) -> bool:
    """The candidate is the subject of a verb the pronoun's clause hangs from ("Ana told
    Eva that she …": Ana governs "she")."""
    if head is None or pronoun is None or head.doc is not pronoun.doc:
        return False
    verb = head.head.i
    return any(t.i == verb for t in pronoun.ancestors)


def score(vector: tuple[float, ...]) -> float:
    return sum(w * x for w, x in zip(weights(), vector, strict=True))
