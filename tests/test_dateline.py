"""Articles dated by their dateline or byline: the forms read, where they are looked for, what
wins, and relative dates in a real build placed against the date found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg
from kg.ingest import article_id, read_paths
from kg.ingest.dateline import dateline_date

BODY = "The weather in Hamburg was cold.\n"

FOUND = {
    "HAMBURG, March 4, 2024 — The city council met.": "2024-03-04",
    "Hamburg City Hall\n\nBerlin, Germany, 4 March 2024 – Officials said": "2024-03-04",
    "WASHINGTON (Reuters), Mar. 4, 2024 - Officials said": "2024-03-04",
    "NEW YORK, March 4, 2024 (AP) -- Officials said": "2024-03-04",
    "Title\nPublished 4 March 2024\n\nBody.": "2024-03-04",
    "Title\nPosted by AP on: 2024-03-04 10:00\n": "2024-03-04",
    "# Title\n\n*By Jane Doe | March 4, 2024*\n\nBody.": "2024-03-04",
    "Title\nBy Jane Doe, Staff Writer, 2024-03-04\nBody.": "2024-03-04",
    "Title\nBY JANE DOE AND JOHN ROE · 4th March 2024\n": "2024-03-04",
    "Title\n\nMonday, March 4, 2024\n\nBody.": "2024-03-04",
    "Title\n\n2024-03-04T10:00:00Z\n\nBody.": "2024-03-04",
    "Title\n\nMarch 4, 2024, 10:32 AM EST\n\nBody.": "2024-03-04",
}

NOT_FOUND = {
    "prose": "On March 4, 2024, the council met.",
    "prose starting with By": "By the time police arrived on March 4, 2024 the crowd had gone.",
    "a headline starting with Published": "Published author dies on March 4, 2024 aged 90",
    "no year": "Title\nHAMBURG, March 4 (Reuters) — Officials said",
    "numeric day and month": "Title\n03/04/2024\n",
    "no such day": "Title\nFebruary 30, 2024\n",
    "an edit, not the report": "Title\nUpdated March 5, 2024\n",
    "past the first five lines": "Title\na\nb\nc\nd\nMarch 4, 2024\n",
}


@pytest.mark.parametrize("text", FOUND)
def test_each_form_gives_its_date(text):
    assert dateline_date(text) == FOUND[text]


@pytest.mark.parametrize("text", NOT_FOUND.values(), ids=NOT_FOUND)
def test_prose_and_unreadable_dates_give_none(text):
    assert dateline_date(text) is None


def test_the_first_dated_line_wins_and_updated_lines_never_count():
    text = "Title\nUpdated March 9, 2024\nBy Jane Doe | March 4, 2024\nPublished 5 March 2024\n"
    assert dateline_date(text) == "2024-03-04"


def test_a_text_file_is_dated_and_its_text_and_id_stay_as_they_were(tmp_path: Path):
    text = "Hamburg protest\n\nBy Jane Doe | March 4, 2024\n\n" + BODY
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (a,), skipped = read_paths([tmp_path / "a.md"])
    assert skipped == []
    assert a.date == "2024-03-04"
    assert a.text == text and a.id == article_id(text)


def test_a_json_date_always_wins_and_a_json_without_one_is_dated(tmp_path: Path):
    text = "HAMBURG, March 4, 2024 — " + BODY
    (tmp_path / "dated.json").write_text(json.dumps({"text": text, "date": "2023-01-02"}))
    (tmp_path / "undated.jsonl").write_text(json.dumps({"text": "Title\n\n" + text}) + "\n")
    articles, _ = read_paths([tmp_path])
    assert {a.path.rsplit("/", 1)[1]: a.date for a in articles} == {
        "dated.json": "2023-01-02",
        "undated.jsonl:1": "2024-03-04",
    }


STORY = (
    "The weather in Hamburg was cold. Police arrested three activists in Hamburg yesterday, "
    "officials said. The mayor met union leaders on Friday.\n"
)
TIMES = """
SELECT ?date ?type ?time WHERE {
  ?a a kg:Article . OPTIONAL { ?a dcterms:date ?date }
  ?e a kg:Event, ?type ; prov:wasDerivedFrom ?a . OPTIONAL { ?e kg:time ?time }
  FILTER(?type != kg:Event)
} ORDER BY ?type"""


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "By Jane Doe | March 4, 2024\n\n",
            [
                ("2024-03-04", "https://w3id.org/kg/ontology#Arrest", "2024-03-03"),
                ("2024-03-04", "https://w3id.org/kg/ontology#Comment", ""),  # "officials said"
                ("2024-03-04", "https://w3id.org/kg/ontology#Meeting", "2024-03-01"),
            ],
        ),
        (  # no byline: no date to place "yesterday" and "on Friday" against
            "",
            [
                ("", "https://w3id.org/kg/ontology#Arrest", ""),
                ("", "https://w3id.org/kg/ontology#Comment", ""),
                ("", "https://w3id.org/kg/ontology#Meeting", ""),
            ],
        ),
    ],
    ids=["byline", "none"],
)
def test_relative_dates_are_placed_against_the_byline(tmp_path: Path, header, expected):
    src = tmp_path / "in"
    src.mkdir()
    (src / "hamburg.md").write_text(
        "# A cold week in Hamburg\n\n" + header + STORY, encoding="utf-8"
    )
    result = kg.build([src], out=tmp_path / "out")
    rows = [tuple("" if v is None else str(v) for v in row) for row in kg.query(result.out, TIMES)]
    assert rows == expected


def test_the_sample_articles_date_lines_agree_with_their_json_dates():
    from tests.conftest import ARTICLES

    found = {}
    for f in sorted(ARTICLES.glob("*.json")):
        record = json.loads(f.read_text(encoding="utf-8"))
        found[f.name] = (dateline_date(record["text"]), record["date"])
    assert all(line in (None, own) for line, own in found.values()), found
    # "Thursday, May 7, 2015 On Tuesday, …": a date with prose after it is no date line
    assert [name for name, (line, _) in found.items() if line is None] == ["wikinews-flag.json"]
