"""kg push, kg build --push and kg query --endpoint against a real Oxigraph server
(`oxigraph serve`, started per test on a free loopback port).

The promise tested: after any push, incremental or not, the server holds exactly what a
fresh push of the same build gives, graph by graph, and the union of its graphs is the build.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

import kg
from kg.cli import main
from kg.ingest import read_paths
from kg.ontology import top_classes
from kg.query.endpoint import Endpoint
from kg.query.push import DEFAULT_GRAPH, article_graph, push, record_graph
from tests.conftest import ARTICLES

BEFORE = ["bashkir-resistance.txt", "wikinews-clock.json", "wikinews-flag.json"]
ADDED = "wikinews-taxes.json"
REMOVED = "wikinews-clock.json"
EDITED = "bashkir-resistance.txt"


def _oxigraph() -> str:
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    if exe is None:
        pytest.skip("the oxigraph server is not installed (pip install -e '.[test]')")
    return exe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """An Oxigraph server on ``folder`` and a free loopback port, stopped on exit; its
    queries see the union of the named graphs."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [
            _oxigraph(),
            "serve",
            "--location",
            str(folder),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("oxigraph serve did not start") from None
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def server(tmp_path_factory) -> Iterator[str]:
    with serve(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """A build of BEFORE, then the same folder rebuilt incrementally after adding, removing
    and editing an article: (before graph.ttl bytes, out folder after)."""
    tmp = tmp_path_factory.mktemp("push")
    src, out = tmp / "src", tmp / "out"
    src.mkdir()
    for name in BEFORE:
        shutil.copy(ARTICLES / name, src / name)
    kg.build([src], out=out)
    before = tmp / "before"
    shutil.copytree(out, before)
    shutil.copy(ARTICLES / ADDED, src / ADDED)
    (src / REMOVED).unlink()
    edited = src / EDITED
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nOfficials in Ufa said the talks would resume.\n",
        encoding="utf-8",
    )
    result = kg.build([src], out=out)
    assert result.processed == 2 and result.removed  # it was incremental
    return before, out


def _dataset(url: str) -> dict[str, Graph]:
    """Every named graph on the server, fetched with the Graph Store Protocol."""
    server = Endpoint.at(url)
    names = server.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    out = {}
    for (name,) in names.rows:
        g = Graph()
        g.parse(data=server.get(str(name)).decode("utf-8"), format="nt")
        out[str(name)] = g
    return out


