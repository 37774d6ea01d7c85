"""The NLP stage on real text through the real spaCy pipeline."""

from __future__ import annotations

import dataclasses

import pytest

from kg.ingest import make_article, read_paths
from kg.ingest.readers import RawArticle
from kg.model import Argument, Article, EventMention, Extraction, Mention, RelationMention
from kg.nlp.dates import normalise_date
from kg.nlp.entities import clean_span
from kg.nlp.extract import extract, masked_text
from tests.conftest import SEED


def _extract(text: str) -> Extraction:
    return next(extract([make_article(RawArticle(text=text, where="test.txt"))]))


@pytest.fixture(scope="module")
def seed() -> Extraction:
    articles, _ = read_paths([SEED])
    return next(extract(articles))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("The “Committee of the Bashkir Resistance", "Committee of the Bashkir Resistance"),
        ("Free Russia Army's", "Free Russia Army"),
        ("Putin’s", "Putin"),
        ("the Volga River", "Volga River"),
        ("“Bashkortostan”", "Bashkortostan"),
        ("U.S.", "U.S."),
        ("Ukraine,", "Ukraine"),
        ("Putin Occupation\n-", "Putin Occupation"),
    ],
)
def test_clean_span(raw, clean):
    span = clean_span(raw, 0, len(raw))
    assert span is not None
    assert raw[span[0] : span[1]] == clean


@pytest.mark.parametrize("raw", ["the", "“", "'s", "-\n-", "nationalists"])
def test_clean_span_rejects_what_is_not_a_name(raw):
    assert clean_span(raw, 0, len(raw)) is None


def test_extraction_is_plain_data(seed):
    """No spaCy object leaves the NLP stage: only dataclasses, str, int, float, tuples."""
    allowed = (str, int, float, type(None))

    def walk(x):
        if dataclasses.is_dataclass(x):
            for f in dataclasses.fields(x):
                walk(getattr(x, f.name))
        elif isinstance(x, tuple):
            for y in x:
                walk(y)
        else:
            assert isinstance(x, allowed), type(x)

    walk(seed)
    assert isinstance(seed.article, Article)
    assert all(isinstance(m, Mention) for m in seed.mentions)
    assert all(isinstance(e, EventMention) for e in seed.events)
    assert all(isinstance(r, RelationMention) for r in seed.relations)


def test_masked_text_keeps_offsets(seed):
    masked = masked_text(seed.article)
    assert len(masked) == len(seed.article.text)
    for s, e in seed.article.body:
        assert masked[s:e] == seed.article.text[s:e]
    assert "RELATED" not in masked and "MI6" not in masked


def test_seed_mentions_are_clean_and_inside_the_body(seed):
    texts = [m.text for m in seed.mentions]
    assert "Committee of the Bashkir Resistance" in texts
    assert "Ruslan Gabbasov" in texts
    body_end = seed.article.body[-1][1]
    for m in seed.mentions:
        assert seed.article.text[m.start : m.end] == m.text
        assert m.end <= body_end
        assert 0 <= m.sentence < len(seed.sentences)
        s, e = seed.sentences[m.sentence]
        assert s <= m.start and m.end <= e


def test_apposition_refines_the_class(seed):
    committee = next(m for m in seed.mentions if m.text.startswith("Committee"))
    assert committee.cls == "MediaChannel"  # "…, a Telegram channel"


def test_name_head_refines_the_class(seed):
    volga = next(m for m in seed.mentions if "Volga" in m.text)
    assert volga.cls == "NaturalPlace"


def test_seed_events_and_roles(seed):
    by_type = {}
    for e in seed.events:
        by_type.setdefault(e.type, []).append(e)
    assert {"Arson", "Attack", "GroupFormation", "Resolution", "Invasion"} <= set(by_type)
    invasion = by_type["Invasion"][0]
    assert invasion.trigger == "invasion"
    assert {(a.role, a.text) for a in invasion.arguments} == {
        ("agent", "Putin"),
        ("target", "Ukraine"),
    }
    arson = by_type["Arson"][0]
    assert ("place", "army recruitment centers") in {(a.role, a.text) for a in arson.arguments}
    decl = by_type["IndependenceDeclaration"][0]
    assert Argument("time", decl.arguments[-1].start, decl.arguments[-1].end, "1991", "1991") in (
        decl.arguments
    )


