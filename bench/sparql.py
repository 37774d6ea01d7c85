"""SPARQL on pyoxigraph beside rdflib, on ~1M triples of kg's shape, measured in one run.

    python bench/sparql.py [--triples N] [--repeat R] [--quick]

The graph of data/articles is built once, then copied until the copies hold about N triples
(default 1,000,000): copy k renames every resource IRI (kgr:…) with the suffix "-k", so copies
are distinct entities, mentions and statements, while classes, properties, labels and texts
stay as they are. The copies are written as one Turtle file with kg's prefixes, in a temporary
folder. Copy 0 keeps the real IRIs, so the 2-hop query starts from a real entity (the one in
the most statements).

Measured, on each engine through kg's own API (kg.query.store.Store / kg.load, kg.query):
loading the file (kg.load is rdflib's Turtle parser); a 2-hop query (entity → statements →
other entities, with labels) and a count of statements per predicate, each with and without a
type test on the statements. Load is the median of 3 runs on pyoxigraph and one run on rdflib;
queries the median of R runs (default 5). Both engines must give the same answers. With
--quick rdflib reads a file of a tenth of the copies instead; pyoxigraph is timed on that file
too, and every ratio compares runs over the same file. Nothing is extrapolated.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pyoxigraph as ox

import kg
from kg.graph.namespaces import KGR, PREFIXES
from kg.query import Results
from kg.query.store import Store

ROOT = Path(__file__).resolve().parent.parent

# The same 2-hop question twice. With the type test, pyoxigraph's planner evaluates
# `?st a kg:Statement` on its own and scans every statement; without it (only statements have
# kg:subject) both engines go from the entity through their indexes.
TWO_HOP = """
SELECT ?p ?other ?label WHERE {
  { ?st kg:subject <ENTITY> ; kg:object ?other }
  UNION { ?st kg:object <ENTITY> ; kg:subject ?other }
  ?st a kg:Statement ; kg:predicate ?p . ?other skos:prefLabel ?label .
}"""

TWO_HOP_UNTYPED = TWO_HOP.replace("?st a kg:Statement ; ", "?st ")

PER_PREDICATE = """
SELECT ?p (COUNT(?st) AS ?n) WHERE { ?st a kg:Statement ; kg:predicate ?p }
GROUP BY ?p ORDER BY DESC(?n) ?p"""

# Only statements have kg:predicate (the graph contract), so the type test adds nothing but a
# join: pyoxigraph answers this form about six times faster.
PER_PREDICATE_UNTYPED = PER_PREDICATE.replace("?st a kg:Statement ; ", "?st ")

BUSIEST = """
SELECT ?e (COUNT(?st) AS ?n) WHERE {
  { ?st kg:subject ?e } UNION { ?st kg:object ?e } ?e skos:prefLabel ?l
} GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1"""


def renamer(k: int) -> Callable[[object], object]:
    """Copy k's name for a term: resource IRIs get the suffix -k, other terms stay."""
    resource, suffix = str(KGR), f"-{k}"
    seen: dict[str, ox.NamedNode] = {}

    def rename(term: object) -> object:
        if not isinstance(term, ox.NamedNode) or not term.value.startswith(resource):
            return term
        node = seen.get(term.value)
        if node is None:
            node = seen[term.value] = ox.NamedNode(term.value + suffix)
        return node

    return rename


def copies_of(base: list[ox.Triple], copies: int) -> Iterator[ox.Triple]:
    """`copies` copies of `base`; copy 0 is `base` itself."""
    yield from base
    for k in range(1, copies):
        rename = renamer(k)
        for t in base:
            yield ox.Triple(rename(t.subject), t.predicate, rename(t.object))  # type: ignore[arg-type]


def write_turtle(base: list[ox.Triple], copies: int, path: Path) -> int:
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    ox.serialize(copies_of(base, copies), path, ox.RdfFormat.TURTLE, prefixes=prefixes)
    return len(base) * copies


def median_time(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(runs):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), value


