"""Incremental builds: the extraction cache, the manifest, the lock, and the promise that
any sequence of adds, edits and removals ends in exactly the graph a full build gives."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.errors import BuildError
from tests.conftest import ARTICLES

# Small articles keep each step cheap; the seed is the one with the most structure.
POOL = [
    "bashkir-resistance.txt",
    "wikinews-clock.json",
    "wikinews-flag.json",
    "wikinews-ie9.json",
    "wikinews-taxes.json",
]


def _full_graph(src: Path, tmp: Path, memo: dict[str, bytes]) -> bytes:
    """graph.ttl of a --full build of ``src`` into a fresh folder (memoised by content)."""
    key = _full_graph_key(src)
    if key not in memo:
        out = tmp / f"full-{key[:12]}"
        kg.build([src], out=out, full=True)
        memo[key] = (out / "graph.ttl").read_bytes()
    return memo[key]


def _edit(path: Path, n: int) -> None:
    """A real change to an article's text, kept valid for its format."""
    extra = f" Officials in Kazan said on Tuesday that talks would resume ({n})."
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        data["text"] = data["text"] + extra
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


STEP = st.tuples(st.sampled_from(["add", "edit", "remove"]), st.sampled_from(POOL))


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=2, max_size=4))
def test_any_sequence_of_changes_equals_a_full_build(tmp_path_factory, steps):
    tmp = tmp_path_factory.mktemp("inc")
    src, out = tmp / "articles", tmp / "out"
    src.mkdir()
    for name in POOL[:2]:
        shutil.copy(ARTICLES / name, src / name)
    kg.build([src], out=out)
    memo: dict[str, bytes] = {}
    for n, (op, name) in enumerate(steps):
        target = src / name
        if op == "add" and not target.exists():
            shutil.copy(ARTICLES / name, target)
        elif op == "edit" and target.exists():
            _edit(target, n)
        elif op == "remove" and target.exists() and len(list(src.iterdir())) > 1:
            target.unlink()
        else:
            continue
        result = kg.build([src], out=out)
        assert (out / "graph.ttl").read_bytes() == _full_graph(src, tmp, memo), (op, name)
        # only the article that changed went through the NLP stage
        assert result.processed == (1 if op in ("add", "edit") else 0)


def test_manifest_says_what_happened_to_every_input(tmp_path):
    src, out = tmp_path / "articles", tmp_path / "out"
    src.mkdir()
    for name in POOL[:3]:
        shutil.copy(ARTICLES / name, src / name)
    (src / "empty.txt").write_text("", encoding="utf-8")
    first = kg.build([src], out=out)
    assert (first.processed, first.reused) == (3, 0)

    (src / POOL[2]).unlink()
    _edit(src / POOL[1], 1)
    second = kg.build([src], out=out)
    assert (second.processed, second.reused) == (1, 1)
    assert second.removed == [str(src / POOL[2])]

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    status = {Path(f["path"]).name: f["status"] for f in manifest["files"]}
    assert status == {POOL[0]: "unchanged", POOL[1]: "processed", "empty.txt": "skipped"}
    skipped = next(f for f in manifest["files"] if f["status"] == "skipped")
    assert skipped["reason"]
    assert manifest["removed"] == [str(src / POOL[2])]
    assert manifest["counts"] == {"processed": 1, "unchanged": 1, "skipped": 1, "removed": 1}


def test_cache_keeps_a_removed_article_for_the_grace_period_then_forgets_it(tmp_path, monkeypatch):
    import kg.builder.cache

    monkeypatch.setattr(kg.builder.cache, "GRACE_BUILDS", 2)
    src, out = tmp_path / "articles", tmp_path / "out"
    src.mkdir()
    for name in POOL[:3]:
        shutil.copy(ARTICLES / name, src / name)
    kg.build([src], out=out)
    (src / POOL[0]).unlink()
    kg.build([src], out=out)

    def entries() -> tuple[int, int]:
        with sqlite3.connect(out / "cache.sqlite") as db:
            return (
                db.execute("SELECT COUNT(*) FROM extractions").fetchone()[0],
                db.execute("SELECT COUNT(*) FROM blocks").fetchone()[0],
            )

    assert entries()[0] == 3  # the removed article's extraction is kept for a while
    shutil.copy(ARTICLES / POOL[0], src / POOL[0])  # the removal undone: a cache hit
    assert kg.build([src], out=out).processed == 0
    (src / POOL[0]).unlink()
    kg.build([src], out=out)
    assert entries()[0] == 3
    kg.build([src], out=out)  # two builds without it: out of the grace period
    assert entries() == (2, 2)


