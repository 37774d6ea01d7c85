"""`kg show`: one entity with its mentions, facts and events, on a real build of the seed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

import kg
from kg.cli import main
from kg.errors import UsageError
from kg.graph.namespaces import KG, KGR, bind
from kg.views.show import AmbiguousEntity, describe, format_text
from tests.conftest import SEED

PUTIN = str(KGR["person/vladimir-putin"])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("show")
    kg.build([SEED], out=out)
    return out


@pytest.fixture(scope="module")
def graph(built):
    return kg.load(built)


def _text(graph: Graph, article: str) -> str:
    return str(graph.value(URIRef(article), KG.text))


def show(built, *args: str):
    return CliRunner().invoke(main, ["show", *args, "--graph", str(built)])


def test_putin_by_name_lists_his_mentions_with_evidence(graph):
    d = describe(graph, "Putin")
    assert d["iri"] == PUTIN
    assert d["label"] == "Vladimir Putin"
    assert len(d["mentions"]) == 6  # five names and "his" ("his war")
    starts = [m["char_start"] for m in d["mentions"]]
    assert starts == sorted(starts)
    reasons = [m["link_reason"] for m in d["mentions"]]
    assert reasons.count("pronoun") == 1
    known = {"exact", "partial-name", "gazetteer", "gazetteer-alias", "known-person"}
    assert set(reasons) - {"pronoun"} <= known
    for m in d["mentions"]:
        assert 0 < m["link_score"] <= 1
        assert _text(graph, m["article"])[m["char_start"] : m["char_end"]] == m["surface"]
        i, j = m["sentence_mark"]
        assert m["sentence_text"][i:j] == m["surface"]
        assert isinstance(m["sentence"], int)
    assert d["mentions"][0]["sentence_text"].startswith("Vladimir Putin is confronted")


def test_names_match_regardless_of_case_and_diacritics(graph):
    assert describe(graph, "vladimir putin")["iri"] == PUTIN
    assert describe(graph, "VLADÍMIR PÚTIN")["iri"] == PUTIN


def test_refs_and_iris_resolve(graph):
    for ref in ("person/vladimir-putin", "person:vladimir-putin", PUTIN, f"<{PUTIN}>"):
        assert describe(graph, ref)["iri"] == PUTIN


def test_cli_text(built):
    result = show(built, "Putin")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Vladimir Putin  (person/vladimir-putin)")
    assert "Mentions (6)" in result.output
    assert "partial-name 0.95" in result.output
    assert "[Putin]’s invasion" in result.output


def test_region_lists_iso_code_and_wikidata(built, graph):
    result = show(built, "region/bashkortostan")
    assert result.exit_code == 0, result.output
    assert "RU-BA" in result.output
    assert "http://www.wikidata.org/entity/Q5710" in result.output
    d = describe(graph, "region:bashkortostan")
    assert d["iso_code"] == "RU-BA"
    assert d["classes"] == ["FederalSubject"] and d["top_classes"] == ["Region"]
    located = [f for f in d["facts"] if f["predicate"] == "kg:locatedIn"]
    assert located and all(f["object_label"] == "Russia" and f["evidence"] for f in located)


def test_ukraine_is_the_target_of_the_invasion(built, graph):
    d = describe(graph, "Ukraine")
    invasions = [e for e in d["events"] if "Invasion" in e["types"]]
    assert len(invasions) == 1
    inv = invasions[0]
    assert [r["role"] for r in inv["roles"]] == ["target"]
    assert inv["modality"] == "asserted"
    trigger = inv["triggers"][0]
    assert trigger["surface"] == "invasion"
    assert "Putin’s invasion of Ukraine" in trigger["evidence"]
    # Event roles are listed with the events, not again as facts.
    assert not any(f["subject"].startswith(str(KGR["event/"])) for f in d["facts"])
    result = show(built, "Ukraine")
    assert "Invasion: Vladimir Putin → Ukraine  [target" in result.output


def test_no_match_is_a_one_line_usage_error(built):
    result = show(built, "Atlantis Kingdom")
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: ")
    assert "Atlantis Kingdom" in result.output
    assert len(result.output.strip().splitlines()) == 1
    for missing in ("person/nobody", str(KGR["person/nobody"])):
        result = show(built, missing)
        assert result.exit_code == 2 and "person/nobody" in result.output


def test_an_event_iri_is_not_an_entity(graph):
    event = next(graph.subjects(RDF.type, KG.Invasion))
    with pytest.raises(UsageError, match="not a person, region or group"):
        describe(graph, str(event))


def _two_springfields() -> Graph:
    g = Graph()
    bind(g)
    for ref, cls, top in (
        ("region/springfield", KG.City, KG.Region),
        ("person/springfield", KG.Person, KG.Person),
    ):
        node = KGR[ref]
        g.add((node, RDF.type, cls))
        g.add((node, RDF.type, top))
        g.add((node, SKOS.prefLabel, Literal("Springfield")))
    g.add((KGR["group/shelbyville"], RDF.type, KG.Group))
    g.add((KGR["group/shelbyville"], SKOS.prefLabel, Literal("Shelbyville")))
    g.add((KGR["group/shelbyville"], SKOS.altLabel, Literal("Capital City")))
    g.add((KGR["region/capital-city"], RDF.type, KG.Region))
    g.add((KGR["region/capital-city"], SKOS.prefLabel, Literal("Capital City")))
    return g


def test_ambiguous_name_lists_the_candidates(tmp_path):
    g = _two_springfields()
    with pytest.raises(AmbiguousEntity) as err:
        describe(g, "springfield")
    assert err.value.exit_code == 2
    assert [c["ref"] for c in err.value.candidates] == [
        "person/springfield",
        "region/springfield",
    ]
    # A prefLabel beats another entity's altLabel.
    assert describe(g, "Capital City")["ref"] == "region/capital-city"
    assert describe(g, "region/springfield")["classes"] == ["City"]

    ttl = tmp_path / "g.ttl"
    g.serialize(ttl, format="turtle")
    result = CliRunner().invoke(main, ["show", "Springfield", "--graph", str(ttl)])
    assert result.exit_code == 2
    assert "pick one" in result.output
    assert "person/springfield" in result.output and "region/springfield" in result.output


def test_json_has_the_same_content(built, graph):
    result = show(built, "Putin", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["iri"] == PUTIN
    assert len(data["mentions"]) == 6
    assert data == json.loads(json.dumps(describe(graph, "Putin")))


def test_output_is_deterministic(built):
    first = show(built, "Bashkortostan").output
    assert first == show(built, "Bashkortostan").output
    assert format_text(describe(kg.load(built), "Bashkortostan")) == first


def test_metonym_shows_under_the_place_it_names(graph):
    """Mentions whose words name this entity but stand for another (kg:literalReferent)."""
    literal = [
        (m, e)
        for m, e in graph.subject_objects(KG.literalReferent)
        if (e, RDF.type, KG.Region) in graph
    ]
    if not literal:
        pytest.skip("no metonym in this build")
    mention, place = sorted(literal)[0]
    d = describe(graph, str(place))
    assert str(mention) in [m["mention"] for m in d["literal_mentions"]]
    assert str(mention) not in [m["mention"] for m in d["mentions"]]


def test_every_mention_sentence_is_its_sentence_node(graph):
    """Each mention's sentence is kg:text sliced at its kg:Sentence's offsets, spaces collapsed."""
    tops = (KG.Person, KG.Region, KG.Group)
    referents = set(graph.objects(None, KG.refersTo))
    entities = sorted(x for x in referents if any((x, RDF.type, t) in graph for t in tops))
    mentions = [m for x in entities for m in describe(graph, str(x))["mentions"]]
    assert len(mentions) == sum(1 for x in entities for _ in graph.subjects(KG.refersTo, x))
    for m in mentions:
        sent = graph.value(URIRef(m["mention"]), KG.inSentence)
        assert (sent, RDF.type, KG.Sentence) in graph
        assert str(graph.value(sent, PROV.wasDerivedFrom)) == m["article"]
        assert graph.value(sent, KG.sentence).toPython() == m["sentence"]
        s = graph.value(sent, KG.charStart).toPython()
        e = graph.value(sent, KG.charEnd).toPython()
        assert m["sentence_text"] == " ".join(_text(graph, m["article"])[s:e].split())
        assert m["surface"] in m["sentence_text"]
        i, j = m["sentence_mark"]
        assert m["sentence_text"][i:j] == m["surface"]


# ---- names that are part of a label, and names that match none ---------------------------------


def test_part_of_a_name_finds_the_one_entity_it_belongs_to(graph):
    assert describe(graph, "Ruslan")["ref"] == "person/ruslan-gabbasov"
    assert describe(graph, "gabbasov")["ref"] == "person/ruslan-gabbasov"


def test_a_whole_label_wins_over_part_of_another(graph):
    # "Chechen" is the Chechens' altLabel and also a word of "Chechen Republic of Ichkeria"
    assert describe(graph, "Chechen")["ref"] == "group/chechens"


def test_the_words_of_a_name_may_have_others_between_them():
    g = Graph()
    bind(g)
    g.add((KGR["person/george-w-bush"], RDF.type, KG.Person))
    g.add((KGR["person/george-w-bush"], SKOS.prefLabel, Literal("George W. Bush")))
    assert describe(g, "George Bush")["ref"] == "person/george-w-bush"
    with pytest.raises(UsageError):
        describe(g, "Bush George")  # in order only


def test_part_of_several_names_lists_the_candidates(tmp_path):
    ttl = tmp_path / "g.ttl"
    _two_springfields().serialize(ttl, format="turtle")
    result = CliRunner().invoke(main, ["show", "City", "--graph", str(ttl)])
    assert result.exit_code == 2
    assert result.output == (
        "kg: error: 'City' matches 2 entities; pick one by its ref or IRI:\n"
        "  group/shelbyville    Group             Shelbyville\n"
        "  region/capital-city  Region            Capital City\n"
    )


def test_a_long_list_of_candidates_is_cut():
    g = Graph()
    bind(g)
    for i in range(25):
        g.add((KGR[f"person/john-{i:02d}"], RDF.type, KG.Person))
        g.add((KGR[f"person/john-{i:02d}"], SKOS.prefLabel, Literal(f"John Doe{i:02d}")))
    with pytest.raises(AmbiguousEntity) as err:
        describe(g, "John")
    lines = str(err.value).splitlines()
    assert len(err.value.candidates) == 25
    assert len(lines) == 1 + 20 + 1 and lines[-1] == "  … and 5 more"


def test_no_match_suggests_the_closest_labels(built):
    result = show(built, "Vladmir Putin")
    assert result.exit_code == 2
    assert result.output == (
        "kg: error: no entity named 'Vladmir Putin' (prefLabel or altLabel); "
        "closest: Vladimir Putin (person/vladimir-putin)\n"
    )
    result = show(built, "Bashkortostn")
    assert result.output.endswith("closest: Bashkortostan (region/bashkortostan)\n")


def test_obama_finds_barack_obama(corpus_build):
    result = show(corpus_build.out, "Obama")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Barack Obama  (person/barack-obama)\n")
