"""The layout stays readable: no module over 500 lines, no function over 80, and
docs/architecture.md names every module kg has and no path it does not have."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
# A path the document names, written out in full from kg/: folders, then a module or a folder
# ("kg/views/reader.py", "kg/query/syntax/"); not the tail of an IRI (".../kg/resource/").
_KG_PATH = re.compile(r"(?<![\w/.:-])kg/(?:[A-Za-z_]\w*/)*(?:[A-Za-z_]\w*\.py\b|[A-Za-z_]\w*/)")


def _modules() -> list[Path]:
    return sorted(p for p in KG.rglob("*.py") if "__pycache__" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_module_is_over_500_lines():
    long = {_rel(p): n for p in _modules() if (n := len(p.read_text().splitlines())) > 500}
    assert not long, f"modules over {MAX_MODULE_LINES} lines (split them by job): {long}"


def test_no_function_is_over_80_lines():
    long = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{_rel(path)}:{node.lineno} {node.name}"] = lines
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines (name their steps): {long}"


def test_the_architecture_names_every_module_by_its_path():
    text = ARCHITECTURE.read_text()
    named = set(_KG_PATH.findall(text))
    missing = [
        _rel(p)
        for p in _modules()
        if p.name not in ("__init__.py", "__main__.py") and _rel(p) not in named
    ]
    assert not missing, f"docs/architecture.md does not name these modules: {missing}"


def test_every_kg_path_the_architecture_names_exists():
    text = ARCHITECTURE.read_text()
    stale = sorted(p for p in set(_KG_PATH.findall(text)) if not (ROOT / p).exists())
    assert not stale, f"docs/architecture.md names paths kg does not have: {stale}"
