"""`kg eval --all`: every corpus, its tune and check halves side by side, one table.

Rows are corpus × task × metric with the tune figure, the check figure, raw spaCy's figure
on the check half (names and linking) and the target of the open issues
(data/eval/targets.yaml), written as out/eval/scoreboard.md and scoreboard.json. The same
inputs give the same bytes: nothing in them depends on the clock or the machine.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kg.eval import mapping
from kg.eval.corpora import Corpus, by_name
from kg.eval.errors import ErrorCase
from kg.eval.predicted import in_classes_of
from kg.eval.runner import baseline_predictions, build, kg_predictions
from kg.eval.split import HALVES, split
from kg.eval.task_errors import errors_for
from kg.eval.tasks import BASELINE_TASKS, HEADLINE, TASKS, Figure

GAP = 0.05  # a tune/check gap above this on a headline figure is a warning


@dataclass(slots=True)
class Row:
    corpus: str
    task: str
    metric: str
    tune: float | None
    check: float | None
    baseline: float | None
    target: str
    met: bool | None  # the check figure meets the target
    gold: dict[str, int]  # gold items behind the figure, per half
    headline: bool


@dataclass(slots=True)
class CorpusInfo:
    name: str
    documents: dict[str, int]
    attribution: str
    note: str = ""


@dataclass(slots=True)
class Scoreboard:
    corpora: list[CorpusInfo] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: dict[str, list[ErrorCase]] = field(default_factory=dict)
    seconds: float = 0.0  # wall time, printed, never written

    def as_dict(self) -> dict[str, Any]:
        return {
            "split": "tune when sha256('<corpus>:<document id>') has an even first byte",
            "corpora": [asdict(c) for c in self.corpora],
            "rows": [asdict(r) for r in self.rows],
            "warnings": self.warnings,
        }

    def to_json(self) -> str:
        return (
            json.dumps(_rounded(self.as_dict()), indent=1, ensure_ascii=False, sort_keys=True)
            + "\n"
        )


def _rounded(x: Any) -> Any:
    if isinstance(x, float):
        return round(x, 4)
    if isinstance(x, dict):
        return {k: _rounded(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_rounded(v) for v in x]
    return x


def _target(corpus: str, f: Figure) -> tuple[str, dict[str, float]]:
    bounds = (mapping.load("targets").get(corpus) or {}).get(f"{f.task} {f.metric}") or {}
    if "min" in bounds and "max" in bounds:
        return f"{bounds['min']:.2f}–{bounds['max']:.2f}", bounds
    if "min" in bounds:
        return f"≥ {bounds['min']:.2f}", bounds
    return "", bounds


def _met(value: float | None, bounds: dict[str, float]) -> bool | None:
    if not bounds or value is None:
        return None
    return bounds.get("min", float("-inf")) <= value <= bounds.get("max", float("inf"))


def _rows(corpus: str, figs: dict[str, list[Figure]], base: list[Figure]) -> list[Row]:
    """One row per (task, metric) of either half, in the order they first appear."""
    base_of = {(f.task, f.metric): f.value for f in base}
    by_half = {h: {(f.task, f.metric): f for f in figs[h]} for h in HALVES}
    keys = list(dict.fromkeys(k for h in HALVES for k in by_half[h]))
    rows = []
    for key in keys:
        t, c = by_half["tune"].get(key), by_half["check"].get(key)
        fig = c or t
        assert fig is not None
        target, bounds = _target(corpus, fig)
        check = c.value if c else None
        rows.append(
            Row(
                corpus,
                fig.task,
                fig.metric,
                t.value if t else None,
                check,
                base_of.get(key),
                target,
                _met(check, bounds),
                {"tune": t.gold if t else 0, "check": c.gold if c else 0},
                key in HEADLINE,
            )
        )
    return rows


def _warnings(rows: Sequence[Row]) -> list[str]:
    out = []
    for r in rows:
        if (
            r.headline
            and r.tune is not None
            and r.check is not None
            and abs(r.tune - r.check) > GAP
        ):
            out.append(
                f"{r.corpus} {r.task} {r.metric}: tune {r.tune:.3f}, check {r.check:.3f} "
                f"(gap {abs(r.tune - r.check):.3f} > {GAP})"
            )
    return out


def score_corpus(
    corpus: Corpus, folder: Path, out: Path, jobs: int, errors: int
) -> tuple[CorpusInfo, list[Row], list[ErrorCase]]:
    """Build one corpus, read its predictions, score both halves (and the baseline)."""
    docs = corpus.load(folder)
    halves = split(corpus.name, docs)
    out_dir = build(docs, out / corpus.name, jobs)
    pred, unread = kg_predictions(out_dir, docs)
    pred = in_classes_of(corpus.name, pred)
    figs = {
        h: [f for t in corpus.tasks for f in TASKS[t](corpus.name, halves[h], pred)] for h in HALVES
    }
    base: list[Figure] = []
    if any(t in BASELINE_TASKS for t in corpus.tasks):
        bpred = in_classes_of(corpus.name, baseline_predictions(out_dir, halves["check"], jobs))
        base = [
            f
            for t in corpus.tasks
            if t in BASELINE_TASKS
            for f in TASKS[t](corpus.name, halves["check"], bpred)
        ]
    note = f"{unread} documents not in the graph as built" if unread else ""
    info = CorpusInfo(corpus.name, {h: len(halves[h]) for h in HALVES}, corpus.attribution, note)
    errs = errors_for(corpus, halves["tune"], pred, errors) if errors else []
    return info, _rows(corpus.name, figs, base), errs


def run(
    corpora: str | Path,
    out: str | Path = "out/eval",
    *,
    jobs: int = 2,
    only: Sequence[str] | None = None,
    errors: int = 0,
    progress: Callable[[str], None] | None = None,
) -> Scoreboard:
    """Score every corpus under ``corpora`` (or those in ``only``), each built into ``out``."""
    root, out = Path(corpora), Path(out)
    board = Scoreboard()
    for corpus in by_name(only):
        folder = (root / corpus.path).resolve()
        if not folder.exists():
            board.corpora.append(
                CorpusInfo(corpus.name, {h: 0 for h in HALVES}, corpus.attribution, "not found")
            )
            continue
        t0 = time.monotonic()
        info, rows, errs = score_corpus(corpus, folder, out, jobs, errors)
        if progress:
            n = sum(info.documents.values())
            progress(f"{corpus.name}: {n} documents, {time.monotonic() - t0:.0f} s")
        board.corpora.append(info)
        board.rows += rows
        if errs:
            board.errors[corpus.name] = errs
    board.warnings = _warnings(board.rows)
    return board
