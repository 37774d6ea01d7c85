"""The graph as a networkx MultiDiGraph: entities and events as nodes, facts as edges.

RDF is the record (every fact with its provenance); graph algorithms, layouts and tools such
as Gephi want plain nodes and edges. This is that view: one node per entity or event, one
edge per (subject, predicate, object) however many statements back it, with the count of
those statements and the articles they came from, so a drawing still leads back to sources.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import PROV

from kg.errors import UsageError
from kg.graph.namespaces import KG
from kg.views.reader import EVENT, GraphReader, NodeInfo, local

if TYPE_CHECKING:
    import networkx as nx

VIEWS: tuple[str, ...] = ("all", "entities", "events")


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
    r = GraphReader(graph)
    events = {n for n, info in r.nodes.items() if info.top == EVENT}
    entities = set(r.nodes) - events
    facts = list(r.facts.values())
    if include == "entities":
        facts = [f for f in facts if f.s in entities and f.o in entities]
        nodes = entities
    elif include == "events":
        facts = [f for f in facts if f.s in events and f.o in entities]
        nodes = events | {f.o for f in facts}
    else:
        nodes = entities | events

    g = nx.MultiDiGraph(view=include)
    for node in sorted(nodes, key=str):
        g.add_node(str(node), **_node_data(r, r.nodes[node]))
    for f in sorted(facts, key=lambda f: (str(f.s), str(f.p), str(f.o))):
        name = local(f.p)
        articles = {str(a) for st in f.statements for a in graph.objects(st, PROV.wasDerivedFrom)}
        g.add_edge(
            str(f.s),
            str(f.o),
            key=name,
            predicate=name,
            statements=len(f.statements),
            articles=sorted(articles),
            asserted=f.asserted,
        )
    return g


def _node_data(r: GraphReader, info: NodeInfo) -> dict[str, object]:
    data: dict[str, object] = {"class": info.cls, "top": info.top, "label": info.label}
    if info.top == EVENT:
        data["mentions"] = len(info.mentions)
        data["reports"] = r.integer(info.iri, KG.reportCount) or 0
        data["modality"] = str(r.value(info.iri, KG.modality) or "")
        times = r.times(info.iri)
        if times:
            data["time"] = times[0]
    else:
        data["mentions"] = info.mention_count or 0
    return data
