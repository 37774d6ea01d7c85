"""A learned second opinion on each named mention's class: Person, Region, Group, or no name
at all ("none": a product, a term, a capitalised common word).

The rules before it (entities.py and the modules it calls) propose every name and a class;
this module scores each one with a multinomial logistic regression over sparse features
spaCy and kg already computed: NER's label, the rules' class and reason, the span's words,
its head's lemma, shape, tag and dependency, the word before it (a title, "the"), the
preposition and verb that govern it ("in X" is a place, "X said" a person), gazetteer and
first-name hits, and the same context gathered from every mention of the same name in the
article. The scores of one name's mentions are summed, so the name gets one vote. The
weights are learned, not set by hand: `make models` (train/name_classes.py) fits them on
kg's own candidates for GUM's training genres and UNER English PUD (tune halves only) and
writes data/lexicons/name_classes.yaml with its provenance.

The rules keep the last word where they have evidence of their own: a gazetteer or
known-person identity, a contextual class (teams, governments), a class the name's words
gave and a people stay (the model is fitted on the other mentions, those it may change);
it changes another class, or drops a name, only when it is sure by a margin (the file's
``override_margin``; ``group_person_margin`` for a group made a person), and the class
reason then says ``learned``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from kg.errors import ResourceError
from kg.gazetteer import Gazetteer
from kg.model import Mention
from kg.nlp.docindex import char_span
from kg.nlp.lexicons import gendered, load, title_words
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LABELS = ("Person", "Region", "Group", "none")
LEARNED = "learned"
# What a mention becomes when the model moves it to another top class.
DEFAULT_CLASS = {"Person": "Person", "Region": "Region", "Group": "Organization"}
_CONTEXT = ("prev=", "prep=", "verb=", "next=", "title", "dep=")


@cache
def model() -> tuple[dict[str, tuple[float, ...]], tuple[float, float]]:
    """Feature → one weight per label, and the margins an override needs: any, and a group
    made a person."""
    data = load("name_classes")
    if tuple(data["labels"]) != LABELS:
        raise ResourceError(f"name_classes.yaml: labels {data['labels']}, kg reads {LABELS}")
    weights = {f: tuple(float(x) for x in w) for f, w in data["weights"].items()}
    return weights, (float(data["override_margin"]), float(data["group_person_margin"]))


def _governor(span: Span) -> tuple[str, str]:
    """The preposition right above the name, and the first verb above it."""
    prep, tok, steps = "", span.root, 0
    while tok.head.i != tok.i and steps < 4:
        tok, steps = tok.head, steps + 1
        if tok.pos_ == "ADP" and not prep and steps == 1:
            prep = tok.lower_
        if tok.pos_ in ("VERB", "AUX"):
            return prep, tok.lemma_.lower()
    return prep, ""


def _context(doc: Doc, span: Span) -> list[str]:
    """What the words around one mention say about it."""
    out = []
    root = span.root
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None:
        out.append("prev=" + prev.lower_)
        if prev.lower_.strip(".") in title_words():
            out.append("title")
    if nxt is not None:
        out.append("next=" + nxt.lower_)
    prep, verb = _governor(span)
    if prep:
        out.append("prep=" + prep)
    if verb:
        out.append("verb=" + verb)
    out.append("dep=" + root.dep_)
    return out


def _own(doc: Doc, span: Span, m: Mention, gaz: Gazetteer) -> list[str]:
    """What the mention's own words and the rules say about it."""
    words = [t.lower_ for t in span]
    root = span.root
    out = [
        "bias",
        "ner=" + m.ner,
        "cls=" + m.cls,
        "top=" + top_class(m.cls),
        "reason=" + (m.class_reason or "-"),
        "n=" + str(min(len(words), 4)),
        "head=" + root.lemma_.lower(),
        "shape=" + root.shape_,
        "tag=" + root.tag_,
        "first=" + words[0],
        "last=" + words[-1],
        "suffix=" + words[-1][-3:],
    ]
    out += ["w=" + w for w in words]
    if m.gazetteer_id:
        out.append("gazid")
    entry = gaz.lookup(m.text)
    if entry is not None:
        out.append("gaz=" + top_class(entry.cls))
    if words[0] in gendered("first_names"):
        out.append("firstname" if len(words) > 1 else "firstname-alone")
    if span[0].is_sent_start:
        out.append("sentence-start")
    if m.text.isupper() and len(m.text) > 1:
        out.append("caps")
    if any(t.pos_ != "PROPN" for t in span):
        out.append("not-all-propn")
    return out


