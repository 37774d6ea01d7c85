"""A built graph into a SPARQL 1.1 server, one named graph per article, pushed incrementally.

Under the graph IRI G (by default the build node's IRI, ``DEFAULT_GRAPH``) the server holds:

- ``<G>``: what the build concluded across articles: entities, truthy facts, events, the
  build node;
- ``<G/article/<16 hex>>``: what was read from one article: its article node and the
  sentences, mentions, statements and quotes derived from it alone (the split of
  ``kg export -f trig``, there under the article's own IRI);
- ``<G/push>``: the push record, the SHA-256 of each of those graphs' sorted N-Triples.

A push PUTs (Graph Store HTTP Protocol) only the graphs whose hash is not the one the
server's record holds, DROPs (SPARQL Update) the graphs of articles the build no longer
has, and then PUTs the record. Each request is idempotent, so a push stopped anywhere is
completed by the next one, and afterwards the server holds exactly what a fresh push of the
same build gives. The record lives on the server, so any machine can push the next build.
Queries see the whole graph through the union of the named graphs (Oxigraph
``serve --union-default-graph``, Fuseki ``tdb2:unionDefaultGraph``) or ``GRAPH ?g { … }``.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import UsageError
from kg.files import graph_file
from kg.graph.namespaces import KG, KGR
from kg.query.endpoint import Endpoint

DEFAULT_GRAPH = str(KGR["build"])
RECORD = "https://w3id.org/kg/push#sha256"  # <graph> RECORD "hex" in <G/push>
CONNECTIONS = 4  # PUTs in flight at once
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ARTICLE = ox.NamedNode(str(KG.Article))
_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
# What one article owns, as in kg/export.py's TriG; events, even those one article reports,
# are the build's conclusions and stay in <G> with the entities.
_SCOPED = {ox.NamedNode(str(KG[c])) for c in ("Mention", "Sentence", "Statement", "Quote")}


@dataclass(frozen=True, slots=True)
class PushResult:
    graph: str  # the graph IRI G
    graphs: int  # named graphs of the build (G and one per article)
    put: int  # sent, because new or changed
    unchanged: int  # the server's record already had them
    dropped: int  # graphs of articles no longer in the build
    triples: int
    seconds: float


def article_graph(graph: str, article_iri: str) -> str:
    """The named graph of one article: G/article/<the article IRI's last segment>."""
    return f"{graph.rstrip('/')}/article/{article_iri.rsplit('/', 1)[-1]}"


def record_graph(graph: str) -> str:
    return f"{graph.rstrip('/')}/push"


def partition(path: str | os.PathLike[str], graph: str = DEFAULT_GRAPH) -> dict[str, bytes]:
    """A build's graph.ttl split into named graphs (see the module docstring), each as sorted
    N-Triples, so equal content gives equal bytes and equal hashes."""
    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(path=str(graph_file(path)), format=ox.RdfFormat.TURTLE)
    ]
    articles = {t.subject for t in triples if t.predicate == _TYPE and t.object == _ARTICLE}
    scoped = {t.subject for t in triples if t.predicate == _TYPE and t.object in _SCOPED}
    sources: dict[object, set[object]] = defaultdict(set)
    for t in triples:
        if t.predicate == _DERIVED and t.subject in scoped:
            sources[t.subject].add(t.object)
    owner: dict[object, str] = {a: article_graph(graph, a.value) for a in articles}  # type: ignore[attr-defined]
    for subject, arts in sources.items():
        if len(arts) == 1 and (only := next(iter(arts))) in articles:
            owner[subject] = owner[only]
    parts: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in triples:
        parts[owner.get(t.subject, graph)].append(t)
    return {
        name: ox.serialize(sorted(ts, key=str), format=ox.RdfFormat.N_TRIPLES)
        for name, ts in sorted(parts.items())
    }


def push(
    source: str | os.PathLike[str] = "out",
    endpoint: str | Endpoint = "http://localhost:7878",
    *,
    graph: str = DEFAULT_GRAPH,
    full: bool = False,
) -> PushResult:
    """Make the server's graph ``graph`` equal to the build in ``source`` (a build folder or
    graph.ttl), sending only what changed since the last push (everything with ``full``,
    which also drops article graphs under ``graph`` that the record does not know)."""
    started = time.perf_counter()
    if not graph.startswith(("http://", "https://", "urn:")):
        raise UsageError("the graph name is an absolute IRI", where=graph)
    server = endpoint if isinstance(endpoint, Endpoint) else Endpoint.at(endpoint)
    parts = partition(source, graph)
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in parts.items()}
    known = {} if full else _record(server, graph)
    stale = set(known) | (_article_graphs(server, graph) if full else set())
    gone = sorted(stale - set(parts))
    todo = [name for name in parts if known.get(name) != hashes[name]]

    for i in range(0, len(gone), 500):
        server.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in gone[i : i + 500]))
    with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        for _ in pool.map(lambda name: server.put(name, parts[name]), todo):
            pass
    if todo or gone or not known:
        server.put(record_graph(graph), _record_turtle(hashes))
    return PushResult(
        graph=graph,
        graphs=len(parts),
        put=len(todo),
        unchanged=len(parts) - len(todo),
        dropped=len(gone),
        triples=sum(data.count(b"\n") for data in parts.values()),
        seconds=time.perf_counter() - started,
    )


def _record(server: Endpoint, graph: str) -> dict[str, str]:
    """named graph → hash, as the server's record has it (empty on a first push)."""
    result = server.query(
        f"SELECT ?g ?h WHERE {{ GRAPH <{record_graph(graph)}> {{ ?g <{RECORD}> ?h }} }}"
    )
    return {str(row[0]): str(row[1]) for row in result.rows}


def _article_graphs(server: Endpoint, graph: str) -> set[str]:
    """Every named graph on the server that is named like an article graph under ``graph``."""
    prefix = article_graph(graph, "")
    result = server.query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
    )
    return {str(row[0]) for row in result.rows}


def _record_turtle(hashes: dict[str, str]) -> bytes:
    lines: Iterable[str] = (f'<{g}> <{RECORD}> "{h}" .\n' for g, h in sorted(hashes.items()))
    return "".join(lines).encode("utf-8")
