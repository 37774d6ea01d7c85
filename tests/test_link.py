"""The linker on plain Extraction data (no spaCy needed) and on the real corpus."""

from __future__ import annotations

import pytest

from kg.link import link
from kg.model import Extraction
from tests.conftest import extraction_of as doc


def entity_of(linking, x: Extraction, surface: str, nth: int = 0):
    ms = [m for m in x.mentions if m.text == surface]
    link_ = linking.links[(x.article.id, ms[nth].start, ms[nth].end)]
    return linking.entities[link_.entity], link_


def test_partial_name_resolves_to_the_full_name_of_the_same_article():
    a = doc("John Smith spoke. Later Smith left.", ("John Smith", "Person"), ("Smith", "Person"))
    b = doc("Mary Smith arrived. Smith sat.", ("Mary Smith", "Person"), ("Smith", "Person"))
    linking = link([a, b])
    assert entity_of(linking, a, "Smith")[0].label == "John Smith"
    assert entity_of(linking, b, "Smith")[0].label == "Mary Smith"
    assert entity_of(linking, a, "Smith")[1].reason == "partial-name"


def test_ambiguous_partial_name_across_articles_stays_apart():
    a = doc("John Smith spoke.", ("John Smith", "Person"))
    b = doc("Mary Smith arrived.", ("Mary Smith", "Person"))
    c = doc("Smith was not reached for comment.", ("Smith", "Person"))
    linking = link([a, b, c])
    assert entity_of(linking, c, "Smith")[0].label == "Smith"


def test_unambiguous_partial_name_across_articles_links_with_lower_score_when_corroborated():
    a = doc("Vladimir Putin spoke in Moscow.", ("Vladimir Putin", "Person"), ("Moscow", "City"))
    c = doc("Putin left Moscow.", ("Putin", "Person"), ("Moscow", "City"))
    linking = link([a, c])
    ent, why = entity_of(linking, c, "Putin")
    assert ent.label == "Vladimir Putin"
    assert why.reason == "partial-name" and why.score < 0.9


def test_a_bare_surname_in_another_article_with_nothing_else_in_common_stays_apart():
    a = doc("Vladimir Putin spoke in Moscow.", ("Vladimir Putin", "Person"), ("Moscow", "City"))
    c = doc("Putin left Lima.", ("Putin", "Person"), ("Lima", "City"))
    linking = link([a, c])
    assert entity_of(linking, c, "Putin")[0].label == "Putin"


def test_a_bare_surname_whose_articles_share_only_a_country_stays_apart():
    a = doc("Vladimir Putin spoke in Russia.", ("Vladimir Putin", "Person"), ("Russia", "Country"))
    c = doc("Putin left Russia.", ("Putin", "Person"), ("Russia", "Country"))
    linking = link([a, c])
    assert entity_of(linking, c, "Putin")[0].label == "Putin"


def _described(x: Extraction, surface: str, name: str, why: str) -> Extraction:
    """``x`` with ``surface`` made a description of the name ``name`` (apposition, title)."""
    from dataclasses import replace

    named = next(m for m in x.mentions if m.text == name)
    ms = [
        replace(m, kind="nominal", antecedent=(named.start, named.end), reason=why)
        if m.text == surface
        else m
        for m in x.mentions
    ]
    return replace(x, mentions=tuple(ms))


def test_a_bare_surname_given_the_same_role_in_both_articles_joins_the_full_name():
    a = doc("Minister Jane Doe spoke.", ("Minister", "Person"), ("Jane Doe", "Person"))
    a = _described(a, "Minister", "Jane Doe", "title")
    c = doc("The minister, Doe, left.", ("The minister", "Person"), ("Doe", "Person"))
    c = _described(c, "The minister", "Doe", "apposition")
    linking = link([a, c])
    ent, why = entity_of(linking, c, "Doe")
    assert ent.label == "Jane Doe" and why.reason == "partial-name"
    other = doc("The singer, Doe, left.", ("The singer", "Person"), ("Doe", "Person"))
    other = _described(other, "The singer", "Doe", "apposition")
    assert entity_of(link([a, other]), other, "Doe")[0].label == "Doe"


def test_an_organisations_short_form_joins_its_long_name_in_the_same_article():
    a = doc(
        "The Halifax Port Authority met. The Port Authority voted. Acme Widgets Corporation "
        "said Acme Widgets would comply.",
        ("Halifax Port Authority", "GovernmentBody"),
        ("Port Authority", "Organization"),
        ("Acme Widgets Corporation", "Organization"),
        ("Acme Widgets", "Organization"),
    )
    linking = link([a])
    ent, why = entity_of(linking, a, "Port Authority")
    assert ent.label == "Halifax Port Authority" and why.reason == "short-name"
    ent, why = entity_of(linking, a, "Acme Widgets")
    assert ent.label == "Acme Widgets Corporation" and why.reason == "short-name"


