"""Questions to a built graph: SPARQL on rdflib or pyoxigraph (engine.py, store.py), the
checks made first (checks.py), readable syntax errors (syntax/), the answers and their
formats (results.py), a SPARQL server as the source (endpoint.py) and as the target of a
build (push.py)."""

from kg.query.checks import check, read_query
from kg.query.engine import load, query
from kg.query.results import FORMATS, GRAPH_FORMS, Results, format_result

__all__ = [
    "FORMATS",
    "GRAPH_FORMS",
    "Results",
    "check",
    "format_result",
    "load",
    "query",
    "read_query",
]
