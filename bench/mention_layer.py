"""What the mention layer (nominals, pronouns, coreference, speakers) costs.

    python bench/mention_layer.py [PATHS...] [--repeat N]

Times, in one run on the same texts: raw `nlp.pipe` of kg's pipeline, then the pipeline with
every NLP step (kg/nlp/steps.py) but the mention layer, then with all of them. Prints each as
a ratio to raw `nlp.pipe` and the layer's cost over the steps without it; the target is at
most +15% of the NLP stage.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg.gazetteer import load as load_gazetteer
from kg.ingest import read_paths
from kg.nlp import coref, nominals, pronouns, speakers
from kg.nlp.context import Context
from kg.nlp.extract import masked_text
from kg.nlp.pipeline import load_pipeline
from kg.nlp.steps import STEPS, run_steps

ROOT = Path(__file__).resolve().parent.parent
LAYER = {nominals.step, pronouns.step, coref.step, speakers.step}


def run(articles: list, texts: list[str], steps: tuple | None) -> float:
    """Seconds for the pipeline alone (steps None) or with these steps."""
    nlp, gaz = load_pipeline(), load_gazetteer()
    t = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=16), strict=True):
        if steps is not None:
            run_steps(Context(article, doc, nlp, gaz), steps)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "articles")])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    articles, _ = read_paths(args.paths)
    texts = [masked_text(a) for a in articles]
    without = tuple(s for s in STEPS if s not in LAYER)
    run(articles[:2], texts[:2], STEPS)  # warm the pipeline, gazetteer and lexicons
    raw, base, full = [], [], []
    for _ in range(args.repeat):
        raw.append(run(articles, texts, None))
        base.append(run(articles, texts, without))
        full.append(run(articles, texts, STEPS))
    r, b, f = statistics.median(raw), statistics.median(base), statistics.median(full)
    print(f"articles                     {len(texts)}")
    print(f"raw nlp.pipe                 {r:.3f} s (median of {args.repeat})")
    print(f"steps without mention layer  {b:.3f} s  ({b / r:.3f} × raw)")
    print(f"all steps                    {f:.3f} s  ({f / r:.3f} × raw)")
    print(f"mention layer's cost         {100 * (f / b - 1):+.1f}%")


if __name__ == "__main__":
    main()
