"""What a derived file's header records about where it came from: kg's commit and the
commit of a corpus copy (its README in ../shared/corpora names it)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_COMMIT = re.compile(r"commit\s+`([0-9a-f]+)`")


def kg_commit() -> str:
    """kg's short commit, or "?" outside a git checkout."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return "?"
    return out.stdout.strip() or "?"


def corpus_commit(corpora: Path, name: str) -> str:
    """The commit ``corpora/NAME/README.md`` says its copy was taken at, or "?"."""
    readme = (corpora / name / "README.md").read_text(encoding="utf-8")
    found = _COMMIT.search(readme)
    return found.group(1) if found else "?"
