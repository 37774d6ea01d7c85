"""The analyst's link override file wins over the linker, on real articles."""

from __future__ import annotations

import pytest

import kg
from kg.errors import UsageError
from kg.link import link
from kg.link.overrides import load_overrides
from tests.conftest import SEED, select
from tests.conftest import extraction_of as doc


def _write(tmp_path, text: str):
    p = tmp_path / "links.yaml"
    p.write_text(text, encoding="utf-8")
    return load_overrides(p)


def test_merge_joins_what_the_linker_keeps_apart(tmp_path):
    a = doc("Volodymyr Zelensky spoke.", ("Volodymyr Zelensky", "Person"))
    b = doc("Ze said.", ("Ze", "Person"))
    assert len(link([a, b]).entities) == 2
    ov = _write(tmp_path, "merge:\n  - [Volodymyr Zelensky, Ze]\n")
    linking = link([a, b], overrides=ov)
    assert len(linking.entities) == 1
    lk = linking.links[(b.article.id, 0, 2)]
    assert (lk.entity, lk.reason) == ("Person/volodymyr-zelensky", "override")


def test_never_merge_keeps_apart_what_the_linker_would_join(tmp_path):
    a = doc("Volodymyr Zelenskyy spoke.", ("Volodymyr Zelenskyy", "Person"))
    b = doc("Volodymyr Zelensky spoke.", ("Volodymyr Zelensky", "Person"))
    assert len(link([a, b]).entities) == 1  # fuzzy variants
    ov = _write(tmp_path, "never_merge:\n  - [Volodymyr Zelenskyy, Volodymyr Zelensky]\n")
    assert len(link([a, b], overrides=ov).entities) == 2


def test_a_mention_can_be_pointed_at_an_entity(tmp_path):
    a = doc("Jordan spoke to Amman.", ("Jordan", "Person"))
    ov = _write(
        tmp_path,
        f"mentions:\n  - {{article: {a.article.id[:12]}, start: 0, end: 6, entity: Jordan}}\n",
    )
    lk = link([a], overrides=ov).links[(a.article.id, 0, 6)]
    assert (lk.entity, lk.reason) == ("Region/jordan", "override")


def test_bad_override_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="needs two or more names"):
        _write(tmp_path, "merge:\n  - [Alone]\n")
    with pytest.raises(UsageError, match="not found"):
        load_overrides(tmp_path / "missing.yaml")


def test_override_file_applies_through_kg_build(tmp_path):
    links = tmp_path / "links.yaml"
    links.write_text("merge:\n  - [Ruslan Gabbasov, Vladimir Putin]\n", encoding="utf-8")
    result = kg.build([SEED], out=tmp_path / "out", links=links)
    g = kg.load(result.out)
    rows = select(
        g, "SELECT DISTINCT ?r WHERE { ?m kg:surfaceForm 'Ruslan Gabbasov' ; kg:linkReason ?r }"
    )
    assert rows == [("override",)]
    people = select(
        g, "SELECT ?p WHERE { ?p a kg:Person FILTER NOT EXISTS { ?p a kg:Participant } }"
    )
    assert len(people) == 1
