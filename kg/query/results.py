"""What a SPARQL request answers, whichever engine ran it, and the formats it prints in:
an aligned table for people, RFC 4180 CSV, W3C SPARQL JSON, sorted Turtle."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import ResultRow
from rdflib.term import Node

from kg.errors import UsageError
from kg.graph.namespaces import bind

Triple = tuple[Node, Node, Node]
FORMATS = ("table", "csv", "json", "turtle")
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True, slots=True)
class Results:
    """One answer, whichever engine gave it.

    `type` is SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE. SELECT rows are rdflib `ResultRow`s
    (tuples that also answer `row.name`), unbound cells None; `askAnswer`, iteration, `len` and
    `bool` behave as on an rdflib Result, so code written against rdflib keeps working.
    """

    type: str
    vars: tuple[str, ...] = ()
    rows: tuple[ResultRow, ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()

    @property
    def askAnswer(self) -> bool | None:  # rdflib's name, for code written against it
        return self.boolean

    @property
    def graph(self) -> Graph | None:
        """CONSTRUCT/DESCRIBE triples as an rdflib Graph with kg's prefixes bound."""
        if self.type not in GRAPH_FORMS:
            return None
        g = Graph()
        bind(g)
        for t in self.triples:
            g.add(t)
        return g

    def __iter__(self) -> Iterator[ResultRow | Triple | bool | None]:
        if self.type == "ASK":
            return iter([self.boolean])
        return iter(self.triples if self.type in GRAPH_FORMS else self.rows)

    def __len__(self) -> int:
        if self.type == "ASK":
            return 1
        return len(self.triples if self.type in GRAPH_FORMS else self.rows)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.type == "ASK" else len(self) > 0


def _kg_namespaces() -> Graph:
    g = Graph(bind_namespaces="none")
    bind(g)
    return g


def _short(value: Node | None, graph: Graph) -> str:
    """A cell for people: IRIs with kg's prefixes where they fit, literals as their text."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return value.n3(graph.namespace_manager)
    if isinstance(value, BNode):
        return value.n3()
    return str(value)


def _full(value: Node | None) -> str:
    """A cell for programs (W3C SPARQL CSV): full IRIs, literals as their text."""
    if value is None:
        return ""
    return value.n3() if isinstance(value, BNode) else str(value)


def _table_of(result: Results) -> tuple[list[str], list[tuple[Node | None, ...]]]:
    if result.type in GRAPH_FORMS:
        rows = sorted(result.triples, key=lambda t: tuple(map(str, t)))
        return ["subject", "predicate", "object"], rows  # type: ignore[return-value]
    return list(result.vars), list(result.rows)


def _json_term(value: Node) -> dict[str, str]:
    if isinstance(value, URIRef):
        return {"type": "uri", "value": str(value)}
    if isinstance(value, BNode):
        return {"type": "bnode", "value": str(value)}
    assert isinstance(value, Literal)
    term = {"type": "literal", "value": str(value)}
    if value.language:
        term["xml:lang"] = value.language
    elif value.datatype is not None and value.datatype != XSD.string:
        term["datatype"] = str(value.datatype)
    return term


def to_json(result: Results) -> str:
    """W3C SPARQL 1.1 Query Results JSON; a graph result as subject/predicate/object rows."""
    if result.type == "ASK":
        data: dict[str, object] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        names, rows = _table_of(result)
        bindings = [
            {n: _json_term(v) for n, v in zip(names, row, strict=True) if v is not None}
            for row in rows
        ]
        data = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def to_csv(result: Results) -> str:
    """RFC 4180 CSV (CRLF line ends) with the W3C SPARQL CSV cells; ASK as one `ask` cell."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.type == "ASK":
        w.writerows([["ask"], [str(bool(result.boolean)).lower()]])
    else:
        names, rows = _table_of(result)
        w.writerow(names)
        w.writerows([_full(v) for v in row] for row in rows)
    return buf.getvalue()


def to_table(result: Results, graph: Graph | None = None) -> str:
    """Aligned columns for reading; IRIs shortened with the graph's (default kg's) prefixes."""
    if result.type == "ASK":
        header, body = ["ask"], [[str(bool(result.boolean)).lower()]]
    else:
        names, rows = _table_of(result)
        ns = graph if graph is not None else _kg_namespaces()
        header, body = names, [[_short(v, ns) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def to_turtle(result: Results) -> str:
    """CONSTRUCT/DESCRIBE triples as rdflib's sorted Turtle with kg's prefixes."""
    if result.type not in GRAPH_FORMS:
        raise UsageError(
            f"--format turtle is for CONSTRUCT and DESCRIBE; a {result.type} answer prints as "
            "table, csv or json"
        )
    g = result.graph
    assert g is not None
    return g.serialize(format="turtle")


def format_result(result: Results, graph: Graph | None = None, fmt: str | None = None) -> str:
    """A result as text in `fmt`: by default a table, or Turtle for CONSTRUCT/DESCRIBE.

    A graph result asked for table, csv or json comes out as subject/predicate/object rows;
    turtle for a SELECT or ASK is a UsageError. An UPDATE has no output.
    """
    if result.type == "UPDATE":
        return ""
    if fmt is None:
        fmt = "turtle" if result.type in GRAPH_FORMS else "table"
    if fmt == "table":
        return to_table(result, graph)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    if fmt == "turtle":
        return to_turtle(result)
    raise UsageError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
