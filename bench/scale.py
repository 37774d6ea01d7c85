"""The numbers behind docs/scaling.md: NLP throughput per executor, where a build's time
goes, and how linking grows with the number of extractions.

    python bench/scale.py                        # everything (about 5 minutes on 2 cores)
    python bench/scale.py --small 40 --large 200 --link-sizes 1000,10000,100000

1. Stages: one process builds ``--large`` articles (bench/corpus.py: the sample articles
   copied, each copy made distinct) stage by stage: ingest, model load, NLP, link, events,
   assembly, Turtle. Seconds and seconds per article.
2. Throughput: each executor (local; processes with 2 jobs; Dask, a LocalCluster of 2
   one-thread workers) runs the NLP map in a fresh process over the first ``--small`` and
   then ``--large`` articles, cold (pool or cluster start and model loads included). The
   difference of the two runs gives the steady rate, articles/second; the rest is start-up.
3. Linking: bench/link_scale.py's synthetic extractions (real mentions renamed by a
   Zipf-like process, so the name space grows with the corpus) at each ``--link-sizes``;
   seconds of ``link`` and the process's resident memory after it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus  # noqa: E402

CONFIGS = [("local", 1), ("processes", 2), ("dask", 2)]


def rss_gb() -> float:
    """This process's resident memory now, in GB (Linux)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e9


def child(executor: str, jobs: int, folder: str, n: int) -> None:
    """One cold run of the NLP map over the first n articles; prints its seconds as JSON."""
    from kg.builder.executors import run
    from kg.ingest import read_paths

    articles, _ = read_paths([folder])
    articles = sorted(articles, key=lambda a: a.path)[:n]
    started = time.perf_counter()
    out = run(articles, executor=executor, jobs=jobs)
    seconds = time.perf_counter() - started
    print(json.dumps({"n": len(out), "seconds": seconds}))


def throughput(folder: Path, small: int, large: int, repeat: int) -> list[dict[str, float]]:
    rows = []
    for executor, jobs in CONFIGS:
        times = {}
        for n in (small, large):
            best = math.inf
            for _ in range(repeat):
                cmd = [
                    sys.executable,
                    __file__,
                    "--child",
                    executor,
                    str(jobs),
                    str(folder),
                    str(n),
                ]
                done = subprocess.run(cmd, check=True, capture_output=True, text=True)
                best = min(best, json.loads(done.stdout.strip().splitlines()[-1])["seconds"])
            times[n] = best
        rate = (large - small) / (times[large] - times[small])
        rows.append(
            {
                "executor": executor,
                "jobs": jobs,
                "small_s": times[small],
                "large_s": times[large],
                "rate": rate,
                "startup_s": times[small] - small / rate,
            }
        )
        print(
            f"  {executor:<10} {jobs}  {times[small]:6.1f} s  {times[large]:6.1f} s  "
            f"{rate:6.1f} art/s  start-up {rows[-1]['startup_s']:.1f} s",
            flush=True,
        )
    return rows


def stages(folder: Path, n: int, ttl: Path) -> list[tuple[str, float]]:
    """A one-process build of n articles into ``ttl``, timed stage by stage."""
    from kg.builder.executors import Failure, run
    from kg.builder.fingerprint import fingerprint, kg_version
    from kg.graph import PREFIXES, assemble_triples, write_turtle
    from kg.ingest import read_paths
    from kg.link import group_events, link
    from kg.nlp.pipeline import load_pipeline, pipeline_version

    out: list[tuple[str, float]] = []

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        value = fn()
        out.append((name, time.perf_counter() - t))
        return value

    articles, _ = timed("ingest", lambda: read_paths([folder]))
    articles = sorted(articles, key=lambda a: a.path)[:n]
    timed("model load", load_pipeline)
    exts = [
        x
        for x in timed("NLP", lambda: run(articles, executor="local"))
        if not isinstance(x, Failure)
    ]
    linking = timed("link", lambda: link(exts))
    events = timed("events", lambda: group_events(exts, linking))
    pipeline = pipeline_version()
    graph = timed(
        "assemble",
        lambda: assemble_triples(
            exts,
            linking,
            events,
            kg_version=kg_version(),
            pipeline=pipeline,
            fingerprint=fingerprint(pipeline),
        ),
    )
    timed("Turtle", lambda: ttl.write_bytes(write_turtle(graph, PREFIXES)))
    out.append(("triples", float(len(graph))))
    out.append(("held KB", held_kb(exts)))
    return out


