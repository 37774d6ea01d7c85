"""A built graph in the formats other tools read, byte for byte the same for the same graph.

GraphML and GEXF (Gephi, Cytoscape, yEd) and CSV node and edge tables (spreadsheets) come
from the networkx view (`kg.views.network.to_networkx`); JSON-LD, N-Triples and TriG (triple
stores) carry every triple. Everything is sorted before it is written and nothing carries a
date, so an export can be diffed and committed like graph.ttl.

TriG splits the graph by provenance: each article's named graph (named by the article's IRI)
holds the article node and what was read from it alone (its mentions, sentences, statements
and quotes); the default graph holds what the build concluded across articles (entities and
their descriptions, truthy facts, events, build metadata). Every triple is in exactly one.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.plugins.serializers.jsonld import from_rdf
from rdflib.term import Node

from kg.errors import UsageError
from kg.files import write_atomic
from kg.graph.namespaces import KG, PREFIXES
from kg.graph.turtle import write_turtle
from kg.views.network import to_networkx

FORMATS = ("graphml", "gexf", "jsonld", "nt", "trig", "csv")
NETWORK_FORMATS = ("graphml", "gexf", "csv")  # the ones `include` (a networkx view) applies to
NODE_COLUMNS = ("id", "label", "class", "top", "mentions", "reports", "modality", "time")
EDGE_COLUMNS = ("source", "target", "predicate", "statements", "asserted", "articles")

_GRAPHML_BOOL = re.compile(rb'(<data key="asserted">)(True|False)(</data>)')

# Subjects read from one article: they go to that article's named graph in TriG.
_ARTICLE_SCOPED = (KG.Mention, KG.Sentence, KG.Statement, KG.Quote)


def _flat(view: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The view with list attributes joined by spaces (GraphML and GEXF have no list type;
    article IRIs hold no spaces) and edges keyed e0, e1, … (edge ids must be unique)."""
    flat = nx.MultiDiGraph(**view.graph)
    for n, data in view.nodes(data=True):
        flat.add_node(n, **{k: _cell(v) for k, v in data.items()})
    for i, (u, v, data) in enumerate(view.edges(data=True)):
        flat.add_edge(u, v, key=f"e{i}", **{k: _cell(v) for k, v in data.items()})
    return flat


def _cell(value: object) -> object:
    return " ".join(map(str, value)) if isinstance(value, list | tuple) else value


def to_graphml(graph: Graph, include: str = "all") -> bytes:
    """GraphML with typed attributes (ints as int, `asserted` as boolean)."""
    buf = io.BytesIO()
    nx.write_graphml_xml(_flat(to_networkx(graph, include=include)), buf, named_key_ids=True)
    # networkx writes Python's True/False; GraphML's boolean (XML Schema) is true/false
    return _GRAPHML_BOOL.sub(lambda m: m[1] + m[2].lower() + m[3], buf.getvalue())


