"""SPARQL on pyoxigraph: the same answers as rdflib, read-only, and every output format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, namespace

import kg
from kg.cli import main
from kg.errors import QueryError, UsageError
from kg.graph.namespaces import KG, KGR
from kg.query import Results, format_result
from kg.query.store import Store

# Each query runs on rdflib and on pyoxigraph over the sample corpus; an ORDER BY here orders
# every projected variable, so the two row lists must agree in order too.
QUERIES = {
    "filter-optional": """
        SELECT ?e ?label ?iso WHERE {
          ?e a kg:Region ; skos:prefLabel ?label .
          OPTIONAL { ?e kg:isoCode ?iso }
          FILTER(STRSTARTS(?label, "U") || BOUND(?iso))
        }""",
    "group-count-order": """
        SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE {
          ?x a ?cls . FILTER(STRSTARTS(STR(?cls), STR(kg:)))
        } GROUP BY ?cls ORDER BY DESC(?n) ?cls""",
    "having-min-max-decimals": """
        SELECT ?reason (COUNT(?m) AS ?n) (MIN(?s) AS ?lowest) (MAX(?s) AS ?highest) WHERE {
          ?m kg:linkReason ?reason ; kg:linkScore ?s
        } GROUP BY ?reason HAVING(COUNT(?m) > 1) ORDER BY ?reason""",
    "ask-true": "ASK { ?r a kg:Region ; owl:sameAs ?wikidata }",
    "ask-false": 'ASK { ?p a kg:Person ; skos:prefLabel "Nobody At All" }',
    "construct": """
        CONSTRUCT { ?g skos:prefLabel ?l ; a ?c }
        WHERE { ?g a kg:Group , ?c ; skos:prefLabel ?l }""",
    "describe": "DESCRIBE region:bashkortostan",
    "two-hop-from-one-entity": """
        SELECT DISTINCT ?p ?other ?label WHERE {
          { ?st kg:subject region:bashkortostan ; kg:object ?other }
          UNION { ?st kg:object region:bashkortostan ; kg:subject ?other }
          ?st a kg:Statement ; kg:predicate ?p . ?other skos:prefLabel ?label .
        } ORDER BY ?p ?other ?label""",
    "two-hop-regions": """
        SELECT DISTINCT ?s ?p ?o ?olabel WHERE {
          ?st a kg:Statement ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o .
          ?s a kg:Region . ?o skos:prefLabel ?olabel .
        } ORDER BY ?s ?p ?o ?olabel""",
    "path-sequence": """
        SELECT DISTINCT ?event ?agent WHERE {
          ?event a kg:Event ; kg:agent/skos:prefLabel ?agent
        }""",
    "path-alternative": """
        SELECT ?x ?name WHERE { ?x a kg:Person ; (skos:prefLabel|skos:altLabel) ?name }""",
    "path-inverse-group": """
        SELECT ?article (COUNT(?m) AS ?n) WHERE {
          ?article ^prov:wasDerivedFrom ?m . ?m a kg:Mention
        } GROUP BY ?article""",
    "path-star": """
        SELECT DISTINCT ?x ?y WHERE { ?x a kg:Region ; kg:locatedIn+ ?y }""",
    "values-bind-functions": """
        SELECT ?x ?upper ?len WHERE {
          VALUES ?x { region:russia region:bashkortostan }
          ?x skos:prefLabel ?l BIND(UCASE(?l) AS ?upper) BIND(STRLEN(?l) AS ?len)
        }""",
    "minus-not-exists": """
        SELECT ?e WHERE {
          ?e a kg:Person MINUS { ?e owl:sameAs ?w } FILTER NOT EXISTS { ?e kg:isoCode ?i }
        }""",
    "typed-literals": """
        SELECT ?a ?d ?year ?st ?c WHERE {
          { ?a dcterms:date ?d BIND(YEAR(?d) AS ?year) }
          UNION { ?st kg:confidence ?c FILTER(?c >= 0.75) }
        }""",
}


@pytest.fixture(scope="module")
def store(corpus_build) -> Store:
    return Store.open(corpus_build.out)


def _key(row: tuple) -> tuple[str, ...]:
    return tuple("" if v is None else v.n3() for v in row)


@pytest.mark.parametrize("name", QUERIES)
def test_rdflib_and_pyoxigraph_give_the_same_answer(name, corpus_graph, store):
    sparql = QUERIES[name]
    by_rdflib = kg.query(corpus_graph, sparql)
    by_oxigraph = store.query(sparql)
    assert by_oxigraph.type == by_rdflib.type
    if by_rdflib.type == "ASK":
        assert by_oxigraph.boolean is by_rdflib.boolean is (name == "ask-true")
        return
    assert len(by_rdflib) > 0  # an empty answer would agree on anything
    if by_rdflib.type in ("CONSTRUCT", "DESCRIBE"):
        assert sorted(by_oxigraph.triples, key=_key) == sorted(by_rdflib.triples, key=_key)
        return
    assert by_oxigraph.vars == by_rdflib.vars
    if "ORDER BY" in sparql:
        assert list(by_oxigraph.rows) == list(by_rdflib.rows)
    else:
        assert sorted(by_oxigraph.rows, key=_key) == sorted(by_rdflib.rows, key=_key)


def test_two_hop_answer_is_the_facts_of_the_entity(store):
    rows = store.query(QUERIES["two-hop-from-one-entity"]).rows
    facts = {(p.split("#")[-1], str(label)) for p, _, label in rows}
    assert ("locatedIn", "Russia") in facts
    assert ("near", "Volga") in facts


def test_rows_are_rdflib_terms_with_the_graphs_lexical_forms(store):
    rows = store.query(QUERIES["having-min-max-decimals"]).rows
    gazetteer = next(r for r in rows if str(r.reason) == "gazetteer")
    # graph.ttl says 1.0; oxigraph alone would say 1
    assert gazetteer.highest == Literal("1.0", datatype=namespace.XSD.decimal)
    assert str(gazetteer.highest) == "1.0"
    assert gazetteer.n == Literal(int(gazetteer.n), datatype=namespace.XSD.integer)
    label = store.query("SELECT ?l WHERE { region:russia skos:prefLabel ?l }").rows[0].l
    assert label == Literal("Russia") and label.datatype is None


def test_query_accepts_a_build_folder(corpus_build, store):
    sparql = QUERIES["group-count-order"]
    assert kg.query(corpus_build.out, sparql).rows == store.query(sparql).rows


def test_results_behave_like_rdflib_results(store):
    ask = store.query("ASK { region:bashkortostan a kg:Region }")
    assert ask.askAnswer is True and bool(ask) and list(ask) == [True]
    select = store.query("SELECT ?l WHERE { region:bashkortostan skos:prefLabel ?l }")
    assert [row.l for row in select] == [Literal("Bashkortostan")]
    assert [row["l"] for row in select] == [Literal("Bashkortostan")]
    construct = store.query(QUERIES["construct"])
    assert len(construct.graph) == len(construct) == len(list(construct))


# ---- read-only -------------------------------------------------------------------------------

UPDATES = [
    "INSERT DATA { person:someone a kg:Person }",
    "DELETE WHERE { ?s ?p ?o }",
    "delete { ?s ?p ?o } where { ?s ?p ?o }",
    "PREFIX ex: <http://example.org/>\nINSERT { ?s ex:seen true } WHERE { ?s a kg:Person }",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "DROP DEFAULT",
    "CREATE GRAPH <http://example.org/g>",
    "ADD DEFAULT TO <http://example.org/g>",
    "MOVE DEFAULT TO <http://example.org/g>",
    "COPY DEFAULT TO <http://example.org/g>",
    "LOAD <http://example.org/data.ttl>",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_by_both_engines(update, seed_build, seed_graph):
    store = Store.open(seed_build.out)
    before, triples = len(store), len(seed_graph)
    with pytest.raises(QueryError, match="read-only"):
        store.query(update)
    with pytest.raises(QueryError, match="read-only"):
        kg.query(seed_graph, update)
    assert len(store) == before and len(seed_graph) == triples


@pytest.mark.parametrize(
    "sparql",
    [
        'SELECT ?l WHERE { ?x skos:prefLabel ?l FILTER(?l != "DELETE WHERE { ?s ?p ?o }") }',
        "SELECT ?l WHERE { ?x skos:prefLabel ?l FILTER(?l != '''INSERT DATA\nDROP ALL''') }",
        "SELECT ?l WHERE { ?x skos:prefLabel ?l FILTER(?x != <http://example.org/DELETE>) }",
        "SELECT ?l WHERE { ?x skos:prefLabel ?l } # DELETE WHERE { ?s ?p ?o }",
        'SELECT ?l WHERE { ?x skos:prefLabel ?l FILTER(?l != "SERVICE <http://x/>") }',
        "PREFIX delete: <http://example.org/> SELECT ?l WHERE { ?x skos:prefLabel ?l }",
    ],
)
def test_update_and_service_words_in_strings_iris_and_comments_are_not_refused(
    sparql, seed_graph, seed_build
):
    answer = Store.open(seed_build.out).query(sparql)
    assert answer.type == "SELECT" and len(answer) > 0
    assert len(kg.query(seed_graph, sparql)) == len(answer)


def test_allowed_update_changes_only_the_store_in_memory(seed_build):
    path = seed_build.out / "graph.ttl"
    on_disk = path.read_bytes()
    store = Store.open(seed_build.out)
    before = len(store)
    ask = "ASK { person:someone-new a kg:Person }"
    assert store.query(ask).boolean is False
    done = store.query("INSERT DATA { person:someone-new a kg:Person }", allow_update=True)
    assert done.type == "UPDATE" and format_result(done) == ""
    assert store.query(ask).boolean is True and len(store) == before + 1
    store.query("DELETE WHERE { ?m a kg:Mention ; ?p ?o }", allow_update=True)
    assert store.query("ASK { ?m a kg:Mention }").boolean is False
    assert path.read_bytes() == on_disk
    assert Store.open(seed_build.out).query("ASK { ?m a kg:Mention }").boolean is True


def test_allowed_update_on_an_rdflib_graph(seed_build):
    g = kg.load(seed_build.out)
    someone = (KGR["person/someone-new"], namespace.RDF.type, KG.Person)
    assert someone not in g
    kg.query(g, "INSERT DATA { person:someone-new a kg:Person }", allow_update=True)
    assert someone in g


@pytest.mark.parametrize(
    "sparql, word",
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }", "FROM"),
    ],
)
def test_reading_outside_the_graph_is_refused(sparql, word, seed_build, seed_graph):
    with pytest.raises(QueryError, match=f"{word} is refused"):
        Store.open(seed_build.out).query(sparql)
    with pytest.raises(QueryError, match=f"{word} is refused"):
        kg.query(seed_graph, sparql)


def test_allowed_service_reaches_the_engine(seed_build):
    # Port 9 is one oxigraph will not connect to, so the request fails without leaving the host.
    sparql = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="SPARQL error: .*port 9"):
        Store.open(seed_build.out).query(sparql, allow_service=True)


def test_load_needs_both_permissions(seed_build):
    with pytest.raises(QueryError, match="LOAD is refused"):
        Store.open(seed_build.out).query("LOAD <http://127.0.0.1:9/x.ttl>", allow_update=True)


def test_bad_sparql_is_a_query_error(store):
    with pytest.raises(QueryError, match="^SPARQL syntax error at line 1, column 18: "):
        store.query("SELECT ?x WHERE {")


def test_a_broken_graph_file_is_a_usage_error(tmp_path):
    (tmp_path / "graph.ttl").write_text("<a> <b> .\n")
    with pytest.raises(UsageError, match="graph.ttl"):
        Store.open(tmp_path)


# ---- output formats --------------------------------------------------------------------------

REGIONS = """
SELECT ?e ?label ?n ?iso WHERE {
  ?e a kg:Region ; skos:prefLabel ?label ; kg:mentionCount ?n .
  OPTIONAL { ?e kg:isoCode ?iso }
} ORDER BY ?label ?e"""


def test_json_is_w3c_sparql_results(store):
    result = store.query(REGIONS)
    data = json.loads(format_result(result, fmt="json"))
    assert set(data) == {"head", "results"}
    assert data["head"]["vars"] == ["e", "label", "n", "iso"]
    bindings = data["results"]["bindings"]
    assert len(bindings) == len(result.rows)
    for b, row in zip(bindings, result.rows, strict=True):
        assert b["e"] == {"type": "uri", "value": str(row.e)}
        assert b["label"] == {"type": "literal", "value": str(row.label)}  # no xsd:string
        assert b["n"] == {
            "type": "literal",
            "value": str(row.n),
            "datatype": str(namespace.XSD.integer),
        }
        assert ("iso" in b) == (row.iso is not None)  # unbound variables are left out
    assert any("iso" in b for b in bindings) and any("iso" not in b for b in bindings)


def test_json_language_tags_and_ask(store):
    tagged = store.query('SELECT ?x WHERE { BIND(STRLANG("Russie", "fr") AS ?x) }')
    data = json.loads(format_result(tagged, fmt="json"))
    assert data["results"]["bindings"] == [
        {"x": {"type": "literal", "value": "Russie", "xml:lang": "fr"}}
    ]
    ask = store.query("ASK { region:russia a kg:Region }")
    assert json.loads(format_result(ask, fmt="json")) == {"head": {}, "boolean": True}


def test_csv_reads_back_with_the_csv_module(store):
    result = store.query("SELECT ?a ?text WHERE { ?a a kg:Article ; kg:text ?text } ORDER BY ?a")
    text = format_result(result, fmt="csv")
    assert text.endswith("\r\n")
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back[0] == ["a", "text"]
    assert back[1:] == [[str(a), str(t)] for a, t in result.rows]
    # article texts hold quotes, commas and line breaks: the quoting has to be right
    assert any('"' in t and "\n" in t and "," in t for _, t in back[1:])


def test_table_aligns_columns_and_shortens_iris(store):
    result = store.query(REGIONS)
    lines = format_result(result).splitlines()
    assert lines[0].split() == ["e", "label", "n", "iso"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 2 + len(result.rows)
    assert any(line.startswith("region:bashkortostan ") for line in lines)
    label_col = lines[0].index("label")
    assert all(line[label_col - 2 : label_col] == "  " for line in lines[2:])


def test_turtle_of_a_construct_parses_back(store, corpus_graph):
    result = store.query(QUERIES["construct"])
    text = format_result(result)  # the default for CONSTRUCT
    assert text == format_result(result, fmt="turtle")
    assert "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ." in text
    assert "group:" in text
    back = Graph().parse(data=text, format="turtle")
    assert len(back) == len(result.triples) > 0
    assert set(back) == set(result.triples)
    # sorted, so the same answer from the other engine prints the same bytes
    assert format_result(kg.query(corpus_graph, QUERIES["construct"]), fmt="turtle") == text


def test_a_construct_as_table_csv_or_json_lists_triples(store):
    result = store.query(QUERIES["construct"])
    rows = list(csv.reader(io.StringIO(format_result(result, fmt="csv"), newline="")))
    assert rows[0] == ["subject", "predicate", "object"]
    assert len(rows) == 1 + len(result.triples)
    assert rows[1:] == sorted(rows[1:])
    data = json.loads(format_result(result, fmt="json"))
    assert data["head"]["vars"] == ["subject", "predicate", "object"]
    assert len(data["results"]["bindings"]) == len(result.triples)
    assert format_result(result, fmt="table").split()[:3] == ["subject", "predicate", "object"]


def test_turtle_for_a_select_is_a_usage_error(store):
    with pytest.raises(UsageError, match="turtle is for CONSTRUCT and DESCRIBE"):
        format_result(store.query(REGIONS), fmt="turtle")


def test_empty_results_still_have_a_header():
    empty = Results("SELECT", vars=("x",))
    assert format_result(empty, fmt="csv") == "x\r\n"
    assert json.loads(format_result(empty, fmt="json"))["results"]["bindings"] == []


# ---- the CLI ---------------------------------------------------------------------------------


def _run(*args: str):
    return CliRunner().invoke(main, ["query", *args])


def test_cli_formats(seed_build):
    out = str(seed_build.out)
    q = (
        "SELECT ?p ?l WHERE { ?p a kg:Person ; skos:prefLabel ?l"
        " FILTER NOT EXISTS { ?p a kg:Participant } } ORDER BY ?l"
    )
    js = _run(q, "--graph", out, "--format", "json")
    assert js.exit_code == 0, js.output
    bindings = json.loads(js.output)["results"]["bindings"]
    assert [b["l"]["value"] for b in bindings] == ["Ruslan Gabbasov", "Vladimir Putin"]
    assert bindings[1]["p"] == {"type": "uri", "value": str(KGR["person/vladimir-putin"])}
    rows = list(csv.reader(io.StringIO(_run(q, "-g", out, "-f", "csv").output, newline="")))
    assert rows == [
        ["p", "l"],
        [str(KGR["person/ruslan-gabbasov"]), "Ruslan Gabbasov"],
        [str(KGR["person/vladimir-putin"]), "Vladimir Putin"],
    ]
    table = _run(q, "-g", out).output.splitlines()
    assert table[2].split() == ["person:ruslan-gabbasov", "Ruslan", "Gabbasov"]


def test_cli_construct_prints_turtle(seed_build):
    q = (
        "CONSTRUCT { ?p skos:prefLabel ?l } WHERE { ?p a kg:Person ; skos:prefLabel ?l"
        " FILTER NOT EXISTS { ?p a kg:Participant } }"
    )
    result = _run(q, "--graph", str(seed_build.out))
    assert result.exit_code == 0, result.output
    back = Graph().parse(data=result.output, format="turtle")
    assert set(map(str, back.objects())) == {"Ruslan Gabbasov", "Vladimir Putin"}
    assert result.output == _run(q, "-g", str(seed_build.out), "-f", "turtle").output


def test_cli_refuses_turtle_for_select(seed_build):
    result = _run("SELECT ?s WHERE { ?s a kg:Person }", "-g", str(seed_build.out), "-f", "turtle")
    assert result.exit_code == 2
    assert "kg: error: --format turtle is for CONSTRUCT and DESCRIBE" in result.output


def test_cli_update_refused_then_allowed_in_memory(seed_build):
    out, path = str(seed_build.out), seed_build.out / "graph.ttl"
    on_disk = path.read_bytes()
    refused = _run("DELETE WHERE { ?s ?p ?o }", "-g", out)
    assert refused.exit_code == 2 and "read-only" in refused.output
    allowed = _run("DELETE WHERE { ?s ?p ?o }", "-g", out, "--allow-update")
    assert allowed.exit_code == 0, allowed.output
    assert "graph.ttl is unchanged" in allowed.stderr
    assert path.read_bytes() == on_disk


def test_cli_service_refused(seed_build):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    result = _run(q, "-g", str(seed_build.out))
    assert result.exit_code == 2 and "SERVICE is refused" in result.output
    allowed = _run(q, "-g", str(seed_build.out), "--allow-service")
    assert allowed.exit_code == 2 and "port 9" in allowed.output


def test_cli_help_says_the_graph_file_is_not_modified():
    text = " ".join(_run("--help").output.split())
    assert "graph.ttl is not modified" in text
    assert "--allow-service" in text and "turtle" in text
