"""`kg viz`: one self-contained HTML page to look at a built graph.

`viz_data` reads the graph into plain data: nodes (people, places, groups, events), edges (the
statements and the other kg: links between them), the articles, and the sentences behind every
mention and statement, offsets ready to highlight. `render` puts that data, as escaped JSON in a
`<script type="application/json">`, into the template in `kg/viz_assets/` with its script and
style inlined, so the page needs no network; a Content-Security-Policy with the hashes of the
two inline blocks keeps anything else from running. Everything is sorted and the layout in the
page is seeded, so the same graph gives the same bytes and the same picture.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS
from rdflib.term import Node

from kg.errors import UsageError
from kg.graph.namespaces import KG, SCHEMA
from kg.views.show import resolve

DEFAULT_MAX_NODES = 3000
DEFAULT_HOPS = 2
# Per node and per edge, the panel lists this many sentences; the rest are counted.
MAX_EVIDENCE = 25

TOP_CLASSES = ("Person", "Region", "Group", "Event")
_TOP = {KG[c]: c for c in TOP_CLASSES}

# Colours by class: one hue family per top class, so the kind of a node reads at a glance.
COLORS = {
    "Person": "#4e79a7",
    "Region": "#76b7b2",
    "Country": "#59a14f",
    "FederalSubject": "#8cd17d",
    "City": "#2e7d32",
    "NaturalPlace": "#b5bd68",
    "Group": "#d4a6c8",
    "Organization": "#b07aa1",
    "GovernmentBody": "#9c755f",
    "EthnicGroup": "#ff9da7",
    "ArmedGroup": "#e15759",
    "PoliticalMovement": "#d37295",
    "MediaChannel": "#a0a0a0",
    "Event": "#f28e2b",
    # events: reds for violence, oranges for coercion and protest, yellows and browns for politics
    "Attack": "#d62728",
    "Bombing": "#a50f15",
    "MissileStrike": "#67000d",
    "Killing": "#7f2704",
    "Injure": "#fb6a4a",
    "Invasion": "#8c2d04",
    "Arson": "#ff7f0e",
    "Arrest": "#f16913",
    "Mobilization": "#d94801",
    "Protest": "#fdae6b",
    "GroupFormation": "#e6ab02",
    "IndependenceDemand": "#ffd92f",
    "IndependenceDeclaration": "#bf9b00",
    "Resolution": "#a6761d",
    "Election": "#c7a76c",
    "Meeting": "#fee391",
    "PublicStatement": "#dfc27d",
    "Sanction": "#8c510a",
}
# Classes without a colour above (event types, future subclasses) take these in name order.
SPARE_COLORS = {
    "Person": ("#2c5d8f", "#86a9d1", "#1f3f66"),
    "Region": ("#4f8a44", "#a3c99a", "#6b8f71"),
    "Group": ("#8f5a85", "#c49bbb", "#7a4b3a", "#e0a3a3"),
    "Event": ("#f28e2b", "#edc948", "#e6550d", "#ffbe7d", "#b8860b", "#cc6633"),
}

ASSETS = "viz_assets"


# ----------------------------------------------------------------------------- reading


def _first(values: Iterable[Node]) -> Node | None:
    vals = sorted(values, key=str)
    return vals[0] if vals else None


def _int(g: Graph, node: Node, prop: URIRef) -> int | None:
    v = _first(g.objects(node, prop))
    return int(v.toPython()) if isinstance(v, Literal) else None


def _num(v: Node | None) -> float | None:
    if not isinstance(v, Literal):
        return None
    p = v.toPython()
    return float(p) if isinstance(p, int | float | Decimal) and not isinstance(p, bool) else None


def _str(v: Node | None) -> str | None:
    return None if v is None else str(v)


def _local(iri: Node) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]


def _u16(s: str) -> int:
    """Length in UTF-16 code units: the page's JavaScript indexes strings that way."""
    return len(s.encode("utf-16-le")) // 2


@dataclass(slots=True)
class _Node:
    iri: URIRef
    label: str
    top: str
    cls: str
    count: int
    alt: list[str]
    arts: set[Node] = field(default_factory=set)
    mentions: list[tuple[Node, int, int, Node | None]] = field(default_factory=list)


