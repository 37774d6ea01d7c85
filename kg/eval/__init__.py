"""`kg eval`: score kg (and the raw spaCy baseline) against gold annotations."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.eval.errors import ErrorCase, mention_errors
from kg.eval.gold import GoldDoc, load_gold
from kg.eval.predicted import Predictions, baseline, from_graph, in_classes_of
from kg.eval.score import (
    CLASSES,
    PRF,
    MentionScores,
    score_events,
    score_mentions,
    score_quotes,
    score_relations,
)

if TYPE_CHECKING:
    from kg.eval.scoreboard import Scoreboard

__all__ = ["EvalReport", "evaluate", "load_gold", "run_all", "scoreboard_text"]


@dataclass(slots=True)
class SystemScores:
    mentions: MentionScores
    relations: dict[str, PRF] | None = None
    events: dict[str, PRF] | None = None
    quotes: dict[str, PRF] | None = None

    def as_dict(self) -> dict[str, Any]:
        m = self.mentions
        out: dict[str, Any] = {
            "mentions": m.overall.as_dict(),
            "mentions_by_class": {c: m.by_class[c].as_dict() for c in CLASSES},
            "linking_b3": {
                "precision": round(m.b3_precision, 4),
                "recall": round(m.b3_recall, 4),
                "f1": round(m.b3_f1, 4),
            },
        }
        if self.relations is not None:
            out["relations"] = {k: v.as_dict() for k, v in self.relations.items()}
        if self.events is not None:
            out["events"] = {k: v.as_dict() for k, v in self.events.items()}
        if self.quotes is not None:
            out["quotes"] = {k: v.as_dict() for k, v in self.quotes.items()}
        return out


@dataclass(slots=True)
class EvalReport:
    gold: str
    documents: int
    systems: dict[str, SystemScores]
    errors: list[ErrorCase] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "documents": self.documents,
            "systems": {k: v.as_dict() for k, v in self.systems.items()},
            "errors": [
                {
                    "cause": e.cause,
                    "surface": e.surface,
                    "detail": e.detail,
                    "count": e.count,
                    "example": e.example,
                }
                for e in self.errors
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False)


def _score(docs: list[GoldDoc], pred: Predictions) -> SystemScores:
    has = {
        k: any(getattr(d, k) is not None for d in docs) for k in ("relations", "events", "quotes")
    }
    return SystemScores(
        mentions=score_mentions(docs, pred.mentions),
        relations=score_relations(docs, pred.relations, pred.spans) if has["relations"] else None,
        events=score_events(docs, pred.events, pred.spans) if has["events"] else None,
        quotes=score_quotes(docs, pred.quotes, pred.spans) if has["quotes"] else None,
    )


def _build_gold(docs: list[GoldDoc], workdir: Path) -> Path:
    """The gold texts built by the normal pipeline, as a user would build them."""
    import kg

    src = workdir / "articles"
    src.mkdir()
    for i, d in enumerate(docs):
        record = {"text": d.text, "title": d.title, "date": d.date, "url": d.url}
        (src / f"{i:05d}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = workdir / "out"
    kg.build([src], out=out)
    return out


def evaluate(
    gold: str | os.PathLike[str],
    *,
    graph: str | os.PathLike[str] | None = None,
    errors: int = 0,
    with_baseline: bool = True,
    conventions: str | None = None,
) -> EvalReport:
    """Score kg on ``gold`` (building its texts, or reading ``graph``) and the baseline,
    with the class conventions of the corpus ``conventions`` names (data/eval/classes.yaml;
    by default the gold file's name: gum-news-dev.jsonl is scored as GUM files a people)."""
    import kg

    docs = load_gold(gold)
    corpus = conventions if conventions is not None else Path(gold).stem
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        graph_dir = Path(graph) if graph is not None else _build_gold(docs, Path(tmp))
        pred = in_classes_of(corpus, from_graph(kg.load(graph_dir), docs))
    systems = {"kg": _score(docs, pred)}
    if with_baseline:
        systems["baseline"] = _score(docs, in_classes_of(corpus, baseline(docs)))
    report = EvalReport(str(gold), len(docs), systems)
    if errors:
        report.errors = mention_errors(docs, pred.mentions, errors)
    return report


def format_table(report: EvalReport) -> str:
    """Aligned rows: one per system, then structured scores, then the error list."""
    lines = [f"gold: {report.gold} ({report.documents} documents)", ""]
    head = ["system", "ment P", "ment R", "ment F1"]
    for c in CLASSES:
        head += [f"{c} R", f"{c} P"]
    head += ["B3 P", "B3 R", "B3 F1"]
    rows = [head]
    for name, s in report.systems.items():
        m = s.mentions
        # gold with typed spans only (re3d) has no named mentions: no recall, F1 or B3 to show
        named = m.overall.n_r > 0
        row = [name, f"{m.overall.precision:.3f}"]
        row += [f"{x:.3f}" if named else "-" for x in (m.overall.recall, m.overall.f1)]
        for c in CLASSES:
            r = m.by_class[c]
            row += [f"{r.recall:.3f}" if r.n_r else "-", f"{r.precision:.3f}"]
        row += [f"{x:.3f}" if named else "-" for x in (m.b3_precision, m.b3_recall, m.b3_f1)]
        rows.append(row)
    lines += _align(rows)
    kgs = report.systems["kg"]
    extra = []
    for title, scores in (
        ("events", kgs.events),
        ("relations", kgs.relations),
        ("quotes", kgs.quotes),
    ):
        if scores:
            for k, v in scores.items():
                extra.append(
                    [
                        f"{title}: {k}",
                        f"{v.precision:.3f}",
                        f"{v.recall:.3f}",
                        f"{v.f1:.3f}",
                        str(v.n_p),
                        str(v.n_r),
                    ]
                )
    if extra:
        lines += ["", *_align([["kg", "P", "R", "F1", "predicted", "gold"], *extra])]
    if report.errors:
        lines += ["", f"most frequent errors ({len(report.errors)}):"]
        for e in report.errors:
            lines.append(f"  {e.count:>3}  {e.cause:<14} {e.surface!r}  ({e.detail})")
            lines.append(f"       … {e.example}")
    return "\n".join(lines) + "\n"


def _align(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def run_all(
    corpora: str | os.PathLike[str],
    out: str | os.PathLike[str] = "out/eval",
    **options: Any,
) -> Scoreboard:
    """Every corpus under ``corpora`` (../shared/corpora), tune and check halves, written to
    ``out``/scoreboard.md and scoreboard.json (see kg/eval/scoreboard.py)."""
    import time
    from pathlib import Path

    from kg.eval.render import to_markdown
    from kg.eval.scoreboard import run

    t0 = time.monotonic()
    board = run(corpora, out, **options)
    board.seconds = time.monotonic() - t0
    if not options.get("only"):  # a partial run never replaces the whole scoreboard
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "scoreboard.json").write_text(board.to_json(), encoding="utf-8")
        (folder / "scoreboard.md").write_text(to_markdown(board), encoding="utf-8")
    return board


def scoreboard_text(board: Scoreboard, fmt: str = "table") -> str:
    """The scoreboard as printed: Markdown (or JSON), then the tune halves' errors."""
    from kg.eval.render import to_markdown

    if fmt == "json":
        return board.to_json()
    lines = [to_markdown(board)]
    for corpus, errs in board.errors.items():
        lines.append(f"most frequent errors, {corpus}, tune half ({len(errs)}):")
        for e in errs:
            lines.append(f"  {e.count:>3}  {e.cause:<16} {e.surface!r}  ({e.detail})")
            lines.append(f"       … {e.example}")
        lines.append("")
    lines.append(f"({len(board.corpora)} corpora in {board.seconds:.0f} s)")
    return "\n".join(lines) + "\n"
