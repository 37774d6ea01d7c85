"""ontology/kg.ttl parses and declares every term graph.ttl uses."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import ResourceError
from kg.graph import KG
from kg.nlp.event_triggers import event_codes
from kg.ontology import classes_under, hierarchy, read, top_class, top_classes
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
        ("Arson", "Attack"),
        ("Attack", "Conflict"),
        ("Conflict", "Event"),
        ("GroupFormation", "Business"),
    ]:
        assert (KG[sub], RDFS.subClassOf, KG[sup]) in g


def test_each_term_is_declared_once():
    """Two declarations of a term ("kg:X a owl:Class ; …") can drift apart."""
    declared = re.findall(r"^(kg:\w+) a ", ONTOLOGY.read_text(), flags=re.MULTILINE)
    assert sorted(t for t in set(declared) if declared.count(t) > 1) == []


def test_every_lexicon_event_type_is_a_declared_event_class():
    g = _ontology()
    for etype, codes in event_codes().items():
        assert KG.Event in set(g.transitive_objects(KG[etype], RDFS.subClassOf)), etype
        for key, prop in (("cameo", KG.cameoCode), ("plover", KG.ploverCode)):
            if key in codes:
                assert (KG[etype], prop, Literal(codes[key])) in g, etype


def test_event_types_form_families_with_their_sources():
    """Each event type sits under one family directly below kg:Event, and says which scheme
    it follows; every family has at least two types."""
    g = _ontology()
    families = set(g.subjects(RDFS.subClassOf, KG.Event))
    assert {"Life", "Movement", "Business", "Personnel", "Justice", "Conflict", "Contact"} | {
        "Diplomacy",
        "Disaster",
        "PublicStatement",
    } <= {str(f)[len(str(KG)) :] for f in families}
    for fam in families - {KG.Occurrence}:
        assert len(set(g.transitive_subjects(RDFS.subClassOf, fam))) >= 3, fam
    for etype in event_codes():
        assert "Source:" in str(g.value(KG[etype], RDFS.comment)), etype


def test_every_kg_term_in_the_built_graph_is_declared(corpus_graph):
    declared = set(_ontology().subjects())
    used = set()
    for _s, p, o in corpus_graph:
        used.update(t for t in (p, o) if str(t).startswith(str(KG)))
        if p == RDF.type:
            used.add(o)
    missing = sorted(str(t) for t in used if str(t).startswith(str(KG)) and t not in declared)
    assert missing == []


def test_the_class_hierarchy_kg_uses_is_the_ontology_s():
    """kg.ontology's tiny reading (pyoxigraph, no inference) says what rdflib reads."""
    g = _ontology()
    tops = sorted(str(c)[len(str(KG)) :] for c in g.subjects(RDFS.subClassOf, KG.Entity))
    assert sorted(top_classes()) == tops == ["Artifact", "Group", "Person", "Region"]
    assert top_classes() == ("Person", "Region", "Group", "Artifact")  # the file's order
    for top in tops:
        under = {str(c)[len(str(KG)) :] for c in g.transitive_subjects(RDFS.subClassOf, KG[top])}
        assert classes_under(top) == under
    assert classes_under("Region") == {
        "Region",
        "Country",
        "FederalSubject",
        "City",
        "NaturalPlace",
    }
    assert top_class("MediaChannel") == "Group" and top_class("Person") == "Person"
    assert hierarchy().parent["Country"] == "Region" and hierarchy().parent["Group"] == "Entity"


def test_events_and_records_are_not_entity_classes():
    for cls in ("Event", "Attack", "Article", "Mention", "Entity"):
        with pytest.raises(KeyError):
            top_class(cls)


def _write(tmp_path, body: str):
    path = tmp_path / "kg.ttl"
    path.write_text(
        "@prefix kg: <https://w3id.org/kg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" + body,
        encoding="utf-8",
    )
    return str(path)


def test_a_class_with_two_kg_superclasses_is_an_error_naming_the_file(tmp_path):
    path = _write(
        tmp_path,
        "kg:Region rdfs:subClassOf kg:Entity .\nkg:Group rdfs:subClassOf kg:Entity .\n"
        "kg:City rdfs:subClassOf kg:Region, kg:Group .\n",
    )
    with pytest.raises(ResourceError) as e:
        read(path)
    assert str(e.value) == f"{path}: kg:City has two kg superclasses (kg:Region, kg:Group)"


def test_an_ontology_without_top_classes_is_an_error(tmp_path):
    path = _write(tmp_path, "kg:City rdfs:subClassOf kg:Region .\n")
    with pytest.raises(ResourceError) as e:
        read(path)
    assert str(e.value) == f"{path}: no class is a subclass of kg:Entity"


def test_an_ontology_that_does_not_parse_is_an_error_naming_the_file(tmp_path):
    path = _write(tmp_path, "kg:City rdfs:subClassOf .\n")
    with pytest.raises(ResourceError) as e:
        read(path)
    assert str(e.value).startswith(f"{path}: kg's ontology cannot be read: ")


def test_read_keeps_only_classes_under_a_top(tmp_path):
    path = _write(
        tmp_path,
        "kg:Region rdfs:subClassOf kg:Entity .\nkg:City rdfs:subClassOf kg:Region .\n"
        "kg:Town rdfs:subClassOf kg:City .\nkg:Attack rdfs:subClassOf kg:Event .\n",
    )
    h = read(path)
    assert h.tops == ("Region",)
    assert h.top_of == {"Region": "Region", "City": "Region", "Town": "Region"}
    assert h.under("Region") == {"Region", "City", "Town"}
