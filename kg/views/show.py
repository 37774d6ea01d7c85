"""`kg show ENTITY`: everything a built graph says about one entity, with its evidence.

`describe` finds the entity (IRI, short ref or name) and gathers its labels, classes and
identifiers, every mention with the sentence it is in, the statements about it and the events it
takes part in; `format_text` prints that for people. Everything is sorted (article, then offset),
so the output is the same on every run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS
from rdflib.term import Node

from kg.errors import UsageError
from kg.gazetteer.names import key
from kg.graph.namespaces import KG, KGR, PREFIXES, TOP_SEGMENT

TOP_CLASSES = tuple(KG[name] for name in TOP_SEGMENT)
EVENT_ROLES = ("agent", "target", "place")
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


# ----------------------------------------------------------------------------- helpers


def _norm(s: str) -> str:
    return " ".join(s.split())


def _py(value: Node | None) -> Any:
    """A literal as plain JSON-able Python: numbers as numbers, dates and the rest as strings."""
    if value is None:
        return None
    if isinstance(value, Literal):
        v = value.toPython()
        if isinstance(v, bool):
            return v
        if isinstance(v, int):
            return v
        if isinstance(v, Decimal | float):
            return float(v)
        return str(value)
    return str(value)


def ref(iri: Node) -> str:
    """person/vladimir-putin for a kg resource, the IRI itself otherwise."""
    s = str(iri)
    return s[len(str(KGR)) :] if s.startswith(str(KGR)) else s


def _term(iri: Node) -> str:
    """kg:locatedIn for kg's terms, the IRI otherwise."""
    s = str(iri)
    return "kg:" + s[len(str(KG)) :] if s.startswith(str(KG)) else s


def _first(values: Iterable[Node]) -> Node | None:
    """The smallest of several values, so a graph that breaks the contract still prints stably."""
    vals = sorted(values, key=str)
    return vals[0] if vals else None


def _label(g: Graph, node: Node) -> str:
    lab = _first(g.objects(node, SKOS.prefLabel))
    return str(lab) if lab is not None else ref(node)


def _classes(g: Graph, node: Node) -> tuple[list[str], list[str]]:
    """(specific classes, top classes) among kg's classes; a Person is both."""
    kg_types = {t for t in g.objects(node, RDF.type) if str(t).startswith(str(KG))}
    top = sorted(_term(t)[3:] for t in kg_types if t in TOP_CLASSES)
    specific = sorted(_term(t)[3:] for t in kg_types if t not in TOP_CLASSES)
    return (specific or top), top


def _is_entity(g: Graph, node: Node) -> bool:
    return any((node, RDF.type, top) in g for top in TOP_CLASSES)


def _entities(g: Graph) -> list[URIRef]:
    out = {s for top in TOP_CLASSES for s in g.subjects(RDF.type, top)}
    return sorted((s for s in out if isinstance(s, URIRef)), key=str)


def _candidate(g: Graph, node: URIRef) -> dict[str, Any]:
    specific, top = _classes(g, node)
    return {
        "iri": str(node),
        "ref": ref(node),
        "label": _label(g, node),
        "classes": specific,
        "top_classes": top,
    }


# ----------------------------------------------------------------------------- resolving


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


def resolve(g: Graph, entity: str) -> URIRef:
    """The entity an IRI, short ref or name stands for; UsageError if none or several."""
    iri = _as_iri(entity)
    if iri is not None and _is_entity(g, iri):
        return iri
    if iri is not None and re.match(r"^<?https?://", entity.strip()):
        if (iri, None, None) in g:
            kinds = ", ".join(_term(t) for t in sorted(g.objects(iri, RDF.type), key=str))
            raise UsageError(f"{iri} is not a person, region or group ({kinds or 'untyped'})")
        raise UsageError(f"no entity {iri} in the graph")
    found = _by_name(g, entity)
    if found is not None:
        return found
    if iri is not None:
        raise UsageError(f"no entity {ref(iri)} in the graph, and none named {entity!r}")
    raise UsageError(f"no entity named {entity!r} (prefLabel or altLabel){_suggest(g, entity)}")


def _by_name(g: Graph, entity: str) -> URIRef | None:
    """The one entity a name picks: a prefLabel, else an altLabel, else a label of which the
    name's words are a part, in order (Obama: Barack Obama; George Bush: George W. Bush).
    Several at the first rule that finds any are an AmbiguousEntity."""
    wanted = key(entity).split()
    if not wanted:
        return None
    labels = [(s, prop, key(label).split()) for s, prop, label in _labels(g)]
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
            raise AmbiguousEntity(entity, [_candidate(g, s) for s in found], verb)
    return None


