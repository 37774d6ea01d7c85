"""The seed article's graph holds what a reader of it expects (issue acceptance list)."""

from __future__ import annotations

import pytest

import kg
from tests.conftest import SEED, select


def labels_of(graph, cls: str) -> set[str]:
    return {r[0] for r in select(graph, f"SELECT ?l WHERE {{ ?x a kg:{cls} ; skos:prefLabel ?l }}")}


def test_one_person_for_putin_with_full_name(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?p ?l WHERE { ?p a kg:Person ; skos:prefLabel ?l .
           FILTER(CONTAINS(LCASE(?l), "putin")) }""",
    )
    assert rows == [("https://w3id.org/kg/resource/person/vladimir-putin", "Vladimir Putin")]
    # every "Putin" mention refers to that one node
    n = select(
        seed_graph,
        """SELECT (COUNT(?m) AS ?n) WHERE { ?m kg:refersTo person:vladimir-putin ;
             kg:mentionKind "name" }""",
    )
    assert int(n[0][0]) == 5  # the sixth "Putin" is in the related-articles list
    # and "his" in "his war" refers to him too
    his = select(
        seed_graph,
        """SELECT ?s ?r WHERE { ?m kg:refersTo person:vladimir-putin ; kg:mentionKind "pronoun" ;
             kg:surfaceForm ?s ; kg:linkReason ?r }""",
    )
    assert his == [("his", "pronoun")]


def test_gabbasov_is_a_person(seed_graph):
    assert "Ruslan Gabbasov" in labels_of(seed_graph, "Person")


def test_one_region_for_bashkortostan(seed_graph):
    regions = [lab for lab in labels_of(seed_graph, "Region") if "bashk" in lab.lower()]
    assert regions == ["Bashkortostan"]
    rows = select(seed_graph, "SELECT ?c WHERE { region:bashkortostan kg:isoCode ?c }")
    assert rows == [("RU-BA",)]


def test_bashkirs_are_one_ethnic_group_and_no_region(seed_graph):
    groups = [lab for lab in labels_of(seed_graph, "EthnicGroup") if "bashk" in lab.lower()]
    assert groups == ["Bashkirs"]
    assert not [
        lab
        for lab in labels_of(seed_graph, "Region")
        if lab.lower().startswith("bashkir") and lab != "Bashkortostan"
    ]
    # "Bashkiri" (in "Bashkiri nationalists") is linked to the people
    rows = select(
        seed_graph,
        """SELECT ?l WHERE { ?m kg:surfaceForm "Bashkiri" ; kg:refersTo/skos:prefLabel ?l }""",
    )
    assert rows and {r[0] for r in rows} <= {"Bashkirs", "Bashkortostan"}


def test_committee_label_is_clean(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?g WHERE { ?g a kg:Group ;
                                skos:prefLabel "Committee of the Bashkir Resistance" }""",
    )
    assert len(rows) == 1


@pytest.mark.parametrize("name", ["Russia", "Ukraine", "Chechnya", "Moscow"])
def test_regions_present(seed_graph, name):
    assert name in labels_of(seed_graph, "Region")


def test_volga_and_urals_are_entities(seed_graph):
    natural = labels_of(seed_graph, "NaturalPlace")
    assert any("Volga" in lab for lab in natural)
    assert any("Ural" in lab for lab in natural)


@pytest.mark.parametrize(
    "junk", ["MI6", "Express", "NATO", "Hungary", "Kyiv", "North Korea", "Wagner", "Free Russia"]
)
def test_nothing_from_related_articles_or_comment(seed_graph, junk):
    rows = select(
        seed_graph,
        f"""SELECT ?x WHERE {{ {{ ?x skos:prefLabel ?l }} UNION {{ ?x skos:altLabel ?l }}
            FILTER(CONTAINS(LCASE(STR(?l)), LCASE("{junk}"))) }}""",
    )
    assert rows == []


