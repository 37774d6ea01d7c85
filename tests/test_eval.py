"""The scorer on hand-computed cases, the baseline on the dev file, and `kg eval` end to end."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.eval import evaluate
from kg.eval.gold import GoldArgument, GoldDoc, GoldEvent, GoldMention, GoldRelation
from kg.eval.predicted import PredArgument, PredEvent, PredMention, PredRelation
from kg.eval.score import b_cubed, score_events, score_mentions, score_relations
from tests.conftest import SHARED

GUM = SHARED / "eval" / "gum-news-dev.jsonl"
needs_shared = pytest.mark.skipif(not GUM.exists(), reason="../shared/eval is not here")

TEXT = "Vladimir Putin met Putin in Moscow. Russia said so."
#       0         1         2         3         4         5
#       0123456789012345678901234567890123456789012345678901


def _doc() -> GoldDoc:
    return GoldDoc(
        id="d",
        text=TEXT,
        mentions=[
            GoldMention(0, 14, "Person", "Putin"),
            GoldMention(19, 24, "Person", "Putin"),
            GoldMention(28, 34, "Region", "Moscow"),
            GoldMention(36, 42, "Region", "Russia"),
        ],
        typed=[(0, 14, "Person"), (19, 24, "Person"), (28, 34, "Region"), (36, 42, "Region")],
    )


def test_perfect_prediction_scores_one():
    d = _doc()
    pred = {"d": [PredMention(m.start, m.end, m.cls, m.cluster) for m in d.mentions]}
    s = score_mentions([d], pred)
    assert (s.overall.precision, s.overall.recall, s.overall.f1) == (1.0, 1.0, 1.0)
    assert (s.b3_precision, s.b3_recall, s.b3_f1) == (1.0, 1.0, 1.0)


def test_empty_prediction_scores_zero():
    s = score_mentions([_doc()], {"d": []})
    assert (s.overall.precision, s.overall.recall, s.overall.f1) == (0.0, 0.0, 0.0)
    assert s.b3_f1 == 0.0


def test_partial_case_has_its_hand_computed_value():
    # Found: "Vladimir Putin" (e1), "Putin" (e2: split cluster), "Moscow" as Region (e3).
    # "Russia" predicted as a Group: a miss and a false alarm. One spurious Person "Russia said".
    pred = {
        "d": [
            PredMention(0, 8, "Person", "e1"),  # overlaps gold 0-14: found
            PredMention(19, 24, "Person", "e2"),
            PredMention(28, 34, "Region", "e3"),
            PredMention(36, 42, "Group", "e4"),  # wrong class
            PredMention(43, 47, "Person", "e5"),  # overlaps nothing typed
        ]
    }
    s = score_mentions([_doc()], pred)
    assert s.overall.recall == 3 / 4
    assert s.overall.precision == 3 / 5
    assert s.overall.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    assert s.by_class["Person"].recall == 1.0
    assert s.by_class["Region"].recall == 0.5
    assert s.by_class["Group"].precision == 0.0
    # B³ over the three found: Putin split in two → recall (1/2 + 1/2 + 1)/3, precision 1
    assert (s.b3_precision, s.b3_recall) == (1.0, pytest.approx(2 / 3))


def test_b_cubed_merge():
    # two gold entities merged into one predicted cluster: precision (1/2+1/2)/2... per item
    p, r = b_cubed([("a", "x"), ("b", "x")])
    assert (p, r) == (0.5, 1.0)


def test_relation_and_event_scoring():
    d = GoldDoc(
        id="d",
        text=TEXT,
        relations=[GoldRelation("locatedIn", (28, 34), (36, 42))],
        events=[
            GoldEvent(
                "Meeting",
                15,
                18,
                "asserted",
                (GoldArgument("agent", 0, 14, "putin"), GoldArgument("place", 28, 34, "moscow")),
            )
        ],
    )
    spans = {"d": {"P": [(0, 14), (19, 24)], "M": [(28, 34)], "R": [(36, 42)]}}
    rel = score_relations(
        [d], {"d": [PredRelation("locatedIn", "M", "R"), PredRelation("memberOf", "P", "R")]}, spans
    )
    assert (rel["all"].recall, rel["all"].precision) == (1.0, 0.5)
    ev = score_events(
        [d],
        {
            "d": [
                PredEvent(
                    "Meeting",
                    15,
                    18,
                    "planned",
                    "ev",
                    (
                        PredArgument("agent", "P", "Vladimir Putin"),
                        PredArgument("target", None, "Putin"),
                    ),
                )
            ]
        },
        spans,
    )
    assert (ev["trigger"].precision, ev["trigger"].recall) == (1.0, 1.0)
    assert (ev["argument"].precision, ev["argument"].recall) == (0.5, 0.5)
    assert ev["modality"].recall == 0.0


@needs_shared
def test_baseline_row_matches_the_definition():
    report = evaluate(GUM, errors=5)
    base = report.systems["baseline"].mentions
    # GUM's conventions (the file's name): a people (NORP) is a person
    assert round(base.overall.f1, 3) == 0.711
    assert round(base.overall.recall, 3) == 0.675
    assert round(base.overall.precision, 3) == 0.751
    assert round(base.b3_f1, 3) == 0.891
    plain = evaluate(GUM, conventions="none").systems["baseline"].mentions
    assert round(plain.overall.f1, 3) == 0.702 and round(plain.overall.recall, 3) == 0.663
    kg_row = report.systems["kg"].mentions
    assert kg_row.overall.f1 > base.overall.f1  # kg must beat what it is built on
    assert len(report.errors) == 5 and all(e.example for e in report.errors)


@needs_shared
def test_eval_command_prints_both_rows_and_json(tmp_path):
    r = CliRunner().invoke(main, ["eval", str(GUM)])
    assert r.exit_code == 0, r.output
    rows = [line.split()[0] for line in r.output.splitlines() if line.strip()]
    assert "kg" in rows and "baseline" in rows
    r = CliRunner().invoke(main, ["eval", str(GUM), "--format", "json", "--no-baseline"])
    data = json.loads(r.output)
    assert set(data["systems"]) == {"kg"}
    assert 0 < data["systems"]["kg"]["mentions"]["f1"] <= 1


def test_quote_scoring_counts_found_quotes_and_right_speakers():
    from kg.eval.gold import GoldQuote
    from kg.eval.predicted import PredQuote
    from kg.eval.score import score_quotes

    d = GoldDoc(
        id="d",
        text=TEXT,
        mentions=[GoldMention(0, 14, "Person", "putin")],
        quotes=[
            GoldQuote((0, 14), (36, 51), None, "putin"),
            GoldQuote(None, (15, 34), None, "putin"),  # a pronoun speaker: by entity
            GoldQuote((0, 14), (0, 5), None, "putin"),  # not found
        ],
    )
    spans = {"d": {"P": [(0, 14)], "R": [(36, 42)]}}
    preds = {"d": [PredQuote(36, 50, "P"), PredQuote(15, 30, "R"), PredQuote(44, 46, "P")]}
    s = score_quotes([d], preds, spans)
    assert (s["found"].recall, s["found"].precision) == (2 / 3, 1.0)
    assert s["speaker"].recall == 0.5


def test_typed_only_gold_shows_no_recall(tmp_path):
    """Gold with typed spans and relations but no named mentions (re3d style): the table
    prints precision and leaves recall, F1 and B3 blank rather than a misleading 0.000."""
    from kg.eval import format_table

    text = "Kurdish fighters attacked ISIS positions near Raqqa, officials in Baghdad said."
    start = text.index("Raqqa")
    gold = tmp_path / "typed.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "t1",
                "text": text,
                "entities": [[start, start + 5, "Location", 1]],
                "relations": [],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    table = format_table(evaluate(gold, with_baseline=False))
    row = next(line.split() for line in table.splitlines() if line.startswith("kg "))
    assert row[2:4] == ["-", "-"]  # mention recall and F1
    assert row[-3:] == ["-", "-", "-"]  # B3
    assert float(row[1]) > 0  # precision is still measured


def test_a_corpus_files_a_people_as_its_annotators_do():
    """GUM types "Americans" as person; kg's EthnicGroup counts as Person there, and as the
    Group it is everywhere else (DWIE, re3d)."""
    from kg.eval.mapping import class_map, mapped_classes
    from kg.eval.predicted import Predictions, in_classes_of

    assert class_map("gum") == {"EthnicGroup": "Person"} == class_map("gum-news-dev")
    assert class_map("dwie-dev") == {} and "EthnicGroup" in mapped_classes()
    pred = Predictions(
        mentions={
            "d": [
                PredMention(0, 9, "Group", "kg:Americans", "Americans", sub="EthnicGroup"),
                PredMention(20, 25, "Group", "kg:Nato", "NATO"),
            ]
        }
    )
    gum = in_classes_of("gum", pred).mentions["d"]
    assert [m.cls for m in gum] == ["Person", "Group"]
    assert [m.cls for m in in_classes_of("dwie-dev", pred).mentions["d"]] == ["Group", "Group"]
    assert pred.mentions["d"][0].cls == "Group"  # the input is left as it was


def test_the_graph_says_which_mentions_are_of_a_people(tmp_path):
    """from_graph reads the entity's mapped class out of a real build."""
    import kg
    from kg.eval.gold import GoldDoc
    from kg.eval.predicted import from_graph, in_classes_of

    text = "Many Americans voted on Tuesday. Americans elected a new president."
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "a.txt").write_text(text, encoding="utf-8")
    kg.build([tmp_path / "a"], out=tmp_path / "out")
    pred = from_graph(kg.load(tmp_path / "out"), [GoldDoc(id="a", text=text)])
    people = [m for m in pred.mentions["a"] if m.text == "Americans"]
    assert len(people) == 2 and {m.sub for m in people} == {"EthnicGroup"}
    assert {m.cls for m in people} == {"Group"}
    assert {m.cls for m in in_classes_of("gum", pred).mentions["a"] if m.text == "Americans"} == {
        "Person"
    }


