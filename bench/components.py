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
from kg.nlp.entities import extract_mentions
from kg.nlp.events import build_matcher, extract_events
from kg.nlp.extract import masked_text, sentence_spans
from kg.nlp.pipeline import load_pipeline
from kg.nlp.quotes import extract_quotes
from kg.nlp.relations import extract_relations

ROOT = Path(__file__).resolve().parent.parent


def run(texts: list[str], components: bool) -> float:
    nlp, gaz = load_pipeline(), load_gazetteer()
    matcher = build_matcher(nlp)
    t = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=16):
        sents = sentence_spans(doc.text, [(s.start_char, s.end_char) for s in doc.sents])
        starts = [s for s, _ in sents]
        mentions = extract_mentions(doc, starts, gaz)
        if components:
            extract_events(doc, matcher, mentions, starts)
            extract_relations(doc, mentions, gaz)
            extract_quotes(doc, mentions, starts)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "articles")])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    articles, _ = read_paths(args.paths)
    texts = [masked_text(a) for a in articles]
    run(texts[:2], True)  # warm the pipeline, gazetteer and lexicons
    base, full = [], []
    for _ in range(args.repeat):
        base.append(run(texts, False))
        full.append(run(texts, True))
    b, f = statistics.median(base), statistics.median(full)
    print(f"articles                    {len(texts)}")
    print(f"pipeline + entities         {b:.3f} s (median of {args.repeat})")
    print(f"+ events, relations, quotes {f:.3f} s")
    print(f"components' cost            {100 * (f / b - 1):+.1f}%")


if __name__ == "__main__":
    main()