def test_changed_pipeline_invalidates_the_cache_and_says_so(tmp_path, monkeypatch):
    import importlib

    build_module = importlib.import_module("kg.builder.build")  # the module, not kg.build()

    src, out = tmp_path / "articles", tmp_path / "out"
    src.mkdir()
    for name in POOL[:2]:
        shutil.copy(ARTICLES / name, src / name)
    kg.build([src], out=out)
    before = (out / "graph.ttl").read_bytes()
    real = build_module.nlp_fingerprint
    # what a new model version or an edited lexicon does to the fingerprint
    monkeypatch.setattr(build_module, "nlp_fingerprint", lambda p: real(p + " (upgraded)"))
    result = kg.build([src], out=out)
    assert (result.invalidated, result.processed, result.reused) == (2, 2, 0)
    assert json.loads((out / "manifest.json").read_text())["invalidated"] == 2
    assert (out / "graph.ttl").read_bytes() == before
    with sqlite3.connect(out / "cache.sqlite") as db:
        fps = db.execute("SELECT DISTINCT fingerprint FROM extractions").fetchall()
    new = json.loads((out / "manifest.json").read_text())["fingerprint"]
    old = real(build_module.pipeline_version())
    assert new != old
    assert sorted(fps) == sorted([(new,), (old,)])  # the old ones kept for the grace period
    monkeypatch.setattr(build_module, "nlp_fingerprint", real)  # the change undone: all hits
    assert kg.build([src], out=out).processed == 0


def test_full_ignores_the_cache(tmp_path):
    src, out = tmp_path / "articles", tmp_path / "out"
    src.mkdir()
    shutil.copy(ARTICLES / POOL[1], src / POOL[1])
    kg.build([src], out=out)
    again = kg.build([src], out=out, full=True)
    assert (again.processed, again.reused) == (1, 0)


def test_second_build_into_the_same_folder_fails_fast_or_waits(tmp_path):
    import subprocess
    import sys

    src, out = tmp_path / "articles", tmp_path / "out"
    src.mkdir()
    shutil.copy(ARTICLES / POOL[1], src / POOL[1])
    out.mkdir()
    # another process holds the build lock for a second, as a running build would
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            "lock = FileLock(sys.argv[1]); lock.acquire(); print('held', flush=True); "
            "time.sleep(1.5)",
            str(out / ".kg.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(BuildError, match="another build is writing"):
            kg.build([src], out=out)
        assert not (out / "graph.ttl").exists()
        result = kg.build([src], out=out, wait=True)
        assert holder.poll() is not None  # it waited for the holder to finish
        assert result.graph_path.exists()
    finally:
        holder.kill()
        holder.wait()


def test_jobs_give_the_same_graph(tmp_path, corpus_build):
    out = tmp_path / "out"
    result = kg.build([ARTICLES], out=out, jobs=2, full=True)
    assert result.processed == corpus_build.articles
    assert (out / "graph.ttl").read_bytes() == corpus_build.graph_path.read_bytes()


def test_cli_reports_cache_use(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    src, out = tmp_path / "articles", tmp_path / "out"
    src.mkdir()
    shutil.copy(ARTICLES / POOL[1], src / POOL[1])
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(src), "-o", str(out)])
    assert "1 read by NLP, 0 from the cache" in first.output
    second = runner.invoke(main, ["build", str(src), "-o", str(out)])
    assert second.exit_code == 0
    assert "0 read by NLP, 1 from the cache" in second.output
    assert "parts      1 article's part of the graph rendered, 0 from the cache" in first.output
    assert "parts      0 articles' parts of the graph rendered, 1 from the cache" in second.output
    stats = runner.invoke(main, ["stats", "-g", str(out)])
    assert "unchanged 1" in stats.output


@pytest.mark.slow
def test_scripted_changes_to_the_sample_corpus_equal_full_builds(tmp_path, corpus_build):
    """The whole sample corpus through a fixed script of removals, edits, an addition, a new
    title and a link override and its undoing: after every step graph.ttl is a full build's,
    and only what changed was read by the NLP stage."""
    src, out = tmp_path / "articles", tmp_path / "out"
    shutil.copytree(ARTICLES, src)
    links = tmp_path / "links.yaml"
    links.write_text("merge:\n  - [Bashkortostan, Russia]\n", encoding="utf-8")
    memo: dict[str, bytes] = {}

    def retitle(path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["title"] = "The same story under a new headline"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def removed(name: str):
        return lambda: (src / name).unlink()

    steps = [
        ("start", lambda: None, None, corpus_build.articles),
        (
            "remove two",
            lambda: [removed(n)() for n in ("wikinews-expo.json", "wikinews-stampede.json")],
            None,
            0,
        ),
        (
            "edit two",
            lambda: [_edit(src / n, 7) for n in ("bashkir-resistance.txt", "wikinews-taxes.json")],
            None,
            2,
        ),
        # a removed article put back is a cache hit: its extraction was kept (grace period)
        ("add one back", lambda: shutil.copy(ARTICLES / "wikinews-expo.json", src), None, 0),
        ("new title", lambda: retitle(src / "wikinews-clock.json"), None, 0),
        ("link override", lambda: None, links, 0),
        ("override undone", lambda: None, None, 0),
    ]
    for name, change, overrides, nlp in steps:
        change()
        result = kg.build([src], out=out, links=overrides)
        assert result.processed == nlp, name
        key = f"{overrides}|{_full_graph_key(src)}"
        if name == "start":
            memo[key] = corpus_build.graph_path.read_bytes()
        if key not in memo:
            ref = tmp_path / f"full-{len(memo)}"
            kg.build([src], out=ref, full=True, links=overrides)
            memo[key] = (ref / "graph.ttl").read_bytes()
        assert (out / "graph.ttl").read_bytes() == memo[key], name
        if name == "new title":
            assert result.rendered == 1  # the title is only in that article's node
    assert len(memo) == 6  # undoing the override gives the graph before it


def _full_graph_key(src: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(src.iterdir()):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()
