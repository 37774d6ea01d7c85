"""SPARQL over a built graph: read-only unless asked, the same answer from either engine.

Two engines answer: rdflib, over the Graph `load` returns (what kg's own modules walk), and
pyoxigraph, through `kg.store.Store` (much faster on big graphs; `kg query` uses it). Both give
back `Results`, so callers and the output formats never depend on the engine that ran.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pyparsing import ParseBaseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import ResultRow
from rdflib.term import Node

from kg.build import GRAPH_FILE
from kg.errors import QueryError, UsageError
from kg.graph.namespaces import PREFIXES, bind
from kg.sparql_syntax import syntax_error

if TYPE_CHECKING:
    from kg.store import Store

Triple = tuple[Node, Node, Node]

FORMATS = ("table", "csv", "json", "turtle")
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
NETWORK_WORDS = frozenset({"SERVICE", "LOAD", "FROM", "USING"})
QUERY_WORDS = UPDATE_FORMS | {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE", "WHERE"}
QUERY_SUFFIXES = (".rq", ".sparql", ".txt")


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


# What the checks below look at: SPARQL's tokens, with strings, IRIs, comments, variables,
# language tags and prefixed names skipped whole, so that "DELETE" inside a literal or
# <http://x/SERVICE> is never taken for a keyword.
_LEXEME = re.compile(
    r"""
      \#[^\r\n]*
    | '''(?:[^'\\]|\\.|'{1,2}(?!'))*'''
    | \"\"\"(?:[^"\\]|\\.|"{1,2}(?!"))*\"\"\"
    | '(?:[^'\\\r\n]|\\.)*'
    | "(?:[^"\\\r\n]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | [?$]\w+
    | @[A-Za-z]+(?:-[A-Za-z0-9]+)*
    | (?:[^\W\d][\w.-]*)?:(?:[\w.:%-]|\\.)*
    | (?P<word>[^\W\d]\w*)
    | \S
    """,
    re.VERBOSE | re.DOTALL,
)


def read_query(arg: str) -> str:
    """The query an argument gives: its text, or the text of the file it names.

    An argument that reads as a file name (it ends in .rq, .sparql or .txt, or holds a path
    separator and no SPARQL keyword) but names no file is a UsageError, not a query to parse.
    Query text may be longer than a file name may be, or hold a newline or a brace."""
    if "\n" in arg or "{" in arg:
        return arg
    p = Path(arg)
    kind = _kind(p)
    if kind == "file":
        try:
            return p.read_text(encoding="utf-8")
        except OSError as e:
            raise UsageError(f"cannot read query file {arg}: {e.strerror or e}") from e
        except UnicodeDecodeError as e:
            raise UsageError(f"query file {arg} is not UTF-8 text") from e
    if _looks_like_a_file(arg):
        if kind is not None:
            raise UsageError(f"not a query file: {arg} is a {kind}")
        raise UsageError(f"no such query file: {arg}")
    return arg


def _kind(p: Path) -> str | None:
    """What is at ``p``: a "file", a "folder", a "special file", or None (nothing, or no path
    at all: a query longer than a file name may be)."""
    try:
        if p.is_file():
            return "file"
        return "folder" if p.is_dir() else "special file" if p.exists() else None
    except (OSError, ValueError):  # "File name too long", a NUL in the name
        return None


def _looks_like_a_file(arg: str) -> bool:
    if arg.lower().endswith(QUERY_SUFFIXES):
        return True
    if "/" not in arg and os.sep not in arg:
        return False
    return not any(m["word"].upper() in QUERY_WORDS for m in _LEXEME.finditer(arg) if m["word"])


def check(sparql: str, *, allow_update: bool = False, allow_service: bool = False) -> str:
    """The form of a request (SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE), refusing what was
    not allowed: an update changes the graph; SERVICE, LOAD, and FROM or USING (which rdflib
    resolves by fetching the IRI) reach outside it.

    The engines' query parsers reject updates on their own; this decides which message the user
    gets and keeps network requests from ever reaching an engine that would send them.
    """
    words = [m["word"].upper() for m in _LEXEME.finditer(sparql) if m["word"]]
    form = next((w for w in words if w not in ("BASE", "PREFIX")), "")
    if form in UPDATE_FORMS and not allow_update:
        raise QueryError(
            f"SPARQL UPDATE ({form}) is refused: queries are read-only unless allowed "
            "(--allow-update, allow_update=True; only the in-memory graph changes)"
        )
    outside = next((w for w in words if w in NETWORK_WORDS), None)
    if outside and not allow_service:
        raise QueryError(
            f"{outside} is refused: kg reads nothing from outside the graph unless allowed "
            "(--allow-service, allow_service=True)"
        )
    return "UPDATE" if form in UPDATE_FORMS else form


def query(
    source: Graph | Store | str | os.PathLike[str],
    sparql: str,
    *,
    allow_update: bool = False,
    allow_service: bool = False,
) -> Results:
    """Answer SPARQL with kg's prefixes predeclared (a query's own PREFIX wins).

    `source` is an rdflib Graph (answered by rdflib), a `kg.store.Store`, or a build folder or
    Turtle file (loaded into a pyoxigraph Store, the fast path). Updates and SERVICE are refused
    unless allowed; an allowed update changes only the Graph or Store in memory, never graph.ttl.
    """
    if not isinstance(source, Graph):
        from kg.store import Store

        store = source if isinstance(source, Store) else Store.open(source)
        return store.query(sparql, allow_update=allow_update, allow_service=allow_service)
    text = sparql.strip()
    form = check(text, allow_update=allow_update, allow_service=allow_service)
    try:
        if form == "UPDATE":
            source.update(text, initNs=PREFIXES)
            return Results("UPDATE")
        result = source.query(text, initNs=PREFIXES)
        if result.type == "ASK":
            return Results("ASK", boolean=bool(result.askAnswer))
        if result.type in GRAPH_FORMS:
            return Results(result.type, triples=tuple(result))  # type: ignore[arg-type]
        rows = tuple(result)
    except ParseBaseException as e:  # rdflib's parser is pyparsing's
        raise syntax_error(sparql, e, PREFIXES, update=form == "UPDATE") from e
    except Exception as e:  # rdflib raises its own errors as Exception
        if str(e).startswith("Unknown namespace prefix"):
            raise syntax_error(sparql, e, PREFIXES, update=form == "UPDATE") from e
        raise QueryError(f"SPARQL error: {e}") from e
    return Results("SELECT", vars=tuple(str(v) for v in result.vars or ()), rows=rows)  # type: ignore[arg-type]


# ---- output formats ---------------------------------------------------------------------------


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
