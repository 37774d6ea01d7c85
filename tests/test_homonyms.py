"""A name the gazetteer knows as a place and the article uses as a person's surname is
decided by the article, not by the gazetteer alone. Sentences written for the test, through
the real pipeline and the linker."""

from __future__ import annotations

from kg.link import link
from kg.model import Extraction, MentionId
from tests.conftest import extracted


def _entities(x: Extraction, name: str) -> list[str]:
    """The entity of each name mention with this surface, in text order."""
    linking = link([x])
    return [
        linking.links[MentionId(x.article.id, m.start, m.end)].entity
        for m in x.mentions
        if m.text == name and m.kind == "name"
    ]


def test_a_surname_that_is_also_a_city_is_the_person_where_it_acts():
    x = extracted("Actor Denzel Washington won an award. Washington thanked his family.")
    assert _entities(x, "Washington") == ["Person/denzel-washington"]


def test_the_same_word_after_a_preposition_stays_the_place():
    x = extracted(
        "Actor Denzel Washington flew to Washington on Sunday. "
        "Washington met officials in Washington."
    )
    assert _entities(x, "Washington") == [
        "Region/washington-d-c",
        "Person/denzel-washington",
        "Region/washington-d-c",
    ]


def test_without_a_full_name_the_gazetteer_still_reads_the_place():
    x = extracted("Officials in Washington said the talks would resume.")
    assert _entities(x, "Washington") == ["Region/washington-d-c"]
