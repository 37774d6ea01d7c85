"""`kg viz`'s data: a built graph read into what the page shows.

Nodes (people, places, groups, events), edges (the statements and the other kg: links between
them), the articles, and the sentences behind every mention and statement, offsets ready to
highlight; each part is made by its own function below. Everything is sorted, so the same
graph gives the same data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from kg.errors import UsageError
from kg.graph.namespaces import KG
from kg.ontology import top_classes
from kg.views.find import resolve
from kg.views.reader import EVENT, Fact, GraphReader, first, local, text_of

DEFAULT_MAX_NODES = 3000
DEFAULT_HOPS = 2
# Per node and per edge, the panel lists this many sentences; the rest are counted.
MAX_EVIDENCE = 25

TOP_CLASSES = (*top_classes(), EVENT)

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
    "Artifact": "#8c8c8c",
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
    "Artifact": ("#6f6f6f", "#b3b3b3"),
    "Event": ("#f28e2b", "#edc948", "#e6550d", "#ffbe7d", "#b8860b", "#cc6633"),
}


def _u16(s: str) -> int:
    """Length in UTF-16 code units: the page's JavaScript indexes strings that way."""
    return len(s.encode("utf-16-le")) // 2


def _edges(r: GraphReader) -> list[Fact]:
    """The facts the page draws: every fact between two nodes, a node's fact about itself
    only when a statement backs it (never drawn as asserted)."""
    return [
        Fact(f.s, f.p, f.o, f.asserted and f.s != f.o, f.statements)
        for f in r.facts.values()
        if f.s != f.o or f.statements
    ]


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
    r = GraphReader(graph)
    shown = _choose(r, entity, hops, max_nodes)
    arts = _articles(r, shown)
    evidence = _Evidence(r)
    node_mentions = [_node_mentions(r, n, arts, evidence) for n in shown.kept]
    edge_statements = [_edge_statements(r, e, arts, evidence) for e in shown.kept_edges]
    sentences = evidence.number(arts)
    classes, class_index = _classes(r, shown)
    centre = shown.centre
    return {
        "version": 1,
        "summary": _summary(r, shown, hops),
        "shown": {"nodes": len(shown.kept), "edges": len(shown.kept_edges)},
        "total": {"nodes": len(shown.scope), "edges": len(shown.scope_edges)},
        "centre": shown.index[centre] if centre is not None else None,
        "hops": hops if centre is not None else None,
        "classes": classes,
        "articles": [arts.info[a] for a in arts.order],
        "sentences": sentences,
        "nodes": [
            _node(r, n, arts, [evidence.mark(ev) for ev in mentions], class_index)
            for n, mentions in zip(shown.kept, node_mentions, strict=True)
        ],
        "edges": [
            _edge(r, e, shown, rows, evidence)
            for e, rows in zip(shown.kept_edges, edge_statements, strict=True)
        ],
    }


@dataclass(slots=True)
class _Shown:
    """The nodes in scope (all, or a neighbourhood), those kept, and the edges of each."""

    centre: URIRef | None
    scope: set[URIRef]
    kept: list[URIRef]  # the most mentioned first, at most max_nodes
    index: dict[URIRef, int]  # a kept node's place in kept
    scope_edges: list[Fact]
    kept_edges: list[Fact]  # by their ends' places, then predicate


def _choose(r: GraphReader, entity: str | None, hops: int, max_nodes: int) -> _Shown:
    """The nodes and edges the page shows: the centre first, then by mentions, label, IRI."""
    nodes, edges = r.nodes, _edges(r)
    centre: URIRef | None = None
    scope: set[URIRef] = set(nodes)
    if entity is not None:
        centre = resolve(r, entity)
        scope = r.within(centre, hops)
    ranked = sorted(scope, key=lambda n: (n != centre, -nodes[n].count, nodes[n].label, str(n)))
    kept = ranked[:max_nodes]
    index = {n: i for i, n in enumerate(kept)}
    scope_edges = [e for e in edges if e.s in scope and e.o in scope]
    kept_edges = sorted(
        (e for e in scope_edges if e.s in index and e.o in index),
        key=lambda e: (index[e.s], index[e.o], str(e.p)),
    )
    return _Shown(centre, scope, kept, index, scope_edges, kept_edges)