def test_no_mention_inside_boilerplate(seed_graph):
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("RELATED ARTICLES")
    rows = select(seed_graph, "SELECT ?s WHERE { ?m kg:charStart ?s }")
    assert rows and max(int(r[0]) for r in rows) < cut


def test_every_label_is_clean(seed_graph):
    for (label,) in select(
        seed_graph, "SELECT ?l WHERE { { ?x skos:prefLabel ?l } UNION { ?x skos:altLabel ?l } }"
    ):
        assert label == label.strip()
        assert "\n" not in label
        assert not label.lower().startswith("the ")
        assert not any(q in label for q in '"“”')  # an apostrophe inside may stay
        assert label[0] not in "'‘’" and label[-1] not in "'‘’"
        assert not label.endswith(("'s", "’s", ",", ";", ":"))


@pytest.mark.parametrize("etype", ["Arson", "Attack", "GroupFormation", "Resolution", "Invasion"])
def test_seed_events(seed_graph, etype):
    rows = select(
        seed_graph,
        f"""SELECT ?e ?trigger WHERE {{ ?e a kg:{etype}, kg:Event ; kg:trigger ?trigger .
            ?m kg:refersTo ?e ; prov:wasDerivedFrom ?a ; kg:charStart ?s }}""",
    )
    assert rows, f"no {etype} event"


def test_invasion_roles(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?a ?t WHERE { ?e a kg:Invasion ; kg:agent ?a ; kg:target ?t }""",
    )
    # Putin's invasion of Ukraine, and the region the resolution recognises "as occupied by
    # Russia"
    assert sorted(rows) == [
        (
            "https://w3id.org/kg/resource/person/vladimir-putin",
            "https://w3id.org/kg/resource/region/ukraine",
        ),
        (
            "https://w3id.org/kg/resource/region/russia",
            "https://w3id.org/kg/resource/region/chechen-republic-of-ichkeria",
        ),
    ]


def test_committee_creation_is_a_group_formation(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?t WHERE { ?e a kg:GroupFormation ; kg:target ?t . ?t a kg:Group }""",
    )
    assert rows


def test_independence_declaration_has_its_year(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?a ?y WHERE { ?e a kg:IndependenceDeclaration ; kg:agent ?a ; kg:time ?y }""",
    )
    assert rows == [("https://w3id.org/kg/resource/region/chechnya", "1991")]


def test_at_least_ten_facts_with_provenance(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?st ?s ?p ?o ?art ?sent ?b ?e WHERE {
             ?st a kg:Statement ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o ;
                 prov:wasDerivedFrom ?art ; kg:sentence ?sent ; kg:charStart ?b ; kg:charEnd ?e ;
                 kg:extractor ?x ; kg:confidence ?c .
             ?art a kg:Article }""",
    )
    assert len(rows) >= 10
    # each statement's truthy triple is asserted too, unless a speaker claims it
    claimed = {r[0] for r in select(seed_graph, "SELECT ?st WHERE { ?st kg:claimedBy ?x }")}
    for st, s, p, o, *_ in rows:
        asserted = kg.query(seed_graph, f"ASK {{ <{s}> <{p}> <{o}> }}").askAnswer
        assert asserted or st in claimed


def test_every_offset_slices_non_empty_article_text(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?text ?s ?e WHERE { ?n prov:wasDerivedFrom ?a ; kg:charStart ?s ; kg:charEnd ?e .
             ?a kg:text ?text }""",
    )
    assert len(rows) > 40
    for text, s, e in rows:
        s, e = int(s), int(e)
        assert 0 <= s < e <= len(text)
        assert text[s:e].strip()


def test_mention_surface_form_is_the_text_at_its_offsets(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?text ?s ?e ?f WHERE { ?m a kg:Mention ; kg:surfaceForm ?f ;
             prov:wasDerivedFrom/kg:text ?text ; kg:charStart ?s ; kg:charEnd ?e }""",
    )
    assert rows
    for text, s, e, form in rows:
        assert text[int(s) : int(e)] == form


