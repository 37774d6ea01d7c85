"""The graph as a networkx MultiDiGraph: entities and events as nodes, facts as edges.

RDF is the record (every fact with its provenance); graph algorithms, layouts and tools such
as Gephi want plain nodes and edges. This is that view: one node per entity or event, one
edge per (subject, predicate, object) however many statements back it, with the count of
those statements and the articles they came from, so a drawing still leads back to sources.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from kg.errors import UsageError
from kg.graph.namespaces import KG

if TYPE_CHECKING:
    import networkx as nx

VIEWS: tuple[str, ...] = ("all", "entities", "events")
TOPS = ("Person", "Region", "Group")

_KG = str(KG)


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(graph: Graph | str | os.PathLike[str], *, include: str = "all") -> nx.MultiDiGraph:
    """A MultiDiGraph of the graph's entities and events (a Graph, build folder or Turtle file).

    Nodes are keyed by IRI and carry `class` (the most specific kg class), `top` (Person,
    Region, Group or Event), `label` and `mentions`; events add `modality`, `reports` and,
    when stated, `time` (the earliest). Edges are keyed by predicate name and carry
    `predicate`, `statements` (kg:Statement nodes behind the edge), `articles` (their sorted
    article IRIs) and `asserted` (False when the fact is only a speaker's claim). Facts from
    the gazetteer (kg:governs, kg:homeland) and an event's kg:claimedBy are edges with no
    statements.

    `include` picks the view: "all" (entities and events, every edge between them),
    "entities" (every entity, facts between entities only) or "events" (events and the
    entities that play a role in them, event → entity edges only).
    """
    import networkx as nx  # here, so that `import kg` stays quick

    if include not in VIEWS:
        raise UsageError(f"unknown view {include!r}; one of {', '.join(VIEWS)}")
    if not isinstance(graph, Graph):
        from kg.query import load

        graph = load(graph)
    entities = {s for top in TOPS for s in graph.subjects(RDF.type, KG[top])}
    events = set(graph.subjects(RDF.type, KG.Event))
    edges = _edges(graph, entities | events)
    if include == "entities":
        edges = {k: v for k, v in edges.items() if k[0] in entities and k[2] in entities}
        nodes = entities
    elif include == "events":
        edges = {k: v for k, v in edges.items() if k[0] in events and k[2] in entities}
        nodes = events | {o for _, _, o in edges}
    else:
        nodes = entities | events

    g = nx.MultiDiGraph(view=include)
    for node in sorted(nodes, key=str):
        g.add_node(str(node), **_node_data(graph, node, node in events))
    for (s, p, o), (statements, articles, asserted) in sorted(
        edges.items(), key=lambda kv: tuple(map(str, kv[0]))
    ):
        name = _local(p)
        g.add_edge(
            str(s),
            str(o),
            key=name,
            predicate=name,
            statements=statements,
            articles=articles,
            asserted=asserted,
        )
    return g


def _node_data(graph: Graph, node: URIRef, is_event: bool) -> dict[str, object]:
    types = sorted(_local(t) for t in graph.objects(node, RDF.type) if str(t).startswith(_KG))
    top = "Event" if is_event else next((t for t in types if t in TOPS), "")
    specific = [t for t in types if t != top and t not in TOPS]
    data: dict[str, object] = {
        "class": specific[0] if specific else top,
        "top": top,
        "label": str(graph.value(node, SKOS.prefLabel) or _local(node)),
    }
    if is_event:
        data["mentions"] = sum(1 for _ in graph.subjects(KG.refersTo, node))
        data["reports"] = int(graph.value(node, KG.reportCount) or 0)  # type: ignore[arg-type]
        data["modality"] = str(graph.value(node, KG.modality) or "")
        times = [str(t) for p in (KG.time, KG.timeStart) for t in graph.objects(node, p)]
        if times:
            data["time"] = min(times)
    else:
        data["mentions"] = int(graph.value(node, KG.mentionCount) or 0)  # type: ignore[arg-type]
    return data


_Edge = tuple[URIRef, URIRef, URIRef]


def _edges(graph: Graph, nodes: set[URIRef]) -> dict[_Edge, tuple[int, list[str], bool]]:
    """Every kg predicate between two nodes: (statements, articles, asserted) per triple.

    A fact the article asserts is a truthy triple and its Statements; a fact found inside a
    quote has Statements only, so both are read.
    """
    counts: dict[_Edge, int] = defaultdict(int)
    sources: dict[_Edge, set[str]] = defaultdict(set)
    for st in graph.subjects(RDF.type, KG.Statement):
        s, p, o = (graph.value(st, KG[r]) for r in ("subject", "predicate", "object"))
        if s in nodes and o in nodes and isinstance(p, URIRef):
            key = (s, p, o)
            counts[key] += 1  # type: ignore[index]
            sources[key].update(str(a) for a in graph.objects(st, PROV.wasDerivedFrom))  # type: ignore[index]
    asserted = {
        (s, p, o)
        for s in nodes
        for p, o in graph.predicate_objects(s)
        if o in nodes and str(p).startswith(_KG)
    }
    return {
        key: (counts.get(key, 0), sorted(sources.get(key, ())), key in asserted)  # type: ignore[arg-type]
        for key in asserted | set(counts)
    }