def test_each_event_mention_is_scored_with_the_arguments_it_gave(tmp_path):
    """WikiEvents annotates arguments per mention, in the trigger's sentence: a later "the
    attack" does not repeat the place the first report gave. An event known only from
    someone's words keeps the arguments kg extracted (claimed statements, not truthy
    triples)."""
    import kg
    from kg.eval.gold import GoldDoc
    from kg.eval.predicted import from_graph

    text = (
        "The rebels attacked the army base in Gao on Monday. Police said the rebels had bombed "
        "a bridge. The attack on the base was condemned by the president."
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "a.txt").write_text(text, encoding="utf-8")
    kg.build([tmp_path / "a"], out=tmp_path / "out")
    events = from_graph(kg.load(tmp_path / "out"), [GoldDoc(id="a", text=text)]).events["a"]

    def roles(trigger: str) -> set[tuple[str, str]]:
        (ev,) = [e for e in events if text[e.start : e.end] == trigger]
        return {(a.role, a.text.rsplit("/", 1)[-1].split("-")[0]) for a in ev.arguments}

    first, later = (e for e in events if e.type == "Attack")
    assert first.event == later.event  # one event, two reports
    assert {("place", "gao"), ("agent", "rebels")} <= roles("attacked")
    assert ("place", "gao") not in roles("attack")
    assert ("time", "Monday") in roles("attack")  # the event's time, wherever it was said
    assert {("agent", "rebels"), ("target", "a")} <= roles("bombed")  # "a bridge", claimed


def test_a_made_thing_is_in_no_event_relation_and_no_class_row():
    """An event's roles give relations between entities and places; a kg:Artifact (the
    knife, the truck) is no end of one, and the names rows are per name class only."""
    from kg.eval.predicted import PredArgument, _event_relations
    from kg.eval.score import CLASSES

    args = [
        PredArgument("agent", "g/rebels", "Rebels"),
        PredArgument("target", "artifact/truck", "the truck"),
        PredArgument("target", "p/guard", "a guard"),
    ]
    rels = _event_relations("Attack", args, {"artifact/truck"})
    assert [(r.subject, r.object) for r in rels] == [("g/rebels", "p/guard")]
    assert CLASSES == ("Person", "Region", "Group")
