"""kill -9 at every named point of a build (kg/faults.py): afterwards graph.ttl is the
previous graph or the new one, byte for byte and valid; the cache opens and passes
SQLite's integrity check; the next build succeeds and equals a full build."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import Graph

import kg
from tests.conftest import ARTICLES

# Every checkpoint a build passes, in order (a point with "#n" is its n-th pass).
POINTS = [
    "lock",
    "ingest",
    "cache:read",
    "nlp#1",
    "nlp#2",
    "cache:write",
    "cache:stored",
    "cache:committed",
    "link",
    "events",
    "assemble",
    "blocks:stored",
    "blocks:committed",
    "serialize",
    "write:graph.ttl:open",
    "write:graph.ttl:written",
    "write:graph.ttl:synced",
    "write:graph.ttl:renamed",
    "manifest",
    "write:manifest.json:open",
    "write:manifest.json:written",
    "write:manifest.json:synced",
    "write:manifest.json:renamed",
    "cache:marked",
    "cache:pruned",
    "cache:retired",
    "done",
]

OLD = ["wikinews-clock.json", "wikinews-flag.json"]
NEW = ["wikinews-ie9.json", "wikinews-taxes.json"]  # two new articles: two NLP passes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """A previous build (OLD), the new input folder (OLD minus one, plus NEW), and the
    graph a full build of the new inputs gives."""
    root = tmp_path_factory.mktemp("kill")
    before, after = root / "before", root / "after"
    before.mkdir()
    after.mkdir()
    for name in OLD:
        shutil.copy(ARTICLES / name, before / name)
    for name in OLD[1:] + NEW:
        shutil.copy(ARTICLES / name, after / name)
    previous = root / "previous"
    kg.build([before], out=previous)
    reference = root / "reference"
    kg.build([after], out=reference, full=True)
    return {
        "root": root,
        "after": after,
        "previous": previous,
        "old": (previous / "graph.ttl").read_bytes(),
        "new": (reference / "graph.ttl").read_bytes(),
    }


def _killed_build(point: str, setup: dict) -> tuple[str, Path, int]:
    out = setup["root"] / f"out-{point.replace(':', '_').replace('#', '_').replace('.', '_')}"
    shutil.copytree(setup["previous"], out)
    env = {**os.environ, "KG_KILL_AT": point}
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(setup["after"]), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return point, out, proc.returncode


def test_points_are_all_passed(setup, tmp_path):
    """The list above is every checkpoint a real build passes (none silently missing)."""
    import kg.faults as faults

    faults._passes.clear()
    os.environ["KG_KILL_AT"] = "no-such-point"
    try:
        out = tmp_path / "out"
        shutil.copytree(setup["previous"], out)
        kg.build([setup["after"]], out=out)
    finally:
        del os.environ["KG_KILL_AT"]
    passed = {f"{p}#{n}" if n > 1 else p for p, c in faults._passes.items() for n in [c]}
    for point in POINTS:
        name, _, nth = point.partition("#")
        assert faults._passes[name] >= (int(nth) if nth else 1), (point, passed)


def test_kill_9_anywhere_loses_nothing(setup):
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda p: _killed_build(p, setup), POINTS))
    survived = 0
    for point, out, code in runs:
        assert code == -signal.SIGKILL, (point, code)
        data = (out / "graph.ttl").read_bytes()
        assert data in (setup["old"], setup["new"]), point
        Graph().parse(data=data, format="turtle")  # valid Turtle either way
        with sqlite3.connect(out / "cache.sqlite") as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", point
        leftovers = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
        # a temporary file may survive a kill; it is never mistaken for the graph
        assert all(n.startswith((".graph.ttl.", ".manifest.json.")) for n in leftovers), point
        kg.build([setup["after"]], out=out)
        assert (out / "graph.ttl").read_bytes() == setup["new"], point
        survived += 1
    assert survived == len(POINTS) >= 20