def _labels(g: Graph) -> list[tuple[URIRef, URIRef, str]]:
    """Every label of every entity: (entity, SKOS.prefLabel or SKOS.altLabel, label)."""
    return [
        (s, prop, str(o))
        for s in _entities(g)
        for prop in (SKOS.prefLabel, SKOS.altLabel)
        for o in g.objects(s, prop)
    ]


def _is_part(words: list[str], label: list[str]) -> bool:
    """Whether ``words`` occur in ``label`` in the same order, others maybe between."""
    rest = iter(label)
    return all(w in rest for w in words)


def _suggest(g: Graph, entity: str) -> str:
    """The labels most like a name that matched none, as "; closest: Barack Obama
    (person/barack-obama), …", one per entity; "" when none is close."""
    wanted = key(entity)
    best: dict[URIRef, tuple[float, int, str]] = {}  # (-likeness, length, label): least first
    for s, _, label in _labels(g):
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


# ----------------------------------------------------------------------------- articles


class _Articles:
    """Per-article facts read once: title, date and text."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self._info: dict[Node, dict[str, Any]] = {}

    def info(self, art: Node | None) -> dict[str, Any]:
        if art is None:
            return {"article": None, "title": None, "date": None}
        if art not in self._info:
            self._info[art] = {
                "article": str(art),
                "title": _py(_first(self.g.objects(art, DCTERMS.title))),
                "date": _py(_first(self.g.objects(art, DCTERMS.date))),
            }
        return self._info[art]

    def text(self, art: Node | None) -> str:
        t = self.g.value(art, KG.text) if art is not None else None
        return str(t) if t is not None else ""

    def sentence(self, sent: Node | None, start: int, end: int) -> dict[str, Any]:
        """The kg:Sentence's text (whitespace collapsed) and where [start, end) is in it."""
        none = {"sentence_text": None, "sentence_mark": None}
        if sent is None:
            return none
        s, e = _int(self.g, sent, KG.charStart), _int(self.g, sent, KG.charEnd)
        text = self.text(_first(self.g.objects(sent, PROV.wasDerivedFrom)))
        if s is None or e is None or not (s <= start <= end <= e <= len(text)):
            return none
        marked = _norm(text[s:start] + "\x00" + text[start:end] + "\x01" + text[end:e])
        i, j = marked.index("\x00"), marked.index("\x01") - 1
        return {
            "sentence_text": marked.replace("\x00", "").replace("\x01", ""),
            "sentence_mark": [i, j],
        }


# ----------------------------------------------------------------------------- describe


def _order(item: dict[str, Any]) -> tuple:
    """Articles by date (undated last), then IRI; within one, by offset."""
    return (
        item.get("date") is None,
        item.get("date") or "",
        item.get("article") or "",
        item.get("char_start", -1),
        item.get("char_end", -1),
        item.get("event") or item.get("statement") or "",
    )


def _int(g: Graph, node: Node, prop: URIRef) -> int | None:
    v = _first(g.objects(node, prop))
    return int(v.toPython()) if isinstance(v, Literal) else None


def _mention(g: Graph, arts: _Articles, m: Node) -> dict[str, Any]:
    art = _first(g.objects(m, PROV.wasDerivedFrom))
    start, end = _int(g, m, KG.charStart), _int(g, m, KG.charEnd)
    sentence = _int(g, m, KG.sentence)
    out: dict[str, Any] = {"mention": str(m), **arts.info(art), "sentence": sentence}
    if start is not None and end is not None:
        out.update(arts.sentence(_first(g.objects(m, KG.inSentence)), start, end))
    out.update(
        {
            "surface": _py(_first(g.objects(m, KG.surfaceForm))),
            "char_start": start,
            "char_end": end,
        }
    )
    return out


def _mentions(g: Graph, arts: _Articles, entity: URIRef) -> list[dict[str, Any]]:
    out = []
    for m in g.subjects(KG.refersTo, entity):
        if (m, RDF.type, KG.Mention) not in g:
            continue
        d = _mention(g, arts, m)
        d["link_reason"] = _py(_first(g.objects(m, KG.linkReason)))
        d["link_score"] = _py(_first(g.objects(m, KG.linkScore)))
        lit = _first(g.objects(m, KG.literalReferent))
        if lit is not None:
            d["literal_referent"] = str(lit)
            d["literal_referent_label"] = _label(g, lit)
        out.append(d)
    return sorted(out, key=_order)


def _literal_mentions(g: Graph, arts: _Articles, entity: URIRef) -> list[dict[str, Any]]:
    """Metonyms: words naming this entity that stand for another ("Moscow" for the government)."""
    out = []
    for m in g.subjects(KG.literalReferent, entity):
        d = _mention(g, arts, m)
        other = _first(g.objects(m, KG.refersTo))
        d["refers_to"] = str(other) if other is not None else None
        d["refers_to_label"] = _label(g, other) if other is not None else None
        d["link_reason"] = _py(_first(g.objects(m, KG.linkReason)))
        d["link_score"] = _py(_first(g.objects(m, KG.linkScore)))
        out.append(d)
    return sorted(out, key=_order)