def held_kb(exts: list) -> float:  # type: ignore[type-arg]
    """Memory one article costs the driver until linking is done (its Extraction and text),
    in KB: measured by tracemalloc on fresh copies decoded from the cache's JSON."""
    import dataclasses
    import tracemalloc

    from kg.builder.cache import decode, encode

    data = [(encode(x), x.article) for x in exts]
    tracemalloc.start()
    held = [decode(e, dataclasses.replace(a, text=a.text + " ")) for e, a in data]
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return size / len(held) / 1000


def pushing(ttl: Path, tmp: Path) -> None:
    """kg push of that graph into a fresh Oxigraph server, then again with nothing changed."""
    import shutil
    import socket
    import urllib.request

    from kg.query.push import push

    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if exe is None:
        print("  (no oxigraph server installed: skipped)")
        return
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    cmd = [exe, "serve", "--location", str(tmp / "oxigraph"), "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        for label in ("first push", "no change"):
            r = push(ttl, url)
            print(
                f"  {label:<11} {r.seconds:6.2f} s  {r.put} of {r.graphs} graphs, "
                f"{r.triples} triples ({r.triples / max(r.seconds, 1e-9):,.0f} triples/s)"
            )
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def linking(sizes: list[int]) -> list[dict[str, float]]:
    """link() over synthetic extractions of each size, and the memory it holds."""
    import gc

    from link_scale import synthetic

    from kg.gazetteer import load as load_gazetteer
    from kg.ingest import read_paths
    from kg.link.resolve import link
    from kg.nlp.extract import extract

    articles, _ = read_paths([Path(__file__).resolve().parent.parent / "data" / "articles"])
    real = list(extract(articles))
    load_gazetteer()
    link(real)  # warm
    corpus = synthetic(real, max(sizes))
    rows = []
    for n in sorted(sizes):
        exts = corpus[:n]
        gc.collect()
        base = rss_gb()
        t = time.perf_counter()
        result = link(exts)
        seconds = time.perf_counter() - t
        held = rss_gb() - base
        rows.append(
            {
                "n": n,
                "mentions": sum(len(x.mentions) for x in exts),
                "entities": len(result.entities),
                "seconds": seconds,
                "link_gb": held,
                "rss_gb": rss_gb(),
            }
        )
        r = rows[-1]
        print(
            f"  {n:>7} {r['mentions']:>9} {r['entities']:>8} {seconds:8.2f} s  "
            f"+{held:.2f} GB linking, {r['rss_gb']:.2f} GB resident",
            flush=True,
        )
        del result
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=40)
    ap.add_argument("--large", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--link-sizes", default="1000,10000,100000")
    ap.add_argument("--skip", default="", help="comma-separated: stages,push,throughput,linking")
    ap.add_argument("--child", nargs=4, metavar=("EXECUTOR", "JOBS", "FOLDER", "N"))
    args = ap.parse_args()
    if args.child:
        executor, jobs, folder, n = args.child
        child(executor, int(jobs), folder, int(n))
        return
    skip = set(args.skip.split(","))
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        make_corpus(args.large, folder)
        ttl = Path(tmp) / "graph.ttl"
        if "stages" not in skip:
            print(f"\nwhere a one-process build of {args.large} articles spends its time")
            rows = stages(folder, args.large, ttl)
            total = sum(s for name, s in rows if name not in ("triples", "held KB"))
            for name, s in rows:
                if name == "triples":
                    print(f"  {'triples':<11} {int(s)}")
                elif name == "held KB":
                    print(f"  memory the driver holds per article: {s:.1f} KB")
                else:
                    print(
                        f"  {name:<11} {s:7.2f} s  {s / args.large * 1000:7.1f} ms/article"
                        f"  {s / total:5.1%}"
                    )
        if "stages" not in skip and "push" not in skip:
            print("\nkg push of that graph to Oxigraph on this machine")
            pushing(ttl, Path(tmp))
        if "throughput" not in skip:
            print(f"\nNLP map, cold, {args.small} and {args.large} articles")
            throughput(folder, args.small, args.large, args.repeat)
    if "linking" not in skip:
        sizes = [int(s) for s in args.link_sizes.split(",") if s]
        print("\nlinking synthetic extractions")
        rows = linking(sizes)
        base = rows[0]
        for r in rows[1:]:
            ratio = r["seconds"] / base["seconds"]
            nlogn = (r["n"] / base["n"]) * math.log2(r["n"]) / math.log2(base["n"])
            print(
                f"  {r['n']:>7}: {ratio:6.1f}x the {base['n']} time; n log n predicts {nlogn:6.1f}x"
            )
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
