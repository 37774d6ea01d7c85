"""Events on real sentences: each family of the taxonomy, PLOVER coding with source and
target, speech at its cue, time attachment, modality and in-article event coreference."""

from __future__ import annotations

import pytest

from kg.ingest import make_article
from kg.ingest.readers import RawArticle
from kg.link import group_events
from kg.model import Extraction
from kg.nlp.event_triggers import event_codes
from kg.nlp.extract import extract
from kg.ontology import is_a
from tests.conftest import select


def _extract(text: str, title: str | None = None) -> Extraction:
    raw = RawArticle(text=text, where="t.json", date="2023-05-17", title=title)
    return next(extract([make_article(raw)]))


def _events(x: Extraction, etype: str):
    return [e for e in x.events if e.type == etype]


def _roles(ev) -> set[tuple[str, str]]:
    return {(a.role, a.text) for a in ev.arguments}


@pytest.mark.parametrize(
    ("sentence", "etype", "family"),
    [
        ("The former president died in a hospital in Lima.", "Die", "Life"),
        ("Thousands of families fled the city.", "Flee", "Movement"),
        ("Microsoft acquired the startup for $2 billion.", "Acquire", "Business"),
        ("The company will lay off 500 workers.", "Layoffs", "Business"),
        ("The finance minister resigned on Tuesday.", "Resign", "Personnel"),
        ("A court in Paris convicted the former mayor of fraud.", "Convict", "Justice"),
        ("Rebels shelled the town overnight.", "Attack", "Conflict"),
        ("The two presidents met in Geneva.", "Meeting", "Contact"),
        ("Turkey threatened Greece with sanctions.", "Threaten", "Diplomacy"),
        ("A powerful earthquake hit the region.", "NaturalDisaster", "Disaster"),
    ],
)
def test_each_family_has_its_events(sentence, etype, family):
    x = _extract(sentence)
    assert _events(x, etype), x.events
    assert is_a(etype, family) and is_a(etype, "Event")


@pytest.mark.parametrize(
    ("sentence", "etype", "plover", "source", "target"),
    [
        ("Turkey threatened Greece with sanctions.", "Threaten", "THREATEN", "Turkey", "Greece"),
        ("Iran accused Israel of sabotage.", "Accuse", "ACCUSE", "Iran", "Israel"),
        ("Police arrested Navalny in Moscow.", "Arrest", "COERCE", "Police", "Navalny"),
    ],
)
def test_plover_coding_with_source_and_target(sentence, etype, plover, source, target):
    (ev,) = _events(_extract(sentence), etype)
    assert event_codes()[etype]["plover"] == plover
    assert {("agent", source), ("target", target)} <= _roles(ev)


def test_the_subject_of_a_verb_without_an_agent_is_its_target():
    """PropBank's die.01 has no ARG0: the one who died is the target, not the agent."""
    (ev,) = _events(_extract("The former president died in a hospital in Lima."), "Die")
    assert ("target", "The former president") in _roles(ev)
    assert not [a for a in ev.arguments if a.role == "agent"]


@pytest.mark.parametrize(
    ("sentence", "etype", "role", "text"),
    [
        # a reduced relative: the noun a participle modifies undergoes its event
        (
            "Police said twelve guests injured in the blast were taken to hospital.",
            "Injure",
            "target",
            "twelve guests",
        ),
        # a relative clause's pronoun subject stands for the noun it modifies
        (
            "The two soldiers who were killed in the ambush were buried on Sunday.",
            "Killing",
            "target",
            "The two soldiers",
        ),
        # an adjective trigger: what it is said of
        ("A local farmer was found dead in a field.", "Die", "target", "A local farmer"),
        # ... and the verb it completes gives the doer
        ("The suspect, shot dead by police, had fled the city.", "Die", "agent", "police"),
    ],
)
def test_arguments_of_relatives_and_adjectives(sentence, etype, role, text):
    evs = _events(_extract(sentence), etype)
    assert evs, f"no {etype} in {sentence!r}"
    assert (role, text) in _roles(evs[0])


