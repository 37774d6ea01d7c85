"""What kg's event, relation and quote components cost on top of its pipeline.

    python bench/components.py [PATHS...] [--repeat N]

Times, in one run on the same texts: kg's spaCy pipeline with the entity layer
(mentions only), then the same plus events, relations and quotes (a whole
Extraction, as a build makes it). The overhead of the second over the first is the
cost of the three components; the target is at most +25%.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg.gazetteer import load as load_gazetteer
from kg.ingest import read_paths
from kg.nlp.context import Context
from kg.nlp.extract import masked_text
from kg.nlp.pipeline import load_pipeline
from kg.nlp.steps import ENTITY_STEPS, STEPS, run_steps

ROOT = Path(__file__).resolve().parent.parent


def run(articles: list, texts: list[str], components: bool) -> float:
    """Seconds for the pipeline plus the entity steps, or plus every step."""
    nlp, gaz = load_pipeline(), load_gazetteer()
    steps = STEPS if components else ENTITY_STEPS
    t = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=16), strict=True):
        run_steps(Context(article, doc, nlp, gaz), steps)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "articles")])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    articles, _ = read_paths(args.paths)
    texts = [masked_text(a) for a in articles]
    run(articles[:2], texts[:2], True)  # warm the pipeline, gazetteer and lexicons
    base, full = [], []
    for _ in range(args.repeat):
        base.append(run(articles, texts, False))
        full.append(run(articles, texts, True))
    b, f = statistics.median(base), statistics.median(full)
    print(f"articles                    {len(texts)}")
    print(f"pipeline + entities         {b:.3f} s (median of {args.repeat})")
    print(f"+ events, relations, quotes {f:.3f} s")
    print(f"components' cost            {100 * (f / b - 1):+.1f}%")


if __name__ == "__main__":
    main()
