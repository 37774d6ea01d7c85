"""Named points of a build where a test can kill the process, to prove that a build
killed at any moment leaves the previous graph intact and the cache usable.

Set ``KG_KILL_AT=<point>`` (or ``<point>#<n>`` for its n-th pass, counting from 1) and
the process sends itself SIGKILL there: no cleanup, no atexit, as with ``kill -9``.
Without the variable a checkpoint is one dictionary lookup, and a look at the log level:
the build's checkpoints also end its stages, which `kg -v` times (kg.stagelog).
"""

from __future__ import annotations

import os
import signal
from collections import Counter

from kg.stagelog import passed

_ENV = "KG_KILL_AT"
_passes: Counter[str] = Counter()


def checkpoint(point: str) -> None:
    passed(point)
    target = os.environ.get(_ENV)
    if not target:
        return
    _passes[point] += 1
    name, _, nth = target.partition("#")
    if name == point and _passes[point] == (int(nth) if nth else 1):
        os.kill(os.getpid(), signal.SIGKILL)
