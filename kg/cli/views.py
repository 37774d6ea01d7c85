"""The commands that turn a built graph into files for people and other tools."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.group import graph_option
from kg.errors import UsageError


@click.command("export")
@graph_option
@click.option(
    "--format",
    "-f",
    "fmt",
    required=True,
    type=click.Choice(["graphml", "gexf", "jsonld", "nt", "trig", "csv"]),
    help="graphml, gexf, csv (the networkx view), jsonld, nt, trig (every triple).",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(),
    default=None,
    help="File to write (default: stdout); for csv a folder or a prefix (needed).",
)
@click.option(
    "--include",
    type=click.Choice(["all", "entities", "events"]),
    default=None,
    help="View for graphml, gexf and csv: all (default), entities, or events.",
)
def export_cmd(graph: Path, fmt: str, out: str | None, include: str | None) -> None:
    """Export a built graph for other tools; the same graph always gives the same bytes."""
    from kg import load
    from kg.views.export import export, render

    if out is not None:
        for path in export(load(graph), fmt, out, include=include):
            click.echo(path)
        return
    files = render(load(graph), fmt, include=include)
    if len(files) > 1:
        raise UsageError(f"{fmt} writes {' and '.join(files)}: give -o FOLDER or -o PREFIX")
    click.echo(next(iter(files.values())), nl=False)  # bytes, written as they are


@click.command("viz")
@graph_option
@click.option(
    "--entity", "-e", default=None, help="Only what is near this entity (IRI, ref or name)."
)
@click.option(
    "--hops", type=click.IntRange(0, 10), default=None, help="With --entity: how far.  [default: 2]"
)
@click.option(
    "--max-nodes",
    type=click.IntRange(1),
    default=3000,
    show_default=True,
    help="Show at most this many nodes, the most mentioned; the page says how many are left out.",
)
@click.option(
    "--out",
    "-o",
    default="graph.html",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write.",
)
def viz_cmd(graph: Path, entity: str | None, hops: int | None, max_nodes: int, out: Path) -> None:
    """Write the graph as one self-contained interactive HTML page (no network needed): search,
    filters by class and article, and the article and sentence behind each node and edge."""
    from kg import load
    from kg.views.viz import DEFAULT_HOPS, write_html

    if hops is not None and entity is None:
        raise UsageError("--hops needs --entity")
    data = write_html(
        load(graph),
        out,
        entity=entity,
        hops=DEFAULT_HOPS if hops is None else hops,
        max_nodes=max_nodes,
    )
    click.echo(f"{out}: {data['summary']}")
