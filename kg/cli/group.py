"""The kg command group: logging, the version, and kg's errors turned into one line and
an exit code in one place (KgGroup), so the commands only parse options and call the API.

Exit codes: 0 success; 1 success, but some inputs were skipped (each is listed, and in
OUT/manifest.json with its reason); 2 usage error (bad option, bad query, no graph, a
missing input path, a refused removal); 3 input error: ``kg build --strict`` skipped an
input, so nothing was written; 4 build failed and the previous graph was kept (or kg's own
data files are missing); 5 a service (a SPARQL server, a Dask scheduler) could not be
reached or refused a request.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import click

from kg.errors import KgError

# The graph a reading command works on: a build folder or a Turtle file.
graph_option = click.option(
    "--graph",
    "-g",
    default="out",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Build folder or Turtle file.",
)


class KgGroup(click.Group):
    """A click group whose commands may raise any KgError: it is printed as one line
    ("kg: error: …") and the process exits with the error's code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as e:
            click.echo(f"kg: error: {e}", err=True)
            ctx.exit(e.exit_code)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
