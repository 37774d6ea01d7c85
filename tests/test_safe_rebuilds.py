"""A user's slip never costs a graph or its cache: a mistyped path, an empty folder or a
mass removal stops before anything is written; the cache forgets nothing until a build
has written its graph, and keeps what left the build for a grace period."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import kg
from kg.cli import main
from tests.conftest import ARTICLES

POOL = ["wikinews-clock.json", "wikinews-flag.json", "wikinews-ie9.json", "wikinews-taxes.json"]


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def snapshot(out: Path) -> tuple[bytes, bytes, list[tuple[str, str]]]:
    """graph.ttl, manifest.json and the cache's extraction keys: what a slip must not touch."""
    with sqlite3.connect(out / "cache.sqlite") as db:
        keys = db.execute("SELECT nlp_key, fingerprint FROM extractions ORDER BY 1, 2").fetchall()
    return (out / "graph.ttl").read_bytes(), (out / "manifest.json").read_bytes(), keys


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A folder of four articles built into tmp/out; the cwd is tmp (paths as a user types)."""
    src = tmp_path / "articles"
    src.mkdir()
    for name in POOL:
        shutil.copy(ARTICLES / name, src / name)
    out = tmp_path / "out"
    kg.build([src], out=out)
    return src, out


def test_a_mistyped_path_is_a_usage_error_that_suggests_the_sibling(built, monkeypatch):
    src, out = built
    monkeypatch.chdir(src.parent)
    before = snapshot(out)
    result = run("build", "articels", "--out", "out")
    assert result.exit_code == 2
    assert result.output == "kg: error: articels: no such file or folder; did you mean articles?\n"
    assert snapshot(out) == before


def test_a_path_with_no_close_sibling_is_named_alone(built, monkeypatch):
    src, out = built
    monkeypatch.chdir(src.parent)
    result = run("build", "articles", "nowhere/news", "--out", "out")
    assert result.exit_code == 2
    assert result.output == "kg: error: nowhere/news: no such file or folder\n"


def test_an_empty_folder_is_refused_and_needs_prune(built):
    src, out = built
    empty = src.parent / "empty"
    empty.mkdir()
    before = snapshot(out)
    refused = run("build", str(empty), "--out", str(out))
    assert refused.exit_code == 2
    assert refused.output == (
        "kg: error: no article found under the input paths; nothing written "
        "(pass --prune to write an empty graph and drop all 4 articles of the previous build)\n"
    )
    assert snapshot(out) == before
    pruned = run("build", str(empty), "--out", str(out), "--prune")
    assert pruned.exit_code == 0, pruned.output
    assert "4 removed" in pruned.output
    assert b"kg:Article" not in (out / "graph.ttl").read_bytes().split(b"\n\n", 1)[1]


def test_removing_most_articles_is_refused_without_prune(built):
    src, out = built
    for name in POOL[:3]:
        (src / name).unlink()
    before = snapshot(out)
    refused = run("build", str(src), "--out", str(out))
    assert refused.exit_code == 2
    assert refused.output == (
        "kg: error: this build would drop 3 of the previous build's 4 articles (their files "
        "are not under the input paths); nothing written (check the paths, or pass --prune "
        "to drop them)\n"
    )
    assert snapshot(out) == before
    pruned = run("build", str(src), "--out", str(out), "--prune")
    assert pruned.exit_code == 0
    assert "3 removed" in pruned.output
    # the cache still holds the dropped articles: putting them back reads nothing again
    for name in POOL[:3]:
        shutil.copy(ARTICLES / name, src / name)
    assert kg.build([src], out=out).processed == 0


def test_removing_a_few_articles_is_the_normal_incremental_case(built):
    src, out = built
    (src / POOL[0]).unlink()
    (src / POOL[1]).write_text('{"text": "An edited story about Kazan and Ufa."}')
    result = kg.build([src], out=out)  # an edit is not a drop: 1 of 4 dropped
    assert result.removed == [str(src / POOL[0])] and result.processed == 1
    assert len(kg.build([src], out=out).extractions) == 3


def test_a_renamed_file_is_not_a_drop(built):
    src, out = built
    moved = src.parent / "moved"
    moved.mkdir()
    for name in POOL:
        (src / name).rename(moved / f"renamed-{name}")
    result = kg.build([moved], out=out)
    assert result.processed == 0 and result.articles == 4


def test_a_build_that_fails_after_the_nlp_stage_keeps_the_cache_whole(built, monkeypatch):
    """The NLP work of a failed build is stored; nothing is pruned by a build that did not
    write its graph."""
    import importlib

    build_module = importlib.import_module("kg.builder.build")
    src, out = built
    (src / POOL[0]).unlink()
    shutil.copy(ARTICLES / "bashkir-resistance.txt", src)
    before = snapshot(out)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(build_module, "write_atomic", broken)
    with pytest.raises(kg.errors.BuildError, match="disk on fire"):
        kg.build([src], out=out)
    graph, manifest, keys = snapshot(out)
    assert (graph, manifest) == before[:2]
    assert set(before[2]) < set(keys)  # the new extraction added, none removed
    monkeypatch.undo()
    assert kg.build([src], out=out).processed == 0


def test_stray_nul_bytes_and_controls_are_dropped_not_binary(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    text = (
        "The harbour authority confirmed on Monday that the old pier in Gdansk will be "
        "demolished next spring.\x00 Engineers found\x07 that the wooden piles had rotted.\n"
    )
    (src / "story.txt").write_bytes(text.encode("utf-8"))
    (src / "noise.txt").write_bytes(b"\x00\x01\x02\x03 not text " * 50)
    result = kg.build([src], out=tmp_path / "out")
    (noise,) = result.skipped
    assert Path(noise.path).name == "noise.txt" and noise.reason.startswith("binary file (")
    (x,) = result.extractions
    assert x.article.text == text.replace("\x00", "").replace("\x07", "")
    gdansk = next(m for m in x.mentions if m.text == "Gdansk")
    assert x.article.text[gdansk.start : gdansk.end] == "Gdansk"


def test_link_overrides_are_read_beside_the_graph_not_from_the_current_folder(
    tmp_path, monkeypatch, caplog
):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(ARTICLES / "bashkir-resistance.txt", src)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "data").mkdir(parents=True)
    (elsewhere / "data" / "links.yaml").write_text("merge:\n  - [Russia, Ukraine]\n")
    monkeypatch.chdir(elsewhere)
    plain = kg.build([src], out=tmp_path / "plain")
    out = tmp_path / "out"
    out.mkdir()
    (out / "links.yaml").write_text(
        "merge:\n  - [Ruslan Gabbasov, Vladimir Putin]\n  - [Nobody Here, Vladimir Putin]\n"
    )
    with caplog.at_level(logging.WARNING):
        merged = kg.build([src], out=out)
    assert sum(merged.entities.values()) == sum(plain.entities.values()) - 1
    assert "link override names nothing in this build: 'Nobody Here'" in caplog.text
    monkeypatch.chdir(tmp_path)  # from another folder: the same graph
    again = tmp_path / "again"
    shutil.copytree(out, again)
    kg.build([src], out=again, full=True)
    assert (again / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_the_cache_schema_1_is_migrated_not_dropped(built):
    """A cache written by the previous layout keeps its extractions."""
    src, out = built
    db = sqlite3.connect(out / "cache.sqlite")
    db.executescript(
        "CREATE TABLE e2 AS SELECT nlp_key, fingerprint, data FROM extractions;"
        "DROP TABLE extractions; ALTER TABLE e2 RENAME TO extractions;"
        "CREATE TABLE b2 AS SELECT digest, data FROM blocks;"
        "DROP TABLE blocks; ALTER TABLE b2 RENAME TO blocks;"
        "UPDATE meta SET value='1' WHERE key='schema'; DELETE FROM meta WHERE key='generation';"
    )
    db.close()
    assert kg.build([src], out=out).processed == 0


def test_the_grace_period_is_documented_with_its_numbers():
    from kg.builder.cache import GRACE_BUILDS, GRACE_MIN_CAP

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"last {GRACE_BUILDS} builds" in readme
    assert f"{GRACE_MIN_CAP:,}" in readme
