"""ontology/kg.ttl parses and declares every term graph.ttl uses."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph import KG
from kg.nlp.events import event_codes
from tests.conftest import ROOT

ONTOLOGY = ROOT / "ontology" / "kg.ttl"


def _ontology() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY, format="turtle")
    return g


def test_ontology_parses_and_is_an_owl_ontology():
    g = _ontology()
    assert (None, RDF.type, OWL.Ontology) in g


def test_class_hierarchy():
    g = _ontology()
    for sub, sup in [
        ("FederalSubject", "Region"),
        ("EthnicGroup", "Group"),
        ("GovernmentBody", "Group"),
        ("Arson", "Event"),
        ("GroupFormation", "Event"),
    ]:
        assert (KG[sub], RDFS.subClassOf, KG[sup]) in g


def test_every_lexicon_event_type_is_a_declared_event_class():
    g = _ontology()
    for etype, codes in event_codes().items():
        assert (KG[etype], RDFS.subClassOf, KG.Event) in g, etype
        if "cameo" in codes:
            assert (KG[etype], KG.cameoCode, None) in g


def test_every_kg_term_in_the_built_graph_is_declared(corpus_graph):
    declared = set(_ontology().subjects())
    used = set()
    for _s, p, o in corpus_graph:
        used.update(t for t in (p, o) if str(t).startswith(str(KG)))
        if p == RDF.type:
            used.add(o)
    missing = sorted(str(t) for t in used if str(t).startswith(str(KG)) and t not in declared)
    assert missing == []
