"""The built gazetteer kept on disk: read back it is the gazetteer built from its sources,
a changed source gives another file, and a bad or unwritable cache only costs time."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from kg.gazetteer import GAZETTEER_DIR, build
from kg.gazetteer.store import cache_dir, cached, decode, encode, key


@pytest.fixture(scope="module")
def built():
    return build(GAZETTEER_DIR)


def test_read_back_it_is_the_built_gazetteer(built):
    again = decode(encode(built))
    assert again == built
    assert list(again.entries) == list(built.entries)  # insertion order too
    assert list(again.by_name) == list(built.by_name)
    ufa = built.lookup("Ufa")
    assert ufa is not None and again.lookup("Ufa") == ufa


def test_the_second_process_reads_what_the_first_wrote(tmp_path, monkeypatch, built):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    assert cache_dir() == tmp_path / "cache"
    first = cached(GAZETTEER_DIR, lambda d: built)
    files = list((tmp_path / "cache").glob("gazetteer-*.json"))
    assert len(files) == 1 and first is built

    def no_build(directory):
        raise AssertionError("built again although the cache holds it")

    assert cached(GAZETTEER_DIR, no_build) == built


def test_a_changed_source_is_another_key(tmp_path):
    copy = tmp_path / "gazetteer"
    shutil.copytree(GAZETTEER_DIR, copy)
    before = key(copy)
    assert before == key(GAZETTEER_DIR)
    with (copy / "places.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# an analyst's note\n")
    assert key(copy) != before


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch, built, caplog):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    path = tmp_path / f"gazetteer-{key(GAZETTEER_DIR)}.json"
    path.write_text('{"entries": [', encoding="utf-8")  # a write cut short
    assert cached(GAZETTEER_DIR, lambda d: built) is built
    assert "unreadable gazetteer cache" in caplog.text
    assert decode(path.read_text(encoding="utf-8")) == built  # replaced by a good one


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch, built):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    try:
        assert cached(GAZETTEER_DIR, lambda d: built) is built
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_cache_path_that_is_a_file_only_costs_time(tmp_path, monkeypatch, built):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker))
    assert cached(GAZETTEER_DIR, lambda d: built) is built