def test_a_noun_event_between_two_parties_has_one_as_agent_the_other_as_target():
    (ev,) = _events(_extract("Talks between Russia and Ukraine resumed in Istanbul."), "Meeting")
    roles = _roles(ev)
    assert {("agent", "Russia"), ("target", "Ukraine")} <= roles
    assert ("target", "Russia") not in roles and ("agent", "Ukraine") not in roles


def test_a_quote_is_a_speech_event_at_its_cue():
    text = "The minister told reporters that the talks had failed."
    x = _extract(text)
    (q,) = x.quotes
    (ev,) = [e for e in x.events if e.quote is not None]
    assert ev.type == "Comment" and is_a(ev.type, "PublicStatement")
    assert (ev.trigger, ev.start) == ("told", text.index("told"))
    assert ev.quote == (q.start, q.end)
    assert {("agent", "The minister"), ("target", "reporters")} <= _roles(ev)


def test_according_to_is_a_speech_event_whose_speaker_is_its_agent():
    x = _extract("According to the police, three men were arrested in Leeds.")
    (ev,) = [e for e in x.events if e.quote is not None]
    assert (ev.type, ev.trigger) == ("Comment", "According to")
    assert _roles(ev) == {("agent", "the police")}


def test_speech_event_links_its_quote_in_the_graph(seed_graph):
    rows = select(seed_graph, "SELECT ?e WHERE { ?e kg:quote ?q . ?q a kg:Quote . ?e a kg:Event }")
    assert rows


@pytest.mark.parametrize(
    ("sentence", "etype", "time"),
    [
        ("Police arrested a 14-year-old boy in Leeds on Friday.", "Arrest", ("Friday",)),
        ("Voters elected a new parliament, the highest turnout since 2006.", "Election", ()),
        ("The two leaders met in Paris last week.", "Meeting", ("last week",)),
        ("The protest against the dam lasted for two years.", "Protest", ()),
        ("The strike lasted until May.", "Occurrence", ()),
    ],
)
def test_time_is_the_date_that_modifies_the_trigger(sentence, etype, time):
    (ev,) = _events(_extract(sentence), etype)
    assert tuple(a.text for a in ev.arguments if a.role == "time") == time


@pytest.mark.parametrize(
    ("sentence", "etype", "modality"),
    [
        ("He called the arrests unjust.", "Arrest", "asserted"),
        ("Macron called the explosion an attack.", "Attack", "asserted"),
        ("The rebels might attack the town.", "Attack", "possible"),
        ("The rebels did not try to attack the town.", "Attack", "negated"),
        ("He promised a firm response to the attacks on civilians.", "Attack", "asserted"),
        ("The minister called for the arrest of the officers.", "Arrest", "demanded"),
    ],
)
def test_modality(sentence, etype, modality):
    (ev,) = _events(_extract(sentence), etype)
    assert ev.modality == modality


def test_a_headline_and_the_body_report_one_event():
    title = "Police arrest 40 in Leeds"
    text = f"{title}\n\nPolice arrested 40 people in Leeds on Friday. The arrests followed a raid."
    x = _extract(text, title=title)
    arrests = [e for e in group_events([x]) if e.type == "Arrest"]
    assert len(arrests) == 1
    assert [m.trigger for _, m in arrests[0].reports] == ["arrest", "arrested", "arrests"]


def test_an_event_that_causes_another_shares_its_place_and_target():
    x = _extract("The explosion in Kabul killed six people.")
    (blast,) = _events(x, "Bombing")
    (killing,) = _events(x, "Killing")
    assert {("place", "Kabul"), ("target", "six people")} <= _roles(blast) & _roles(killing)


def _has(ev, role: str, text: str) -> bool:
    return any(a.role == role and text in a.text for a in ev.arguments)