def test_a_clipped_short_form_joins_its_long_name_but_a_whole_word_prefix_does_not():
    a = doc(
        "Pennsylvania State University grew. Penn State hired staff. The Ohio State Press "
        "Office and Ohio Press met.",
        ("Pennsylvania State University", "Organization"),
        ("Penn State", "Organization"),
        ("Ohio State Press Office", "Organization"),
        ("Ohio Press", "Organization"),
    )
    linking = link([a])
    ent, why = entity_of(linking, a, "Penn State")
    assert ent.label == "Pennsylvania State University" and why.reason == "short-name"
    # whole words, none cut short: "Ohio Press" is no short form of the press office
    assert entity_of(linking, a, "Ohio Press")[0].label == "Ohio Press"


def test_a_first_name_or_surname_joins_the_one_full_name_introduced_before_it():
    a = doc(
        "Ahmed Mohamed built a clock. Mohamed was arrested. Ahmed smiled. "
        "His father Mohamed El-Hassan Mohamed spoke.",
        ("Ahmed Mohamed", "Person"),
        ("Mohamed", "Person"),
        ("Ahmed", "Person"),
        ("Mohamed El-Hassan Mohamed", "Person"),
    )
    linking = link([a])
    assert entity_of(linking, a, "Mohamed")[0].label == "Ahmed Mohamed"
    assert entity_of(linking, a, "Ahmed")[0].label == "Ahmed Mohamed"
    assert entity_of(linking, a, "Mohamed El-Hassan Mohamed")[0].label != "Ahmed Mohamed"


@pytest.mark.parametrize(
    "text, names, short",
    [
        (
            "John Smith and Mary Smith arrived. Smith spoke.",
            (("John Smith", "Person"), ("Mary Smith", "Person"), ("Smith", "Person")),
            "Smith",
        ),
        (
            "The Halifax Rowing Club and the Dartmouth Rowing Club met. The Rowing Club spoke.",
            (
                ("Halifax Rowing Club", "Organization"),
                ("Dartmouth Rowing Club", "Organization"),
                ("Rowing Club", "Organization"),
            ),
            "Rowing Club",
        ),
    ],
    ids=["surname", "organisation"],
)
def test_a_short_name_two_longer_names_compete_for_stays_apart(text, names, short):
    a = doc(text, *names)
    assert entity_of(link([a]), a, short)[0].label == short


def test_titles_do_not_stop_a_name_from_linking():
    a = doc(
        "President Volodymyr Zelensky spoke. Mr. Zelensky left.",
        ("President Volodymyr Zelensky", "Person"),
        ("Mr. Zelensky", "Person"),
    )
    linking = link([a])
    e1, _ = entity_of(linking, a, "President Volodymyr Zelensky")
    e2, _ = entity_of(linking, a, "Mr. Zelensky")
    assert e1 == e2


def test_transliteration_variants_merge_as_fuzzy():
    a = doc("Volodymyr Zelenskyy spoke.", ("Volodymyr Zelenskyy", "Person"))
    b = doc("Volodymyr Zelensky spoke.", ("Volodymyr Zelensky", "Person"))
    linking = link([a, b])
    ea, la = entity_of(linking, a, "Volodymyr Zelenskyy")
    eb, lb = entity_of(linking, b, "Volodymyr Zelensky")
    assert ea == eb
    assert "fuzzy" in (la.reason, lb.reason)


def test_different_people_with_similar_names_stay_apart():
    a = doc("John Smith spoke.", ("John Smith", "Person"))
    b = doc("Jane Smyth spoke.", ("Jane Smyth", "Person"))
    linking = link([a, b])
    assert entity_of(linking, a, "John Smith")[0] != entity_of(linking, b, "Jane Smyth")[0]


def test_diacritics_and_case_are_one_entity():
    a = doc("Gérald Darmanin said.", ("Gérald Darmanin", "Person"))
    b = doc("GERALD DARMANIN said.", ("GERALD DARMANIN", "Person"))
    linking = link([a, b])
    assert (
        entity_of(linking, a, "Gérald Darmanin")[0] == entity_of(linking, b, "GERALD DARMANIN")[0]
    )


def test_acronym_introduced_in_text():
    a = doc(
        "The Syrian Democratic Forces (SDF) advanced.",
        ("Syrian Democratic Forces", "Organization"),
    )
    b = doc("The SDF said it held the town.", ("SDF", "Organization"))
    linking = link([a, b])
    ea, _ = entity_of(linking, a, "Syrian Democratic Forces")
    eb, lb = entity_of(linking, b, "SDF")
    assert ea == eb
    assert ea.label == "Syrian Democratic Forces"


@pytest.mark.parametrize(
    "surface", ["Bashkortostan", "Republic of Bashkortostan", "Bashkiria", "Bashqortostan"]
)
def test_gazetteer_aliases_are_one_region(surface):
    x = doc(f"{surface} is in Russia.", (surface, "Region"))
    ent, why = entity_of(link([x]), x, surface)
    assert (ent.key, ent.cls, ent.label, ent.iso) == (
        "bashkortostan",
        "FederalSubject",
        "Bashkortostan",
        "RU-BA",
    )
    assert why.reason in ("gazetteer", "gazetteer-alias")


