"""The CLI, driven through click's runner on real builds."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from tests.conftest import SEED


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    result = CliRunner().invoke(main, ["build", str(SEED), "--out", str(out), "--example-query"])
    return out, result


def test_build_prints_summary_and_example_answer(built):
    out, result = built
    assert result.exit_code == 0, result.output
    assert "articles   1 (1 read by NLP, 0 from the cache), 0 skipped" in result.output
    assert "Person" in result.output and "statements" in result.output
    assert "Invasion" in result.output and "Vladimir Putin" in result.output
    assert (out / "graph.ttl").exists()


def test_query_table_csv_json(built):
    out, _ = built
    q = (
        "SELECT ?l WHERE { ?p a kg:Person ; skos:prefLabel ?l"
        " FILTER NOT EXISTS { ?p a kg:Participant } } ORDER BY ?l"
    )
    table = CliRunner().invoke(main, ["query", q, "--graph", str(out)])
    assert table.exit_code == 0
    assert table.output.splitlines()[0].strip() == "l"
    assert "Ruslan Gabbasov" in table.output
    csv_out = CliRunner().invoke(main, ["query", q, "--graph", str(out), "--format", "csv"])
    assert csv_out.output.splitlines() == ["l", "Ruslan Gabbasov", "Vladimir Putin"]
    js = CliRunner().invoke(main, ["query", q, "--graph", str(out), "--format", "json"])
    data = json.loads(js.output)
    assert [b["l"]["value"] for b in data["results"]["bindings"]] == [
        "Ruslan Gabbasov",
        "Vladimir Putin",
    ]


def test_query_from_file(built, tmp_path):
    out, _ = built
    f = tmp_path / "q.rq"
    f.write_text("ASK { person:vladimir-putin a kg:Person }")
    result = CliRunner().invoke(main, ["query", str(f), "--graph", str(out)])
    assert result.exit_code == 0
    assert result.output.split() == ["ask", "----", "true"]


def test_bad_query_is_a_usage_error(built):
    out, _ = built
    result = CliRunner().invoke(main, ["query", "SELECT WHERE {", "--graph", str(out)])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: SPARQL syntax error at line 1, column 8: ")


def test_update_is_refused(built):
    out, _ = built
    result = CliRunner().invoke(main, ["query", "DELETE WHERE { ?s ?p ?o }", "--graph", str(out)])
    assert result.exit_code == 2
    assert "read-only" in result.output


def test_query_without_graph_says_where(tmp_path):
    result = CliRunner().invoke(main, ["query", "ASK {}", "--graph", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "nope" in result.output and "kg build" in result.output


def test_stats(built):
    out, _ = built
    result = CliRunner().invoke(main, ["stats", "--graph", str(out)])
    assert result.exit_code == 0
    table, _, inputs = result.output.partition("\n\n")
    counts = dict(line.split() for line in table.splitlines())
    assert int(counts["Article"]) == 1
    assert "last build's inputs: processed 1, unchanged 0, skipped 0, removed 0" in inputs
    # Ruslan Gabbasov and Vladimir Putin are the named people; the others are unnamed
    # participants ("Nationalist activists"), which kg stats counts apart as well
    named = kg.query(
        kg.load(out),
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Person"
        " FILTER NOT EXISTS { ?p a kg:Participant } }",
    )
    assert int(next(iter(named))[0]) == 2
    assert int(counts["Person"]) > 2 and int(counts["Participant"]) > 0
    assert int(counts["Statement"]) >= 10


def test_skipped_input_exits_1_and_names_the_file(tmp_path):
    (tmp_path / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "(1 read by NLP, 0 from the cache), 2 skipped" in result.output
    assert "empty.txt: empty file" in result.output
    assert "image.png: unsupported file type .png" in result.output


def test_query_longer_than_a_file_name(built):
    out, _ = built
    padding = " ".join(["?s"] * 200)  # a query of over 600 characters on one line
    sparql = f"SELECT ?s WHERE {{ ?s a kg:Person }} LIMIT 1 # {padding}"
    result = CliRunner().invoke(main, ["query", sparql, "--graph", str(out)])
    assert result.exit_code == 0, result.output
    assert "person:" in result.output


def test_query_from_a_file(built, tmp_path):
    out, _ = built
    f = tmp_path / "q.rq"
    f.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Article }", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(f), "--graph", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.split()[-1] == "1"


def test_summary_keeps_one_line_per_skipped_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad\nname.txt").write_text("", encoding="utf-8")  # empty: skipped
    (src / "good.txt").write_text("Officials in Kazan met on Tuesday.", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if x.startswith("  skipped"))
    assert line.endswith("bad\\nname.txt: empty file")


def test_summary_of_one_article_says_part_in_the_singular(built):
    _, result = built
    lines = result.output.splitlines()
    assert "parts      1 article's part of the graph rendered, 0 from the cache" in lines


def test_entities_line_groups_subclasses_under_their_top_class(built):
    _, result = built
    line = next(x for x in result.output.splitlines() if x.startswith("entities"))
    m = re.fullmatch(
        r"entities   (\d+): Person (\d+), Region (\d+) \((.*)\), Group (\d+) \((.*)\)", line
    )
    assert m is not None, line
    total, person, region, regions, group, groups = m.groups()
    assert int(total) == int(person) + int(region) + int(group)
    for top, subs in ((region, regions), (group, groups)):
        counts = [int(x.rsplit(" ", 1)[1]) for x in subs.split(", ")]
        assert counts == sorted(counts, reverse=True) and sum(counts) <= int(top)
    assert "Country" in regions and "EthnicGroup" in groups


def test_summary_of_a_build_without_events_or_entities(tmp_path):
    (tmp_path / "calm.txt").write_text("The weather was mild and the sea was calm.\n")
    result = CliRunner().invoke(
        main, ["build", str(tmp_path / "calm.txt"), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "entities   0" in lines and "events     0" in lines


def test_counts_are_worded_for_one_and_many():
    from kg.builder.summary import entities_line, events_line, plural

    assert plural(1, "article's part", "articles' parts") == "1 article's part"
    assert plural(0, "article's part", "articles' parts") == "0 articles' parts"
    assert plural(2, "cached extraction") == "2 cached extractions"
    assert events_line({}) == "0"
    assert events_line({"Arrest": 3, "Arson": 1}) == "4 (Arrest 3, Arson 1)"
    assert events_line({"Arson": 1, "Arrest": 3}) == "4 (Arrest 3, Arson 1)"
    counts = {"Occurrence": 5, "Comment": 2}
    assert events_line(counts) == "2 (Comment 2), and 5 other verbs (Occurrence)"
    assert events_line({"Occurrence": 1}) == "0, and 1 other verb (Occurrence)"
    counts = {"City": 20, "Country": 10, "Group": 30, "Person": 40, "Region": 50}
    assert entities_line(counts) == "120: Person 40, Region 50 (City 20, Country 10), Group 30"
    assert entities_line({}) == "0"