def _facts(g: Graph, arts: _Articles, entity: URIRef) -> list[dict[str, Any]]:
    """Statements about the entity, but not event roles (those are listed with the events)."""
    nodes = set(g.subjects(KG.subject, entity)) | set(g.subjects(KG.object, entity))
    out = []
    for st in nodes:
        if (st, RDF.type, KG.Statement) not in g:
            continue
        subj, pred, obj = (_first(g.objects(st, p)) for p in (KG.subject, KG.predicate, KG.object))
        if subj is None or pred is None or obj is None:
            continue
        if (subj, RDF.type, KG.Event) in g or (obj, RDF.type, KG.Event) in g:
            continue
        art = _first(g.objects(st, PROV.wasDerivedFrom))
        out.append(
            {
                "statement": str(st),
                "subject": str(subj),
                "subject_label": _label(g, subj),
                "predicate": _term(pred),
                "object": str(obj),
                "object_label": _label(g, obj),
                "confidence": _py(_first(g.objects(st, KG.confidence))),
                "extractor": _py(_first(g.objects(st, KG.extractor))),
                **arts.info(art),
                "sentence": _int(g, st, KG.sentence),
                "char_start": _int(g, st, KG.charStart),
                "char_end": _int(g, st, KG.charEnd),
                "evidence": _py(_first(g.objects(st, KG.evidence))),
            }
        )
    return sorted(out, key=_order)


def _links(g: Graph, entity: URIRef) -> list[dict[str, Any]]:
    """kg: relations between this and another entity that no Statement backs (gazetteer facts)."""
    stated = {
        (g.value(st, KG.subject), g.value(st, KG.predicate), g.value(st, KG.object))
        for side in (KG.subject, KG.object)
        for st in g.subjects(side, entity)
    }
    triples = [(entity, p, o) for p, o in g.predicate_objects(entity)]
    triples += [(s, p, entity) for s, p in g.subject_predicates(entity)]
    out = []
    for s, p, o in triples:
        if not str(p).startswith(str(KG)) or (s, p, o) in stated:
            continue
        other = o if s == entity else s
        if not isinstance(other, URIRef) or not _is_entity(g, other):
            continue
        out.append(
            {
                "subject": str(s),
                "subject_label": _label(g, s),
                "predicate": _term(p),
                "object": str(o),
                "object_label": _label(g, o),
            }
        )
    return sorted(out, key=lambda d: (d["predicate"], d["subject"], d["object"]))


def _events(g: Graph, arts: _Articles, entity: URIRef) -> list[dict[str, Any]]:
    out = []
    events = {e for r in EVENT_ROLES for e in g.subjects(KG[r], entity)}
    for ev in events:
        if (ev, RDF.type, KG.Event) not in g:
            continue
        roles = []
        for r in EVENT_ROLES:
            if (ev, KG[r], entity) not in g:
                continue
            conf = [
                _py(g.value(st, KG.confidence))
                for st in g.subjects(KG.subject, ev)
                if (st, KG.predicate, KG[r]) in g and (st, KG.object, entity) in g
            ]
            confs = [c for c in conf if c is not None]
            roles.append({"role": r, "confidence": max(confs) if confs else None})
        types = sorted(
            _term(t)[3:]
            for t in g.objects(ev, RDF.type)
            if str(t).startswith(str(KG)) and t != KG.Event
        )
        art = _first(g.objects(ev, PROV.wasDerivedFrom))
        triggers = []
        for m in g.subjects(KG.refersTo, ev):
            d = _mention(g, arts, m)
            d["evidence"] = _py(_first(g.objects(m, KG.evidence)))
            triggers.append(d)
        triggers.sort(key=_order)
        out.append(
            {
                "event": str(ev),
                "types": types,
                "label": _label(g, ev),
                "roles": roles,
                "modality": _py(_first(g.objects(ev, KG.modality))),
                "time": _py(_first(g.objects(ev, KG.time))),
                "time_text": _py(_first(g.objects(ev, KG.timeText))),
                **arts.info(art),
                "triggers": triggers,
            }
        )
    return sorted(out, key=lambda d: _order({**(d["triggers"] or [{}])[0], **d}))


