"""The commands that read a built graph: query, stats, show, validate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.builder.summary import shown
from kg.cli.group import graph_option


@click.command("query")
@click.argument("sparql")
@graph_option
@click.option(
    "--format",
    "-f",
    "fmt",
    default=None,
    type=click.Choice(["table", "csv", "json", "turtle"]),
    help="table (default), csv (RFC 4180, full IRIs), json (W3C SPARQL results) or turtle "
    "(default for CONSTRUCT/DESCRIBE). A CONSTRUCT/DESCRIBE as table, csv or json lists "
    "subject, predicate, object; turtle for a SELECT or ASK is a usage error.",
)
@click.option(
    "--allow-update",
    is_flag=True,
    help="Run SPARQL UPDATE (INSERT, DELETE, …) on the in-memory copy; graph.ttl is not modified.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Allow SERVICE, LOAD, FROM and USING, which read from outside the graph; refused "
    "otherwise.",
)
@click.option(
    "--endpoint",
    default=None,
    metavar="URL",
    help="Ask this SPARQL server (its dataset URL; queries go to URL/query) instead of --graph.",
)
def query_cmd(
    sparql: str,
    graph: Path,
    fmt: str | None,
    allow_update: bool,
    allow_service: bool,
    endpoint: str | None,
) -> None:
    """Answer a SPARQL query (text, or a file holding it) with pyoxigraph. kg's prefixes are
    predeclared; the query is read-only unless --allow-update is given."""
    from kg import query
    from kg.query import format_result, read_query

    text = read_query(sparql)
    if endpoint is not None:  # a SPARQL server, over HTTP; read-only
        from kg.query.endpoint import Endpoint

        result = Endpoint.at(endpoint).query(text)
    else:  # a folder or file (not an rdflib Graph) is loaded into pyoxigraph
        result = query(graph, text, allow_update=allow_update, allow_service=allow_service)
    if result.type == "UPDATE":
        click.echo("kg: update applied in memory; graph.ttl is unchanged", err=True)
    click.echo(format_result(result, fmt=fmt), nl=False)


@click.command("stats")
@graph_option
def stats_cmd(graph: Path) -> None:
    """Count the nodes of each class in a built graph, and list its build's inputs."""
    from kg import load
    from kg.builder.manifest import load_manifest
    from kg.views.stats import graph_stats

    for name, n in graph_stats(load(graph)).items():
        click.echo(f"{name:<24}{n}")
    manifest = load_manifest(graph) if graph.is_dir() else None
    if manifest is not None:
        counts = ", ".join(f"{k} {v}" for k, v in manifest.counts().items())
        click.echo(f"\nlast build's inputs: {counts}")
        for e in manifest.entries:
            if e.status == "skipped":
                click.echo(f"  skipped  {shown(e.path)}: {e.reason}")
        for r in manifest.removed:
            click.echo(f"  removed  {shown(r)}")


@click.command("show")
@click.argument("entity")
@graph_option
@click.option(
    "--format",
    "-f",
    "fmt",
    default="text",
    show_default=True,
    type=click.Choice(["text", "json"]),
)
def show_cmd(entity: str, graph: Path, fmt: str) -> None:
    """Everything the graph says about ENTITY (an IRI, a ref like person/vladimir-putin, or a
    name), with the sentence behind each mention, fact and event."""
    import json

    from kg import load
    from kg.views.show import describe, format_text

    d = describe(load(graph), entity)
    if fmt == "json":
        click.echo(json.dumps(d, indent=2, ensure_ascii=False))
    else:
        click.echo(format_text(d), nl=False)


@click.command("validate")
@graph_option
def validate_cmd(graph: Path) -> None:
    """Check a graph against the contract (ontology/shapes.ttl); exit 1 on any violation."""
    from kg import load
    from kg.views.validate import validate

    violations = validate(load(graph))
    for v in violations:
        click.echo(f"{v.focus}  {v.path}  {v.message}")
    click.echo(f"{len(violations)} violations" if violations else "conforms: 0 violations")
    if violations:
        sys.exit(1)