def test_article_text_is_the_file_text(seed_graph):
    rows = select(seed_graph, "SELECT ?t WHERE { ?a a kg:Article ; kg:text ?t }")
    assert rows == [(SEED.read_text(encoding="utf-8"),)]


def test_entities_carry_top_and_specific_class(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?x WHERE { ?x a kg:FederalSubject . FILTER NOT EXISTS { ?x a kg:Region } }""",
    )
    assert rows == []
    rows = select(
        seed_graph,
        """SELECT ?x WHERE { ?x skos:prefLabel ?l ; kg:mentionCount ?n .
           FILTER NOT EXISTS { ?x a ?top . VALUES ?top { kg:Person kg:Region kg:Group } } }""",
    )
    assert rows == []


def test_build_metadata_has_no_timestamp(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?v ?p ?f WHERE { ?b a kg:Build ; kg:kgVersion ?v ; kg:pipeline ?p ;
                                   kg:configFingerprint ?f }""",
    )
    assert len(rows) == 1
    assert "en_core_web_sm" in rows[0][1]
    assert not select(
        seed_graph, "SELECT ?x WHERE { ?x ?p ?o . FILTER(DATATYPE(?o) = xsd:dateTime) }"
    )


def test_gabbasov_quote_with_him_as_speaker(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?cue ?text ?direct WHERE { ?q a kg:Quote ; kg:speaker person:ruslan-gabbasov ;
             kg:cue ?cue ; kg:quoteText ?text ; kg:direct ?direct ;
             prov:wasDerivedFrom ?a ; kg:charStart ?s ; kg:charEnd ?e ; kg:inSentence ?sent }""",
    )
    cues = {r[0] for r in rows}
    assert "emphasized" in cues
    text = next(r[1] for r in rows if r[0] == "emphasized")
    assert text.startswith("Putin’s war in Ukraine had no connection")
    assert all(r[2] == "false" for r in rows)  # reported speech, not in quote marks


def test_what_the_speaker_claims_is_theirs_not_the_articles(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?e ?modality WHERE { ?e a kg:Arrest ; kg:claimedBy person:ruslan-gabbasov ;
             kg:modality ?modality }""",
    )
    assert rows and rows[0][1] == "reported"


@pytest.mark.parametrize("etype", ["Arson", "Attack"])
def test_arson_and_attacks_happened_in_bashkortostan_by_inference(seed_graph, etype):
    rows = select(
        seed_graph,
        f"""SELECT ?m ?inferred ?x WHERE {{ ?e a kg:{etype} ; kg:place region:bashkortostan ;
              kg:modality ?m ; kg:placeInferred ?inferred .
              ?st kg:subject ?e ; kg:predicate kg:place ; kg:extractor ?x }}""",
    )
    # its own roles may name an unnamed place ("arson at army recruitment centers"); the
    # region is still inferred from the article
    assert ("asserted", "true", "kg.events.article-place") in rows


def test_events_placed_by_their_own_roles_are_not_moved(seed_graph):
    rows = select(seed_graph, "SELECT ?p WHERE { ?e a kg:Invasion ; kg:place ?p }")
    assert rows == []


def test_draft_evasion_is_a_demand_not_a_mobilization_that_happened(seed_graph):
    rows = select(
        seed_graph, "SELECT ?m WHERE { ?e a kg:Mobilization ; kg:trigger 'draft' ; kg:modality ?m }"
    )
    assert rows == [("demanded",)]


def test_resolution_is_about_ichkeria(seed_graph):
    rows = select(seed_graph, "SELECT ?l WHERE { ?e a kg:Resolution ; kg:topic/skos:prefLabel ?l }")
    assert rows == [("Chechen Republic of Ichkeria",)]


def test_the_bashkirs_inhabit_bashkortostan(seed_graph):
    rows = select(
        seed_graph,
        """SELECT ?x WHERE { group:bashkirs kg:inhabits region:bashkortostan .
             ?st kg:subject group:bashkirs ; kg:predicate kg:inhabits ; kg:extractor ?x }""",
    )
    assert rows == [("kg.relations.verb-frame",)]
