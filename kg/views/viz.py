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
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
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

    # articles: those any shown node or edge comes from, by date (undated last), then title
    arts_used: set[Node] = set()
    for n in kept:
        arts_used |= nodes[n].arts
    st_art = {
        st: first(graph.objects(st, PROV.wasDerivedFrom)) for e in kept_edges for st in e.statements
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
        placed = [m for m in nodes[n].mentions if m.placed]
        ms = sorted(placed, key=lambda m: (art_index[m.article], m.start, m.end))
        picked = [ev for m in ms if (ev := evidence(m.sentence, m.start, m.end)) is not None]
        node_mentions.append(picked[:MAX_EVIDENCE])

    edge_statements: list[list[tuple[Any, ...]]] = []
    for e in kept_edges:
        rows = []
        for st in e.statements:
            art = st_art[st]
            info = r.statement(st)
            start, end = info.start, info.end
            ev = evidence(info.sentence, start or 0, end or 0)
            claimed = info.claimed_by
            rows.append(
                (
                    art_index[art] if art is not None else -1,
                    start if start is not None else -1,
                    ev,
                    info.confidence,
                    info.extractor,
                    nodes[claimed].label
                    if claimed in nodes
                    else (local(claimed) if claimed is not None else None),
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
            "mentionTotal": sum(1 for m in nd.mentions if m.placed),
        }
        if nd.top == EVENT:
            d["event"] = _event(r, n)
        out_nodes.append(d)

    out_edges = []
    for e, rows in zip(kept_edges, edge_statements, strict=True):
        out_edges.append(
            {
                "s": index[e.s],
                "t": index[e.o],
                "p": local(e.p),
                "asserted": e.asserted,
                "eventRole": nodes[e.s].top == EVENT,
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
