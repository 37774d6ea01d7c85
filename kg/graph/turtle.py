"""Deterministic Turtle, written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph


def to_turtle(graph: Graph) -> bytes:
    """rdflib sorts subjects, predicates and objects; with no blank nodes the bytes are stable."""
    data = graph.serialize(format="turtle", encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it.

    A build that fails or is killed before the rename leaves the old file untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