@dataclass(slots=True)
class _Articles:
    """The articles the page lists, in order, and the article of each shown statement."""

    order: list[Node]
    info: dict[Node, dict[str, Any]]
    index: dict[Node, int]
    of_statement: dict[Node, Node | None]

    def add(self, r: GraphReader, art: Node) -> None:
        """An article only a sentence comes from, listed after the others."""
        self.index[art] = len(self.order)
        self.order.append(art)
        self.info[art] = r.article(art)


def _articles(r: GraphReader, shown: _Shown) -> _Articles:
    """Those any shown node or edge comes from, by date (undated last), then title."""
    used: set[Node] = set()
    for n in shown.kept:
        used |= r.nodes[n].arts
    st_art = {
        st: first(r.g.objects(st, PROV.wasDerivedFrom))
        for e in shown.kept_edges
        for st in e.statements
    }
    used |= {a for a in st_art.values() if a is not None}
    info = {a: r.article(a) for a in used}
    order = sorted(
        used,
        key=lambda a: (info[a]["date"] is None, info[a]["date"] or "", info[a]["title"], str(a)),
    )
    return _Articles(order, info, {a: i for i, a in enumerate(order)}, st_art)


Evidence = tuple[tuple[Node, int, int], int, int]  # a sentence's span, and the text's in it


class _Evidence:
    """The sentences behind mentions and statements, which many share: collected as
    (article, start, end) first, then numbered in text order."""

    def __init__(self, r: GraphReader) -> None:
        self.r = r
        self.spans: set[tuple[Node, int, int]] = set()
        self.index: dict[tuple[Node, int, int], int] = {}

    def add(self, sent: Node | None, start: int, end: int) -> Evidence | None:
        span = self.r.sentence_span(sent)
        if span is None:
            return None
        self.spans.add(span)
        return span, start, end

    def number(self, arts: _Articles) -> list[list[Any]]:
        """The sentences in text order, each with its article's place in the list."""
        order = sorted(
            self.spans, key=lambda s: (arts.index.get(s[0], len(arts.index)), s[1], s[2])
        )
        self.index = {s: i for i, s in enumerate(order)}
        sentences = []
        for a, s, e in order:
            if a not in arts.index:  # a sentence of an article nothing shown comes from
                arts.add(self.r, a)
            sentences.append([arts.index[a], self.r.text(a)[s:e]])
        return sentences

    def mark(self, ev: Evidence | None) -> dict[str, int] | None:
        """The sentence and where the highlighted text is in it (UTF-16 offsets)."""
        if ev is None:
            return None
        (art, s, e), start, end = ev
        text = self.r.text(art)
        out = {"sentence": self.index[(art, s, e)], "start": -1, "end": -1}
        if s <= start <= end <= e:
            out["start"] = _u16(text[s:start])
            out["end"] = out["start"] + _u16(text[start:end])
        return out


def _node_mentions(
    r: GraphReader, n: URIRef, arts: _Articles, evidence: _Evidence
) -> list[Evidence]:
    """The first MAX_EVIDENCE placed mentions of a node, in article and text order."""
    placed = [m for m in r.nodes[n].mentions if m.placed]
    ms = sorted(placed, key=lambda m: (arts.index[m.article], m.start, m.end))
    picked = [ev for m in ms if (ev := evidence.add(m.sentence, m.start, m.end)) is not None]
    return picked[:MAX_EVIDENCE]


def _edge_statements(
    r: GraphReader, e: Fact, arts: _Articles, evidence: _Evidence
) -> list[tuple[Any, ...]]:
    """An edge's statements as rows (article, start, evidence, confidence, extractor,
    claimant, IRI), in article and text order."""
    rows = []
    for st in e.statements:
        art = arts.of_statement[st]
        info = r.statement(st)
        start, end = info.start, info.end
        ev = evidence.add(info.sentence, start or 0, end or 0)
        claimed = info.claimed_by
        rows.append(
            (
                arts.index[art] if art is not None else -1,
                start if start is not None else -1,
                ev,
                info.confidence,
                info.extractor,
                r.nodes[claimed].label
                if claimed in r.nodes
                else (local(claimed) if claimed is not None else None),
                str(st),
            )
        )
    rows.sort(key=lambda x: (x[0], x[1], x[6]))
    return rows


