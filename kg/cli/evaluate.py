"""kg eval: kg's scores against gold annotations, and the scoreboard over public corpora."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--all",
    "all_corpora",
    is_flag=True,
    help="GOLD is a folder of corpora (../shared/corpora): score each, write the scoreboard.",
)
@click.option(
    "--graph",
    "-g",
    type=click.Path(path_type=Path),
    default=None,
    help="Score this built graph instead of building the gold texts.",
)
@click.option(
    "--errors",
    "-e",
    "n_errors",
    type=int,
    default=0,
    show_default=True,
    help="List the N most frequent errors, grouped by cause (with --all: the tune halves').",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json"]),
)
@click.option("--no-baseline", is_flag=True, help="Skip the raw spaCy baseline row.")
@click.option(
    "--conventions",
    "conventions",
    default=None,
    help="Score with this corpus's class conventions (data/eval/classes.yaml); "
    "default: the gold file's name (gum-news-dev).",
)
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(path_type=Path),
    default=Path("out/eval"),
    show_default=True,
    help="With --all: where each corpus is built and the scoreboard written.",
)
@click.option("--jobs", "-j", type=click.IntRange(1), default=2, show_default=True)
@click.option(
    "--only",
    default=None,
    help="With --all: these corpora only (comma-separated); printed, the scoreboard files kept.",
)
def eval_cmd(
    gold: Path,
    all_corpora: bool,
    graph: Path | None,
    n_errors: int,
    fmt: str,
    no_baseline: bool,
    conventions: str | None,
    out: Path,
    jobs: int,
    only: str | None,
) -> None:
    """Score kg against GOLD (a JSONL file or a folder of them), beside raw spaCy; with
    --all, every corpus of the folder GOLD, tune and check halves side by side."""
    from kg.eval import evaluate, format_table, run_all, scoreboard_text

    if all_corpora:
        names = [n.strip() for n in only.split(",")] if only else None
        board = run_all(gold, out, jobs=jobs, only=names, errors=n_errors, progress=_progress)
        click.echo(scoreboard_text(board, fmt), nl=False)
        return
    report = evaluate(
        gold,
        graph=graph,
        errors=n_errors,
        with_baseline=not no_baseline,
        conventions=conventions,
    )
    click.echo(report.to_json() if fmt == "json" else format_table(report), nl=fmt == "json")


def _progress(corpus: str) -> None:
    click.echo(f"eval: {corpus}", err=True)
