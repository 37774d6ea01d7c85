"""Made things in events (kg:Artifact): the weapon, the device that exploded, the vehicle,
what was damaged; and the arguments a coordinated or caused event shares. Real pipeline,
real sentences; the graph test builds and queries with SPARQL."""

from __future__ import annotations

import pytest
from rdflib import RDF, Literal

import kg
from kg.graph.namespaces import KG
from tests.conftest import extracted, select


def _roles(x, etype: str) -> set[tuple[str, str]]:
    (ev,) = [e for e in x.events if e.type == etype]
    return {(a.role, a.text) for a in ev.arguments}


def _things(x) -> dict[str, object]:
    return {m.text: m for m in x.mentions if m.cls == "Artifact"}


@pytest.mark.parametrize(
    ("sentence", "etype", "role", "text"),
    [
        # "with" a made thing: the weapon
        ("A gunman killed two men with a knife in Paris.", "Killing", "instrument", "a knife"),
        # a made thing where a doer would be: the means
        ("As each bomb exploded there were cries of terror.", "Fight", "instrument", "each bomb"),
        ("The rocket hit a bus near the border.", "Injure", "instrument", "The rocket"),
        # where an undergoer would be: the target
        ("The explosion destroyed two cars.", "Damage", "target", "two cars"),
        # a movement's vehicle
        (
            "Mr Whitelaw flew back to Belfast in an RAF transport plane.",
            "Transport",
            "instrument",
            "transport plane",
        ),
        # a vehicle the mover drives is the means, not the cargo
        ("He drove the truck to Kansas.", "Transport", "instrument", "the truck"),
    ],
)
def test_a_made_thing_fills_the_role_its_place_in_the_parse_gives(sentence, etype, role, text):
    x = extracted(sentence)
    assert (role, text) in _roles(x, etype)
    assert text in _things(x)


def test_a_thing_s_phrase_keeps_its_count_and_stops_at_a_name():
    things = _things(extracted("The explosion destroyed two cars."))
    assert things["two cars"].quantity == "two" and things["two cars"].kind == "nominal"
    # "an RAF transport plane": RAF is a name of its own, not part of the thing
    assert "transport plane" in _things(extracted("They flew in an RAF transport plane."))


def test_the_windows_of_a_shop_are_the_target_not_the_shop():
    x = extracted("The blast shattered the windows of a shop.")
    assert ("target", "the windows") in _roles(x, "Damage")


def test_someone_s_event_takes_no_thing_for_its_target():
    """One is praised, arrested or killed; a rifle is not (Diplomacy, Justice, Life)."""
    x = extracted("The minister praised the new rifle.")
    assert not {r for r in _roles(x, "Praise") if r[0] == "target"}
    assert not _things(x)


def test_a_thing_is_the_means_only_of_an_event_done_with_one():
    """A bomb kills and a truck carries; nobody warns or votes with a made thing."""
    for text in ("The banner accused the government of fraud.", "The headset caught his eye."):
        x = extracted(text)
        assert not _things(x)
        assert "instrument" not in {a.role for e in x.events for a in e.arguments}


def test_a_thing_is_no_actor_for_petrarch2_coding():
    """A verb PETRARCH2 codes between two actors stays uncoded with a thing for its
    target: "carried a bag" is no Sanction."""
    x = extracted("The man carried a bag into the station.")
    assert not [e for e in x.events if e.type == "Sanction"]


def test_the_thing_a_definite_phrase_names_again_is_the_same_thing():
    x = extracted("A gunman shot two guards with a rifle. Police later found the rifle in a river.")
    things = _things(x)
    first = things["a rifle"]
    assert things["the rifle"].antecedent == (first.start, first.end)


def test_a_thing_takes_no_part_in_a_statement_and_never_speaks():
    x = extracted(
        "Police found screws, metallic balls and batteries believed to be from the device."
    )
    things = {(m.start, m.end) for m in x.mentions if m.cls == "Artifact"}
    (believed,) = [e for e in x.events if e.trigger == "believed"]
    assert not {(a.start, a.end) for a in believed.arguments} & things
    assert all(q.speaker not in things for q in x.quotes)


@pytest.mark.parametrize(
    ("sentence", "etype", "role", "text"),
    [
        # a participle coordinated with a passive shares its subject, as a patient
        ("The suspect was arrested and charged with murder.", "Charge", "target", "The suspect"),
        ("The man was detained and later released.", "Release", "target", "The man"),
        # a finite verb coordinated with a passive: its subject acts
        (
            "The bomb was placed at the entrance and exploded on Friday.",
            "Fight",
            "instrument",
            "The bomb",
        ),
        # where the target is, when nothing else places the event
        ("Gunmen attacked the embassy in Kabul.", "Attack", "place", "Kabul"),
        # an event that is a passive's "by" object struck what the passive is said of
        (
            "The Murrah Federal Building was shattered by an explosion.",
            "Bombing",
            "target",
            "Murrah Federal Building",
        ),
    ],
)
def test_coordinated_and_caused_events_share_their_arguments(sentence, etype, role, text):
    assert (role, text) in _roles(extracted(sentence), etype)


def test_a_thing_is_an_artifact_participant_in_the_graph(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "A gunman killed two men with a knife in Paris on Monday.", encoding="utf-8"
    )
    kg.build([src], out=tmp_path / "out")
    g = kg.load(tmp_path / "out")
    rows = select(
        g,
        "SELECT ?label ?s ?e WHERE { ?ev a kg:Killing ; kg:instrument ?x . "
        "?x a kg:Artifact, kg:Participant ; skos:prefLabel ?label . "
        "?st kg:subject ?ev ; kg:predicate kg:instrument ; kg:object ?x ; "
        "kg:charStart ?s ; kg:charEnd ?e }",
    )
    assert rows == [("knife", "9", "36")]
    (x,) = g.subjects(RDF.type, KG.Artifact)
    assert (x, KG.mentionCount, Literal(1)) in g or g.value(x, KG.mentionCount) is not None
