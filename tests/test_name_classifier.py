"""The learned second opinion on a name's class (kg/nlp/name_classifier.py): what it fixes
and what it leaves, on sentences written for the test through the real pipeline; its
weights file and the fit that makes it (train/name_classes.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from kg.ingest import make_article
from kg.ingest.readers import RawArticle
from kg.model import Mention
from kg.nlp import entities, lexicons, sentences
from kg.nlp.context import Context
from kg.nlp.extract import extract
from kg.nlp.name_classifier import LABELS, LEARNED, decide, model

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "train"))
import name_classes  # noqa: E402


def _names(text: str, learned: bool) -> list[tuple[str, str, str | None]]:
    """(text, class, class reason) of each name, with or without the learned classifier."""
    got: list[tuple[str, str, str | None]] = []

    def step(ctx: Context) -> None:
        ctx.mentions = entities.extract_mentions(ctx.doc, ctx.starts, ctx.gazetteer, learned)
        got.extend((m.text, m.cls, m.class_reason) for m in ctx.mentions)

    article = make_article(RawArticle(text=text, where="t.txt"))
    list(extract([article], steps=(sentences.step, step)))
    return got


def test_a_person_ner_read_as_an_organisation_is_a_person_again():
    text = "Then Gandalf lit his pipe and Frodo listened."
    assert ("Frodo", "Organization", None) in _names(text, learned=False)
    assert ("Frodo", "Person", LEARNED) in _names(text, learned=True)


def test_a_capitalised_common_word_is_no_name():
    text = "Her essay on Feminism won a prize."
    assert [n for n, _, _ in _names(text, learned=False)] == ["Feminism"]
    assert _names(text, learned=True) == []


def test_a_place_after_in_stays_a_place():
    found = _names("The festival took place in Valtoria last summer.", learned=True)
    assert found == [("Valtoria", "Region", None)]


def test_a_gazetteer_place_is_left_to_the_rules():
    found = _names("Kellerman flew to Reykjavik on Monday.", learned=True)
    assert ("Reykjavik", "City", None) in found


def test_the_weights_file_validates_and_says_where_it_came_from():
    data = lexicons.read("name_classes")
    assert tuple(data["labels"]) == LABELS
    weights, margins = model()
    assert len(weights) > 100 and 0 < margins[0] <= margins[1]
    head = (lexicons.LEXICON_DIR / "name_classes.yaml").read_text(encoding="utf-8")
    for word in ("GUM commit", "UNER English PUD commit", "kg commit", "fit_accuracy"):
        assert word in head
    assert (lexicons.LEXICON_DIR / "name_classes.yaml").stat().st_size < 1_000_000
    # single words only: no phrase of a corpus is kept
    assert not any(" " in f for f in weights)


def test_the_fit_is_deterministic_and_learns_a_separable_set():
    rows = [(["bias", f"w={w}"], lab) for w, lab in (("ann", 0), ("oslo", 1), ("un", 2))] * 4
    rows += [(["bias", "w=the"], 3)] * 4
    vocab = sorted({f for fs, _ in rows for f in fs})
    a, b = name_classes.fit(rows, vocab), name_classes.fit(rows, vocab)
    assert np.array_equal(a, b)
    weights = name_classes.table(vocab, a)
    assert name_classes.accuracy(rows, weights) == 1.0


@pytest.mark.parametrize("label", ["Person", "Region", "Group", "none"])
def test_every_label_has_weights(label):
    weights, _ = model()
    column = LABELS.index(label)
    assert any(abs(w[column]) > 0.1 for w in weights.values())


def test_a_group_made_a_person_needs_the_larger_margin():
    # the model prefers Person, then Region, to Group by 1.2 log-units: above the general
    # margin, below the one for making a group a person
    weights = {"to-person": (1.2, 0.0, 0.0, -9.0), "to-region": (0.0, 1.2, 0.0, -9.0)}
    group = Mention("Norrland Works", 0, 14, 0, "Organization", "ORG")
    to_person = decide([group], [["to-person"]], weights, (1.0, 1.5))
    to_region = decide([group], [["to-region"]], weights, (1.0, 1.5))
    assert to_person == [group]
    assert [(m.cls, m.class_reason) for m in to_region] == [("Region", LEARNED)]


def test_two_names_joined_by_and_never_become_one_person():
    weights = {"to-person": (5.0, 0.0, 0.0, -9.0)}
    joined = Mention("Villa Rosa and Marina", 0, 21, 0, "Organization", "ORG")
    single = Mention("Villa Rosa", 0, 10, 0, "Organization", "ORG")
    assert decide([joined], [["to-person"]], weights, (1.0, 1.5)) == [joined]
    assert [m.cls for m in decide([single], [["to-person"]], weights, (1.0, 1.5))] == ["Person"]


def test_a_name_the_gazetteer_knows_as_a_place_never_becomes_a_person_by_the_model():
    weights = {"to-person": (5.0, 0.0, 0.0, -9.0)}
    town = Mention("Whitby", 0, 6, 0, "Organization", "ORG")
    assert decide([town], [["to-person", "gaz=Region"]], weights, (1.0, 1.5)) == [town]
    assert [m.cls for m in decide([town], [["to-person"]], weights, (1.0, 1.5))] == ["Person"]


def test_one_vote_per_name_and_a_kept_class_stays():
    weights = {"person": (3.0, 0.0, 0.0, 0.0), "bias": (0.0, 0.0, 0.0, 0.0)}
    a = Mention("Ostrava", 0, 7, 0, "Organization", "ORG")
    b = Mention("Ostrava", 20, 27, 1, "Organization", "ORG")
    known = Mention("Ostrava", 40, 47, 2, "City", "GAZ", "region:ostrava")
    # one mention says person by 3.0, the other two nothing: the mean, 1.0, is just enough
    # for both ORG mentions to become people; the gazetteer's mention stays a city
    feats = [["person"], ["bias"], ["bias"]]
    out = decide([a, b, known], feats, weights, (1.0, 1.0))
    assert [m.cls for m in out] == ["Person", "Person", "City"]
    out = decide([a, b, known], feats, weights, (1.1, 1.1))
    assert [m.cls for m in out] == ["Organization", "Organization", "City"]
