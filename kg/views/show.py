"""`kg show ENTITY`: everything a built graph says about one entity, with its evidence.

`describe` finds the entity (kg/views/find.py) and gathers, through the graph reader
(kg/views/reader.py), its labels, classes and identifiers, every mention with the sentence it
is in, the statements about it and the events it takes part in; `format_text` prints that for
people. Everything is sorted (article, then offset), so the output is the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS
from rdflib.term import Node

from kg.graph.namespaces import KG
from kg.views.find import AmbiguousEntity, resolve
from kg.views.reader import EVENT, EVENT_ROLES, GraphReader, MentionRef, local, py, ref, term

__all__ = ["AmbiguousEntity", "describe", "format_text", "resolve"]


def _norm(s: str) -> str:
    return " ".join(s.split())


class _Articles:
    """Per-article facts read once: title and date; texts come from the reader."""

    def __init__(self, r: GraphReader) -> None:
        self.r = r
        self._info: dict[Node, dict[str, Any]] = {}

    def info(self, art: Node | None) -> dict[str, Any]:
        if art is None:
            return {"article": None, "title": None, "date": None}
        if art not in self._info:
            self._info[art] = {
                "article": str(art),
                "title": py(self.r.value(art, DCTERMS.title)),
                "date": py(self.r.value(art, DCTERMS.date)),
            }
        return self._info[art]

    def sentence(self, sent: Node | None, start: int, end: int) -> dict[str, Any]:
        """The kg:Sentence's text (whitespace collapsed) and where [start, end) is in it."""
        none = {"sentence_text": None, "sentence_mark": None}
        span = self.r.sentence_span(sent)
        if span is None:
            return none
        art, s, e = span
        text = self.r.text(art)
        if not (s <= start <= end <= e):
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


def _mention(r: GraphReader, arts: _Articles, m: MentionRef) -> dict[str, Any]:
    out: dict[str, Any] = {
        "mention": str(m.iri),
        **arts.info(m.article),
        "sentence": r.integer(m.iri, KG.sentence),
    }
    if m.start is not None and m.end is not None:
        out.update(arts.sentence(m.sentence, m.start, m.end))
    out.update(
        {
            "surface": py(r.value(m.iri, KG.surfaceForm)),
            "char_start": m.start,
            "char_end": m.end,
        }
    )
    return out


def _linked(r: GraphReader, d: dict[str, Any], m: Node) -> dict[str, Any]:
    d["link_reason"] = py(r.value(m, KG.linkReason))
    d["link_score"] = py(r.value(m, KG.linkScore))
    return d


def _mentions(r: GraphReader, arts: _Articles, entity: URIRef) -> list[dict[str, Any]]:
    out = []
    for m in r.nodes[entity].mentions:
        d = _linked(r, _mention(r, arts, m), m.iri)
        lit = r.value(m.iri, KG.literalReferent)
        if lit is not None:
            d["literal_referent"] = str(lit)
            d["literal_referent_label"] = r.label(lit)
        out.append(d)
    return sorted(out, key=_order)


def _literal_mentions(r: GraphReader, arts: _Articles, entity: URIRef) -> list[dict[str, Any]]:
    """Metonyms: words naming this entity that stand for another ("Moscow" for the government)."""
    out = []
    for iri in r.g.subjects(KG.literalReferent, entity):
        other = r.value(iri, KG.refersTo)
        info = r.nodes.get(other)  # type: ignore[call-overload]
        for m in info.mentions if info is not None else ():
            if m.iri == iri:
                d = _mention(r, arts, m)
                d["refers_to"] = str(other)
                d["refers_to_label"] = info.label
                out.append(_linked(r, d, m.iri))
    return sorted(out, key=_order)


def _facts(r: GraphReader, arts: _Articles, entity: URIRef) -> list[dict[str, Any]]:
    """Statements about the entity, but not event roles (those are listed with the events)."""
    out = []
    for f in r.facts_of(entity):
        if EVENT in (r.nodes[f.s].top, r.nodes[f.o].top):
            continue
        for st in f.statements:
            info = r.statement(st)
            out.append(
                {
                    "statement": str(st),
                    "subject": str(f.s),
                    "subject_label": r.label(f.s),
                    "predicate": term(f.p),
                    "object": str(f.o),
                    "object_label": r.label(f.o),
                    "confidence": info.confidence,
                    "extractor": info.extractor,
                    **arts.info(info.article),
                    "sentence": info.sentence_index,
                    "char_start": info.start,
                    "char_end": info.end,
                    "evidence": info.evidence,
                }
            )
    return sorted(out, key=_order)


def _links(r: GraphReader, entity: URIRef) -> list[dict[str, Any]]:
    """kg: relations between this and another entity that no Statement backs (gazetteer facts)."""
    out = []
    for f in r.facts_of(entity):
        other = f.o if f.s == entity else f.s
        if not f.asserted or f.statements or not r.is_entity(other):
            continue
        out.append(
            {
                "subject": str(f.s),
                "subject_label": r.label(f.s),
                "predicate": term(f.p),
                "object": str(f.o),
                "object_label": r.label(f.o),
            }
        )
    return sorted(out, key=lambda d: (d["predicate"], d["subject"], d["object"]))


def _events(r: GraphReader, arts: _Articles, entity: URIRef) -> list[dict[str, Any]]:
    roles_of: dict[URIRef, list[dict[str, Any]]] = {}
    for f in r.facts_of(entity):
        role = local(f.p)
        if f.o != entity or not f.asserted or r.nodes[f.s].top != EVENT or role not in EVENT_ROLES:
            continue
        confs = [c for st in f.statements if (c := r.statement(st).confidence) is not None]
        roles_of.setdefault(f.s, []).append(
            {"role": role, "confidence": max(confs) if confs else None}
        )
    out = []
    for ev, roles in roles_of.items():
        roles.sort(key=lambda x: EVENT_ROLES.index(x["role"]))
        triggers = []
        for m in r.nodes[ev].mentions:
            d = _mention(r, arts, m)
            d["evidence"] = py(r.value(m.iri, KG.evidence))
            triggers.append(d)
        triggers.sort(key=_order)
        out.append(
            {
                "event": str(ev),
                "types": r.event_types(ev),
                "label": r.label(ev),
                "roles": roles,
                "modality": py(r.value(ev, KG.modality)),
                "time": py(r.value(ev, KG.time)),
                "time_text": py(r.value(ev, KG.timeText)),
                **arts.info(r.value(ev, PROV.wasDerivedFrom)),
                "triggers": triggers,
            }
        )
    return sorted(out, key=lambda d: _order({**(d["triggers"] or [{}])[0], **d}))


def describe(graph: Graph, entity: str) -> dict[str, Any]:
    """All the graph says about ENTITY (IRI, short ref or name), as plain JSON-able data."""
    r = GraphReader(graph)
    iri = resolve(r, entity)
    info = r.nodes[iri]
    arts = _Articles(r)
    return {
        "iri": str(iri),
        "ref": ref(iri),
        "label": py(r.value(iri, SKOS.prefLabel)),
        "alt_labels": sorted(str(o) for o in graph.objects(iri, SKOS.altLabel)),
        "classes": info.classes or [info.top],
        "top_classes": [info.top],
        "same_as": sorted(str(o) for o in graph.objects(iri, OWL.sameAs)),
        "iso_code": py(r.value(iri, KG.isoCode)),
        "mentions": _mentions(r, arts, iri),
        "literal_mentions": _literal_mentions(r, arts, iri),
        "facts": _facts(r, arts, iri),
        "links": _links(r, iri),
        "events": _events(r, arts, iri),
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
