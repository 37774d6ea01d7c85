"""What kg's entity layer costs on top of raw spaCy, measured in one run.

    python bench/entity_layer.py [PATHS...] [--repeat N]

Baseline: raw ``nlp.pipe`` of en_core_web_sm over the articles' content text.
Entity layer: kg's pipeline (the same model plus the gazetteer entity ruler) and
everything that turns its Doc into clean, classed, document-consistent mentions
(kg.nlp.entities, consistency, appositions). Events, relations, linking and the
graph are not counted here (see build_vs_pipe.py for the whole build).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import sample  # noqa: E402

from kg.gazetteer import load as load_gazetteer  # noqa: E402
from kg.nlp.context import Context  # noqa: E402
from kg.nlp.pipeline import MODEL, load_pipeline  # noqa: E402
from kg.nlp.steps import ENTITY_STEPS, run_steps  # noqa: E402


def entity_layer(nlp: spacy.Language, articles: list, texts: list[str]) -> int:
    """The pipeline plus kg's entity steps (kg/nlp/steps.py); returns the mention count."""
    gaz = load_gazetteer()
    n = 0
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=16), strict=True):
        n += len(run_steps(Context(article, doc, nlp, gaz), ENTITY_STEPS).mentions)
    return n


def main() -> None:
    articles, texts, repeat = sample(__doc__.splitlines()[0])
    raw = spacy.load(MODEL)
    kg_nlp = load_pipeline()
    load_gazetteer()
    # warm both once so that first-call costs are not counted
    list(raw.pipe(texts[:2]))
    entity_layer(kg_nlp, articles[:2], texts[:2])

    raw_t, kg_t = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        for _doc in raw.pipe(texts, batch_size=16):
            pass
        raw_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        n = entity_layer(kg_nlp, articles, texts)
        kg_t.append(time.perf_counter() - t)
    r, k = statistics.median(raw_t), statistics.median(kg_t)
    print(f"articles              {len(texts)} ({sum(map(len, texts))} characters)")
    print(f"raw nlp.pipe          {r:.3f} s (median of {repeat})")
    print(f"kg entity layer       {k:.3f} s (median of {repeat}), {n} mentions")
    print(f"overhead              {100 * (k / r - 1):+.1f}% over raw spaCy")


if __name__ == "__main__":
    main()