def _classes(r: GraphReader, shown: _Shown) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The legend: each class in scope (by top class, the top first, then name) with its
    colour and how many of its nodes are shown; and each class's place in it."""
    nodes, scope = r.nodes, shown.scope
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
    for n in shown.kept:
        shown_per_class[nodes[n].cls] += 1
    classes = [
        {
            "name": c,
            "top": tops[c],
            "color": colors[c],
            "shown": shown_per_class[c],
            "total": total_per_class[c],
        }
        for _, _, c in class_names
    ]
    return classes, class_index


def _node(
    r: GraphReader,
    n: URIRef,
    arts: _Articles,
    mentions: list[dict[str, int] | None],
    class_index: dict[str, int],
) -> dict[str, Any]:
    nd = r.nodes[n]
    d: dict[str, Any] = {
        "iri": str(n),
        "label": nd.label,
        "cls": class_index[nd.cls],
        "count": nd.count,
        "alt": nd.alt,
        "arts": sorted(arts.index[a] for a in nd.arts),
        "mentions": mentions,
        "mentionTotal": sum(1 for m in nd.mentions if m.placed),
    }
    if nd.top == EVENT:
        d["event"] = _event(r, n)
    return d


def _edge(
    r: GraphReader, e: Fact, shown: _Shown, rows: list[tuple[Any, ...]], evidence: _Evidence
) -> dict[str, Any]:
    return {
        "s": shown.index[e.s],
        "t": shown.index[e.o],
        "p": local(e.p),
        "asserted": e.asserted,
        "eventRole": r.nodes[e.s].top == EVENT,
        "arts": sorted({a for a, *_ in rows if a >= 0}),
        "statements": [
            {
                "art": a,
                "evidence": evidence.mark(ev),
                "confidence": conf,
                "extractor": ex,
                "claimedBy": by,
            }
            for a, _, ev, conf, ex, by, _ in rows[:MAX_EVIDENCE]
        ],
        "statementTotal": len(rows),
    }


def _summary(r: GraphReader, shown: _Shown, hops: int) -> str:
    """How many of how many nodes are shown, and, when some are left out, why."""
    kept, scope = shown.kept, shown.scope
    left_out = len(scope) - len(kept)
    where = ""
    if shown.centre is not None:
        where = f" within {_plural(hops, 'hop')} of {r.nodes[shown.centre].label}"
    if left_out:
        return (
            f"Showing {len(kept)} of {_plural(len(scope), 'node')}{where}: the {len(kept)} most "
            f"mentioned; {left_out} others and "
            f"{_plural(len(shown.scope_edges) - len(shown.kept_edges), 'edge')} are left out "
            "(raise --max-nodes, or look around one entity with --entity)."
        )
    return (
        f"Showing {len(kept)} of {_plural(len(scope), 'node')} and "
        f"{_plural(len(shown.kept_edges), 'edge')}{where}."
    )


def _event(r: GraphReader, ev: URIRef) -> dict[str, Any]:
    """What the panel says about an event beside its links: trigger, modality, time, and the
    roles that are text rather than entities."""
    g = r.g
    text_roles = []
    for role in ("agent", "target", "place", "time", "topic"):
        for t in sorted(str(v) for v in g.objects(ev, KG[f"{role}Text"])):
            text_roles.append([role, t])
    return {
        "trigger": text_of(r.value(ev, KG.trigger)),
        "modality": text_of(r.value(ev, KG.modality)),
        "time": sorted(str(t) for t in g.objects(ev, KG.time)),
        "placeInferred": bool(r.value(ev, KG.placeInferred)),
        "reportCount": r.integer(ev, KG.reportCount),
        "textRoles": text_roles,
    }