@pytest.mark.parametrize(
    ("sentence", "etype", "role", "text"),
    [
        # a noun event the speaker announces is the speaker's own when "their" says so
        (
            "Farmers from the valley alarmed the government by announcing the formation of "
            "their own party.",
            "GroupFormation",
            "agent",
            "Farmers",
        ),
        # "recognizing X as occupied": what the verb says it of is the participle's target
        (
            "The assembly adopted a motion recognizing Abkhazia as occupied by Russia.",
            "Invasion",
            "target",
            "Abkhazia",
        ),
        # "undergo" has no ARG0 in PropBank: its subject undergoes the trial
        (
            "The two brothers are undergoing trial for fraud in Madrid.",
            "Trial",
            "target",
            "brothers",
        ),
        # a passive's subject is the one its complement is about
        ("The minister was forced to resign in March.", "Resign", "agent", "The minister"),
        # a reduced relative the tagger read as a past tense: the noun is the patient
        (
            "The gunman, Marek Lind – shot dead by soldiers – had fired at a bus.",
            "Die",
            "target",
            "The gunman",
        ),
        # who claims the responsibility for an event is its doer
        (
            "Al-Shabaab claimed responsibility for the attack in Mogadishu.",
            "Attack",
            "agent",
            "Al-Shabaab",
        ),
        # a bare count as the subject or object of a verb of harm counts people
        ("Police said 11 were injured in the crash.", "Injure", "target", "11"),
        ("The gunmen killed six before they fled.", "Killing", "target", "six"),
        ("The blast injured three others near the gate.", "Injure", "target", "three others"),
        # what a participle of harm says of is counted people: "the 12 killed"
        ("Two of the 12 killed were police officers.", "Killing", "target", "12"),
        # an absolute "with X injured": the participle's patient is the object of "with"
        (
            "Six soldiers were killed, with two other soldiers injured.",
            "Injure",
            "target",
            "two other soldiers",
        ),
    ],
)
def test_arguments_through_the_governing_clause(sentence, etype, role, text):
    evs = _events(_extract(sentence), etype)
    assert evs, f"no {etype} in {sentence!r}"
    assert _has(evs[0], role, text), evs[0].arguments
    if etype == "Trial":
        assert not _has(evs[0], "agent", text), evs[0].arguments


@pytest.mark.parametrize(
    ("sentence", "etype", "place"),
    [
        # where it happened is said of the event by a copula
        ("The worst explosion was at the busy bus station in the centre.", "Bombing", "station"),
        # an event counted by a noun that is no event stands where that noun does
        (
            "Just after midnight a wave of shooting broke out in the northern districts.",
            "Attack",
            "districts",
        ),
        # a support verb's place is its subject event's
        ("The attack took place in a crowded market.", "Attack", "market"),
        # a relative clause on a place, introduced by "where", happened there
        ("The blast hit the station, where six people were killed.", "Killing", "station"),
        # the place a phrase of the trigger's is in
        (
            "Five people died in an attack on the Christmas market in Strasbourg.",
            "Attack",
            "Strasbourg",
        ),
        ("On 21 December in Bagram, a suicide bomber blew himself up.", "Attack", "Bagram"),
    ],
)
def test_the_place_of_a_noun_event_through_its_clause(sentence, etype, place):
    evs = _events(_extract(sentence), etype)
    assert evs, f"no {etype} in {sentence!r}"
    assert _has(evs[0], "place", place), evs[0].arguments


@pytest.mark.parametrize(
    ("sentence", "etype", "place"),
    [
        ("The two ministers immediately flew back to Belfast.", "Transport", "Belfast"),
        ("Police deported the preacher to Morocco on Friday.", "Deport", "Morocco"),
    ],
)
def test_where_a_movement_goes_is_its_place_not_its_target(sentence, etype, place):
    (ev,) = _events(_extract(sentence), etype)
    assert _has(ev, "place", place), ev.arguments
    assert not _has(ev, "target", place), ev.arguments


def test_the_object_of_a_multiword_verb_is_no_argument():
    """PropBank's "take place": the place it takes is part of the verb, not a target the
    attack shares with it."""
    x = _extract("The attack took place in a crowded market.")
    assert not [a for e in x.events for a in e.arguments if a.role == "target"]


def test_the_named_members_of_a_target_are_targets_too():
    x = _extract(
        "Dozens of activists were arrested, including Anna Berg, a lawyer, and Tomas Lind."
    )
    (arrest,) = _events(x, "Arrest")
    assert {("target", "activists"), ("target", "Anna Berg"), ("target", "Tomas Lind")} <= _roles(
        arrest
    )


