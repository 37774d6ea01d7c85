"""Build time beside raw spaCy on the same texts, measured in the same run.

    python bench/build_vs_pipe.py [PATHS...] [--repeat N]

Prints seconds for: raw ``nlp.pipe`` of en_core_web_sm over the article texts
(the floor kg cannot beat), and a full ``kg.build`` (ingest, NLP with kg's own
components, linking, graph, Turtle). The ratio is what kg adds on top of spaCy.
Both start with the model already loaded, so load time is not counted.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import spacy

import kg
from kg.ingest import read_paths
from kg.nlp.pipeline import MODEL, load_pipeline

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "articles")])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    articles, _ = read_paths(args.paths)
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    raw = spacy.load(MODEL)
    load_pipeline()  # kg's pipeline, loaded once as a build would

    raw_times, kg_times = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for _doc in raw.pipe(texts, batch_size=16):
            pass
        raw_times.append(time.perf_counter() - t)
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            kg.build(args.paths, out=out)
            kg_times.append(time.perf_counter() - t)

    raw_s, kg_s = statistics.median(raw_times), statistics.median(kg_times)
    print(f"articles            {len(texts)} ({chars} characters)")
    print(f"raw nlp.pipe        {raw_s:.3f} s (median of {args.repeat})")
    print(f"kg build            {kg_s:.3f} s (median of {args.repeat})")
    print(f"ratio kg / spaCy    {kg_s / raw_s:.2f}x")


if __name__ == "__main__":
    main()