@pytest.mark.parametrize(
    ("sentence", "etype", "modality"),
    [
        ("Police arrested three activists in Ufa on Monday.", "Arrest", "asserted"),
        ("The protesters did not attack the parliament building.", "Attack", "negated"),
        ("The rebels vowed to attack the city of Aleppo.", "Attack", "planned"),
        ("Militants reportedly bombed the airport in Kabul.", "Bombing", "reported"),
        ("The leaflets urged people to protest against the war.", "Protest", "demanded"),
    ],
)
def test_event_modality(sentence, etype, modality):
    x = _extract(sentence)
    events = [e for e in x.events if e.type == etype]
    assert len(events) == 1, x.events
    assert events[0].modality == modality


def test_event_place_and_target_from_the_parse():
    x = _extract("Police arrested three activists in Ufa on Monday.")
    (arrest,) = [e for e in x.events if e.type == "Arrest"]
    roles = {(a.role, a.text) for a in arrest.arguments}
    assert ("place", "Ufa") in roles
    assert ("target", "three activists") in roles
    assert ("agent", "Police") in roles


def test_generic_verb_needs_a_group_to_be_a_formation():
    x = _extract("The factory created 200 jobs last year.")
    assert not [e for e in x.events if e.type == "GroupFormation"]


def test_role_apposition_gives_leader_fact():
    x = _extract(
        "Ruslan Gabbasov, leader of the Bashkir National Movement, spoke to reporters in Vilnius."
    )
    preds = {
        (r.predicate, x.article.text[slice(*r.subject)], x.article.text[slice(*r.object)])
        for r in x.relations
    }
    assert ("leaderOf", "Ruslan Gabbasov", "Bashkir National Movement") in preds


def test_place_comma_country_gives_located_in():
    x = _extract("Fishermen rescued 700 people off the coast of Aceh, Indonesia, on Friday.")
    preds = {
        (r.predicate, x.article.text[slice(*r.subject)], x.article.text[slice(*r.object)])
        for r in x.relations
    }
    assert ("locatedIn", "Aceh", "Indonesia") in preds


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1991", "1991"),
        ("May 18, 2015", "2015-05-18"),
        ("18 May 2015", "2015-05-18"),
        ("last week", None),
        ("Friday", None),
    ],
)
def test_normalise_date(text, value):
    assert normalise_date(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the report date is Wednesday 2023-05-17
        ("today", "2023-05-17"),
        ("yesterday", "2023-05-16"),
        ("on Friday", "2023-05-12"),
        ("last Wednesday", "2023-05-10"),
        ("last week", "2023-05-08/2023-05-14"),
        ("last month", "2023-04"),
        ("earlier this year", "2023"),
        ("three days ago", "2023-05-14"),
        ("in June", "2022-06"),
        ("March 3", "2023-03-03"),
        ("May 26", "2023-05-26"),  # a plan for next week, not last year
        ("December 30", "2022-12-30"),
        ("recently", None),
    ],
)
def test_relative_dates_resolve_against_the_report_date(text, value):
    from datetime import date

    assert normalise_date(text, date(2023, 5, 17)) == value


def test_event_time_uses_the_article_date():
    raw = RawArticle(
        text="Rebels attacked a police station in Idlib on Friday.",
        where="t.json",
        date="2023-05-17",
    )
    x = next(extract([make_article(raw)]))
    attack = next(e for e in x.events if e.type == "Attack")
    assert [(a.text, a.value) for a in attack.arguments if a.role == "time"] == [
        ("Friday", "2023-05-12")
    ]


def test_a_month_is_not_a_march():
    x = _extract("Elections will be held in March. Thousands march in Paris on Sunday.")
    protests = [e.trigger for e in x.events if e.type == "Protest"]
    assert protests == ["march"]


def test_a_headline_is_not_what_was_said():
    # the sample article whose headline the parser hangs off the first sentence's "announced"
    articles, _ = read_paths([SEED.parent / "wikinews-flag.json"])
    x = next(extract(articles))
    first = x.article.text.index("On Tuesday")
    assert not [q for q in x.quotes if q.start < first]  # neither the headline nor the dateline
