"""Same inputs and config → byte-identical Turtle, whatever the process or file order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.files import write_atomic
from tests.conftest import ARTICLES, ROOT

pytestmark = pytest.mark.slow


def _build_in_subprocess(paths: list[Path], out: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    code = "import sys, kg; kg.build(sys.argv[2:], out=sys.argv[1])"
    subprocess.run(
        [sys.executable, "-c", code, str(out), *map(str, paths)],
        check=True,
        env=env,
        cwd=ROOT,
    )
    return (out / "graph.ttl").read_bytes()


def test_two_builds_in_different_processes_are_byte_identical(tmp_path, corpus_build):
    first = _build_in_subprocess([ARTICLES], tmp_path / "a", seed="1")
    second = _build_in_subprocess([ARTICLES], tmp_path / "b", seed="987654")
    assert first == second
    assert first == corpus_build.graph_path.read_bytes()


def test_file_names_and_order_do_not_change_the_graph(tmp_path, corpus_build):
    shuffled = tmp_path / "in"
    shuffled.mkdir()
    # Same articles under reversed names, in a nested folder: different visit order.
    files = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".json"))
    for i, p in enumerate(files):
        sub = shuffled / ("z" if i % 2 else "a")
        sub.mkdir(exist_ok=True)
        shutil.copy(p, sub / f"{len(files) - i:02d}-{p.name}")
    result = kg.build([shuffled], out=tmp_path / "out")
    assert result.graph_path.read_bytes() == corpus_build.graph_path.read_bytes()


def test_atomic_write_keeps_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old graph\n")

    class Boom(bytes):
        pass

    with pytest.raises(TypeError):
        write_atomic(target, object())  # type: ignore[arg-type]
    assert target.read_bytes() == b"old graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temp file left behind


def test_failed_build_leaves_previous_graph(tmp_path, seed_build):
    out = tmp_path / "out"
    shutil.copytree(seed_build.out, out)
    before = (out / "graph.ttl").read_bytes()
    with pytest.raises(kg.errors.KgError):
        kg.build([], out=out)
    assert (out / "graph.ttl").read_bytes() == before
