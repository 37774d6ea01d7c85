"""The kg command: a thin click layer over the public API, one module per kind of command.
``kg.cli:main`` is the entry point; errors become one line and an exit code in
kg/cli/group.py."""

from kg.cli.build import EXAMPLE_QUERY, build_cmd
from kg.cli.evaluate import eval_cmd
from kg.cli.group import main
from kg.cli.push import push_cmd
from kg.cli.read import query_cmd, show_cmd, stats_cmd, validate_cmd
from kg.cli.views import export_cmd, viz_cmd

for command in (
    build_cmd,
    query_cmd,
    stats_cmd,
    show_cmd,
    validate_cmd,
    eval_cmd,
    export_cmd,
    viz_cmd,
    push_cmd,
):
    main.add_command(command)

__all__ = ["EXAMPLE_QUERY", "main"]
