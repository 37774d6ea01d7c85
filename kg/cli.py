"""The kg command: a thin click layer over the public API.

Exit codes: 0 success; 1 success, but some inputs were skipped (each is listed, and in
OUT/manifest.json with its reason); 2 usage error (bad option, bad query, no graph);
3 input error: ``kg build --strict`` skipped an input, so nothing was written; 4 build
failed and the previous graph was kept; 5 a service (a SPARQL server, a Dask scheduler)
could not be reached or refused a request.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from kg.builder.summary import build_summary, plural, shown
from kg.errors import KgError
from kg.ingest.readers import MAX_BYTES

EXAMPLE_QUERY = """\
SELECT ?type ?trigger ?agent ?target ?place ?time ?modality WHERE {
  ?e a kg:Event ; a ?t ; kg:trigger ?trigger ; kg:modality ?modality .
  FILTER(?t != kg:Event)
  BIND(STRAFTER(STR(?t), "#") AS ?type)
  OPTIONAL { ?e kg:agent/skos:prefLabel ?a1 } OPTIONAL { ?e kg:agentText ?a2 }
  OPTIONAL { ?e kg:target/skos:prefLabel ?t1 } OPTIONAL { ?e kg:targetText ?t2 }
  OPTIONAL { ?e kg:place/skos:prefLabel ?p1 } OPTIONAL { ?e kg:placeText ?p2 }
  OPTIONAL { ?e kg:time ?time }
  BIND(COALESCE(?a1, ?a2) AS ?agent) BIND(COALESCE(?t1, ?t2) AS ?target)
  BIND(COALESCE(?p1, ?p2) AS ?place)
  FILTER(BOUND(?a1) || BOUND(?t1) || BOUND(?p1))
} ORDER BY ?type ?trigger ?agent ?target
"""


# The graph a reading command works on: a build folder or a Turtle file.
graph_option = click.option(
    "--graph",
    "-g",
    default="out",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Build folder or Turtle file.",
)


def _fail(e: KgError) -> None:
    click.echo(f"kg: error: {e}", err=True)
    sys.exit(e.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
@click.version_option(package_name="kg")
def main(verbose: bool) -> None:
    """Build and query knowledge graphs from news articles."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not verbose:  # Dask logs at INFO by default; read when it is imported, by each worker too
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")


@main.command("build")
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
    from kg import build, load, query
    from kg.query import format_result

    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total > 5 and sys.stderr.isatty():
            bar = click.progressbar(length=total, label="articles", file=sys.stderr)
        if bar is not None:
            bar.update(1)

    try:
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
    except KgError as e:
        _fail(e)
        return
    finally:
        if bar is not None:
            bar.render_finish()
    for line in build_summary(result):
        click.echo(line)
    if push_to is not None:
        _push(result.out, push_to)
    if example_query:
        click.echo("\nWho did what to whom (events with a named agent or target):\n")
        g = load(result.out)
        click.echo(format_result(query(g, EXAMPLE_QUERY), g, "table"), nl=False)
    if result.skipped:
        sys.exit(1)


@main.command("query")
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

    try:
        text = read_query(sparql)
        # a folder or file (not an rdflib Graph) is loaded into pyoxigraph
        if endpoint is not None:  # a SPARQL server, over HTTP; read-only
            from kg.query.endpoint import Endpoint

            result = Endpoint.at(endpoint).query(text)
        else:
            result = query(graph, text, allow_update=allow_update, allow_service=allow_service)
        if result.type == "UPDATE":
            click.echo("kg: update applied in memory; graph.ttl is unchanged", err=True)
        click.echo(format_result(result, fmt=fmt), nl=False)
    except KgError as e:
        _fail(e)


