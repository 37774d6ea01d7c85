"""kg's rules on top of en_core_web_sm, each on a short real-looking text through the real
pipeline: what a reader would mark as a mention, and of what class."""

from __future__ import annotations

from kg.link import link
from kg.model import Extraction
from tests.conftest import extracted


def _found(x: Extraction) -> dict[str, str]:
    return {m.text: m.cls for m in x.mentions}


def test_a_name_found_once_is_found_again_later():
    x = extracted(
        "Novelist Margaret Atwood launched a book in Toronto on Saturday. "
        "Atwood, a Booker Prize-winner, signed copies for two hours."
    )
    atwood = [m for m in x.mentions if m.text == "Atwood"]
    assert atwood and atwood[0].cls == "Person"


def test_the_longest_known_name_wins_over_a_name_inside_it():
    x = extracted(
        "A sensitive Environment Canada document was found on an Ottawa street. "
        "Environment Canada spokesperson Julie Hahn said the rules apply."
    )
    spans = [(m.text, m.cls) for m in x.mentions if "Canada" in m.text]
    assert spans == [("Environment Canada", "GovernmentBody")] * 2


def test_titles_and_portfolios_alone_are_not_names():
    found = _found(
        extracted("On Wednesday, Home Secretary Suella Braverman told reporters it was clear.")
    )
    assert "Home" not in found
    assert found["Suella Braverman"] == "Person"


def test_product_codes_and_handles_are_not_names():
    found = _found(
        extracted("Microsoft asked users to stop using IE6. President Obama tweeted from @POTUS.")
    )
    assert "IE6" not in found and "@POTUS" not in found


def test_title_before_a_name_and_its_later_use_refer_to_that_person():
    x = extracted(
        "On Wednesday, Home Secretary Suella Braverman announced the plan. "
        "Later the Home Secretary said the backlog would be cleared."
    )
    titles = [m for m in x.mentions if m.text == "Home Secretary"]
    assert len(titles) == 2
    person = next(m for m in x.mentions if m.text == "Suella Braverman")
    assert all(t.antecedent == (person.start, person.end) for t in titles)
    linking = link([x])
    ids = {linking.links[(x.article.id, m.start, m.end)].entity for m in [person, *titles]}
    assert ids == {"Person/suella-braverman"}
    assert "Home Secretary" not in linking.entities["Person/suella-braverman"].alt_labels


def test_comma_apposition_is_a_description_of_the_person():
    x = extracted("The State Department said John Kerry, the Secretary of State, called Bangkok.")
    desc = [m for m in x.mentions if m.antecedent is not None]
    assert [m.text for m in desc] == ["Secretary of State"]
    linking = link([x])
    assert linking.links[(x.article.id, desc[0].start, desc[0].end)].reason == "apposition"


def test_places_nested_in_organisation_names():
    found = _found(
        extracted(
            "A research team from the University of Texas and Colorado State University spoke."
        )
    )
    assert found.get("Texas") == "FederalSubject"
    assert found.get("Colorado") == "FederalSubject"


def test_nationality_then_a_body_is_the_body():
    found = _found(extracted("According to the Saudi Interior Ministry, 345 pilgrims were killed."))
    assert found.get("Saudi Interior Ministry") == "GovernmentBody"


def test_newspaper_named_after_a_place_is_a_media_channel():
    found = _found(extracted('"MP calls for probe" — Edmonton Sun, August 16, 2008'))
    assert found.get("Edmonton Sun") == "MediaChannel"


def test_one_class_per_name_per_article():
    x = extracted(
        "Ahmed posted the photo on Twitter. The hashtag on Twitter spread quickly. "
        "Twitter said it would look into the account."
    )
    assert {m.cls for m in x.mentions if m.text == "Twitter"} == {"Organization"}


def _links_of(text: str, surface: str):
    x = extracted(text)
    linking = link([x])
    ms = [m for m in x.mentions if m.text == surface]
    return [linking.links[(x.article.id, m.start, m.end)] for m in ms]


def test_capital_as_actor_is_its_government_and_the_city_is_recorded():
    (moscow,) = _links_of("Moscow said on Monday that the talks had failed.", "Moscow")
    assert (moscow.entity, moscow.reason) == ("Group/government-of-russia", "metonymy")
    assert moscow.literal == "Region/moscow"


def test_independence_from_the_capital_is_from_its_government():
    (moscow,) = _links_of("Activists are seeking independence from Moscow.", "Moscow")
    assert moscow.entity == "Group/government-of-russia"


def test_capital_as_place_stays_the_city():
    (moscow,) = _links_of("Thousands marched through Moscow on Saturday.", "Moscow")
    assert (moscow.entity, moscow.literal) == ("Region/moscow", None)


def test_washington_decision_is_the_us_government():
    (wash,) = _links_of("Washington's decision angered Brussels.", "Washington")
    assert wash.entity == "Group/united-states-federal-government"


def test_a_countrys_body_named_by_the_possessive():
    found = _found(extracted("Ukraine’s parliament adopted a resolution on Chechnya on Tuesday."))
    assert found.get("Ukraine’s parliament") == "GovernmentBody"
    assert found.get("Ukraine") == "Country"  # the country named inside, nested


def test_resolution_agent_is_the_parliament(seed_graph):
    from tests.conftest import select

    rows = select(
        seed_graph,
        "SELECT ?a WHERE { ?e a kg:Resolution ; kg:agent ?a }",
    )
    assert rows == [("https://w3id.org/kg/resource/group/verkhovna-rada",)]
