"""kg's static import graph, read from its source with ``ast``: which of kg's modules a
module imports (at the top or inside a function), and which other packages.

The NLP fingerprint hashes every module the NLP stage can reach, and the versions of the
packages those modules import, so editing any of them (or upgrading pycountry) makes
cached extractions stale without anyone keeping a list.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent  # the kg package


@dataclass(frozen=True, slots=True)
class Imports:
    """What one module imports: kg modules (dotted names) and other top-level packages."""

    internal: frozenset[str]
    external: frozenset[str]


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted name → file, for every module of the package at ``root``."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = path
    return out


def _type_checking_only(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return isinstance(test, ast.Name | ast.Attribute) and "TYPE_CHECKING" in ast.unparse(test)


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, except those under ``if TYPE_CHECKING:`` (never run)."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if _type_checking_only(node):
            stack.extend(node.orelse)  # type: ignore[attr-defined]
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> Imports:
    """The kg modules and outside packages one module imports. ``from kg.a import b`` is
    kg.a.b when that is a module, else kg.a; relative imports are resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top = next(iter(known)).split(".")[0] if known else "kg"
    internal: set[str] = set()
    external: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [(a.name, None) for a in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [(base, a.name) for a in node.names]
        for module, member in targets:
            if module.split(".")[0] != top:
                external.add(module.split(".")[0])
            elif member and f"{module}.{member}" in known:
                internal.add(f"{module}.{member}")
            elif module in known:
                internal.add(module)
    return Imports(frozenset(internal), frozenset(external - set(sys.stdlib_module_names)))


def reachable(roots: list[str], root: Path = ROOT) -> tuple[list[str], list[str]]:
    """Every kg module the ``roots`` reach through imports (roots included), sorted, and the
    outside packages those modules import. Package ``__init__`` files are not followed on
    their own (kg's top-level one is the public API, which imports every stage)."""
    known = modules(root)
    seen: set[str] = set()
    external: set[str] = set()
    todo = [r for r in roots if r in known]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = imports_of(name, known[name], known)
        external |= found.external
        todo.extend(sorted(found.internal - seen))
    return sorted(seen), sorted(external)


@lru_cache(maxsize=1)
def nlp_modules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The modules of the NLP stage (everything under kg/nlp/ and what it imports) and the
    outside packages they import."""
    roots = [n for n in modules() if n.startswith("kg.nlp.") or n == "kg.nlp"]
    mods, ext = reachable(roots)
    return tuple(mods), tuple(ext)
