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
