"""kg as a normal Python package: the wheel carries its data (ontology, lexicons, gazetteer
data, viz assets), and an installed kg builds from any folder, with the checkout nowhere
on its path. A missing data file is an error, never a silently empty gazetteer."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from kg.errors import ResourceError
from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        cwd=dist,
    )
    (found,) = dist.glob("kg-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    """A fresh virtual environment outside the checkout with only the wheel installed; the
    dependencies come from this environment's site-packages through a .pth line (its own
    .pth files, such as the editable install of the checkout, are not processed)."""
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env


def test_the_wheel_carries_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for need in (
        "kg/_data/ontology/kg.ttl",
        "kg/_data/ontology/shapes.ttl",
        "kg/_data/gazetteer/countries.tsv",
        "kg/_data/gazetteer/places.yaml",
        "kg/_data/gazetteer/groups.yaml",
        "kg/_data/lexicons/events.yaml",
        "kg/views/viz_assets/viz.js",
    ):
        assert need in names, need


def _kg(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    return subprocess.run(
        [str(venv / "bin" / "kg"), *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_installed_kg_builds_from_another_folder(venv, tmp_path):
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import kg; print(kg.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(venv)) and not where.startswith(str(ROOT))
    article = tmp_path / "news" / "story.txt"
    article.parent.mkdir()
    article.write_bytes(SEED.read_bytes())
    run = _kg(venv, tmp_path, "build", "news", "--out", "graph")
    assert run.returncode == 0, run.stderr
    ttl = (tmp_path / "graph" / "graph.ttl").read_text(encoding="utf-8")
    assert "region:bashkortostan" in ttl and "kg:FederalSubject" in ttl
    valid = _kg(venv, tmp_path, "validate", "--graph", "graph")
    assert valid.returncode == 0, valid.stdout + valid.stderr


def test_a_missing_data_file_is_an_error_not_an_empty_gazetteer(venv, tmp_path):
    site = Path(
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-c",
                "import kg, os; print(os.path.dirname(kg.__file__))",
            ],
            cwd=tmp_path,  # not the checkout: "-c" puts the current folder first on the path
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    assert not site.is_relative_to(ROOT)
    places = site / "_data" / "gazetteer" / "places.yaml"
    kept = places.read_bytes()
    places.unlink()
    try:
        (tmp_path / "story.txt").write_bytes(SEED.read_bytes())
        run = _kg(venv, tmp_path, "build", "story.txt", "--out", "graph")
        assert run.returncode == 4
        assert run.stderr.startswith("kg: error: kg's data file is missing: ")
        assert "_data/gazetteer/places.yaml; reinstall kg" in run.stderr
        assert not (tmp_path / "graph" / "graph.ttl").exists()
    finally:
        places.write_bytes(kept)


def test_resource_names_the_missing_file():
    from kg.resources import resource

    with pytest.raises(ResourceError, match="kg's data file lexicons/nothing.yaml is missing"):
        resource("lexicons", "nothing.yaml")
