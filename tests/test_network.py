"""kg.to_networkx: the graph's entities and events as a networkx MultiDiGraph."""

from __future__ import annotations

import networkx as nx
import pytest

import kg
from kg.errors import UsageError
from tests.conftest import select

R = "https://w3id.org/kg/resource/"
BASHKORTOSTAN = R + "region/bashkortostan"
RUSSIA = R + "region/russia"

ENTITIES = (
    "SELECT DISTINCT ?x WHERE { ?x a ?c . VALUES ?c { kg:Person kg:Region kg:Group kg:Artifact } }"
)
EVENTS = "SELECT DISTINCT ?x WHERE { ?x a kg:Event }"
# Every kg predicate between two entities or events, asserted (a truthy triple) or stated
# (a Statement, e.g. only inside a quote): what the edges must be.
FACTS = """
SELECT DISTINCT ?s ?p ?o WHERE {
  { ?s ?p ?o } UNION { ?st a kg:Statement ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o }
  FILTER(STRSTARTS(STR(?p), STR(kg:)))
  ?s a ?c1 . ?o a ?c2 .
  VALUES ?c1 { kg:Person kg:Region kg:Group kg:Artifact kg:Event }
  VALUES ?c2 { kg:Person kg:Region kg:Group kg:Artifact kg:Event }
}
"""


def _edges(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, d["predicate"], v) for u, v, d in g.edges(data=True)}


def _iri_edges(graph, sparql: str) -> set[tuple[str, str, str]]:
    return {(s, p.rsplit("#", 1)[1], o) for s, p, o in select(graph, sparql)}


def test_to_networkx_is_public_api():
    assert "to_networkx" in kg.__all__
    from kg.views.network import to_networkx

    assert kg.to_networkx is to_networkx


def test_every_entity_and_event_is_a_node(corpus_graph):
    g = kg.to_networkx(corpus_graph)
    entities = {r[0] for r in select(corpus_graph, ENTITIES)}
    events = {r[0] for r in select(corpus_graph, EVENTS)}
    assert entities and events
    assert set(g.nodes) == entities | events
    assert {n for n, top in g.nodes(data="top") if top == "Event"} == events


def test_every_fact_is_one_edge(corpus_graph):
    g = kg.to_networkx(corpus_graph)
    expected = _iri_edges(corpus_graph, FACTS)
    assert _edges(g) == expected
    assert g.number_of_edges() == len(expected)  # one edge per fact, however many statements


def test_node_attributes(seed_graph):
    g = kg.to_networkx(seed_graph)
    node = g.nodes[BASHKORTOSTAN]
    assert node["label"] == "Bashkortostan"
    assert node["class"] == "FederalSubject"
    assert node["top"] == "Region"
    [(count,)] = select(seed_graph, "SELECT ?n WHERE { region:bashkortostan kg:mentionCount ?n }")
    assert node["mentions"] == int(count) > 1
    for n, data in g.nodes(data=True):
        assert isinstance(data["mentions"], int), n
        assert data["label"] and data["class"] and data["top"], n


def test_event_nodes_carry_modality_reports_mentions_and_time(corpus_graph):
    g = kg.to_networkx(corpus_graph)
    rows = select(
        corpus_graph,
        """SELECT ?e ?modality ?reports (COUNT(?m) AS ?mentions) WHERE {
             ?e a kg:Event ; kg:modality ?modality ; kg:reportCount ?reports .
             ?m kg:refersTo ?e } GROUP BY ?e ?modality ?reports""",
    )
    assert rows
    for e, modality, reports, mentions in rows:
        assert g.nodes[e]["modality"] == modality
        assert g.nodes[e]["reports"] == int(reports)
        assert g.nodes[e]["mentions"] == int(mentions)
    timed = select(
        corpus_graph, "SELECT ?e (MIN(STR(?t)) AS ?t) WHERE { ?e kg:time ?t } GROUP BY ?e"
    )
    assert timed
    for e, t in timed:
        assert g.nodes[e]["time"] <= t  # the earliest time stated, a span's start included


def test_a_fact_edge_counts_its_statements_and_lists_its_articles(seed_graph, seed_build):
    g = kg.to_networkx(seed_graph)
    edge = g.edges[BASHKORTOSTAN, RUSSIA, "locatedIn"]
    [(n,)] = select(
        seed_graph,
        """SELECT (COUNT(?st) AS ?n) WHERE { ?st kg:subject region:bashkortostan ;
             kg:predicate kg:locatedIn ; kg:object region:russia }""",
    )
    assert edge["statements"] == int(n) >= 2  # two sentences say so
    [(article,)] = select(seed_graph, "SELECT ?a WHERE { ?a a kg:Article }")
    assert edge["articles"] == [article]
    assert edge["asserted"] is True


def test_a_claimed_fact_is_an_edge_but_not_asserted(corpus_graph):
    g = kg.to_networkx(corpus_graph)
    claimed = _iri_edges(
        corpus_graph,
        """SELECT DISTINCT ?s ?p ?o WHERE {
             ?st kg:subject ?s ; kg:predicate ?p ; kg:object ?o ; kg:claimedBy ?who .
             FILTER NOT EXISTS { ?s ?p ?o } }""",
    )
    assert claimed, "the corpus has facts found only inside quotes"
    not_asserted = {(u, d["predicate"], v) for u, v, d in g.edges(data=True) if not d["asserted"]}
    assert not_asserted == claimed


def test_gazetteer_descriptions_are_edges_without_statements(seed_graph):
    g = kg.to_networkx(seed_graph)
    governs = [d for _, _, d in g.edges(data=True) if d["predicate"] in ("governs", "homeland")]
    assert governs
    assert all(d["statements"] == 0 and d["articles"] == [] for d in governs)


def test_entities_view_drops_events(corpus_graph):
    full = kg.to_networkx(corpus_graph)
    g = kg.to_networkx(corpus_graph, include="entities")
    entities = {r[0] for r in select(corpus_graph, ENTITIES)}
    assert set(g.nodes) == entities  # entities without facts included
    assert all(top != "Event" for _, top in g.nodes(data="top"))
    assert _edges(g) == {e for e in _edges(full) if e[0] in entities and e[2] in entities}
    assert g.number_of_edges() > 0


def test_events_view_is_events_and_their_participants(corpus_graph):
    g = kg.to_networkx(corpus_graph, include="events")
    events = {r[0] for r in select(corpus_graph, EVENTS)}
    assert events <= set(g.nodes)
    for u, v in g.edges():
        assert u in events and v not in events, (u, v)
    participants = set(g.nodes) - events
    assert participants == {v for _, v in g.edges()}
    invasions = [n for n, c in g.nodes(data="class") if c == "Invasion"]
    roles = [
        {(d["predicate"], g.nodes[v]["label"]) for _, v, d in g.out_edges(n, data=True)}
        for n in invasions
    ]
    assert any({("agent", "Vladimir Putin"), ("target", "Ukraine")} <= r for r in roles)


def test_a_build_folder_gives_the_same_graph(seed_graph, seed_build):
    a = kg.to_networkx(seed_graph)
    b = kg.to_networkx(seed_build.out)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_nodes_and_edges_come_in_sorted_order(seed_graph):
    g = kg.to_networkx(seed_graph)
    assert list(g.nodes) == sorted(g.nodes)
    edges = [(u, p, v) for u, v, p in g.edges(data="predicate")]
    assert edges == sorted(edges)


def test_unknown_view_is_a_usage_error(seed_graph):
    with pytest.raises(UsageError, match="unknown view"):
        kg.to_networkx(seed_graph, include="people")
