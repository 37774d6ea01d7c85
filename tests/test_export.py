"""kg export: every format read back by another library, counts compared with the graph."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import PROV, RDF, SKOS

import kg
from kg.cli import main
from kg.errors import UsageError
from kg.graph.namespaces import KG
from kg.views.export import FORMATS, export, render
from tests.conftest import ROOT

R = "https://w3id.org/kg/resource/"
BASHKORTOSTAN = R + "region/bashkortostan"
RUSSIA = R + "region/russia"


@pytest.fixture(scope="module")
def corpus_view(corpus_graph):
    return kg.to_networkx(corpus_graph)


@pytest.fixture(scope="module")
def exported(corpus_graph, tmp_path_factory):
    """Every format of the corpus graph, written to files once."""
    out = tmp_path_factory.mktemp("export")
    return {fmt: export(corpus_graph, fmt, f"{out / fmt}/") for fmt in FORMATS}


def _triples(g: Graph) -> set:
    return set(g)


# ---- networkx formats -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_read_back_with_the_same_nodes_edges_and_typed_attributes(
    fmt, exported, corpus_view
):
    [path] = exported[fmt]
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    kwargs = {"force_multigraph": True} if fmt == "graphml" else {}
    back = read(path, **kwargs)
    assert back.is_directed() and back.is_multigraph()
    assert back.number_of_nodes() == corpus_view.number_of_nodes()
    assert back.number_of_edges() == corpus_view.number_of_edges()
    assert set(back.nodes) == set(corpus_view.nodes)
    for n, data in corpus_view.nodes(data=True):
        got = back.nodes[n]
        assert got["label"] == data["label"]
        assert got["class"] == data["class"]
        assert got["mentions"] == data["mentions"] and type(got["mentions"]) is int
    edges = {(u, d["predicate"], v): d for u, v, d in back.edges(data=True)}
    for u, v, data in corpus_view.edges(data=True):
        got = edges[u, data["predicate"], v]
        assert got["statements"] == data["statements"] and type(got["statements"]) is int
        assert got["asserted"] is data["asserted"]
        assert got["articles"] == " ".join(data["articles"])  # no list type: joined


def test_graphml_booleans_are_xml_schema_booleans(exported):
    [path] = exported["graphml"]
    text = path.read_text(encoding="utf-8")
    assert '<data key="asserted">true</data>' in text
    assert ">True<" not in text and ">False<" not in text


def test_gexf_carries_no_date(exported):
    [path] = exported["gexf"]
    assert "lastmodifieddate" not in path.read_text(encoding="utf-8")


def test_csv_tables_have_a_row_per_node_and_edge(exported, corpus_view):
    paths = {p.name: p for p in exported["csv"]}
    assert set(paths) == {"nodes.csv", "edges.csv"}
    with paths["nodes.csv"].open(encoding="utf-8", newline="") as f:
        nodes = {row["id"]: row for row in csv.DictReader(f)}
    with paths["edges.csv"].open(encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    assert len(nodes) == corpus_view.number_of_nodes()
    assert len(edges) == corpus_view.number_of_edges()
    assert nodes[BASHKORTOSTAN]["label"] == "Bashkortostan"
    assert nodes[BASHKORTOSTAN]["top"] == "Region"
    [located] = [
        e
        for e in edges
        if (e["source"], e["predicate"], e["target"]) == (BASHKORTOSTAN, "locatedIn", RUSSIA)
    ]
    assert int(located["statements"]) >= 2
    assert located["asserted"] == "true"
    assert located["articles"].startswith(R + "article/")


@pytest.mark.parametrize("view", ["entities", "events"])
def test_views_export_only_their_nodes(view, corpus_graph):
    expected = kg.to_networkx(corpus_graph, include=view)
    data = render(corpus_graph, "graphml", include=view)["graph.graphml"]
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert set(back.nodes) == set(expected.nodes)
    assert back.number_of_edges() == expected.number_of_edges()
    events = {n for n, top in back.nodes(data="top") if top == "Event"}
    assert (not events) if view == "entities" else events


# ---- RDF formats ------------------------------------------------------------------------------


def test_jsonld_reads_back_as_the_same_triples(exported, corpus_graph):
    [path] = exported["jsonld"]
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"]["kg"] == str(KG)
    assert doc["@context"]["person"] == R + "person/"
    back = Graph().parse(path, format="json-ld")
    assert len(back) == len(corpus_graph)
    assert _triples(back) == _triples(corpus_graph)


def test_ntriples_read_back_as_the_same_triples_one_sorted_line_each(exported, corpus_graph):
    [path] = exported["nt"]
    lines = path.read_bytes().splitlines()
    assert len(lines) == len(corpus_graph)
    assert lines == sorted(lines)
    back = Graph().parse(path, format="nt")
    assert _triples(back) == _triples(corpus_graph)


def test_trig_has_one_named_graph_per_article_and_every_triple_once(exported, corpus_graph):
    [path] = exported["trig"]
    ds = Dataset()
    ds.parse(path, format="trig")
    quads = list(ds.quads((None, None, None, None)))
    assert len(quads) == len(corpus_graph)
    assert {q[:3] for q in quads} == _triples(corpus_graph)
    articles = set(corpus_graph.subjects(RDF.type, KG.Article))
    named = {g.identifier for g in ds.graphs() if g.identifier != ds.default_graph.identifier}
    assert named == articles

    # a statement, with its sentence node, lives in the graph of the article it came from
    st = next(iter(corpus_graph.subjects(RDF.type, KG.Statement)))
    article = corpus_graph.value(st, PROV.wasDerivedFrom)
    sentence = corpus_graph.value(st, KG.inSentence)
    in_article = ds.graph(URIRef(article))
    assert (st, KG.subject, corpus_graph.value(st, KG.subject)) in in_article
    assert (sentence, RDF.type, KG.Sentence) in in_article
    # entity descriptions are in the default graph, in no article's graph
    label = (URIRef(BASHKORTOSTAN), SKOS.prefLabel, None)
    assert list(ds.default_graph.triples(label))
    assert not any(list(ds.graph(a).triples(label)) for a in articles)


# ---- determinism ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_gives_the_same_bytes_twice(fmt, corpus_graph, exported):
    again = render(corpus_graph, fmt)
    assert {p.name: p.read_bytes() for p in exported[fmt]} == again


_EXPORT_SCRIPT = """
import sys, kg
from kg.views.export import render
g = kg.load(sys.argv[1])
for fmt in ("graphml", "nt", "csv", "trig", "jsonld", "gexf"):
    for name, data in sorted(render(g, fmt).items()):
        sys.stdout.buffer.write(name.encode() + b"\\0" + data + b"\\0")
