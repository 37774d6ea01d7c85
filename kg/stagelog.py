"""What `kg -v` logs of a build: each stage, and how long it took.

A build marks where each of its stages ends with a checkpoint (kg.faults), for the tests
that kill it there; the same marks time the stages, so where a stage ends is said once, in
the build's own code. Each line goes to the ``kg.builder.build`` logger at INFO level.
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger("kg.builder.build")

START = "lock"  # the build holds its output folder: the clock starts
STAGES = {  # checkpoint → the stage that ends there
    "ingest": "read",
    "cache:read": "cache lookup",
    "cache:write": "nlp",  # with the decoding of the extractions the cache held
    "link": "link",  # with storing the new extractions in the cache
    "events": "events",
    "assemble": "assemble",
    "serialize": "serialize",  # with storing the new parts of the graph in the cache
    "manifest": "write",
    "done": "manifest",
}

_clock: dict[str, float] = {}


def passed(point: str) -> None:
    """Log the stage that ends at ``point`` with its time; other points are not stages."""
    if point != START and point not in STAGES:
        return
    if not log.isEnabledFor(logging.INFO):
        return
    now = time.perf_counter()
    if point == START:
        _clock.update(start=now, last=now)
        return
    if "last" not in _clock:
        return
    log.info("%-12s %6.2f s", STAGES[point], now - _clock["last"])
    _clock["last"] = now
    if point == "done":
        log.info("%-12s %6.2f s", "build", now - _clock.pop("start"))
        _clock.clear()