@dataclass(slots=True)
class _Edge:
    s: URIRef
    p: URIRef
    o: URIRef
    asserted: bool = False  # the truthy triple is in the graph
    statements: list[Node] = field(default_factory=list)


class _Reader:
    """The parts of a kg graph the view shows, read once with rdflib."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.nodes = self._nodes()
        self._mentions()
        self.edges = self._edges()
        self._texts: dict[Node, str] = {}

    def _nodes(self) -> dict[URIRef, _Node]:
        g = self.g
        out: dict[URIRef, _Node] = {}
        for top_iri, top in _TOP.items():
            for n in g.subjects(RDF.type, top_iri):
                if not isinstance(n, URIRef) or n in out:
                    continue  # a node typed with two top classes keeps the first
                specific = sorted(
                    _local(t)
                    for t in g.objects(n, RDF.type)
                    if str(t).startswith(str(KG)) and t not in _TOP
                )
                label = _first(g.objects(n, SKOS.prefLabel))
                out[n] = _Node(
                    iri=n,
                    label=str(label) if label is not None else _local(n),
                    top=top,
                    cls=specific[0] if specific else top,
                    count=_int(g, n, KG.mentionCount) or 0,
                    alt=sorted({str(a) for a in g.objects(n, SKOS.altLabel)}),
                )
                if top == "Event":
                    out[n].arts.update(g.objects(n, PROV.wasDerivedFrom))
        return out

    def _mentions(self) -> None:
        g = self.g
        for m in g.subjects(RDF.type, KG.Mention):
            target = _first(g.objects(m, KG.refersTo))
            node = self.nodes.get(target) if isinstance(target, URIRef) else None
            art = _first(g.objects(m, PROV.wasDerivedFrom))
            start, end = _int(g, m, KG.charStart), _int(g, m, KG.charEnd)
            if node is None or art is None or start is None or end is None:
                continue
            node.arts.add(art)
            node.mentions.append((art, start, end, _first(g.objects(m, KG.inSentence))))
        for node in self.nodes.values():
            if node.top == "Event" or not node.count:
                # events carry no kg:mentionCount: their reports are their mentions
                node.count = max(node.count, len(node.mentions))

    def _edges(self) -> dict[tuple[URIRef, URIRef, URIRef], _Edge]:
        g, nodes = self.g, self.nodes
        edges: dict[tuple[URIRef, URIRef, URIRef], _Edge] = {}
        for st in g.subjects(RDF.type, KG.Statement):
            s, p, o = (_first(g.objects(st, x)) for x in (KG.subject, KG.predicate, KG.object))
            if s in nodes and o in nodes and isinstance(p, URIRef):
                key = (s, p, o)
                edges.setdefault(key, _Edge(*key)).statements.append(st)  # type: ignore[arg-type]
        for s in nodes:
            for p, o in g.predicate_objects(s):
                if o in nodes and o != s and str(p).startswith(str(KG)):
                    key = (s, p, o)  # type: ignore[assignment]
                    edges.setdefault(key, _Edge(*key)).asserted = True  # type: ignore[arg-type]
        return edges

    def text(self, art: Node) -> str:
        if art not in self._texts:
            t = _first(self.g.objects(art, KG.text))
            self._texts[art] = str(t) if t is not None else ""
        return self._texts[art]

    def sentence_span(self, sent: Node | None) -> tuple[Node, int, int] | None:
        if sent is None:
            return None
        art = _first(self.g.objects(sent, PROV.wasDerivedFrom))
        s, e = _int(self.g, sent, KG.charStart), _int(self.g, sent, KG.charEnd)
        if art is None or s is None or e is None or not 0 <= s <= e <= len(self.text(art)):
            return None
        return art, s, e

    def article(self, art: Node) -> dict[str, Any]:
        g = self.g
        title = _first(g.objects(art, DCTERMS.title))
        url = _str(_first(g.objects(art, SCHEMA.url)))
        d: dict[str, Any] = {
            "id": _local(art)[:12],
            "iri": str(art),
            "title": " ".join(str(title).split()) if title is not None else None,
            "untitled": title is None or not str(title).strip(),
            "date": _str(_first(g.objects(art, DCTERMS.date))),
            "publisher": _str(_first(g.objects(art, DCTERMS.publisher))),
            # only web links: a javascript: or data: URL in an article never becomes a link
            "url": url if url and url.lower().startswith(("http://", "https://")) else None,
        }
        if d["untitled"]:
            first = next((ln.strip() for ln in self.text(art).splitlines() if ln.strip()), "")
            d["title"] = first if len(first) <= 80 else first[:79].rstrip() + "…"
            d["title"] = d["title"] or f"article {d['id']}"
        return d


# ----------------------------------------------------------------------------- choosing


def _neighbours(edges: Iterable[_Edge]) -> dict[URIRef, set[URIRef]]:
    adj: dict[URIRef, set[URIRef]] = {}
    for e in edges:
        adj.setdefault(e.s, set()).add(e.o)
        adj.setdefault(e.o, set()).add(e.s)
    return adj


def _within(centre: URIRef, edges: Iterable[_Edge], hops: int) -> set[URIRef]:
    """The nodes at most `hops` edges from `centre`, whichever way the edges point."""
    adj = _neighbours(edges)
    seen, frontier = {centre}, deque([(centre, 0)])
    while frontier:
        n, d = frontier.popleft()
        if d == hops:
            continue
        for m in sorted(adj.get(n, ()), key=str):
            if m not in seen:
                seen.add(m)
                frontier.append((m, d + 1))
    return seen


def _colors(classes: Iterable[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    spare_used = dict.fromkeys(SPARE_COLORS, 0)
    for top, cls in sorted(set(classes)):
        if cls in COLORS:
            out[cls] = COLORS[cls]
            continue
        spare = SPARE_COLORS[top]
        out[cls] = spare[spare_used[top] % len(spare)]
        spare_used[top] += 1
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def viz_data(
    graph: Graph,
    *,
    entity: str | None = None,
    hops: int = DEFAULT_HOPS,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> dict[str, Any]:
    """The page's data: the nodes to show (all, or those within `hops` of `entity`, at most
    `max_nodes` of them, the most mentioned first), the edges between them with their
    statements, and the articles and sentences they come from.

    `summary` says how many of how many nodes are shown and why some are left out.
    """
    if max_nodes < 1:
        raise UsageError("--max-nodes must be at least 1")
    if hops < 0:
        raise UsageError("--hops must be 0 or more")
    r = _Reader(graph)
    nodes, edges = r.nodes, r.edges
    centre: URIRef | None = None
    scope: set[URIRef] = set(nodes)
    if entity is not None:
        centre = resolve(graph, entity)
        scope = _within(centre, edges.values(), hops)
    ranked = sorted(scope, key=lambda n: (n != centre, -nodes[n].count, nodes[n].label, str(n)))
    kept = ranked[:max_nodes]
    index = {n: i for i, n in enumerate(kept)}
    scope_edges = [e for e in edges.values() if e.s in scope and e.o in scope]
    kept_edges = sorted(
        (e for e in scope_edges if e.s in index and e.o in index),
        key=lambda e: (index[e.s], index[e.o], str(e.p)),
    )

    # articles: those any shown node or edge comes from, by date (undated last), then title
    arts_used: set[Node] = set()
    for n in kept:
        arts_used |= nodes[n].arts
    st_art = {
        st: _first(graph.objects(st, PROV.wasDerivedFrom))
        for e in kept_edges
        for st in e.statements
    }
    arts_used |= {a for a in st_art.values() if a is not None}
    art_info = {a: r.article(a) for a in arts_used}
    art_order = sorted(
        arts_used,
        key=lambda a: (
            art_info[a]["date"] is None,
            art_info[a]["date"] or "",
            art_info[a]["title"],
            str(a),
        ),
    )
    art_index = {a: i for i, a in enumerate(art_order)}

    # sentences are shared: collected as (article, start, end) first, numbered in text order
    spans: set[tuple[Node, int, int]] = set()

    def evidence(sent: Node | None, start: int, end: int) -> tuple[Any, ...] | None:
        span = r.sentence_span(sent)
        if span is None:
            return None
        spans.add(span)
        return span, start, end

    node_mentions: list[list[tuple[Any, ...]]] = []
    for n in kept:
        ms = sorted(nodes[n].mentions, key=lambda m: (art_index[m[0]], m[1], m[2]))
        picked = [ev for m in ms if (ev := evidence(m[3], m[1], m[2])) is not None]
        node_mentions.append(picked[:MAX_EVIDENCE])

    edge_statements: list[list[tuple[Any, ...]]] = []
    for e in kept_edges:
        rows = []
        for st in e.statements:
            art = st_art[st]
            start, end = _int(graph, st, KG.charStart), _int(graph, st, KG.charEnd)
            ev = evidence(_first(graph.objects(st, KG.inSentence)), start or 0, end or 0)
            claimed = _first(graph.objects(st, KG.claimedBy))
            rows.append(
                (
                    art_index[art] if art is not None else -1,
                    start if start is not None else -1,
                    ev,
                    _num(_first(graph.objects(st, KG.confidence))),
                    _str(_first(graph.objects(st, KG.extractor))),
                    nodes[claimed].label
                    if claimed in nodes
                    else (_local(claimed) if claimed is not None else None),
                    str(st),
                )
            )
        rows.sort(key=lambda x: (x[0], x[1], x[6]))
        edge_statements.append(rows)

    span_order = sorted(spans, key=lambda s: (art_index.get(s[0], len(art_index)), s[1], s[2]))
    span_index = {s: i for i, s in enumerate(span_order)}
    sentences = []
    for a, s, e in span_order:
        if a not in art_index:  # a sentence of an article nothing shown comes from
            art_index[a] = len(art_order)
            art_order.append(a)
            art_info[a] = r.article(a)
        sentences.append([art_index[a], r.text(a)[s:e]])

    def mark(ev: tuple[Any, ...] | None) -> dict[str, int] | None:
        """The sentence and where the highlighted text is in it (UTF-16 offsets)."""
        if ev is None:
            return None
        (art, s, e), start, end = ev
        text = r.text(art)
        out = {"sentence": span_index[(art, s, e)], "start": -1, "end": -1}
        if s <= start <= end <= e:
            out["start"] = _u16(text[s:start])
            out["end"] = out["start"] + _u16(text[start:end])
        return out

    colors = _colors((nodes[n].top, nodes[n].cls) for n in scope)
    class_names = sorted(
        {
            (TOP_CLASSES.index(nodes[n].top), nodes[n].cls != nodes[n].top, nodes[n].cls)
            for n in scope
        }
    )
    class_index = {c: i for i, (_, _, c) in enumerate(class_names)}
    tops = {nodes[n].cls: nodes[n].top for n in scope}
    shown_per_class = dict.fromkeys(class_index, 0)
    total_per_class = dict.fromkeys(class_index, 0)
    for n in scope:
        total_per_class[nodes[n].cls] += 1
    for n in kept:
        shown_per_class[nodes[n].cls] += 1

    out_nodes = []
    for i, n in enumerate(kept):
        nd = nodes[n]
        d: dict[str, Any] = {
            "iri": str(n),
            "label": nd.label,
            "cls": class_index[nd.cls],
            "count": nd.count,
            "alt": nd.alt,
            "arts": sorted(art_index[a] for a in nd.arts),
            "mentions": [mark(ev) for ev in node_mentions[i]],
            "mentionTotal": len(nd.mentions),
        }
        if nd.top == "Event":
            d["event"] = _event(graph, n)
        out_nodes.append(d)

    out_edges = []
    for e, rows in zip(kept_edges, edge_statements, strict=True):
        out_edges.append(
            {
                "s": index[e.s],
                "t": index[e.o],
                "p": _local(e.p),
                "asserted": e.asserted,
                "eventRole": nodes[e.s].top == "Event",
                "arts": sorted({a for a, *_ in rows if a >= 0}),
                "statements": [
                    {
                        "art": a,
                        "evidence": mark(ev),
                        "confidence": conf,
                        "extractor": ex,
                        "claimedBy": by,
                    }
                    for a, _, ev, conf, ex, by, _ in rows[:MAX_EVIDENCE]
                ],
                "statementTotal": len(rows),
            }
        )

    left_out = len(scope) - len(kept)
    where = ""
    if centre is not None:
        where = f" within {_plural(hops, 'hop')} of {nodes[centre].label}"
    if left_out:
        summary = (
            f"Showing {len(kept)} of {_plural(len(scope), 'node')}{where}: the {len(kept)} most "
            f"mentioned; {left_out} others and "
            f"{_plural(len(scope_edges) - len(kept_edges), 'edge')} are left out "
            "(raise --max-nodes, or look around one entity with --entity)."
        )
    else:
        summary = (
            f"Showing {len(kept)} of {_plural(len(scope), 'node')} and "
            f"{_plural(len(kept_edges), 'edge')}{where}."
        )

    return {
        "version": 1,
        "summary": summary,
        "shown": {"nodes": len(kept), "edges": len(kept_edges)},
        "total": {"nodes": len(scope), "edges": len(scope_edges)},
        "centre": index[centre] if centre is not None else None,
        "hops": hops if centre is not None else None,
        "classes": [
            {
                "name": c,
                "top": tops[c],
                "color": colors[c],
                "shown": shown_per_class[c],
                "total": total_per_class[c],
            }
            for _, _, c in class_names
        ],
        "articles": [art_info[a] for a in art_order],
        "sentences": sentences,
        "nodes": out_nodes,
        "edges": out_edges,
    }


def _event(g: Graph, ev: URIRef) -> dict[str, Any]:
    """What the panel says about an event beside its links: trigger, modality, time, and the
    roles that are text rather than entities."""
    text_roles = []
    for role in ("agent", "target", "place", "time", "topic"):
        for t in sorted(str(v) for v in g.objects(ev, KG[f"{role}Text"])):
            text_roles.append([role, t])
    return {
        "trigger": _str(_first(g.objects(ev, KG.trigger))),
        "modality": _str(_first(g.objects(ev, KG.modality))),
        "time": sorted(str(t) for t in g.objects(ev, KG.time)),
        "placeInferred": bool(_first(g.objects(ev, KG.placeInferred))),
        "reportCount": _int(g, ev, KG.reportCount),
        "textRoles": text_roles,
    }


# ----------------------------------------------------------------------------- rendering


def _asset(name: str) -> str:
    return (resources.files("kg.views") / ASSETS / name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no `<`, `>` or `&` (so no `</script>` or `<!--`),
    and no U+2028/2029, which older JavaScript parsers took for line ends."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(data: dict[str, Any]) -> str:
    """The page: the template with the style, the script and the data inlined."""
    css, js = _asset("viz.css"), _asset("viz.js")
    for name, text, tag in (("viz.css", css, "</style"), ("viz.js", js, "</script")):
        if tag in text.lower():
            raise ValueError(f"{name} must not contain {tag}")
    page = _asset("viz.html")
    page = page.replace("@@STYLE_HASH@@", _csp_hash(css))
    page = page.replace("@@SCRIPT_HASH@@", _csp_hash(js))
    page = page.replace("@@CSS@@", css).replace("@@JS@@", js)
    return page.replace("@@DATA@@", script_json(data))  # last: data is never searched for tokens


def render_graph(
    graph: Graph,
    *,
    entity: str | None = None,
    hops: int = DEFAULT_HOPS,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> str:
    """The page for a graph (see `viz_data` for the options)."""
    return render(viz_data(graph, entity=entity, hops=hops, max_nodes=max_nodes))


def write_html(
    graph: Graph,
    out: str | os.PathLike[str],
    *,
    entity: str | None = None,
    hops: int = DEFAULT_HOPS,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> dict[str, Any]:
    """Write the page to `out` (atomically: a temporary file renamed over it) and return the
    data it shows."""
    data = viz_data(graph, entity=entity, hops=hops, max_nodes=max_nodes)
    page = render(data)
    target = Path(out)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError("no such folder", where=str(folder))
    fd, tmp = tempfile.mkstemp(prefix=".viz-", suffix=".html", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return data


__all__ = [
    "DEFAULT_HOPS",
    "DEFAULT_MAX_NODES",
    "render",
    "render_graph",
    "script_json",
    "viz_data",
    "write_html",
]
