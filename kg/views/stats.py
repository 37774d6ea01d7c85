"""Counts over a built graph, read back from graph.ttl by SPARQL."""

from __future__ import annotations

from rdflib import Graph

from kg.query import query

_COUNTS = """
SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?cls .
  FILTER(STRSTARTS(STR(?cls), STR(kg:)))
} GROUP BY ?cls ORDER BY ?cls
"""


def graph_stats(graph: Graph) -> dict[str, int]:
    """Number of nodes per kg class, plus triples."""
    out = {str(row[0]).rsplit("#", 1)[-1]: int(row[1]) for row in query(graph, _COUNTS)}  # type: ignore[index]
    out["triples"] = len(graph)
    return out