@main.command("stats")
@graph_option
def stats_cmd(graph: Path) -> None:
    """Count the nodes of each class in a built graph, and list its build's inputs."""
    from kg import load
    from kg.builder.manifest import load_manifest
    from kg.views.stats import graph_stats

    try:
        for name, n in graph_stats(load(graph)).items():
            click.echo(f"{name:<24}{n}")
    except KgError as e:
        _fail(e)
    manifest = load_manifest(graph) if graph.is_dir() else None
    if manifest is not None:
        counts = ", ".join(f"{k} {v}" for k, v in manifest.counts().items())
        click.echo(f"\nlast build's inputs: {counts}")
        for e in manifest.entries:
            if e.status == "skipped":
                click.echo(f"  skipped  {shown(e.path)}: {e.reason}")
        for r in manifest.removed:
            click.echo(f"  removed  {shown(r)}")


@main.command("show")
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

    try:
        d = describe(load(graph), entity)
    except KgError as e:
        _fail(e)
        return
    if fmt == "json":
        click.echo(json.dumps(d, indent=2, ensure_ascii=False))
    else:
        click.echo(format_text(d), nl=False)


@main.command("validate")
@graph_option
def validate_cmd(graph: Path) -> None:
    """Check a graph against the contract (ontology/shapes.ttl); exit 1 on any violation."""
    from kg import load
    from kg.views.validate import validate

    try:
        violations = validate(load(graph))
    except KgError as e:
        _fail(e)
        return
    for v in violations:
        click.echo(f"{v.focus}  {v.path}  {v.message}")
    click.echo(f"{len(violations)} violations" if violations else "conforms: 0 violations")
    if violations:
        sys.exit(1)


@main.command("eval")
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
    out: Path,
    jobs: int,
    only: str | None,
) -> None:
    """Score kg against GOLD (a JSONL file or a folder of them), beside raw spaCy; with
    --all, every corpus of the folder GOLD, tune and check halves side by side."""
    from kg.eval import evaluate, format_table, run_all, scoreboard_text

    try:
        if all_corpora:
            names = [n.strip() for n in only.split(",")] if only else None
            board = run_all(
                gold, out, jobs=jobs, only=names, errors=n_errors, progress=_eval_progress
            )
            click.echo(scoreboard_text(board, fmt), nl=False)
            return
        report = evaluate(gold, graph=graph, errors=n_errors, with_baseline=not no_baseline)
    except KgError as e:
        _fail(e)
        return
    click.echo(report.to_json() if fmt == "json" else format_table(report), nl=fmt == "json")


def _eval_progress(corpus: str) -> None:
    click.echo(f"eval: {corpus}", err=True)


@main.command("export")
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
    from kg.errors import UsageError
    from kg.views.export import export, render

    try:
        if out is not None:
            for path in export(load(graph), fmt, out, include=include):
                click.echo(path)
            return
        files = render(load(graph), fmt, include=include)
        if len(files) > 1:
            raise UsageError(f"{fmt} writes {' and '.join(files)}: give -o FOLDER or -o PREFIX")
        click.echo(next(iter(files.values())), nl=False)  # bytes, written as they are
    except KgError as e:
        _fail(e)


@main.command("viz")
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
    from kg.errors import UsageError
    from kg.views.viz import DEFAULT_HOPS, write_html

    try:
        if hops is not None and entity is None:
            raise UsageError("--hops needs --entity")
        data = write_html(
            load(graph),
            out,
            entity=entity,
            hops=DEFAULT_HOPS if hops is None else hops,
            max_nodes=max_nodes,
        )
    except KgError as e:
        _fail(e)
        return
    click.echo(f"{out}: {data['summary']}")


@main.command("push")
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
    _push(source, endpoint, graph_iri, full, store)


def _push(
    source: Path, url: str, graph: str | None = None, full: bool = False, store: str = "store"
) -> None:
    from kg.query.endpoint import Endpoint
    from kg.query.push import DEFAULT_GRAPH, push

    try:
        r = push(source, Endpoint.at(url, store=store), graph=graph or DEFAULT_GRAPH, full=full)
    except KgError as e:
        _fail(e)
        return
    click.echo(
        f"pushed     {r.put} of {plural(r.graphs, 'graph')} under <{r.graph}> ({r.unchanged} "
        f"unchanged, {r.dropped} dropped, {plural(r.triples, 'triple')}) in {r.seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
