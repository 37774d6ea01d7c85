"""The scoreboard as Markdown: one table, corpus × task × metric, tune | check | baseline |
target, then the corpora and the tune/check warnings."""

from __future__ import annotations

from kg.eval.scoreboard import GAP, Scoreboard


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def table(board: Scoreboard) -> list[str]:
    lines = [
        "| corpus | task | metric | tune | check | baseline | target |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for r in board.rows:
        mark = {True: " ✓", False: " ✗", None: ""}[r.met]
        metric = f"**{r.metric}**" if r.headline else r.metric
        lines.append(
            f"| {r.corpus} | {r.task} | {metric} | {_num(r.tune)} | {_num(r.check)} "
            f"| {_num(r.baseline)} | {r.target}{mark} |"
        )
    return lines


def to_markdown(board: Scoreboard) -> str:
    lines = [
        "# kg scoreboard",
        "",
        "`make eval` (or `kg eval --all ../shared/corpora`). Every corpus is split by "
        'document: *tune* when the first byte of sha256("<corpus>:<document id>") is even '
        "(ECB+: by topic), else *check*. Rules are developed on the tune half; the check "
        "half is the figure to quote. Baseline: raw en_core_web_sm on the check half. "
        "Targets: data/eval/targets.yaml (✓/✗: met on the check half). Bold: headline "
        "figures, whose tune/check gap is checked. No corpus is subsampled. Metrics: "
        "docs/evaluation.md.",
        "",
        *table(board),
        "",
        "| corpus | documents (tune / check) | source and licence |",
        "|---|---|---|",
    ]
    for c in board.corpora:
        docs = f"{c.documents['tune']} / {c.documents['check']}"
        note = f" ({c.note})" if c.note else ""
        lines.append(f"| {c.name} | {docs}{note} | {c.attribution} |")
    lines += ["", f"Tune/check gaps above {GAP} on a headline figure:", ""]
    lines += [f"- {w}" for w in board.warnings] or ["- none"]
    return "\n".join(lines) + "\n"