def to_gexf(graph: Graph, include: str = "all") -> bytes:
    """GEXF 1.2, without the date networkx stamps on its meta element."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(_flat(to_networkx(graph, include=include)))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def to_csv(graph: Graph, include: str = "all") -> dict[str, bytes]:
    """`nodes.csv` and `edges.csv` (RFC 4180, CRLF), one row per node and per edge."""
    view = to_networkx(graph, include=include)
    nodes = [{"id": n, **data} for n, data in view.nodes(data=True)]
    edges = [{"source": u, "target": v, **data} for u, v, data in view.edges(data=True)]
    return {"nodes.csv": _table(NODE_COLUMNS, nodes), "edges.csv": _table(EDGE_COLUMNS, edges)}


def _table(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for row in rows:
        w.writerow(_csv_cell(row.get(c, "")) for c in columns)
    return buf.getvalue().encode("utf-8")


def _csv_cell(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(_cell(value))


def to_jsonld(graph: Graph) -> bytes:
    """JSON-LD compacted with kg's prefixes as its @context; nodes sorted by @id and every
    set of values sorted (JSON-LD values are unordered; kg writes no RDF lists)."""
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    doc = from_rdf(graph, context_data=context, auto_compact=True)
    text = json.dumps(_sorted(doc), indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: v if k in ("@context", "@list") else _sorted(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_ntriples(graph: Graph) -> bytes:
    """N-Triples (UTF-8), one triple a line, lines sorted."""
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(set(line for line in lines if line.strip())))


def to_trig(graph: Graph) -> bytes:
    """TriG: the default graph, then one named graph per article (see the module doc)."""
    parts: dict[URIRef | None, list[tuple[Node, Node, Node]]] = {None: []}
    home: dict[Node, URIRef | None] = {}
    for article in graph.subjects(RDF.type, KG.Article):
        home[article] = article  # type: ignore[assignment]
        parts[article] = []  # type: ignore[index]
    for cls in _ARTICLE_SCOPED:
        for s in graph.subjects(RDF.type, cls):
            sources = list(graph.objects(s, PROV.wasDerivedFrom))
            if len(sources) == 1 and sources[0] in parts:
                home[s] = sources[0]  # type: ignore[assignment]
    for t in graph:
        parts[home.get(t[0])].append(t)
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items()))
    blocks = [header]
    for name in sorted(parts, key=lambda n: "" if n is None else str(n)):
        body = _turtle_body(write_turtle(parts[name], prefixes))
        head = "" if name is None else f"<{name}> "
        blocks.append(f"{head}{{\n{body}}}\n")
    return "\n".join(blocks).encode("utf-8")


def _turtle_body(turtle: bytes) -> str:
    """Turtle without its @prefix lines (the TriG header declares them all)."""
    text = turtle.decode("utf-8")
    if text.startswith("@prefix"):
        text = text.partition("\n\n")[2]
    return text.lstrip("\n")


_SINGLE: dict[str, tuple[str, Callable[..., bytes]]] = {
    "graphml": (".graphml", to_graphml),
    "gexf": (".gexf", to_gexf),
    "jsonld": (".jsonld", to_jsonld),
    "nt": (".nt", to_ntriples),
    "trig": (".trig", to_trig),
}


def render(graph: Graph, fmt: str, *, include: str | None = None) -> dict[str, bytes]:
    """The files of an export, by name: `graph.<ext>`, or `nodes.csv` and `edges.csv`.

    `include` (a `kg.views.network` view: all, entities, events) is for graphml, gexf and csv; the
    RDF formats always carry the whole graph.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    if include is not None and fmt not in NETWORK_FORMATS:
        raise UsageError(
            f"--include is for {', '.join(NETWORK_FORMATS)}; {fmt} exports the whole graph"
        )
    if fmt == "csv":
        return to_csv(graph, include or "all")
    ext, fn = _SINGLE[fmt]
    data = fn(graph, include or "all") if fmt in NETWORK_FORMATS else fn(graph)
    return {f"graph{ext}": data}


def export(
    graph: Graph, fmt: str, out: str | os.PathLike[str], *, include: str | None = None
) -> list[Path]:
    """Write an export and return the paths written.

    `out` is the file to write; a folder that exists (or a path ending in "/") gets
    `graph.<ext>`, or `nodes.csv` and `edges.csv`. For csv any other `out` is a prefix:
    `out/kg-` gives out/kg-nodes.csv and out/kg-edges.csv (a "-" is added after a prefix
    that does not end in "-", "_" or ".").
    """
    files = render(graph, fmt, include=include)
    base = Path(out)
    folder = str(out).endswith(("/", os.sep)) or base.is_dir()
    paths = []
    for name, data in files.items():
        if folder:
            path = base / name
        elif len(files) == 1:
            path = base
        else:
            sep = "" if base.name.endswith(("-", "_", ".")) else "-"
            path = base.with_name(f"{base.name}{sep}{name}")
        write_atomic(path, data)
        paths.append(path)
    return paths
