"""The NLP steps are declared once: extraction runs the list in kg/nlp/steps.py, and a
prefix of it gives exactly what those steps find in a full run."""

from __future__ import annotations

from kg.ingest import read_paths
from kg.nlp.extract import extract
from kg.nlp.steps import ENTITY_STEPS, STEPS
from tests.conftest import SEED


def test_the_step_list_is_ordered_and_each_step_has_one_signature():
    import inspect

    names = [f"{s.__module__}.{s.__name__}" for s in STEPS]
    assert names == [
        "kg.nlp.sentences.step",
        "kg.nlp.entities.step",
        "kg.nlp.appositions.step",
        "kg.nlp.nominals.step",
        "kg.nlp.pronouns.step",
        "kg.nlp.coref.step",
        "kg.nlp.events.step",
        "kg.nlp.relations.step",
        "kg.nlp.quotes.step",
        "kg.nlp.speakers.step",
        "kg.nlp.speech.step",
    ]
    assert all(list(inspect.signature(s).parameters) == ["ctx"] for s in STEPS)


def test_a_prefix_of_the_steps_finds_what_those_steps_find_in_the_full_run():
    (article,), _ = read_paths([SEED])
    (full,) = extract([article])
    (entities,) = extract([article], steps=ENTITY_STEPS)
    names = tuple(m for m in full.mentions if m.kind == "name" or m.ner in ("APPOS", "TITLE"))
    assert entities.mentions == names and entities.sentences == full.sentences
    assert entities.events == () and entities.quotes == () and entities.relations == ()
    assert full.events and full.quotes and full.relations