def answer(result: Results) -> list[tuple[str, ...]]:
    return sorted(tuple(map(str, row)) for row in result.rows)


_PEAK = """
import resource, sys
from kg.query.store import Store
store = Store.open(sys.argv[1])
assert len(store) > 0
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _load_peak_mb(path: Path) -> float:
    """Peak resident memory of a fresh process that loads the graph for query (Linux: KB)."""
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], check=True, capture_output=True, text=True
    )
    return int(out.stdout.split()[-1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="rdflib on a tenth of the copies")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-bench-sparql-") as tmp:
        t = time.perf_counter()
        built = kg.build([ROOT / "data" / "articles"], out=Path(tmp) / "base")
        base = sorted(
            ox.parse(path=built.graph_path, format=ox.RdfFormat.TURTLE),
            key=lambda tr: (str(tr.subject), str(tr.predicate), str(tr.object)),
        )
        print(
            f"base graph    {len(base):,} triples of data/articles, built in "
            f"{time.perf_counter() - t:.1f} s"
        )

        copies = max(1, round(args.triples / len(base)))
        full = Path(tmp) / "graph.ttl"
        t = time.perf_counter()
        n_full = write_turtle(base, copies, full)
        print(
            f"file          {n_full:,} triples in {copies} copies, "
            f"{full.stat().st_size / 1e6:.0f} MB of Turtle, written in "
            f"{time.perf_counter() - t:.1f} s"
        )
        files = {n_full: full}
        n_rdflib = n_full
        if args.quick:
            sample = Path(tmp) / "sample.ttl"
            n_rdflib = write_turtle(base, max(1, copies // 10), sample)
            files[n_rdflib] = sample
            print(f"sample        {n_rdflib:,} triples ({max(1, copies // 10)} copies) for rdflib")

        peak = _load_peak_mb(full)
        print(f"memory        peak RSS of a process loading it for query: {peak:.0f} MB")

        entity = Store.open(built.out).query(BUSIEST).rows[0][0]
        ref = entity.removeprefix(str(KGR))
        queries = {
            f"2-hop from {ref}": TWO_HOP.replace("ENTITY", entity),
            f"2-hop from {ref}, no type test": TWO_HOP_UNTYPED.replace("ENTITY", entity),
            "statements per predicate": PER_PREDICATE,
            "statements per predicate, no type test": PER_PREDICATE_UNTYPED,
        }

        rows = []  # (what, triples, pyoxigraph seconds, rdflib seconds or None)
        stores = {}
        for n, path in files.items():
            ox_s, stores[n] = median_time(partial(Store.open, path), 3)
            rd_s = None
            if n == n_rdflib:
                rd_s, graph = median_time(partial(kg.load, path), 1)
                assert len(graph) == len(stores[n]) == n, "the engines read different graphs"
            rows.append(("load (3 runs / 1 run)", n, ox_s, rd_s))

        for name, sparql in queries.items():
            for n, store in stores.items():
                ox_s, ox_answer = median_time(partial(kg.query, store, sparql), args.repeat)
                rd_s = None
                if n == n_rdflib:
                    rd_s, rd_answer = median_time(partial(kg.query, graph, sparql), args.repeat)
                    assert answer(ox_answer) == answer(rd_answer), f"{name}: answers differ"
                    assert len(ox_answer) > 0, f"{name}: empty answer"
                rows.append((name, n, ox_s, rd_s))

    print(f"\nmedian seconds; queries over {args.repeat} runs, both engines through kg.query\n")
    w = max(len(name) for name, *_ in rows)
    print(f"{'':{w}} {'triples':>10}  {'pyoxigraph':>10}  {'rdflib':>9}  rdflib/pyoxigraph")
    for name, n, ox_s, rd_s in rows:
        rd = f"{rd_s:9.4f}" if rd_s is not None else f"{'-':>9}"
        ratio = f"{rd_s / ox_s:8.1f}x" if rd_s is not None else ""
        print(f"{name:{w}} {n:>10,}  {ox_s:10.4f}  {rd}  {ratio}".rstrip())


if __name__ == "__main__":
    main()
