"""Which entity a user means: an IRI, a short ref (person/vladimir-putin, region:russia) or
a name, matched regardless of case and accents, as a whole label or as part of one. Used by
`kg show` and `kg viz --entity`."""

from __future__ import annotations

import re
from typing import Any

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import UsageError
from kg.gazetteer.names import key
from kg.graph.namespaces import KGR, PREFIXES, TOP_SEGMENT
from kg.views.reader import GraphReader, ref, term

MAX_CANDIDATES = 20  # listed for an ambiguous name
SUGGESTIONS = 3  # closest labels named when nothing matches
MIN_SIMILARITY = 80  # how alike (rapidfuzz's ratio, 0-100) a suggested label must be


class AmbiguousEntity(UsageError):
    """A name that more than one entity carries (or is part of the names of: ``matches``);
    the candidates are in the message, at most MAX_CANDIDATES of them."""

    def __init__(self, name: str, candidates: list[dict[str, Any]], verb: str = "names") -> None:
        self.candidates = candidates
        lines = [f"{name!r} {verb} {len(candidates)} entities; pick one by its ref or IRI:"]
        shown = candidates[:MAX_CANDIDATES]
        width = max(len(c["ref"]) for c in shown)
        for c in shown:
            classes = ", ".join(c["classes"]) or "?"
            lines.append(f"  {c['ref']:<{width}}  {classes:<16}  {c['label']}")
        if len(candidates) > len(shown):
            lines.append(f"  … and {len(candidates) - len(shown)} more")
        super().__init__("\n".join(lines))


def candidate(r: GraphReader, node: URIRef) -> dict[str, Any]:
    info = r.nodes[node]
    return {
        "iri": str(node),
        "ref": ref(node),
        "label": info.label,
        "classes": info.classes or [info.top],
        "top_classes": [info.top],
    }


def _as_iri(entity: str) -> URIRef | None:
    """A full IRI, kgr:…, person/…, or prefix:local with one of kg's prefixes; else None."""
    s = entity.strip()
    if s.startswith("<") and s.endswith(">"):
        s = s[1:-1]
    if re.match(r"^https?://", s):
        return URIRef(s)
    if s.startswith("kgr:"):
        return URIRef(str(KGR) + s[4:])
    head, sep, rest = s.partition("/")
    if sep and rest and head in TOP_SEGMENT.values():
        return URIRef(f"{KGR}{head}/{rest}")
    head, sep, rest = s.partition(":")
    if sep and rest and head in PREFIXES and " " not in s:
        return URIRef(str(PREFIXES[head]) + rest)
    return None


def resolve(r: GraphReader, entity: str) -> URIRef:
    """The entity an IRI, short ref or name stands for; UsageError if none or several."""
    iri = _as_iri(entity)
    if iri is not None and r.is_entity(iri):
        return iri
    g = r.g
    if iri is not None and re.match(r"^<?https?://", entity.strip()):
        if (iri, None, None) in g:
            kinds = ", ".join(term(t) for t in sorted(g.objects(iri, RDF.type), key=str))
            raise UsageError(f"{iri} is not a person, region or group ({kinds or 'untyped'})")
        raise UsageError(f"no entity {iri} in the graph")
    found = _by_name(r, entity)
    if found is not None:
        return found
    if iri is not None:
        raise UsageError(f"no entity {ref(iri)} in the graph, and none named {entity!r}")
    raise UsageError(f"no entity named {entity!r} (prefLabel or altLabel){_suggest(r, entity)}")


def _by_name(r: GraphReader, entity: str) -> URIRef | None:
    """The one entity a name picks: a prefLabel, else an altLabel, else a label of which the
    name's words are a part, in order (Obama: Barack Obama; George Bush: George W. Bush).
    Several at the first rule that finds any are an AmbiguousEntity."""
    wanted = key(entity).split()
    if not wanted:
        return None
    labels = [(s, prop, key(label).split()) for s, prop, label in _labels(r)]
    rules = (
        ("names", lambda prop, words: prop == SKOS.prefLabel and words == wanted),
        ("names", lambda prop, words: words == wanted),
        ("matches", lambda prop, words: _is_part(wanted, words)),
    )
    for verb, rule in rules:
        found = sorted({s for s, prop, words in labels if rule(prop, words)}, key=str)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousEntity(entity, [candidate(r, s) for s in found], verb)
    return None


def _labels(r: GraphReader) -> list[tuple[URIRef, URIRef, str]]:
    """Every label of every entity: (entity, SKOS.prefLabel or SKOS.altLabel, label)."""
    return [
        (s, prop, str(o))
        for s in r.entities()
        for prop in (SKOS.prefLabel, SKOS.altLabel)
        for o in r.g.objects(s, prop)
    ]


def _is_part(words: list[str], label: list[str]) -> bool:
    """Whether ``words`` occur in ``label`` in the same order, others maybe between."""
    rest = iter(label)
    return all(w in rest for w in words)


def _suggest(r: GraphReader, entity: str) -> str:
    """The labels most like a name that matched none, as "; closest: Barack Obama
    (person/barack-obama), …", one per entity; "" when none is close."""
    wanted = key(entity)
    best: dict[URIRef, tuple[float, int, str]] = {}  # (-likeness, length, label): least first
    for s, _, label in _labels(r):
        score = _likeness(wanted, key(label))
        rank = (-score, len(label), label)
        if score >= MIN_SIMILARITY and rank < best.get(s, (0, 0, "")):
            best[s] = rank
    ranked = sorted(best.items(), key=lambda kv: (kv[1], str(kv[0])))[:SUGGESTIONS]
    if not ranked:
        return ""
    return "; closest: " + ", ".join(f"{label} ({ref(s)})" for s, (*_, label) in ranked)


def _likeness(name: str, label: str) -> float:
    """How alike a name and a label are (0-100): the whole label, or its run of as many words
    as the name has, whichever is closer, so a misspelt "Obamma" finds "Barack Obama"."""
    from rapidfuzz import fuzz

    n, words = len(name.split()), label.split()
    runs = [" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))]
    return max(fuzz.ratio(name, run) for run in [label, *runs])
