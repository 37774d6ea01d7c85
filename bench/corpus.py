"""A bigger corpus for benchmarks: the sample articles copied N times over, each copy
made distinct (a dateline sentence with its number) so kg does not drop it as a duplicate."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"


def make_corpus(n: int, folder: Path) -> list[Path]:
    """``n`` article files in ``folder`` (cycling through the sample articles)."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".json"))
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        line = f"Filed as report number {i} of the series."
        target = folder / f"{i:06d}-{src.name}"
        if src.suffix == ".json":
            data = json.loads(src.read_text(encoding="utf-8"))
            data["text"] = f"{line}\n\n{data['text']}"
            target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        else:
            target.write_text(f"{line}\n\n{src.read_text(encoding='utf-8')}", encoding="utf-8")
        out.append(target)
    return out


def texts(folder: Path) -> list[str]:
    """The article texts kg reads from ``folder`` (for a raw spaCy baseline)."""
    from kg.ingest import read_paths

    articles, _ = read_paths([folder])
    return [a.text for a in articles]


def sample(description: str) -> tuple[list, list[str], int]:
    """The command line of a step benchmark: the articles under PATHS (default: the sample
    corpus), their texts as the NLP stage reads them (furniture blanked), and --repeat."""
    import argparse

    from kg.ingest import read_paths
    from kg.nlp.extract import masked_text

    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("paths", nargs="*", default=[str(ARTICLES)])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    articles, _ = read_paths(args.paths)
    return articles, [masked_text(a) for a in articles], args.repeat


def time_steps(articles: list, texts: list[str], steps: tuple | None) -> float:
    """Seconds for kg's pipeline over ``texts``, then ``steps`` (kg/nlp/steps.py) over each
    Doc; with ``steps`` None, the pipeline alone."""
    import time

    from kg.gazetteer import load as load_gazetteer
    from kg.nlp.context import Context
    from kg.nlp.pipeline import load_pipeline
    from kg.nlp.steps import run_steps

    nlp, gaz = load_pipeline(), load_gazetteer()
    t = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=16), strict=True):
        if steps is not None:
            run_steps(Context(article, doc, nlp, gaz), steps)
    return time.perf_counter() - t


def median_times(articles: list, texts: list[str], repeat: int, *runs: tuple | None) -> list[float]:
    """Median seconds of each run of ``time_steps`` (a tuple of steps, or None for the
    pipeline alone), after one warm-up; the runs interleave in each round, so a slow moment
    of a shared machine falls on all of them alike."""
    import statistics

    from kg.nlp.steps import STEPS

    time_steps(articles[:2], texts[:2], STEPS)  # warm the pipeline, gazetteer and lexicons
    rounds = [[time_steps(articles, texts, steps) for steps in runs] for _ in range(repeat)]
    return [statistics.median(times) for times in zip(*rounds, strict=True)]
