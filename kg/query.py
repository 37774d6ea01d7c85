"""Loading graphs and answering SPARQL over them."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result

from kg.build import GRAPH_FILE
from kg.errors import QueryError, UsageError
from kg.graph.namespaces import PREFIXES, bind


def graph_file(path: str | os.PathLike[str]) -> Path:
    """A build folder or a Turtle file → the Turtle file."""
    p = Path(path)
    if p.is_dir():
        p = p / GRAPH_FILE
    if not p.exists():
        raise UsageError("no graph here (run `kg build` first)", where=str(p))
    return p


def load(path: str | os.PathLike[str] = "out") -> Graph:
    """The graph of a build folder (or a Turtle file) as an rdflib Graph."""
    g = Graph()
    bind(g)
    g.parse(graph_file(path), format="turtle")
    return g


def _with_prefixes(sparql: str) -> str:
    """kg's prefixes are always available; a query's own PREFIX lines still win."""
    declared = {
        line.split()[1].rstrip(":").lower()
        for line in sparql.splitlines()
        if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1
    }
    header = "".join(
        f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p.lower() not in declared
    )
    return header + sparql


def query(graph: Graph, sparql: str) -> Result:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over a graph."""
    text = sparql.strip()
    if any(w in text.upper().split() for w in ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP")):
        raise QueryError("SPARQL UPDATE is not allowed here; queries are read-only")
    try:
        return graph.query(_with_prefixes(text))
    except Exception as e:  # rdflib raises pyparsing and its own errors alike
        raise QueryError(f"SPARQL error: {e}") from e


def _cell(value: object, graph: Graph) -> str:
    if value is None:
        return ""
    n3 = getattr(value, "n3", None)
    if n3 is not None and value.__class__.__name__ == "URIRef":
        return str(n3(graph.namespace_manager))
    return str(value)


def rows(result: Result, graph: Graph) -> tuple[list[str], list[list[str]]]:
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    names = [str(v) for v in (result.vars or [])]
    return names, [[_cell(v, graph) for v in row] for row in result]  # type: ignore[union-attr]


def format_result(result: Result, graph: Graph, fmt: str = "table") -> str:
    """A result as an aligned table, CSV, SPARQL JSON, or Turtle for graph results."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        g = result.graph
        assert g is not None
        bind(g)
        data = g.serialize(format="turtle")
        return data if isinstance(data, str) else data.decode("utf-8")
    if fmt == "json":
        data = result.serialize(format="json")
        return json.dumps(json.loads(data), indent=2, sort_keys=True)
    header, body = rows(result, graph)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
        return buf.getvalue()
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(line.rstrip() for line in lines) + "\n"
