"""Relations read off the parse: each pattern on a sentence of its own, through the real
spaCy pipeline. The sentences are written for these tests (none comes from a gold file)."""

from __future__ import annotations

import pytest

from kg.ingest import make_article
from kg.ingest.readers import RawArticle
from kg.nlp.extract import extract


def _facts(text: str) -> set[tuple[str, str, str]]:
    x = next(extract([make_article(RawArticle(text=text, where="test.txt"))]))
    t = x.article.text
    return {(r.predicate, t[slice(*r.subject)], t[slice(*r.object)]) for r in x.relations}


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        # noun frames: the noun's owner and its prepositional object
        ("The fight against ISIS continued in the spring.", None),
        ("Hezbollah's war against Israel began in 2006.", ("opposes", "Hezbollah", "Israel")),
        (
            "Canada announced support for the Government of Ukraine.",
            ("supports", "Canada", "Government of Ukraine"),
        ),
        (
            "The agreement signed between Armenia and Azerbaijan was welcomed.",
            ("communicatesWith", "Armenia", "Azerbaijan"),
        ),
        ("Hamas has had control of Gaza since 2007.", ("controls", "Hamas", "Gaza")),
        # verb frames, with the place and member readings
        ("Antony Blinken visited Egypt on Tuesday.", ("locatedIn", "Antony Blinken", "Egypt")),
        ("Finland joined NATO in April.", ("memberOf", "Finland", "NATO")),
        ("The Taliban captured Kabul in August.", ("controls", "Taliban", "Kabul")),
        # relative clauses act for the noun they describe
        (
            "The 82nd Airborne Division, which fought against the Taliban, returned home.",
            ("opposes", "82nd Airborne Division", "Taliban"),
        ),
        # "as part of", unit chains and a unit's base
        ("Poland sent troops as part of NATO.", ("memberOf", "Poland", "NATO")),
        (
            "Sgt. Maria Lopez served with 1st Battalion, 75th Ranger Regiment, in Kandahar.",
            ("partOf", "1st Battalion", "75th Ranger Regiment"),
        ),
        # a fronted place holds for everyone the sentence names
        (
            "Near Kharkiv, Ukrainian forces repelled a Russian assault.",
            ("locatedIn", "Ukrainian forces", "Kharkiv"),
        ),
        # a person "of" a place, and a role in apposition to a body
        (
            "Sgt. Maria Lopez, 29, of Tucson, Arizona, was wounded.",
            ("locatedIn", "Maria Lopez", "Tucson"),
        ),
        (
            "Gen. Michael Kurilla, commander, U.S. Central Command, arrived in Amman.",
            ("leaderOf", "Michael Kurilla", "U.S. Central Command"),
        ),
        # a title before the name, and a country's minister
        (
            "Canada's Prime Minister, Justin Trudeau, said the talks had failed.",
            ("leaderOf", "Justin Trudeau", "Canada"),
        ),
        (
            "Sergei Lavrov, Russia's foreign minister, arrived in Ankara.",
            ("citizenOf", "Sergei Lavrov", "Russia"),
        ),
        # a district then its city
        ("A car bomb exploded in Karkh, Baghdad.", ("locatedIn", "Karkh", "Baghdad")),
    ],
)
def test_relation_patterns(sentence, fact):
    facts = _facts(sentence)
    if fact is None:  # no named owner, no fact
        assert not [f for f in facts if f[0] == "opposes"]
    else:
        assert fact in facts, facts


def test_a_persons_war_in_a_country_does_not_place_them_there():
    facts = _facts("Critics blamed Putin's war in Ukraine for the inflation.")
    assert ("locatedIn", "Putin", "Ukraine") not in facts


def test_an_indefinite_leader_is_a_member():
    facts = _facts("Abu Salim, an ISIS leader, was killed in a raid.")
    assert ("memberOf", "Abu Salim", "ISIS") in facts
    assert ("leaderOf", "Abu Salim", "ISIS") not in facts


def test_a_list_of_cities_is_not_a_containment():
    facts = _facts("Shelling hit Aleppo, Homs and Hama overnight.")
    assert not [f for f in facts if f[0] == "locatedIn"]


def test_a_city_cannot_meet_or_fight():
    facts = _facts("Mosul welcomed the Iraqi army.")
    assert not [f for f in facts if f[1] == "Mosul" and f[0] != "locatedIn"]


def test_nationality_and_forces_are_one_body():
    x = next(
        extract(
            [
                make_article(
                    RawArticle(
                        text="Iraqi troops entered the town. Iraqi security forces held it.",
                        where="t.txt",
                    )
                )
            ]
        )
    )
    bodies = {(m.text, m.gazetteer_id) for m in x.mentions if m.cls == "ArmedGroup"}
    assert bodies == {
        ("Iraqi troops", "armed-forces-of-iraq"),
        ("Iraqi security forces", "armed-forces-of-iraq"),
    }


def test_short_name_refers_to_the_full_name():
    x = next(
        extract(
            [
                make_article(
                    RawArticle(
                        text="The Global Coalition struck targets. Later the Coalition "
                        "said France had joined the Coalition.",
                        where="t.txt",
                    )
                )
            ]
        )
    )
    short = [m for m in x.mentions if m.text == "Coalition"]
    assert len(short) == 2
    full = next(m for m in x.mentions if m.text == "Global Coalition")
    assert all(m.antecedent == (full.start, full.end) for m in short)


def test_nationality_on_a_title_is_citizenship_in_the_graph(tmp_path):
    import json

    import kg

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.json").write_text(
        json.dumps(
            {
                "title": "Talks in Moscow",
                "date": "2023-05-17",
                "text": "Russia hosted the talks last week. Russian President Vladimir Putin "
                "met Kurdish commander Mazloum Abdi in Moscow on Friday.",
            }
        ),
        encoding="utf-8",
    )
    kg.build([src], out=tmp_path / "out")
    g = kg.load(tmp_path / "out")
    rows = {
        (str(s).rsplit("/", 1)[-1], str(p).rsplit("#", 1)[-1], str(o).rsplit("/", 1)[-1])
        for s, p, o in kg.query(
            g,
            "SELECT ?s ?p ?o WHERE { ?st kg:subject ?s ; kg:predicate ?p ; kg:object ?o . "
            "FILTER(?p IN (kg:citizenOf, kg:memberOf)) }",
        )
    }
    assert ("vladimir-putin", "citizenOf", "russia") in rows
    # the Kurds have no country of their own in the gazetteer: membership of the people
    assert ("mazloum-abdi", "memberOf", "kurds") in rows
    # relative times against the article's date (Wednesday 2023-05-17)
    times = {
        str(t): (str(a), str(b), str(d))
        for t, a, b, d in kg.query(
            g,
            "SELECT ?t ?a ?b ?d WHERE { ?e kg:timeText ?t . OPTIONAL { ?e kg:timeStart ?a ; "
            "kg:timeEnd ?b } OPTIONAL { ?e kg:time ?d } }",
        )
    }
    assert times["last week"][:2] == ("2023-05-08", "2023-05-14")
    assert times["Friday"][2] == "2023-05-12"
