"""`kg viz`: one self-contained HTML page to look at a built graph.

`viz_data` (kg/views/vizdata.py) reads the graph into plain data: nodes, edges, articles and
sentences. `render` puts that data, as escaped JSON in a `<script type="application/json">`,
into the template in `kg/views/viz_assets/` with its script and style inlined, so the page
needs no network; a Content-Security-Policy with the hashes of the two inline blocks keeps
anything else from running. Everything is sorted and the layout in the page is seeded, so the
same graph gives the same bytes and the same picture.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.errors import UsageError
from kg.views.vizdata import DEFAULT_HOPS, DEFAULT_MAX_NODES, viz_data

ASSETS = "viz_assets"


def _asset(name: str) -> str:
    return (resources.files("kg.views") / ASSETS / name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no `<`, `>` or `&` (so no `</script>` or `<!--`),
    and no U+2028/2029, which older JavaScript parsers took for line ends."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(data: dict[str, Any]) -> str:
    """The page: the template with the style, the script and the data inlined."""
    css, js = _asset("viz.css"), _asset("viz.js")
    for name, text, tag in (("viz.css", css, "</style"), ("viz.js", js, "</script")):
        if tag in text.lower():
            raise ValueError(f"{name} must not contain {tag}")
    page = _asset("viz.html")
    page = page.replace("@@STYLE_HASH@@", _csp_hash(css))
    page = page.replace("@@SCRIPT_HASH@@", _csp_hash(js))
    page = page.replace("@@CSS@@", css).replace("@@JS@@", js)
    return page.replace("@@DATA@@", script_json(data))  # last: data is never searched for tokens


def render_graph(
    graph: Graph,
    *,
    entity: str | None = None,
    hops: int = DEFAULT_HOPS,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> str:
    """The page for a graph (see `viz_data` for the options)."""
    return render(viz_data(graph, entity=entity, hops=hops, max_nodes=max_nodes))


def write_html(
    graph: Graph,
    out: str | os.PathLike[str],
    *,
    entity: str | None = None,
    hops: int = DEFAULT_HOPS,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> dict[str, Any]:
    """Write the page to `out` (atomically: a temporary file renamed over it) and return the
    data it shows."""
    data = viz_data(graph, entity=entity, hops=hops, max_nodes=max_nodes)
    page = render(data)
    target = Path(out)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError("no such folder", where=str(folder))
    fd, tmp = tempfile.mkstemp(prefix=".viz-", suffix=".html", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return data


__all__ = [
    "DEFAULT_HOPS",
    "DEFAULT_MAX_NODES",
    "render",
    "render_graph",
    "script_json",
    "viz_data",
    "write_html",
]
