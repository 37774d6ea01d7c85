"""SPARQL over a built graph: read-only unless asked, the same answer from either engine.

Two engines answer: rdflib, over the Graph `load` returns (what kg's own modules walk), and
pyoxigraph, through `kg.query.store.Store` (much faster on big graphs; `kg query` uses it).
Both give back `Results`, so callers and the output formats never depend on the engine.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pyparsing import ParseBaseException
from rdflib import Graph

from kg.errors import QueryError
from kg.files import graph_file
from kg.graph.namespaces import PREFIXES, bind
from kg.query.checks import check
from kg.query.results import GRAPH_FORMS, Results
from kg.query.syntax import syntax_error

if TYPE_CHECKING:
    from kg.query.store import Store


def load(path: str | os.PathLike[str] = "out") -> Graph:
    """The graph of a build folder (or a Turtle file) as an rdflib Graph."""
    g = Graph()
    bind(g)
    g.parse(graph_file(path), format="turtle")
    return g


def query(
    source: Graph | Store | str | os.PathLike[str],
    sparql: str,
    *,
    allow_update: bool = False,
    allow_service: bool = False,
) -> Results:
    """Answer SPARQL with kg's prefixes predeclared (a query's own PREFIX wins).

    `source` is an rdflib Graph (answered by rdflib), a `kg.query.store.Store`, or a build folder or
    Turtle file (loaded into a pyoxigraph Store, the fast path). Updates and SERVICE are refused
    unless allowed; an allowed update changes only the Graph or Store in memory, never graph.ttl.
    """
    if not isinstance(source, Graph):
        from kg.query.store import Store

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
