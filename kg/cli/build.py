"""kg build: the articles under PATHS into OUT/graph.ttl, then a summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kg.builder.summary import build_summary
from kg.cli.push import push_build
from kg.ingest.readers import MAX_BYTES

EXAMPLE_QUERY = """\
SELECT ?type ?trigger ?agent ?target ?place ?time ?modality WHERE {
  ?e a kg:Event ; a ?t ; kg:trigger ?trigger ; kg:modality ?modality .
  FILTER(?t != kg:Event && ?t != kg:Occurrence)
  BIND(STRAFTER(STR(?t), "#") AS ?type)
  OPTIONAL { ?e kg:agent/skos:prefLabel ?agent } OPTIONAL { ?e kg:target/skos:prefLabel ?target }
  OPTIONAL { ?e kg:place/skos:prefLabel ?place } OPTIONAL { ?e kg:time ?time }
  FILTER(BOUND(?agent) || BOUND(?target))
} ORDER BY ?type ?trigger ?agent ?target
"""


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    default="out",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder for graph.ttl.",
)
@click.option(
    "--full", is_flag=True, help="Ignore the extraction cache: every article goes through NLP."
)
@click.option(
    "--cache",
    type=click.Path(path_type=Path),
    default=None,
    help="Extraction cache file (default: OUT/cache.sqlite).",
)
@click.option(
    "--jobs", "-j", default=1, show_default=True, type=int, help="Processes for the NLP stage."
)
@click.option(
    "--wait", is_flag=True, help="Wait for another build into OUT to finish instead of failing."
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 3, nothing written) if any input is skipped, instead of exiting 1.",
)
@click.option(
    "--max-bytes",
    default=MAX_BYTES,
    show_default=True,
    type=click.IntRange(min=1),
    help="Skip (and report) files larger than this many bytes.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Go ahead although the build finds no article or drops more than half of the "
    "previous build's articles (refused otherwise, exit 2, nothing written).",
)
@click.option(
    "--links",
    type=click.Path(path_type=Path),
    default=None,
    help="Link override file (default: OUT/links.yaml when present).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "processes", "dask"]),
    default=None,
    help="Where the NLP stage runs: one process, --jobs processes, or a Dask cluster "
    "(--scheduler, else a LocalCluster of --jobs workers).  [default: local, or processes "
    "with --jobs > 1]",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Address of a Dask scheduler (tcp://HOST:8786).",
)
@click.option(
    "--push",
    "push_to",
    default=None,
    metavar="URL",
    help="Then push the graph to this SPARQL server.",
)
@click.option("--example-query", is_flag=True, help="Also print the answer to an example query.")
def build_cmd(
    paths: tuple[Path, ...],
    out: Path,
    full: bool,
    cache: Path | None,
    jobs: int,
    wait: bool,
    strict: bool,
    max_bytes: int,
    prune: bool,
    links: Path | None,
    executor: str | None,
    scheduler: str | None,
    push_to: str | None,
    example_query: bool,
) -> None:
    """Build the graph of the articles under PATHS into OUT/graph.ttl."""
    from kg import build

    with _Progress() as progress:
        result = build(
            paths,
            out=out,
            full=full,
            links=links,
            progress=progress,
            cache=cache,
            jobs=jobs,
            wait=wait,
            executor=executor,
            scheduler=scheduler,
            strict=strict,
            max_bytes=max_bytes,
            prune=prune,
        )
    for line in build_summary(result):
        click.echo(line)
    if push_to is not None:
        push_build(result.out, push_to)
    if example_query:
        _example(result.out)
    if result.skipped:
        sys.exit(1)


class _Progress:
    """A progress bar on stderr for the NLP stage, when it is a terminal and the work is long."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __enter__(self) -> _Progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and total > 5 and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label="articles", file=sys.stderr)
        if self.bar is not None:
            self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.render_finish()


def _example(out: Path) -> None:
    from kg import load, query
    from kg.query import format_result

    click.echo("\nWho did what to whom (typed events with an agent or a target):\n")
    g = load(out)
    click.echo(format_result(query(g, EXAMPLE_QUERY), g, "table"), nl=False)
