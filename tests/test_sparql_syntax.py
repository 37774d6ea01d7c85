"""Readable SPARQL errors: a missing query file, the line and column with a caret under the
token and the expectation in words, an unknown prefix named; the same from either engine."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib.plugins.sparql import prepareQuery, prepareUpdate

import kg
from kg.cli import EXAMPLE_QUERY, main
from kg.errors import QueryError
from kg.graph.namespaces import PREFIXES
from kg.query.store import Store
from kg.query.syntax import explain
from tests.test_store import QUERIES

OX_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}

# Every form and production of the grammar, each in some query the engines accept.
VALID = [
    "SELECT * WHERE { ?s ?p ?o }",
    "SELECT DISTINCT ?s { ?s a kg:Person ; skos:prefLabel ?l , ?m . }",
    "SELECT REDUCED ?s WHERE { ?s ?p ?o . ?o ?q ?r . }",
    (
        "PREFIX ex: <http://example.org/> BASE <http://example.org/> SELECT ?s WHERE { ?s ex:p "
        "<rel> }"
    ),
    (
        "SELECT (COUNT(DISTINCT ?s) AS ?n) (SUM(?x) AS ?t) WHERE { ?s kg:confidence ?x } GROUP "
        "BY ?s HAVING (COUNT(*) > 1) ORDER BY DESC(?n) ASC(?t) ?s LIMIT 10 OFFSET 5"
    ),
    "SELECT ?s WHERE { ?s ?p ?o } OFFSET 2 LIMIT 3",
    'SELECT (GROUP_CONCAT(DISTINCT ?l ; SEPARATOR = ", ") AS ?ls) WHERE { ?s skos:prefLabel ?l }',
    (
        "SELECT ?s WHERE { ?s kg:p/kg:q|^kg:r ?o . ?o (kg:a|kg:b)* ?z . ?z !(kg:c|^kg:d) ?w . "
        "?w kg:e+ ?v . ?v kg:f? ?u . ?u !a ?t }"
    ),
    (
        "SELECT ?s WHERE { { ?s a kg:Person } UNION { ?s a kg:Region } OPTIONAL { ?s "
        "skos:prefLabel ?l } MINUS { ?s a kg:Group } }"
    ),
    (
        "SELECT ?s WHERE { ?s ?p ?o FILTER(?o > 3 && ?o <= 10 || !BOUND(?o)) FILTER "
        'REGEX(STR(?s), "^x", "i") FILTER NOT EXISTS { ?s a kg:X } FILTER EXISTS { ?s ?p2 ?o2 '
        "} }"
    ),
    (
        'SELECT ?s WHERE { ?s ?p ?o FILTER(?o IN (1, 2.5, -3, 4e10, "x"@en, "y"^^xsd:string, '
        "true)) FILTER(?o NOT IN ()) }"
    ),
    (
        "SELECT ?s ?n WHERE { ?s ?p ?o BIND(STRLEN(STR(?o)) * 2 + 1 - -1 / 3 AS ?n) BIND(IF(?n "
        "> 1, \"a\", 'b') AS ?m) BIND(COALESCE(?x, ?y, 1) AS ?c) BIND(NOW() AS ?t) "
        "BIND(CONCAT() AS ?e) }"
    ),
    (
        'SELECT ?s WHERE { VALUES ?s { kg:a <http://x/y> UNDEF "lit" 1 } VALUES (?a ?b) { (1 '
        '2) (UNDEF "x") } VALUES () { () } }'
    ),
    "SELECT ?s WHERE { ?s ?p ?o } VALUES ?s { kg:a }",
    (
        "SELECT ?s WHERE { { SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s } "
        "FILTER(?n > 1) }"
    ),
    "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } GRAPH <http://x/g> { ?s ?p ?o } }",
    "SELECT ?s FROM <http://x/g> FROM NAMED <http://x/h> WHERE { ?s ?p ?o }",
    (
        "SELECT ?s WHERE { ?s kg:list (1 2 (3 4) [ kg:p ?o ]) . [ kg:p ?q ; kg:r ?t ] . [] "
        "kg:p ?x . ( ?a ?b ) kg:p ?c . _:b0 kg:p _:b1 }"
    ),
    'SELECT ?s WHERE { ?s kg:p """long\nstring""" , \'\'\'another \' one\'\'\' , "esc\\"aped" }',
    (
        'SELECT ?s WHERE { ?s ?p ?o . FILTER(langMatches(lang(?o), "en")) FILTER(sameTerm(?s, '
        "?s) && isIRI(?s) && isLiteral(?o)) }"
    ),
    "SELECT ?s WHERE { ?s ?p ?o . FILTER(xsd:integer(?o) > 1) FILTER(xsd:boolean(?s)) }",
    (
        "SELECT ?s (SAMPLE(?o) AS ?x) (MIN(?o) AS ?mi) (MAX(?o) AS ?ma) (AVG(?o) AS ?av) WHERE "
        "{ ?s ?p ?o } GROUP BY ?s (STR(?o) AS ?so) LCASE(?s)"
    ),
    "SELECT ?s WHERE { ?s ?p ?o ; }",
    "SELECT ?s WHERE { ?s ?p ?o ;; ?q ?r . }",
    "SELECT ?s WHERE { ?s ?p ?o . }",
    "SELECT $s WHERE { $s ?p ?o } # a comment\n",
    "select ?s where { ?s a ?o } order by ?s limit 1",
    "ASK { ?s ?p ?o }",
    "ASK WHERE { ?s ?p ?o }",
    "CONSTRUCT { ?s kg:p ?o . ?o kg:q [ kg:r 1 ] } WHERE { ?s ?p ?o } LIMIT 1",
    "CONSTRUCT WHERE { ?s ?p ?o }",
    "CONSTRUCT {} WHERE {}",
    "DESCRIBE person:vladimir-putin",
    "DESCRIBE ?s <http://x/y> WHERE { ?s ?p ?o }",
    "DESCRIBE ?s ?o WHERE { ?s ?p ?o }",
    "SELECT ?s WHERE { ?s kg:p 1.5 , .5 , 1.e3 , 12 , -1 , +2 . }",
    'SELECT ?s WHERE { ?s kg:p ?o . FILTER(?o != "x") FILTER(?o < 3) FILTER(?o >= -2) }',
    "SELECT ?s WHERE { ?s kg:p ?o } ORDER BY (?o + 1) STRLEN(?o)",
    (
        'SELECT (STRUUID() AS ?u) (UUID() AS ?v) (RAND() AS ?r) (BNODE() AS ?b) (BNODE("x") AS '
        "?c) WHERE {}"
    ),
    (
        "SELECT ?x WHERE { ?s kg:p ?o BIND(SUBSTR(?o, 1) AS ?x) BIND(SUBSTR(?o, 1, 2) AS ?y) "
        'BIND(REPLACE(?o, "a", "b") AS ?z) }'
    ),
    "SELECT * WHERE { SERVICE SILENT <http://x/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s a kg:Person } LIMIT 1 VALUES ?s { person:vladimir-putin }",
    'SELECT * WHERE { ?s kg:name "Ōsaka"@ja-Latn }',
    "PREFIX : <http://x/> SELECT * WHERE { ?s :p :o . :s :p :o }",
    "PREFIX ex.a: <http://x/> SELECT * WHERE { ?s ex.a:p-q ex.a:x.y }",
]
UPDATES = [
    "INSERT DATA { kg:a kg:b kg:c . GRAPH <http://x/g> { kg:a kg:b 1 } }",
    "DELETE DATA { kg:a kg:b kg:c }",
    "DELETE WHERE { ?s kg:p ?o }",
    "DELETE { ?s kg:p ?o } INSERT { ?s kg:q ?o } WHERE { ?s kg:p ?o }",
    "INSERT { ?s kg:q ?o } USING <http://x/g> WHERE { ?s kg:p ?o }",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CLEAR DEFAULT ; DROP SILENT GRAPH <http://x/g> ; CREATE GRAPH <http://x/h> ; CLEAR ALL",
    (
        "ADD DEFAULT TO GRAPH <http://x/g> ; COPY <http://x/g> TO DEFAULT ; MOVE SILENT GRAPH "
        "<http://x/g> TO <http://x/h>"
    ),
    "PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c } ;",
]


@pytest.fixture(scope="module")
def engines(seed_build, seed_graph):
    return Store.open(seed_build.out), seed_graph


def query(graph, *args: str):
    return CliRunner().invoke(main, ["query", *args, "--graph", str(graph)])


# ---- query files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["who.rq", "queries/who.sparql", "q.TXT", "queries/who"])
def test_a_missing_query_file_is_named_not_parsed(name, seed_build, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = query(seed_build.out, name)
    assert result.exit_code == 2
    assert result.output == f"kg: error: no such query file: {name}\n"


def test_a_folder_is_not_a_query_file(seed_build, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "queries").mkdir()
    result = query(seed_build.out, "queries/")
    assert result.exit_code == 2
    assert result.output == "kg: error: not a query file: queries/ is a folder\n"


def test_query_text_with_a_slash_is_still_a_query(seed_build):
    result = query(seed_build.out, "DESCRIBE <https://w3id.org/kg/resource/person/vladimir-putin>")
    assert result.exit_code == 0, result.output
    assert "Vladimir Putin" in result.output


def test_a_query_file_that_is_not_utf8(seed_build, tmp_path):
    f = tmp_path / "q.rq"
    f.write_bytes(b'ASK { ?s ?p "\xff" }')
    result = query(seed_build.out, str(f))
    assert result.exit_code == 2
    assert result.output == f"kg: error: query file {f} is not UTF-8 text\n"


# ---- syntax errors ----------------------------------------------------------------------------


def test_syntax_error_shows_line_column_caret_and_expectation(seed_build):
    result = query(seed_build.out, "SELECT ?x WHERE { ?x a }")
    assert result.exit_code == 2
    assert result.output == (
        "kg: error: SPARQL syntax error at line 1, column 24: expected a variable, an IRI, "
        "a literal or a blank node, found '}'\n"
        "  SELECT ?x WHERE { ?x a }\n"
        "                         ^\n"
    )


def test_syntax_error_in_a_query_file_points_into_its_line(seed_build, tmp_path):
    f = tmp_path / "q.rq"
    f.write_text(
        "# people and their names\n"
        "SELECT ?p ?l WHERE {\n  ?p a kg:Person\n  ?p skos:prefLabel ?l\n}\n",
        encoding="utf-8",
    )
    result = query(seed_build.out, str(f))
    assert result.exit_code == 2
    assert result.output == (
        "kg: error: SPARQL syntax error at line 4, column 3: expected ',', ';', '.', '{', '}' or "
        "a keyword (OPTIONAL, MINUS, GRAPH, SERVICE, FILTER, BIND, VALUES), found '?p'\n"
        "    ?p skos:prefLabel ?l\n"
        "    ^\n"
    )


def test_unknown_prefix_is_named_with_the_predeclared_ones(seed_build):
    result = query(seed_build.out, "SELECT ?x WHERE { ?x a foaf:Person }")
    assert result.exit_code == 2
    assert result.output == (
        "kg: error: SPARQL: unknown prefix foaf: at line 1, column 24; kg predeclares kg:, kgr:, "
        "person:, region:, group:, artifact:, article:, statement:, schema:, skos:, owl:, prov:, "
        "dcterms:, rdf:, rdfs:, xsd: (declare another with PREFIX foaf: <IRI>)\n"
        "  SELECT ?x WHERE { ?x a foaf:Person }\n"
        "                         ^\n"
    )


def test_a_prefix_the_query_declares_is_known(engines):
    store, _ = engines
    sparql = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?x WHERE { ?x a foaf:Person }"
    assert len(store.query(sparql)) == 0


BAD = {
    "SELECT WHERE { ?x a kg:Person }": (
        "line 1, column 8: expected a variable, '*', '(', DISTINCT or REDUCED, found 'WHERE'"
    ),
    "SELECT ?x WHERE { ?x a kg:Person } LIMT 3": (
        "line 1, column 36: expected a keyword (GROUP, HAVING, ORDER, LIMIT, OFFSET, VALUES) or "
        "the end of the query, found 'LIMT'"
    ),
    "SELECT ?x WHERE { ?x a kg:Person FILTER(?x = ?y }": (
        "line 1, column 49: expected ')', found '}'"
    ),
    "SELECT ?x { ?x a kg:Person } ORDER ?x": "line 1, column 36: expected BY, found '?x'",
    "SELECT (COUNT(?x) ?n) WHERE { ?x a kg:Person }": (
        "line 1, column 19: expected AS, found '?n'"
    ),
    'SELECT ?x WHERE { ?x kg:p "open }': (
        'line 1, column 27: a string opened with " is not closed on its line'
    ),
    "SELECT ?x WHERE { ?x a kg:Person } LIMIT": (
        "line 1, column 41: expected a whole number, found the end of the query"
    ),
    "SELECT * WHERE { BIND(STRLEN(?a, ?b) AS ?n) }": (
        "line 1, column 23: STRLEN takes 1 argument, not 2"
    ),
}


@pytest.mark.parametrize("sparql", BAD)
def test_both_engines_give_the_same_readable_error(sparql, engines):
    store, graph = engines
    with pytest.raises(QueryError) as on_oxigraph:
        store.query(sparql)
    with pytest.raises(QueryError) as on_rdflib:
        kg.query(graph, sparql)
    head = f"SPARQL syntax error at {BAD[sparql]}"
    assert str(on_oxigraph.value).splitlines()[0] == head
    assert str(on_rdflib.value) == str(on_oxigraph.value)


ONLY_OXIGRAPH = {  # rdflib takes <thing> as it is; pyoxigraph refuses it
    "SELECT ?x WHERE { ?x kg:p <thing> }": (
        "line 1, column 27: <thing> is a relative IRI: write it in full, or declare a BASE"
    ),
    "DELETE WHERE { ?s kg:p }": (  # read with the update grammar
        "line 1, column 24: expected a variable, an IRI, a literal or a blank node, found '}'"
    ),
}


@pytest.mark.parametrize("sparql", ONLY_OXIGRAPH)
def test_relative_iris_and_updates(sparql, engines):
    store, _ = engines
    with pytest.raises(QueryError) as e:
        store.query(sparql, allow_update=True)
    assert str(e.value).splitlines()[0] == f"SPARQL syntax error at {ONLY_OXIGRAPH[sparql]}"


def test_an_error_only_the_engine_finds_keeps_its_words_and_place(engines):
    store, _ = engines
    with pytest.raises(QueryError) as e:
        store.query("SELECT ?x (1 AS ?x) WHERE {}")
    assert str(e.value) == (
        "SPARQL syntax error at line 1, column 29: Duplicated variable name in SELECT\n"
        "  SELECT ?x (1 AS ?x) WHERE {}\n"
        "                              ^"
    )


def test_a_long_line_is_cut_around_the_caret(engines):
    store, _ = engines
    padding = " ".join(f"?v{i}" for i in range(60))
    with pytest.raises(QueryError) as e:
        store.query(f"SELECT {padding} WHERE {{ ?v0 a }}")
    _, line, caret = str(e.value).splitlines()
    assert len(line) == 2 + 76 and line.startswith("  …") and line.endswith("a }")
    assert caret == " " * (len(line) - 1) + "^"


# ---- no false alarms --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sparql", [*VALID, *QUERIES.values(), EXAMPLE_QUERY], ids=lambda q: " ".join(q.split())[:40]
)
def test_every_query_the_engines_accept_reads_without_error(sparql):
    ox.Store().query(sparql, prefixes=OX_PREFIXES)  # both engines accept it
    prepareQuery(sparql, initNs=PREFIXES)
    assert explain(sparql, PREFIXES) is None


@pytest.mark.parametrize("sparql", UPDATES, ids=lambda q: q[:40])
def test_every_update_the_engines_accept_reads_without_error(sparql):
    ox.Store().update(sparql, prefixes=OX_PREFIXES)
    prepareUpdate(sparql, initNs=PREFIXES)
    assert explain(sparql, PREFIXES, update=True) is None
