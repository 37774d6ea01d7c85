"""kg build on a real Dask cluster: the same bytes as a local build; a worker killed
mid-partition is retried; a poison article is skipped and reported once.

Faults are injected into the real worker processes by a Dask worker plugin (`Sabotage`)
that wraps the extraction function of kg.builder.executors: an article whose text holds POISON
raises; one holding KILL makes its worker SIGKILL itself (on its first attempt only, or
on every attempt with KILL_ALWAYS), as an out-of-memory kill would.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

import kg
from tests.conftest import ARTICLES, SEED, run_kg

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")

SMALL = [
    "bashkir-resistance.txt",
    "wikinews-clock.json",
    "wikinews-flag.json",
    "wikinews-ie9.json",
    "wikinews-taxes.json",
]
POISON = "Filed under test marker POISON."
KILL = "Filed under test marker KILL."
KILL_ALWAYS = "Filed under test marker KILL-ALWAYS."
LINE = "Officials in Kazan said on Tuesday that talks with Moscow would resume."


def _sabotaged(extract, marker: Path | None):
    """``extract`` that raises on POISON and, in a worker (``marker`` given), kills its own
    process on KILL (once: the marker file remembers) and on KILL_ALWAYS."""

    def run(articles, **kw):
        items = list(articles)
        for a in items:
            if POISON in a.text:
                raise RuntimeError("poisoned by the test")
            if marker is not None and KILL_ALWAYS in a.text:
                os.kill(os.getpid(), signal.SIGKILL)
            if marker is not None and KILL in a.text and not marker.exists():
                marker.touch()
                os.kill(os.getpid(), signal.SIGKILL)
        yield from extract(items, **kw)

    return run


class Sabotage(distributed.WorkerPlugin):
    """Installed on every worker, including those the nanny restarts after a kill."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def setup(self, worker) -> None:
        import kg.builder.executors

        kg.builder.executors.extract = _sabotaged(kg.builder.executors.extract, Path(self.marker))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two one-thread worker processes, as kg starts them; a worker that dies holding a
    task gets it retried once (allowed-failures 1) so that the tests stay short."""
    import dask

    marker = tmp_path_factory.mktemp("sabotage") / "killed-once"
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as lc,
        distributed.Client(lc) as client,
    ):
        client.register_plugin(Sabotage(str(marker)))
        yield client, marker


def _corpus(folder: Path, names: list[str], extra: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(ARTICLES / name, folder / name)
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _local(src: Path, out: Path, monkeypatch) -> kg.BuildResult:
    import kg.builder.executors

    with monkeypatch.context() as m:
        m.setattr(kg.builder.executors, "extract", _sabotaged(kg.builder.executors.extract, None))
        return kg.build([src], out=out, full=True)


def test_dask_build_is_byte_identical_to_a_local_build(tmp_path, monkeypatch, cluster):
    client, _ = cluster
    src = _corpus(tmp_path / "src", SMALL)
    local = _local(src, tmp_path / "local", monkeypatch)
    done: list[int] = []
    remote = kg.build(
        [src],
        out=tmp_path / "dask",
        executor="dask",
        scheduler=client.scheduler.address,
        progress=lambda d, t: done.append(d),
    )
    assert remote.graph_path.read_bytes() == local.graph_path.read_bytes()
    assert remote.processed == len(SMALL) and not remote.skipped
    assert done[-1] == len(SMALL)
    # the extractions went into the cache: a local rebuild reads no article
    again = kg.build([src], out=tmp_path / "dask")
    assert again.processed == 0 and again.graph_path.read_bytes() == local.graph_path.read_bytes()


def test_each_worker_builds_its_pipeline_once(tmp_path, cluster):
    client, _ = cluster
    src = _corpus(tmp_path / "src", SMALL)
    kg.build([src], out=tmp_path / "a", executor="dask", scheduler=client.scheduler.address)
    kg.build([src], out=tmp_path / "b", executor="dask", scheduler=client.scheduler.address)

    def loads() -> int:
        from kg.nlp.pipeline import load_pipeline

        return load_pipeline.cache_info().misses

    assert set(client.run(loads).values()) <= {0, 1}  # 5 partitions, twice, 2 workers


def test_poison_article_is_skipped_and_reported_once(tmp_path, monkeypatch, cluster):
    client, _ = cluster
    src = _corpus(tmp_path / "src", SMALL[:3], {"poison.txt": f"{LINE}\n\n{POISON}\n"})
    local = _local(src, tmp_path / "local", monkeypatch)
    remote = kg.build(
        [src], out=tmp_path / "dask", executor="dask", scheduler=client.scheduler.address
    )
    assert remote.graph_path.read_bytes() == local.graph_path.read_bytes()
    for result in (local, remote):
        assert [(Path(s.path).name, s.reason) for s in result.skipped] == [
            ("poison.txt", "extraction failed: RuntimeError: poisoned by the test")
        ]
        assert result.articles == 3
    manifest = (tmp_path / "dask" / "manifest.json").read_text(encoding="utf-8")
    assert manifest.count("poisoned by the test") == 1


def test_worker_killed_mid_partition_is_retried(tmp_path, monkeypatch, cluster):
    client, marker = cluster
    before = set(client.run(os.getpid).values())
    src = _corpus(tmp_path / "src", SMALL[:3], {"kill.txt": f"{LINE}\n\n{KILL}\n"})
    local = _local(src, tmp_path / "local", monkeypatch)
    remote = kg.build(
        [src], out=tmp_path / "dask", executor="dask", scheduler=client.scheduler.address
    )
    assert marker.exists()  # a worker did die holding kill.txt's partition
    assert set(client.run(os.getpid).values()) != before  # and the nanny replaced it
    assert not remote.skipped and remote.processed == 4
    assert remote.graph_path.read_bytes() == local.graph_path.read_bytes()


def test_article_that_kills_every_worker_is_given_up(tmp_path, cluster):
    client, _ = cluster
    src = _corpus(tmp_path / "src", SMALL[:2], {"killer.txt": f"{LINE}\n\n{KILL_ALWAYS}\n"})
    remote = kg.build(
        [src], out=tmp_path / "dask", executor="dask", scheduler=client.scheduler.address
    )
    assert [Path(s.path).name for s in remote.skipped] == ["killer.txt"]
    assert "killed its Dask worker" in remote.skipped[0].reason
    assert remote.articles == 2


def test_kg_starts_its_own_local_cluster(tmp_path):
    src = _corpus(tmp_path / "src", SMALL[:2])
    local = kg.build([src], out=tmp_path / "local", full=True)
    remote = kg.build([src], out=tmp_path / "dask", executor="dask", jobs=2)
    assert remote.graph_path.read_bytes() == local.graph_path.read_bytes()


def test_bad_executor_options_are_usage_errors(tmp_path):
    from kg.errors import UsageError

    for kwargs in (
        {"executor": "spark"},
        {"executor": "local", "jobs": 2},
        {"executor": "processes", "scheduler": "tcp://127.0.0.1:1"},
    ):
        with pytest.raises(UsageError):
            kg.build([ARTICLES], out=tmp_path / "x", **kwargs)


def test_strict_fails_on_a_poison_article_and_writes_nothing(tmp_path, monkeypatch):
    import kg.builder.executors
    from kg.errors import InputError

    src = _corpus(tmp_path / "src", SMALL[:1], {"poison.txt": f"{LINE}\n\n{POISON}\n"})
    out = tmp_path / "out"
    monkeypatch.setattr(
        kg.builder.executors, "extract", _sabotaged(kg.builder.executors.extract, None)
    )
    with pytest.raises(InputError, match="poisoned by the test"):
        kg.build([src], out=out, strict=True)
    assert not (out / "graph.ttl").exists() and not (out / "manifest.json").exists()


def test_an_unreachable_scheduler_is_exit_5_and_writes_nothing(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import kg.builder.executors
    from kg.cli import main

    monkeypatch.setattr(kg.builder.executors, "SCHEDULER_TIMEOUT", "1s")
    out = tmp_path / "out"
    args = ["build", str(SEED), "-o", str(out), "--executor", "dask"]
    result = CliRunner().invoke(main, [*args, "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 5
    assert result.output == (
        "kg: error: tcp://127.0.0.1:1: cannot reach the Dask scheduler: Timed out trying to "
        "connect to tcp://127.0.0.1:1 after 1 s\n"
    )
    assert not (out / "graph.ttl").exists()
    result = CliRunner().invoke(main, [*args, "--scheduler", "udp://127.0.0.1:1"])
    assert result.exit_code == 2 and "not a Dask scheduler address" in result.output


def test_the_nlp_log_names_the_scheduler(tmp_path, cluster, caplog):
    import logging

    client, _ = cluster
    caplog.set_level(logging.INFO, logger="kg")
    address = client.scheduler.address
    kg.build([SEED], out=tmp_path / "out", executor="dask", scheduler=address)
    lines = [r.getMessage() for r in caplog.records if r.name == "kg.builder.executors"]
    assert lines[-1].startswith(f"nlp: 1 article on the Dask scheduler at {address} in ")
    stages = [r.getMessage().split()[0] for r in caplog.records if r.name == "kg.builder.build"]
    assert stages[:3] == ["read", "cache", "nlp"] and stages[-1] == "build"


def test_dask_logs_only_with_v(tmp_path):
    quiet = run_kg("build", str(SEED), "-o", str(tmp_path / "a"), "--executor", "dask")
    assert quiet.returncode == 0, quiet.stderr
    assert "distributed" not in quiet.stderr and "INFO" not in quiet.stderr
    loud = run_kg("-v", "build", str(SEED), "-o", str(tmp_path / "b"), "--executor", "dask")
    assert loud.returncode == 0, loud.stderr
    assert "INFO distributed.scheduler: " in loud.stderr
    assert "INFO kg.builder.executors: nlp: 1 article on a Dask LocalCluster of 1 worker in " in (
        loud.stderr
    )
