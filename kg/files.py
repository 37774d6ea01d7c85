"""The files of a build folder, and the one way kg writes them (atomically).

Every stage that reads or writes a build folder takes its file names from here, so no
stage imports another only to learn where a file is.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import UsageError
from kg.faults import checkpoint

GRAPH_FILE = "graph.ttl"
MANIFEST_FILE = "manifest.json"
CACHE_FILE = "cache.sqlite"
LOCK_FILE = ".kg.lock"
LINKS_FILE = "links.yaml"


def graph_file(path: str | os.PathLike[str]) -> Path:
    """A build folder or a Turtle file → the Turtle file."""
    p = Path(path)
    if p.is_dir():
        p = p / GRAPH_FILE
    if not p.exists():
        raise UsageError("no graph here (run `kg build` first)", where=str(p))
    return p


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it.

    A build that fails or is killed before the rename leaves the old file untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        checkpoint(f"write:{path.name}:open")
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; the graph is an ordinary file
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            checkpoint(f"write:{path.name}:written")
            os.fsync(f.fileno())
        checkpoint(f"write:{path.name}:synced")
        os.replace(tmp, path)
        checkpoint(f"write:{path.name}:renamed")
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