@pytest.mark.parametrize(
    ("surface", "cls"), [("Bashkirs", "Region"), ("Bashkiri", "Region"), ("Bashkir", "EthnicGroup")]
)
def test_demonyms_are_the_ethnic_group_whatever_ner_said(surface, cls):
    x = doc(f"{surface} people live here.", (surface, cls))
    ent, _ = entity_of(link([x]), x, surface)
    assert (ent.cls, ent.label) == ("EthnicGroup", "Bashkirs")


def test_country_demonym_is_its_people():
    x = doc("Ukrainians have not harmed them.", ("Ukrainians", "EthnicGroup"))
    ent, _ = entity_of(link([x]), x, "Ukrainians")
    assert (ent.cls, ent.top, ent.label) == ("EthnicGroup", "Group", "Ukrainians")


def test_class_vote_over_mentions():
    a = doc(
        "Fuad Basya said. Basya added. In Basya we trust.",
        ("Fuad Basya", "Person"),
        ("Basya", "Person"),
        ("Basya", "Region"),
    )
    linking = link([a])
    assert entity_of(linking, a, "Basya", 1)[0].label == "Fuad Basya"


def test_result_does_not_depend_on_input_order(corpus_build):
    xs = corpus_build.extractions
    forward = link(xs)
    backward = link(list(reversed(xs)))
    assert forward.entities == backward.entities
    assert forward.links == backward.links


def test_surname_tagged_as_organisation_follows_the_full_name():
    a = doc(
        "Paul Dewar said. Dewar added. Dewar left. Dewar wrote.",
        ("Paul Dewar", "Person"),
        ("Dewar", "Organization"),
        ("Dewar", "Organization"),
        ("Dewar", "Organization"),
    )
    linking = link([a])
    ent, why = entity_of(linking, a, "Dewar", 2)
    assert (ent.cls, ent.label, why.reason) == ("Person", "Paul Dewar", "partial-name")


def test_misspelt_known_name_joins_the_known_entity():
    a = doc("The United Nations said.", ("United Nations", "Organization"))
    b = doc("The Untied Nations and the US criticised it.", ("Untied Nations", "Organization"))
    linking = link([a, b])
    ent, why = entity_of(linking, b, "Untied Nations")
    assert (ent.key, why.reason) == ("united-nations", "fuzzy")


def test_the_class_vote_ranks_every_entity_class_of_the_ontology_once():
    from kg.link.entities import CLASS_ORDER
    from kg.ontology import hierarchy

    assert sorted(CLASS_ORDER) == sorted(hierarchy().top_of)
    assert len(set(CLASS_ORDER)) == len(CLASS_ORDER)


def test_a_name_without_its_middle_name_is_the_full_name_of_the_same_article():
    a = doc(
        "Matthew William Goode was born in Exeter. Matthew Goode later acted. Goode smiled.",
        ("Matthew William Goode", "Person"),
        ("Matthew Goode", "Person"),
        ("Goode", "Person"),
    )
    b = doc("Matthew Goode spoke in Leeds.", ("Matthew Goode", "Person"))
    c = doc("Matthew James Goode spoke in York.", ("Matthew James Goode", "Person"))
    linking = link([a, b, c])
    full = entity_of(linking, a, "Matthew William Goode")[0]
    assert entity_of(linking, a, "Matthew Goode")[0] == full
    assert entity_of(linking, a, "Goode")[0] == full
    assert entity_of(linking, c, "Matthew James Goode")[0] != full


def test_a_name_that_drops_a_first_name_is_the_full_name_of_the_same_article():
    a = doc(
        "Ana Elena Ruiz Vidal won. Elena Vidal thanked her team.",
        ("Ana Elena Ruiz Vidal", "Person"),
        ("Elena Vidal", "Person"),
    )
    b = doc("Elena Vidal spoke in Leeds.", ("Elena Vidal", "Person"))
    linking = link([a, b])
    full = entity_of(linking, a, "Ana Elena Ruiz Vidal")[0]
    assert entity_of(linking, a, "Elena Vidal")[0] == full
    assert entity_of(linking, a, "Elena Vidal")[1].reason == "partial-name"


def test_an_acronym_joins_the_one_long_name_of_its_article_it_spells():
    a = doc(
        "Creative Commons licences spread. The CC licence is free.",
        ("Creative Commons", "Organization"),
        ("CC", "Organization"),
    )
    b = doc(
        "Creative Commons and the Cycling Club met. CC said yes.",
        ("Creative Commons", "Organization"),
        ("Cycling Club", "Organization"),
        ("CC", "Organization"),
    )
    linking = link([a, b])
    ent, why = entity_of(linking, a, "CC")
    assert ent.label == "Creative Commons" and why.reason == "acronym"
    assert entity_of(linking, b, "CC")[0].label != "Cycling Club"