def test_incremental_push_equals_a_fresh_push(builds, server, tmp_path_factory):
    before, after = builds
    first = push(before, server)
    assert first.put == first.graphs == 4  # the shared graph and one per article
    second = push(after, server)
    # an edited article is a new article (its id is its text's hash): the removed article's
    # graph and the edited one's old graph go; the shared graph, the added article's and the
    # edited one's come; the untouched article's graph stays as it was
    assert (second.dropped, second.put, second.unchanged) == (2, 3, 1)

    with serve(tmp_path_factory.mktemp("fresh")) as fresh_url:
        push(after, fresh_url)
        incremental, fresh = _dataset(server), _dataset(fresh_url)
    assert sorted(incremental) == sorted(fresh)
    for name in fresh:
        assert isomorphic(incremental[name], fresh[name]), name

    # and the union of the article and shared graphs is the build, term for term (through
    # Oxigraph's store, which writes numbers in canonical form on both sides)
    union = Graph()
    for name, g in incremental.items():
        if name != record_graph(DEFAULT_GRAPH):
            union += g
    local = ox.Store()
    local.bulk_load(path=str(after / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    expected = Graph()
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in local]
    expected.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    assert isomorphic(union, expected)


def test_a_push_with_nothing_changed_sends_nothing(builds, server):
    _, after = builds
    first = push(after, server)
    again = push(after, server)
    assert (again.put, again.dropped, again.unchanged) == (0, 0, first.graphs)


def test_full_push_drops_article_graphs_the_record_does_not_know(builds, server):
    _, after = builds
    stray = article_graph(DEFAULT_GRAPH, "https://w3id.org/kg/resource/article/0000000000000000")
    Endpoint.at(server).put(stray, b"<urn:a> <urn:b> <urn:c> .\n")
    assert push(after, server).dropped == 0  # unknown to the record: left alone
    assert push(after, server, full=True).dropped == 1
    assert stray not in _dataset(server)


def test_articles_own_their_nodes(builds, server):
    _, after = builds
    push(after, server)
    (article,), _ = read_paths([ARTICLES / "wikinews-flag.json"])
    one = article_graph(DEFAULT_GRAPH, f"kgr:article/{article.id[:16]}")
    subjects = kg.query(
        Graph().parse(data=Endpoint.at(server).get(one).decode("utf-8"), format="nt"),
        "SELECT DISTINCT ?t WHERE { ?s a ?t }",
    )
    kinds = {str(row[0]).rsplit("#", 1)[-1] for row in subjects}
    assert {"Article", "Mention", "Sentence", "Statement"} <= kinds
    assert not kinds & {*top_classes(), "Event"}  # the build's conclusions: in <G>


def test_the_split_is_kg_export_trigs(builds):
    """One definition of what an article owns: push's graphs are export's TriG graphs
    (there named by the article's IRI, the shared part in the default graph)."""
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from kg.graph.namespaces import KGR
    from kg.query.push import partition
    from kg.views.export import to_trig

    _, after = builds
    trig = Dataset()
    trig.parse(data=to_trig(kg.load(after)).decode("utf-8"), format="trig")
    exported = {str(g.identifier): g for g in trig.graphs() if len(g)}
    pushed = {
        str(DATASET_DEFAULT_GRAPH_ID)
        if name == DEFAULT_GRAPH
        else str(KGR["article/" + name.rsplit("/", 1)[-1]]): data
        for name, data in partition(after).items()
    }
    assert sorted(pushed) == sorted(exported)
    for name, data in pushed.items():
        assert isomorphic(Graph().parse(data=data.decode("utf-8"), format="nt"), exported[name])


QUERIES = [
    "SELECT ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name } ORDER BY ?name",
    "SELECT ?m ?score WHERE { ?m kg:linkScore ?score } ORDER BY ?m LIMIT 20",
    "ASK { region:bashkortostan a kg:Region }",
    "CONSTRUCT { ?e skos:prefLabel ?l } WHERE { ?e a kg:Event ; skos:prefLabel ?l }",
]


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_query_endpoint_answers_as_the_local_graph(builds, server, fmt):
    _, after = builds
    push(after, server)
    runner = CliRunner()
    for q in QUERIES:
        local = runner.invoke(main, ["query", q, "--graph", str(after), "-f", fmt])
        remote = runner.invoke(main, ["query", q, "--endpoint", server, "-f", fmt])
        assert local.exit_code == remote.exit_code == 0, remote.output
        assert remote.output == local.output, q


def test_build_push_and_push_commands(tmp_path, server):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ARTICLES / BEFORE[1], src / BEFORE[1])
    runner = CliRunner()
    built = runner.invoke(
        main, ["build", str(src), "--out", str(tmp_path / "out"), "--push", server]
    )
    assert built.exit_code == 0, built.output
    assert "pushed     2 of 2 graphs" in built.output
    pushed = runner.invoke(main, ["push", "-g", str(tmp_path / "out"), "--endpoint", server])
    assert pushed.exit_code == 0, pushed.output
    assert pushed.output.startswith("pushed     0 of 2 graphs")


def test_server_errors_are_one_line_with_their_exit_code(builds, server):
    _, after = builds
    runner = CliRunner()
    gone = f"http://127.0.0.1:{_free_port()}"
    r = runner.invoke(main, ["push", "-g", str(after), "--endpoint", gone])
    assert r.exit_code == 5 and "cannot reach the SPARQL server" in r.output
    r = runner.invoke(main, ["query", "SELECT ?x WHERE { ?x", "--endpoint", server])
    assert r.exit_code == 2 and "SPARQL error" in r.output
    r = runner.invoke(main, ["query", "DROP ALL", "--endpoint", server])
    assert r.exit_code == 2 and "read-only" in r.output
