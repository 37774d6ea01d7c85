"""kg push: a built graph into a SPARQL 1.1 server, only what changed."""

from __future__ import annotations

from pathlib import Path

import click

from kg.builder.summary import plural


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL", help="The SPARQL server's dataset URL.")
@click.option(
    "--graph",
    "graph_iri",
    default=None,
    metavar="IRI",
    help="Named graph IRI  [default: kgr:build]",
)
@click.option(
    "--from",
    "-g",
    "source",
    default="out",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Build folder or Turtle file.",
)
@click.option(
    "--store",
    default="store",
    show_default=True,
    help="Graph Store Protocol path under the endpoint, or a URL (Fuseki: data).",
)
@click.option("--full", is_flag=True, help="Send every graph, whatever the server's record says.")
def push_cmd(endpoint: str, graph_iri: str | None, source: Path, store: str, full: bool) -> None:
    """Load a built graph into a SPARQL 1.1 server: one named graph per article, only what
    changed since the last push, the graphs of removed articles dropped."""
    push_build(source, endpoint, graph_iri, full, store)


def push_build(
    source: Path, url: str, graph: str | None = None, full: bool = False, store: str = "store"
) -> None:
    """Push and say what was sent (kg build --push uses it too)."""
    from kg.query.endpoint import Endpoint
    from kg.query.push import DEFAULT_GRAPH, push

    r = push(source, Endpoint.at(url, store=store), graph=graph or DEFAULT_GRAPH, full=full)
    click.echo(
        f"pushed     {r.put} of {plural(r.graphs, 'graph')} under <{r.graph}> ({r.unchanged} "
        f"unchanged, {r.dropped} dropped, {plural(r.triples, 'triple')}) in {r.seconds:.1f} s"
    )
