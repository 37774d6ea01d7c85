"""The class of a name decided in context, once for all its mentions in the article, with
the reason kept (kg:classReason). Sentences written for the test, through the real pipeline
and the linker."""

from __future__ import annotations

from kg.link import link
from kg.model import Extraction, MentionId
from tests.conftest import extracted


def _classes(x: Extraction, name: str) -> set[tuple[str, str | None]]:
    return {(m.cls, m.class_reason) for m in x.mentions if m.text == name and m.kind == "name"}


def test_a_place_that_plays_and_scores_is_its_team_and_keeps_the_place_as_literal():
    x = extracted(
        "France beat Brazil 2-1 in the final on Sunday. "
        "France scored twice in the first half, and Brazil's coach was sacked."
    )
    assert _classes(x, "France") == {("SportsTeam", "plays")}
    assert _classes(x, "Brazil") == {("SportsTeam", "plays")}
    linking = link([x])
    france = next(m for m in x.mentions if m.text == "France")
    lk = linking.links[MentionId(x.article.id, france.start, france.end)]
    assert lk.entity.startswith("Group/") and lk.reason == "metonymy"
    assert lk.literal == "Region/france"
    assert linking.entities[lk.entity].cls == "SportsTeam"


def test_a_place_that_signs_is_not_a_team():
    x = extracted("France said on Monday it would sign the treaty with Brazil in Paris.")
    assert _classes(x, "France") == {("Country", None)}


def test_one_vote_per_name_the_place_wins_where_it_is_a_place_more_often():
    x = extracted(
        "Germany played well in Dublin. We drove across Germany in May, "
        "stayed in Germany for a month and flew from Germany to Spain."
    )
    assert _classes(x, "Germany") == {("Country", None)}


def test_a_name_ner_read_as_a_group_used_as_a_known_place_is_that_place():
    x = extracted(
        "We arrived in Whitby late at night. Whitby is lovely in spring. "
        "From Whitby we drove north to Scarborough."
    )
    assert _classes(x, "Whitby") == {("City", "place-context")}


def test_without_evidence_the_gazetteer_alone_does_not_decide():
    x = extracted("Whitby is lovely in spring.")
    assert all(reason is None for _, reason in _classes(x, "Whitby"))


def test_a_result_alone_said_of_a_country_is_no_match():
    x = extracted("When do we beat Mexico at the border? They are laughing at us.")
    assert _classes(x, "Mexico") == {("Country", None)}


def test_a_work_product_or_event_is_no_entity_but_a_person_who_acts_stays():
    x = extracted(
        "Atwood launched her graphic novel Angel Catbird on Saturday. "
        "The bank backs the Nabucco pipeline. Hundreds died during the annual Hajj "
        "pilgrimage near Mecca, and officials said Mecca was calm."
    )
    names = {m.text for m in x.mentions if m.kind == "name"}
    assert not names & {"Angel Catbird", "Nabucco", "Hajj"}
    assert "Mecca" in names


def test_a_name_that_acts_more_than_it_names_a_work_stays():
    x = extracted(
        "Firefox is a browser. Firefox said it would ship a new Firefox browser, "
        "and Firefox hired engineers."
    )
    assert "Firefox" in {m.text for m in x.mentions}


def test_a_surname_that_a_town_shares_stays_the_person():
    x = extracted(
        "Barack Obama arrived in Mexico for trade talks. Obama spoke to reporters in Toluca, "
        "and a letter to Obama was read in the hall."
    )
    assert {cls for cls, _ in _classes(x, "Obama")} == {"Person"}


def test_a_body_named_once_beside_a_report_stays_a_body():
    x = extracted(
        "A sensitive Environment Canada document was found in Ottawa. Environment Canada "
        "spokesperson Julie Hahn said the Environment Canada report was old."
    )
    assert "Environment Canada" in {m.text for m in x.mentions}
