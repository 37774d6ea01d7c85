"""`kg -v`: every stage of a build logged with its time, whichever executor runs the NLP."""

from __future__ import annotations

import logging

import pytest

import kg
from tests.conftest import ARTICLES, SEED, run_kg

STAGES = [
    "read",
    "cache lookup",
    "nlp",
    "link",
    "events",
    "assemble",
    "serialize",
    "write",
    "manifest",
    "build",
]


def stage_names(records: list[logging.LogRecord]) -> list[str]:
    return [r.getMessage().rsplit(None, 2)[0] for r in records if r.name == "kg.builder.build"]


def nlp_lines(records: list[logging.LogRecord]) -> list[str]:
    return [r.getMessage() for r in records if r.name == "kg.builder.executors"]


def test_every_stage_is_logged_with_its_time_locally(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kg")
    kg.build([SEED], out=tmp_path / "out")
    assert stage_names(caplog.records) == STAGES
    for r in caplog.records:
        if r.name == "kg.builder.build":
            seconds, unit = r.getMessage().split()[-2:]
            assert unit == "s" and float(seconds) >= 0
    (line,) = nlp_lines(caplog.records)
    assert line.startswith("nlp: 1 article in this process in ") and line.endswith(" s")


def test_a_cached_rebuild_logs_every_stage_and_no_extraction(tmp_path, caplog):
    kg.build([SEED], out=tmp_path / "out")
    caplog.set_level(logging.INFO, logger="kg")
    kg.build([SEED], out=tmp_path / "out")
    assert stage_names(caplog.records) == STAGES
    assert nlp_lines(caplog.records) == ["nlp: no article to extract"]


def test_the_processes_executor_says_where_the_nlp_ran(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kg")
    kg.build([SEED], out=tmp_path / "out", jobs=2, executor="processes")
    assert stage_names(caplog.records) == STAGES
    (line,) = nlp_lines(caplog.records)
    assert line.startswith(
        "nlp: 1 article in this process (fewer than 8 articles: not worth 2 processes) in "
    )


@pytest.mark.slow
def test_the_processes_executor_logs_its_pool(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kg")
    kg.build([ARTICLES], out=tmp_path / "out", jobs=2, executor="processes")
    assert stage_names(caplog.records) == STAGES
    (line,) = nlp_lines(caplog.records)
    assert line.startswith("nlp: 13 articles in 2 processes in ")


def test_the_cli_logs_the_stages_only_with_v(tmp_path):
    quiet = run_kg("build", str(SEED), "--out", str(tmp_path / "a"))
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""
    verbose = run_kg("-v", "build", str(SEED), "--out", str(tmp_path / "b"))
    assert verbose.returncode == 0, verbose.stderr
    lines = [x for x in verbose.stderr.splitlines() if x.startswith("INFO kg.builder.build: ")]
    assert [x.removeprefix("INFO kg.builder.build: ").rsplit(None, 2)[0] for x in lines] == STAGES