def features(
    doc: Doc, mentions: list[Mention], gaz: Gazetteer, names: set[str] | None = None
) -> list[list[str]]:
    """Each name mention's features (an empty list for a mention that is no name, or whose
    lower-cased name is not in ``names`` when given); the context of every mention of the
    same name is shared as entity-level features."""
    spans = [
        char_span(doc, m.start, m.end)
        if m.kind == "name" and (names is None or m.text.lower() in names)
        else None
        for m in mentions
    ]
    around = [_context(doc, span) if span is not None else [] for span in spans]
    contexts: dict[str, set[str]] = defaultdict(set)
    for m, ctx in zip(mentions, around, strict=True):
        contexts[m.text.lower()].update(ctx)
    out = []
    for m, span, ctx in zip(mentions, spans, around, strict=True):
        if span is None:
            out.append([])
            continue
        shared = sorted("e:" + c for c in contexts[m.text.lower()])
        out.append(_own(doc, span, m, gaz) + ctx + shared)
    return out


def scores(feats: list[str], weights: dict[str, tuple[float, ...]]) -> list[float]:
    """The log-probability of each label."""
    z0 = z1 = z2 = z3 = 0.0
    for f in feats:
        w = weights.get(f)
        if w is not None:
            z0, z1, z2, z3 = z0 + w[0], z1 + w[1], z2 + w[2], z3 + w[3]
    z = [z0, z1, z2, z3]
    top = max(z)
    norm = top + math.log(sum(math.exp(a - top) for a in z))
    return [a - norm for a in z]


def kept(m: Mention) -> bool:
    """A class the rules found evidence for of their own, which the model leaves: a
    gazetteer or known-person identity, a contextual class, a class the name's own words
    gave ("Edmonton Sun" a newspaper, "Wembley Stadium" a place) or a people ("Germans": a
    group in kg, where GUM would say persons and UNER no name). The model decides the
    classes NER alone gave."""
    return (
        m.gazetteer_id is not None
        or m.class_reason is not None
        or m.cls not in DEFAULT_CLASS.values()
    )


def reclass(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """The mentions, each name's class decided again where the model is sure."""
    names = {m.text.lower() for m in mentions if m.kind == "name" and not kept(m)}
    if not names:
        return mentions
    weights, margins = model()
    return decide(mentions, features(doc, mentions, gaz, names), weights, margins)


_JOINED = re.compile(r"\s(?:and|&|or)\s", re.IGNORECASE)


def _may_become(m: Mention, label: str, feats: list[str]) -> bool:
    """Whether the name can be of that class at all: two names joined by "and" are never
    one person ("Santo Spirito and Immacolata"), whatever its words score; nor is a name
    the gazetteer knows as a place ("Whitby"): the article's own evidence decides that
    homonym (consistency.py), not the model."""
    if label != "Person":
        return True
    return not _JOINED.search(m.text) and "gaz=Region" not in feats


def decide(
    mentions: list[Mention],
    feats: list[list[str]],
    weights: dict[str, tuple[float, ...]],
    margins: tuple[float, float],
) -> list[Mention]:
    """One vote per name (the mean scores of its mentions): a class changed, or the name
    dropped, where the model prefers it by a margin over the rules' class (the second of
    ``margins`` for a group made a person, the riskiest change in news)."""
    votes: dict[str, list[float]] = {}
    counts: dict[str, int] = defaultdict(int)
    for m, f in zip(mentions, feats, strict=True):
        if f:
            key = m.text.lower()
            old = votes.get(key, [0.0] * len(LABELS))
            votes[key] = [a + b for a, b in zip(old, scores(f, weights), strict=True)]
            counts[key] += 1
    out = []
    for m, f in zip(mentions, feats, strict=True):
        if not f or kept(m):
            out.append(m)
            continue
        key = m.text.lower()
        s = [v / counts[key] for v in votes[key]]
        best = max(range(len(LABELS)), key=lambda i: (s[i], -i))
        current = LABELS.index(top_class(m.cls))
        margin = (
            margins[1] if (LABELS[current], LABELS[best]) == ("Group", "Person") else margins[0]
        )
        if best == current or s[best] - s[current] < margin or not _may_become(m, LABELS[best], f):
            out.append(m)
        elif LABELS[best] != "none":
            out.append(replace(m, cls=DEFAULT_CLASS[LABELS[best]], class_reason=LEARNED))
    return out
