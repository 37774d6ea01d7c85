"""The built graph conforms to ontology/shapes.ttl, and the shapes do catch a broken graph."""

from __future__ import annotations

from click.testing import CliRunner
from rdflib.namespace import SKOS

from kg.cli import main
from kg.graph import KGR
from kg.views.validate import validate


def test_sample_corpus_graph_conforms(corpus_graph):
    assert validate(corpus_graph) == []


def test_a_missing_label_is_a_violation(seed_graph):
    broken = seed_graph.__class__()
    for t in seed_graph:
        broken.add(t)
    person = KGR["person/vladimir-putin"]
    broken.remove((person, SKOS.prefLabel, None))
    violations = validate(broken)
    assert [(v.focus, v.path) for v in violations] == [(str(person), str(SKOS.prefLabel))]


def test_validate_command(seed_build, tmp_path):
    ok = CliRunner().invoke(main, ["validate", "--graph", str(seed_build.out)])
    assert ok.exit_code == 0 and "conforms: 0 violations" in ok.output
    bad = tmp_path / "graph.ttl"
    text = seed_build.graph_path.read_text(encoding="utf-8")
    bad.write_text(text.replace('skos:prefLabel "Vladimir Putin"', 'skos:altLabel "X"'))
    r = CliRunner().invoke(main, ["validate", "--graph", str(bad)])
    assert r.exit_code == 1 and "1 violations" in r.output
