"""The derived data is what `make models` derives: rerunning the derivation on the same
sources gives the committed file (skipped without WordNet or ../shared/corpora)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

WORDNET = Path("/usr/share/wordnet/data.noun")


@pytest.mark.skipif(
    not WORDNET.exists() or not (SHARED / "corpora" / "gum").exists(),
    reason="needs Debian's wordnet-base and ../shared/corpora/gum",
)
def test_nominals_lexicon_is_reproducible(tmp_path):
    out = tmp_path / "nominals.yaml"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "train" / "nominals.py"),
            str(SHARED / "corpora"),
            "--out",
            str(out),
        ],
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
    )

    def body(p: Path) -> list[str]:  # the kg commit in the header differs, nothing else
        return [ln for ln in p.read_text(encoding="utf-8").splitlines() if "kg commit" not in ln]

    assert body(out) == body(ROOT / "data" / "lexicons" / "nominals.yaml")
