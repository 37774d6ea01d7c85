"""A full disk and a read-only output folder, simulated where the build writes (running as
root, file permissions would not stop it): a clear error, exit code 4, the previous
graph untouched, no temporary file left behind."""

from __future__ import annotations

import errno
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import BuildError
from tests.conftest import ARTICLES

ARTICLE = "wikinews-flag.json"


@pytest.fixture
def previous(tmp_path):
    """A folder with one article and a finished build of it, then a second article."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(ARTICLES / ARTICLE, src / ARTICLE)
    kg.build([src], out=out)
    shutil.copy(ARTICLES / "wikinews-ie9.json", src / "wikinews-ie9.json")
    return src, out, (out / "graph.ttl").read_bytes(), (out / "manifest.json").read_bytes()


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _read_only(*args, **kwargs):
    raise OSError(errno.EROFS, "Read-only file system")


def _unchanged(out, graph, manifest):
    assert (out / "graph.ttl").read_bytes() == graph
    assert (out / "manifest.json").read_bytes() == manifest
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_disk_full_while_writing_the_graph(previous, monkeypatch):
    src, out, graph, manifest = previous
    real_fsync = kg.files.os.fsync
    monkeypatch.setattr(kg.files.os, "fsync", _disk_full)
    with pytest.raises(BuildError, match="No space left on device"):
        kg.build([src], out=out)
    monkeypatch.setattr(kg.files.os, "fsync", real_fsync)
    _unchanged(out, graph, manifest)
    assert kg.build([src], out=out).articles == 2  # and the next build works


def test_read_only_output_folder(previous, monkeypatch):
    src, out, graph, manifest = previous
    monkeypatch.setattr(kg.files.tempfile, "mkstemp", _read_only)
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out)])
    assert result.exit_code == 4
    assert "Read-only file system" in result.output and "previous graph kept" in result.output
    _unchanged(out, graph, manifest)


def test_disk_full_while_writing_the_cache(previous, monkeypatch):
    src, out, graph, manifest = previous

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(kg.builder.cache.Cache, "put", full)
    with pytest.raises(BuildError, match="disk is full"):
        kg.build([src], out=out)
    _unchanged(out, graph, manifest)
    with sqlite3.connect(out / "cache.sqlite") as db:  # the cache still opens, as it was
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM extractions").fetchone()[0] == 1
