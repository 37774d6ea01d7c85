"""`kg eval --all` end to end on the excerpts (the real pipeline), and the scoreboard's rules:
targets, the tune/check gap warning, byte-identical output."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.eval.render import to_markdown
from kg.eval.scoreboard import Row, Scoreboard, _met, _warnings

CORPORA = Path(__file__).parent / "fixtures" / "eval" / "corpora"


def test_eval_all_builds_scores_and_writes_the_same_bytes_twice(tmp_path):
    out = tmp_path / "eval"
    args = ["eval", "--all", str(CORPORA), "--out", str(out), "--jobs", "1", "--errors", "3"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    first = (out / "scoreboard.json").read_bytes()
    board = json.loads(first)
    corpora = {c["name"]: c for c in board["corpora"]}
    assert corpora["gum-news-dev"]["note"] == "not found"  # no ../eval beside the excerpts
    assert corpora["ecbplus"]["documents"] == {"tune": 0, "check": 3}
    rows = {(x["corpus"], x["task"], x["metric"]): x for x in board["rows"]}
    # every corpus of the excerpts has its rows, kg's figures beside raw spaCy's
    assert {c for c, _, _ in rows} == set(corpora) - {"gum-news-dev", "re3d-dev"}
    assert rows[("uner-pud", "names", "F1")]["baseline"] is not None
    assert rows[("gap", "pronouns", "F1")]["target"] == "≥ 0.75"
    # errors come from tune halves only: every ECB+ excerpt document is in the check half
    assert "most frequent errors, ecbplus" not in r.output
    assert "most frequent errors, uner-pud, tune half" in r.output
    # a second run reads the extraction cache and writes byte-identical files
    assert CliRunner().invoke(main, args).exit_code == 0
    assert (out / "scoreboard.json").read_bytes() == first
    assert (out / "scoreboard.md").read_text(encoding="utf-8").startswith("# kg scoreboard")


def test_eval_all_only_prints_and_keeps_the_scoreboard_files(tmp_path):
    args = ["eval", "--all", str(CORPORA), "--only", "uner-pud", "-o", str(tmp_path), "-j", "1"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    assert "| uner-pud | names | **F1** |" in r.output and "| gap |" not in r.output
    assert not (tmp_path / "scoreboard.json").exists()


def test_eval_all_refuses_an_unknown_corpus(tmp_path):
    r = CliRunner().invoke(
        main, ["eval", "--all", str(CORPORA), "--only", "nope", "-o", str(tmp_path)]
    )
    assert r.exit_code == 2 and "unknown corpus nope" in r.output


def _row(tune: float | None, check: float | None, headline: bool = True) -> Row:
    return Row("c", "names", "F1", tune, check, None, "", None, {"tune": 1, "check": 1}, headline)


def test_a_gap_over_five_points_on_a_headline_figure_is_a_warning():
    rows = [_row(0.80, 0.74), _row(0.80, 0.76), _row(0.80, 0.70, headline=False), _row(None, 0.5)]
    [warning] = _warnings(rows)
    assert warning.startswith("c names F1: tune 0.800, check 0.740 (gap 0.060")


def test_targets_are_bounds_on_the_check_figure():
    assert _met(0.85, {"min": 0.85}) is True
    assert _met(0.849, {"min": 0.85}) is False
    assert _met(1.06, {"min": 0.95, "max": 1.05}) is False
    assert _met(None, {"min": 0.5}) is None and _met(0.1, {}) is None


def test_markdown_shows_tune_check_baseline_and_target():
    board = Scoreboard(rows=[_row(0.5, 0.25)])
    board.rows[0].baseline, board.rows[0].target, board.rows[0].met = 0.125, "≥ 0.85", False
    md = to_markdown(board)
    assert "| c | names | **F1** | 0.500 | 0.250 | 0.125 | ≥ 0.85 ✗ |" in md


def test_the_names_errors_are_the_name_mentions_own():
    """`--errors` for a corpus scored on names lists what the names task counts: a pronoun
    or a noun phrase kg predicts is the mentions task's, not a spurious name."""
    from kg.eval.corpora import by_name
    from kg.eval.gold import GoldDoc, GoldMention
    from kg.eval.predicted import Predictions, PredMention
    from kg.eval.task_errors import errors_for

    text = "Ada Lovelace wrote notes. She met Babbage."
    gold = GoldDoc("d", text, mentions=[GoldMention(0, 12, "Person", "Ada_Lovelace")])
    gold.typed.append((0, 12, "Person"))
    pred = Predictions(
        mentions={
            "d": [
                PredMention(0, 12, "Person", "p/ada", "Ada Lovelace", kind="name"),
                PredMention(26, 29, "Person", "p/ada", "She", kind="pronoun"),
                PredMention(34, 41, "Group", "g/babbage", "Babbage", kind="name"),
            ]
        }
    )
    corpus = next(c for c in by_name(["dwie-dev"]))
    cases = [(e.cause, e.surface) for e in errors_for(corpus, [gold], pred, 10)]
    assert cases == [("spurious", "Babbage")]


def test_the_event_errors_are_those_the_typed_scores_count():
    """`--errors` for WikiEvents lists what trigger+type and argument F1 count: a gold
    trigger kg typed otherwise, a kg event of a scored type over no gold trigger, and the
    arguments of a matched event that are missed or wrong (an untyped kg event is none)."""
    from kg.eval.corpora import by_name
    from kg.eval.corpora.model import CorpusDoc, CorpusEvent, EventArg
    from kg.eval.predicted import PredArgument, PredEvent, Predictions
    from kg.eval.task_errors import errors_for

    text = "Rebels attacked Kabul. Police said the attack hurt two men."
    attack = CorpusEvent("Conflict.Attack.Unspecified", 7, 15, (EventArg("Place", 16, 21),))
    said = CorpusEvent("Contact.Contact.Broadcast", 30, 34)
    doc = CorpusDoc("d", text, doc_events=[attack, said])
    rebels = PredArgument("agent", "g/rebels", "Rebels")
    pred = Predictions(
        events={
            "d": [
                PredEvent("Attack", 7, 15, "asserted", "e/1", (rebels,)),
                PredEvent("Comment", 30, 34, "asserted", "e/2", ()),
                PredEvent("Attack", 39, 45, "asserted", "e/1", ()),
                PredEvent("Occurrence", 46, 50, "asserted", "e/3", ()),
            ]
        },
        spans={"d": {"g/rebels": [(0, 6)]}},
    )
    corpus = next(c for c in by_name(["wikievents"]))
    cases = {(e.cause, e.surface, e.detail) for e in errors_for(corpus, [doc], pred, 10)}
    assert cases == {
        ("missed type", "said", "Contact.Contact.Broadcast; kg Comment"),
        ("missed argument", "kabul", "Place"),
        ("wrong argument", "rebels", "agent"),
        ("spurious type", "attack", "Attack"),
    }