def test_a_list_in_apposition_to_a_target_is_targets_but_not_what_its_items_name():
    x = _extract(
        "Police arrested three men, Ali Hassan, Omar Said and Sami Aziz. Dozens were detained, "
        "including Anna Berg, the wife of the playwright Jonas Berg, and Tomas Lind."
    )
    first, second = _events(x, "Arrest")
    assert {("target", "Ali Hassan"), ("target", "Omar Said"), ("target", "Sami Aziz")} <= (
        _roles(first)
    )
    assert {("target", "Anna Berg"), ("target", "Tomas Lind")} <= _roles(second)
    assert not _has(second, "target", "Jonas Berg")  # her husband was not detained


def test_a_bare_count_is_a_person_participant_only_beside_a_verb_of_harm():
    x = _extract("The gunmen killed six. Sales rose 5 percent and the index fell 3.")
    counted = [(m.text, m.cls, m.quantity) for m in x.mentions if m.kind == "nominal"]
    assert ("six", "Person", "six") in counted
    assert not [c for c in counted if c[0] in ("5", "3")]


def test_a_caption_above_the_lede_is_no_argument_of_its_verb():
    """A blank line ends a sentence before the parser runs (kg/nlp/paragraphs.py): the caption
    is not read as the subject of the lede's verb."""
    x = _extract(
        "A crowd outside the court at night\n\n"
        "According to the interior ministry over 40 protesters have been arrested in the capital."
    )
    (arrest,) = _events(x, "Arrest")
    assert _has(arrest, "target", "over 40 protesters"), arrest.arguments
    assert not _has(arrest, "target", "A crowd"), arrest.arguments


def test_a_counted_noun_the_parser_hung_on_a_preposition_is_the_passives_subject():
    x = _extract(
        "According to the Egyptian Transport Ministry over 80 Coptic pilgrims have been killed "
        "in a crash during the annual pilgrimage near Asyut."
    )
    (killing,) = _events(x, "Killing")
    assert _has(killing, "target", "over 80 Coptic pilgrims"), killing.arguments


def test_a_date_after_a_noun_event_in_the_object_is_that_events():
    x = _extract("The senator criticised the army's response to the protests in 1989.")
    (verb,) = [e for e in x.events if e.trigger == "criticised"]
    (noun,) = [e for e in x.events if e.trigger == "protests"]
    assert not _has(verb, "time", "1989") and _has(noun, "time", "1989")


def test_a_participle_aside_takes_no_demand():
    x = _extract("Rebels demand autonomy, posing a threat to the country's unity.")
    (ev,) = _events(x, "Threaten")
    assert ev.modality == "asserted"


def test_wordnet_types_event_nouns_under_killing_and_calamity():
    """ "bloodshed", "catastrophe": typed by their WordNet hypernyms (killing, calamity)."""
    x = _extract("The bloodshed ended after the catastrophe in the capital.")
    assert {e.type for e in x.events} >= {"Killing", "Disaster"}, x.events


def test_a_peoples_collective_noun_stands_for_the_ethnic_group():
    x = _extract("Rebels carried out the massacre of the Tamil people in 1990.")
    assert any(_has(e, "target", "Tamil") for e in _events(x, "MassViolence")), x.events


def test_a_place_a_noun_names_is_never_who_acts():
    """The parser hangs "which killed" on the cafe; the cafe is where, not who killed."""
    x = _extract(
        "The bombing was an attack on 13 September 1974 at the Rolando cafe in Madrid, "
        "which killed 13 people and wounded 71."
    )
    (killing,) = _events(x, "Killing")
    assert not [a for a in killing.arguments if a.role == "agent"]
    assert _has(killing, "target", "13 people")
    (attack,) = _events(x, "Attack")
    assert _has(attack, "place", "the Rolando cafe")


def test_who_suffers_an_injury_is_its_target():
    """PropBank's suffer.01: ARG0 is the entity suffering (a proto-patient): the subject of
    "suffered injuries" is hurt, not the one who hurts."""
    x = _extract("Regional authorities said 13 people had suffered minor injuries on Friday.")
    (injure,) = _events(x, "Injure")
    assert _has(injure, "target", "13 people")
    assert not [a for a in injure.arguments if a.role == "agent"]
    from kg.nlp.event_triggers import subject_patients

    assert "suffer" in subject_patients() and "oppose" not in subject_patients()
