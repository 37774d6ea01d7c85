"""Writing Turtle at scale: kg's writer beside rdflib's and pyoxigraph's serializers.

    python bench/graph_io.py [--triples 1000000] [--rdflib-triples 100000] [--repeat N]
    python bench/graph_io.py --triples 200000 --rdflib-triples 20000 --repeat 1   # quick

Builds the real graph of data/articles once (``kg.builder.build``), then replicates its triples
up to --triples triples of kg's shape: copy k (k ≥ 1) of every triple appends ``-k`` to
each resource IRI (``kgr:…``; ontology terms and external IRIs such as Wikidata's are
shared, as they would be in a large build), so copies are distinct nodes with the same
structure, prefixed names and literals. With --unique-literals every string literal of a
copy is made unique too (`` [k]`` appended), as article texts, sentences and quotes would
be in a real corpus; kg's writer then renders more distinct terms.

Times (median of --repeat runs, graphs built beforehand and not timed):

- kg's writer, ``to_turtle(graph)`` on an rdflib Graph of --triples triples (it reads
  the in-memory store's index), ``write_turtle(triples, prefixes)`` on the same triples as a
  plain list, and ``write_turtle(graph, prefixes)``, which iterates the Graph through
  rdflib's public API (what any other store would cost); all three must give one output;
- rdflib's own Turtle serializer on the first --rdflib-triples of them (it is slow, so
  only that size is measured; nothing is extrapolated), with kg's writer on the same size;
- pyoxigraph's Turtle serializer on all --triples (Rust; a reference, not a target; it
  streams triples in the order given and neither sorts nor deduplicates).

The target is kg's writer ≤ 5 s at 1,000,000 triples.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

import kg
from kg.graph.namespaces import KGR, PREFIXES, bind
from kg.graph.turtle import to_turtle, write_turtle

ROOT = Path(__file__).resolve().parent.parent
TARGET = 5.0  # seconds for kg's writer at 1M triples

Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]


def base_graph() -> Graph:
    """The sample corpus's graph, built by kg and read back."""
    with tempfile.TemporaryDirectory() as out:
        result = kg.build([ROOT / "data" / "articles"], out=out)
        g = Graph()
        bind(g)
        g.parse(result.graph_path, format="turtle")
    return g


def replicate(base: list[Triple], n: int, unique_literals: bool) -> list[Triple]:
    """The first n triples of copies 0, 1, 2, … of ``base`` (see the module doc)."""
    ns = str(KGR)
    out: list[Triple] = list(base[:n])
    k = 0
    while len(out) < n:
        k += 1
        iris: dict[URIRef, URIRef] = {}
        lits: dict[Literal, Literal] = {}

        def copy(t, k=k, iris=iris, lits=lits):
            if isinstance(t, URIRef):
                if not t.startswith(ns):
                    return t
                c = iris.get(t)
                if c is None:
                    c = iris[t] = URIRef(f"{t}-{k}")
                return c
            if unique_literals and isinstance(t, Literal) and t.datatype is None:
                c = lits.get(t)
                if c is None:
                    c = lits[t] = Literal(f"{t} [{k}]", lang=t.language)
                return c
            return t

        for s, p, o in base[: n - len(out)]:
            out.append((copy(s), p, copy(o)))
    return out


def to_rdflib(triples: list[Triple], like: Graph) -> Graph:
    g = Graph()
    for prefix, ns in like.namespaces():
        g.bind(prefix, ns, override=True, replace=True)
    add = g.add
    for t in triples:
        add(t)
    return g


def to_oxigraph(triples: list[Triple]) -> list[ox.Triple]:
    def term(t):
        if isinstance(t, URIRef):
            return ox.NamedNode(str(t))
        if isinstance(t, BNode):
            return ox.BlankNode(str(t))
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype is not None:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))

    cache: dict[object, object] = {}

    def cached(t):
        c = cache.get(t)
        if c is None:
            c = cache[t] = term(t)
        return c

    return [ox.Triple(cached(s), cached(p), cached(o)) for s, p, o in triples]


def timed(fn: Callable[[], bytes], repeat: int) -> tuple[float, bytes]:
    """Median seconds of ``repeat`` calls, and the last output."""
    times, data = [], b""
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        data = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--rdflib-triples", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--unique-literals", action="store_true")
    args = ap.parse_args()

    t = time.perf_counter()
    base = base_graph()
    took = time.perf_counter() - t
    print(f"base graph          {len(base)} triples of data/articles ({took:.1f} s)")
    ordered = sorted(base, key=lambda tr: tuple(map(str, tr)))
    prefixes = {p: str(ns) for p, ns in base.namespaces()}

    t = time.perf_counter()
    triples = replicate(ordered, args.triples, args.unique_literals)
    big = to_rdflib(triples, base)
    small_n = min(args.rdflib_triples, len(triples))
    small = to_rdflib(triples[:small_n], base)
    ox_triples = to_oxigraph(triples)
    ox_prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    literals = "unique string literals per copy" if args.unique_literals else "shared literals"
    print(
        f"replicated          {len(big)} triples, {len(set(big.subjects()))} subjects, "
        f"{literals} ({time.perf_counter() - t:.1f} s to build, not timed)"
    )
    print()

    def ox_write() -> bytes:
        return ox.serialize(ox_triples, format=ox.RdfFormat.TURTLE, prefixes=ox_prefixes)

    n, r, rep = len(big), small_n, args.repeat
    rows: list[tuple[str, int, float, bytes]] = []
    for name, size, fn in [
        ("kg to_turtle(Graph)", n, lambda: to_turtle(big)),
        ("kg write_turtle(list, prefixes)", n, lambda: write_turtle(triples, prefixes)),
        ("kg write_turtle(Graph, prefixes)", n, lambda: write_turtle(big, prefixes)),
        ("pyoxigraph serialize (reference)", n, ox_write),
        ("kg to_turtle(Graph)", r, lambda: to_turtle(small)),
        ("rdflib serialize(format=turtle)", r, lambda: small.serialize(format="turtle")),
    ]:
        seconds, data = timed(fn, rep)
        rows.append((name, size, seconds, data if isinstance(data, bytes) else data.encode()))
    kg_bytes = {d for name, _, _, d in rows[:3]}
    assert len(kg_bytes) == 1, "kg's writer gave different bytes for the same triples"

    print(f"{'writer':34} {'triples':>9}  {'seconds':>7}  {'MB':>5}   (median of {rep})")
    for name, size, seconds, data in rows:
        print(f"{name:34} {size:>9,}  {seconds:7.2f}  {len(data) / 1e6:5.1f}")
    kg_s, ox_s, kg_small_s, rdflib_s = rows[0][2], rows[3][2], rows[4][2], rows[5][2]
    print()
    print(f"kg / pyoxigraph at {n:,} triples   {kg_s / ox_s:5.1f}x")
    print(f"rdflib / kg at {r:,} triples       {rdflib_s / kg_small_s:5.1f}x")
    if n == 1_000_000:
        verdict = "met" if kg_s <= TARGET else "MISSED"
        print(f"target: kg to_turtle ≤ {TARGET:.0f} s at 1,000,000 triples: {verdict}")


if __name__ == "__main__":
    main()