def describe(graph: Graph, entity: str) -> dict[str, Any]:
    """All the graph says about ENTITY (IRI, short ref or name), as plain JSON-able data."""
    iri = resolve(graph, entity)
    arts = _Articles(graph)
    specific, top = _classes(graph, iri)
    iso = _first(graph.objects(iri, KG.isoCode))
    return {
        "iri": str(iri),
        "ref": ref(iri),
        "label": _py(_first(graph.objects(iri, SKOS.prefLabel))),
        "alt_labels": sorted(str(o) for o in graph.objects(iri, SKOS.altLabel)),
        "classes": specific,
        "top_classes": top,
        "same_as": sorted(str(o) for o in graph.objects(iri, OWL.sameAs)),
        "iso_code": _py(iso),
        "mentions": _mentions(graph, arts, iri),
        "literal_mentions": _literal_mentions(graph, arts, iri),
        "facts": _facts(graph, arts, iri),
        "links": _links(graph, iri),
        "events": _events(graph, arts, iri),
    }


# ----------------------------------------------------------------------------- text


def _article_line(d: dict[str, Any]) -> str:
    name = f"“{d['title']}”" if d.get("title") else ref(URIRef(d["article"] or "?"))
    date = d.get("date") or "no date"
    return f"  {name} ({date})"


def _marked(d: dict[str, Any]) -> str:
    text, mark = d.get("sentence_text"), d.get("sentence_mark")
    if not text:
        return "(sentence not found)"
    if not mark:
        return text
    i, j = mark
    return f"{text[:i]}[{text[i:j]}]{text[j:]}"


def _num(x: Any) -> str:
    return "?" if x is None else f"{x:g}" if isinstance(x, float) else str(x)


def _by_article(items: list[dict[str, Any]]) -> Iterable[tuple[dict[str, Any], list[dict]]]:
    groups: list[tuple[dict[str, Any], list[dict]]] = []
    for it in items:
        if not groups or groups[-1][0]["article"] != it["article"]:
            groups.append((it, []))
        groups[-1][1].append(it)
    return groups


def format_text(d: dict[str, Any]) -> str:
    """A readable report of `describe`'s result."""
    lines = [f"{d['label'] or d['ref']}  ({d['ref']})", f"  IRI         {d['iri']}"]
    if d["alt_labels"]:
        lines.append(f"  also        {'; '.join(d['alt_labels'])}")
    classes = ", ".join(d["classes"])
    if d["top_classes"] and d["top_classes"] != d["classes"]:
        classes += f" ({', '.join(d['top_classes'])})"
    lines.append(f"  class       {classes or '?'}")
    for s in d["same_as"]:
        lines.append(f"  same as     {s}")
    if d["iso_code"]:
        lines.append(f"  ISO code    {d['iso_code']}")

    lines += ["", f"Mentions ({len(d['mentions'])})"]
    for head, items in _by_article(d["mentions"]):
        lines.append(_article_line(head))
        for m in items:
            extra = ""
            if m.get("literal_referent"):
                extra = f", the words name {m['literal_referent_label']}"
            lines.append(
                f"    {m['char_start']}-{m['char_end']} “{m['surface']}”  "
                f"{m['link_reason']} {_num(m['link_score'])}{extra}, sentence {m['sentence']}"
            )
            lines.append(f"      {_marked(m)}")

    if d["literal_mentions"]:
        lines += ["", f"Named, standing for another entity ({len(d['literal_mentions'])})"]
        for head, items in _by_article(d["literal_mentions"]):
            lines.append(_article_line(head))
            for m in items:
                lines.append(
                    f"    {m['char_start']}-{m['char_end']} “{m['surface']}” → "
                    f"{m['refers_to_label']}  {m['link_reason']} {_num(m['link_score'])}, "
                    f"sentence {m['sentence']}"
                )
                lines.append(f"      {_marked(m)}")

    lines += ["", f"Facts ({len(d['facts'])})"]
    for head, items in _by_article(d["facts"]):
        lines.append(_article_line(head))
        for f in items:
            lines.append(
                f"    {f['subject_label']} {f['predicate']} {f['object_label']}  "
                f"confidence {_num(f['confidence'])}, sentence {f['sentence']}"
            )
            lines.append(f"      {f['evidence'] or '(no evidence)'}")
    if d["links"]:
        lines += ["", f"Known without an article, from the gazetteer ({len(d['links'])})"]
        for link in d["links"]:
            lines.append(f"  {link['subject_label']} {link['predicate']} {link['object_label']}")

    lines += ["", f"Events ({len(d['events'])})"]
    for head, items in _by_article(d["events"]):
        lines.append(_article_line(head))
        for e in items:
            roles = ", ".join(f"{r['role']} {_num(r['confidence'])}" for r in e["roles"])
            when = f", {e['time']}" if e["time"] else ""
            lines.append(f"    {e['label']}  [{roles}; {e['modality']}{when}]")
            for t in e["triggers"]:
                lines.append(
                    f"      {t['char_start']}-{t['char_end']} “{t['surface']}”, "
                    f"sentence {t['sentence']}: {_marked(t)}"
                )
    return "\n".join(lines) + "\n"