"""


def test_export_bytes_do_not_depend_on_the_process(seed_build):
    """Another process with another hash seed (set iteration order) writes the same bytes."""
    g = kg.load(seed_build.out)
    here = b"".join(
        name.encode() + b"\0" + data + b"\0"
        for fmt in ("graphml", "nt", "csv", "trig", "jsonld", "gexf")
        for name, data in sorted(render(g, fmt).items())
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    run = subprocess.run(
        [sys.executable, "-c", _EXPORT_SCRIPT, str(seed_build.out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout == here


# ---- CLI and errors ---------------------------------------------------------------------------


def test_cli_writes_a_single_file_format_to_stdout(seed_build, seed_graph):
    result = CliRunner().invoke(main, ["export", "-f", "nt", "-g", str(seed_build.out)])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == render(seed_graph, "nt")["graph.nt"]


def test_cli_writes_csv_to_a_folder_or_a_prefix(seed_build, tmp_path):
    runner = CliRunner()
    folder = tmp_path / "tables"
    r = runner.invoke(main, ["export", "-f", "csv", "-g", str(seed_build.out), "-o", f"{folder}/"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in folder.iterdir()) == ["edges.csv", "nodes.csv"]
    r = runner.invoke(
        main, ["export", "-f", "csv", "-g", str(seed_build.out), "-o", str(tmp_path / "kg-")]
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "kg-nodes.csv").read_bytes() == (folder / "nodes.csv").read_bytes()
    assert (tmp_path / "kg-edges.csv").exists()
    r = runner.invoke(
        main, ["export", "-f", "csv", "-g", str(seed_build.out), "-o", str(tmp_path / "seed")]
    )
    assert r.exit_code == 0 and (tmp_path / "seed-nodes.csv").exists()


def test_cli_writes_a_file_and_a_view(seed_build, tmp_path):
    out = tmp_path / "g.gexf"
    r = CliRunner().invoke(
        main,
        ["export", "-f", "gexf", "-g", str(seed_build.out), "-o", str(out), "--include", "events"],
    )
    assert r.exit_code == 0, r.output
    back = nx.read_gexf(out)
    tops = dict(back.nodes(data="top"))
    assert "Event" in tops.values()
    assert all(tops[u] == "Event" != tops[v] for u, v in back.edges())
    assert all(back.in_degree(n) > 0 for n, top in tops.items() if top != "Event")


@pytest.mark.parametrize(
    "args, message",
    [
        (["-f", "csv"], "give -o FOLDER or -o PREFIX"),
        (["-f", "nt", "--include", "entities"], "--include is for"),
    ],
)
def test_cli_usage_errors_exit_2(args, message, seed_build):
    r = CliRunner().invoke(main, ["export", "-g", str(seed_build.out), *args])
    assert r.exit_code == 2
    assert message in r.output


def test_cli_without_a_graph_exits_2(tmp_path):
    r = CliRunner().invoke(main, ["export", "-f", "nt", "-g", str(tmp_path / "none")])
    assert r.exit_code == 2
    assert "no graph here" in r.output


def test_unknown_format_is_a_usage_error(seed_graph):
    with pytest.raises(UsageError, match="unknown export format"):
        render(seed_graph, "xml")
