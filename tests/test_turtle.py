"""kg's Turtle writer: valid for two independent parsers, exact, and the same bytes every time.

Every document is read back by rdflib and by pyoxigraph (Rust, a separate Turtle grammar)
and compared with the triples that went in.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from kg.graph import assemble, to_turtle
from kg.graph.namespaces import KG, KGR, PREFIXES, bind
from kg.graph.turtle import write_turtle
from kg.link import group_events, link
from tests.conftest import ROOT

EX = "http://example.org/"
# A plain Namespace: pytest's collection probes module globals, and rdflib's XSD warns.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
PREFIX_MAP = {**{p: str(ns) for p, ns in PREFIXES.items()}, "ex": EX}


# --- reading a document back --------------------------------------------------------------


def rdflib_parse(data: bytes) -> Graph:
    """rdflib's reading, with literals kept as written (rdflib normalises "01" to "1")."""
    normalize = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        return Graph().parse(data=data, format="turtle")
    finally:
        rdflib.NORMALIZE_LITERALS = normalize


def ox_parse(data: bytes, lenient: bool = False) -> set[tuple]:
    """pyoxigraph's reading, as comparable tuples (see ``plain``)."""
    quads = ox.parse(data, format=ox.RdfFormat.TURTLE, lenient=lenient)
    return {tuple(plain(t) for t in (q.subject, q.predicate, q.object)) for q in quads}


def plain(t) -> tuple:
    """A term of either library as a tuple: RDF 1.1 terms, so a literal without a language
    is typed xsd:string and language tags compare in lower case."""
    if isinstance(t, (URIRef, ox.NamedNode)):
        return ("iri", str(t) if isinstance(t, URIRef) else t.value)
    if isinstance(t, (BNode, ox.BlankNode)):
        return ("blank", str(t) if isinstance(t, BNode) else t.value)
    if isinstance(t, ox.Literal):
        return ("literal", t.value, t.language, t.datatype.value)
    if t.language:
        return ("literal", str(t), t.language.lower(), str(RDF.langString))
    return ("literal", str(t), None, str(t.datatype or XSD.string))


def graph_of(triples, prefixes=PREFIX_MAP) -> Graph:
    g = Graph()
    for prefix, ns in prefixes.items():
        g.bind(prefix, ns, override=True, replace=True)
    for t in triples:
        g.add(t)
    return g


def assert_round_trips(triples, data: bytes, *, lenient: bool = False) -> None:
    """Both parsers read ``data`` back as exactly ``triples``."""
    triples = list(triples)
    parsed = rdflib_parse(data)
    if any(isinstance(term, BNode) for t in triples for term in t):
        assert isomorphic(parsed, graph_of(triples))
    else:  # the same terms (isomorphic() cannot hash an invalid IRI)
        assert set(parsed) == set(triples)
    assert ox_parse(data, lenient) == {tuple(map(plain, t)) for t in triples}


# --- the real graph -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_graph_in_memory(corpus_build) -> Graph:
    """The sample corpus's graph as the build assembles it, before any Turtle."""
    xs = corpus_build.extractions
    linking = link(xs)
    return assemble(
        xs, linking, group_events(xs, linking), kg_version="t", pipeline="t", fingerprint="t"
    )


@pytest.mark.slow
def test_the_built_graph_reads_back_as_itself_in_both_parsers(corpus_graph_in_memory):
    g = corpus_graph_in_memory
    data = to_turtle(g)
    assert len(g) > 5000
    assert_round_trips(g, data)
    # kg's shape comes out as prefixed names where Turtle allows them
    assert b"\nperson:vladimir-putin a kg:Person" in data
    assert b"\nregion:bashkortostan a " in data
    assert b"\n    kg:refersTo region:bashkortostan ;" in data
    assert b"\n<https://w3id.org/kg/resource/mention/" in data  # "/" in the local part


@pytest.mark.slow
def test_the_built_file_is_a_fixpoint(corpus_build):
    """Reading graph.ttl and writing it again gives the same bytes."""
    data = corpus_build.graph_path.read_bytes()
    g = Graph()
    bind(g)
    g.parse(data=data, format="turtle")
    assert to_turtle(g) == data


@pytest.mark.slow
def test_graph_index_and_plain_triples_give_the_same_bytes(corpus_graph_in_memory):
    g = corpus_graph_in_memory
    prefixes = {p: str(ns) for p, ns in g.namespaces()}
    assert to_turtle(g) == write_turtle(iter(g), prefixes)


def test_a_graph_sharing_its_store_is_written_alone():
    """A graph in a Dataset shares its store; only its own triples are written."""
    ds = Dataset()
    mine, other = ds.graph(URIRef(EX + "g1")), ds.graph(URIRef(EX + "g2"))
    mine.bind("ex", EX)
    mine.add((URIRef(EX + "a"), RDFS.label, Literal("mine")))
    other.add((URIRef(EX + "b"), RDFS.label, Literal("other")))
    assert to_turtle(mine) == (
        b"@prefix ex: <http://example.org/> .\n"
        b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
        b'ex:a rdfs:label "mine" .\n'
    )


# --- layout -----------------------------------------------------------------------------


def test_layout_prefixes_subjects_type_first_and_object_lists():
    a, b = URIRef(EX + "a"), URIRef(EX + "b")
    triples = [
        (b, RDFS.label, Literal("B")),
        (a, RDFS.label, Literal("second")),
        (a, RDF.type, KG.Region),
        (a, KG.near, b),
        (a, RDFS.label, Literal("first")),
        (a, RDF.type, KG.Country),
        (a, KG.mentionCount, Literal(3)),
        (a, URIRef(EX + "alpha"), Literal(True)),  # an IRI before rdf:type's
    ]
    assert write_turtle(triples, {**PREFIX_MAP, "unused": "http://unused.example/"}) == (
        b"@prefix ex: <http://example.org/> .\n"
        b"@prefix kg: <https://w3id.org/kg/ontology#> .\n"
        b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        b"\n"
        b"ex:a a kg:Country, kg:Region ;\n"
        b"    ex:alpha true ;\n"
        b'    rdfs:label "first", "second" ;\n'
        b"    kg:mentionCount 3 ;\n"
        b"    kg:near ex:b .\n"
        b"\n"
        b'ex:b rdfs:label "B" .\n'
    )


def test_terms_of_one_position_sort_iris_then_blank_nodes_then_literals():
    s, p = URIRef(EX + "s"), URIRef(EX + "p")
    objs = [Literal("a", lang="en"), Literal("a"), BNode("b0"), URIRef(EX + "z"), Literal("0")]
    objs += [Literal("a", datatype=XSD.string), URIRef(EX + "y")]
    data = write_turtle([(s, p, o) for o in objs], PREFIX_MAP)
    line = 'ex:s ex:p ex:y, ex:z, _:b0, "0", "a", "a"^^xsd:string, "a"@en .'
    assert data.decode().endswith(line + "\n")


def test_empty_input_writes_nothing():
    assert write_turtle([], PREFIX_MAP) == b""
    assert to_turtle(Graph()) == b""


def test_duplicates_are_written_once():
    t = (URIRef(EX + "s"), URIRef(EX + "p"), Literal("x", lang="EN"))
    twin = (URIRef(EX + "s"), URIRef(EX + "p"), Literal("x", lang="en"))
    assert write_turtle([t, t, twin], PREFIX_MAP) == write_turtle([t], PREFIX_MAP)


def test_what_turtle_cannot_say_is_refused():
    s, p = URIRef(EX + "s"), URIRef(EX + "p")
    with pytest.raises(ValueError, match="subject"):
        write_turtle([(Literal("x"), p, s)], PREFIX_MAP)
    with pytest.raises(ValueError, match="predicate"):
        write_turtle([(s, BNode("p"), s)], PREFIX_MAP)
    with pytest.raises(ValueError, match="language tag"):
        write_turtle([(s, p, Literal("x", lang="en_GB"))], PREFIX_MAP)


# --- hostile terms --------------------------------------------------------------------------

HOSTILE_TEXTS = [
    'say "hi"',
    "back\\slash",
    "trailing backslash\\",
    'escaped-looking \\" and \\u0041',
    "line\nbreak",
    "cr\rhere",
    "crlf\r\nhere",
    "tab\there",
    "nul\x00byte",
    "bell\x07 esc\x1b del\x7f nel\x85 c1\x9f",
    "rtl \u200f\u202eabc\u202c mark",
    "emoji 🙂 family 👩\u200d👩\u200d👧 flag 🇷🇺",
    "line separator\u2028paragraph\u2029bom\ufeff",
    '"""',
    'text with """ inside',
    'long text with """ inside\nand a line break',
    'ends with a quote"',
    'ends with a quote after a line break\n"',
    'ends with two quotes\n""',
    '\n""""""\n',
    '"',
    '""',
    "'single' '''triple'''",
    "",
    " ",
    "\n",
    "Уфа, Башкортостан",
    "עִברִית",
]

TYPED = [
    ("2024-01-31", XSD.date),
    ("2024", XSD.gYear),
    ("42", XSD.int),
    ("5", XSD.integer),
    ("-7", XSD.integer),
    ("12345678901234567890123", XSD.integer),
    ("0", XSD.integer),
    ("01", XSD.integer),
    ("+5", XSD.integer),
    ("-0", XSD.integer),
    (" 5", XSD.integer),
    ("not a number", XSD.integer),
    ("1.5", XSD.decimal),
    ("0.0", XSD.decimal),
    ("-0.25", XSD.decimal),
    ("0.0000001", XSD.decimal),  # canonical, but rdflib would read it bare as "1E-7"
    ("100000000000000000000.5", XSD.decimal),
    ("1.50", XSD.decimal),
    ("1", XSD.decimal),
    (".5", XSD.decimal),
    ("-0.0", XSD.decimal),
    ("1.", XSD.decimal),
    ("true", XSD.boolean),
    ("false", XSD.boolean),
    ("TRUE", XSD.boolean),
    ("1", XSD.boolean),
    ("1.0E0", XSD.double),
    ("1e3", XSD.double),
    ("INF", XSD.double),
    ("NaN", XSD.double),
    ("-0", XSD.double),
    ("abc", XSD.string),
    ("x", URIRef(EX + "dt#a.b")),
]

# Bare tokens only for the canonical forms; everything else quoted with its datatype.
BARE = {"5", "-7", "0", "12345678901234567890123", "true", "false"}
BARE |= {"1.5", "0.0", "-0.25", "100000000000000000000.5"}

LANGUAGES = [("Уфа", "ru"), ("colour", "en-GB"), ('a "quote"\nand a line', "EN"), ("x", "de-1996")]

# IRIs that are valid IRIs, with the text each must be written as.
ODD_IRIS = {
    KGR + "person/Ruslan_Gabbasov": "person:Ruslan_Gabbasov",
    KGR + "region/Ufa": "region:Ufa",
    KGR + "statement/3f2a09c1": "statement:3f2a09c1",
    KGR + "build": "kgr:build",
    KGR + "region/": "region:",
    KGR + "region/Zürich": "region:Zürich",
    KGR + "region/Уфа": "region:Уфа",
    KGR + "region/0abc": "region:0abc",
    KGR + "region/a.b": "region:a.b",
    KGR + "region/a-b_c": "region:a-b_c",
    KGR + "region/a:b": "region:a:b",
    KGR + "region/a%20b": "region:a%20b",
    KGR + "region/_x": "region:_x",
    KGR + "region/a.": "<https://w3id.org/kg/resource/region/a.>",
    KGR + "region/-a": "<https://w3id.org/kg/resource/region/-a>",
    KGR + "region/.a": "<https://w3id.org/kg/resource/region/.a>",
    KGR + "region/a~b": "<https://w3id.org/kg/resource/region/a~b>",
    KGR + "region/a?b=c": "<https://w3id.org/kg/resource/region/a?b=c>",
    KGR + "region/a'b": "<https://w3id.org/kg/resource/region/a'b>",
    KGR + "region/a/b": "<https://w3id.org/kg/resource/region/a/b>",
    KGR + "mention/0222a6e7/1079-1097": "<https://w3id.org/kg/resource/mention/0222a6e7/1079-1097>",
    "http://www.wikidata.org/entity/Q5710": "<http://www.wikidata.org/entity/Q5710>",
    "urn:isbn:0451450523": "<urn:isbn:0451450523>",
}

# Not valid IRIs, so kg should never make them; the Turtle must still be valid.
BAD_IRIS = {
    EX + "a b": r"<http://example.org/a\u0020b>",
    EX
    + '<>"{}|^`\\': r"<http://example.org/\u003C\u003E\u0022\u007B\u007D\u007C\u005E\u0060\u005C>",
    EX + "ctl\x01\x1f\x7f": r"<http://example.org/ctl\u0001\u001F\u007F>",
    EX + "nl\nx": r"<http://example.org/nl\u000Ax>",
    KGR + "region/a%2": "<https://w3id.org/kg/resource/region/a%2>",  # "%" without two hex
}


def ex(name: str) -> URIRef:
    return URIRef(EX + name)


def hostile_literals() -> list[Literal]:
    lits = [Literal(t) for t in HOSTILE_TEXTS]
    lits += [Literal(t, lang=lang) for t, lang in LANGUAGES]
    lits += [Literal(lex, datatype=dt, normalize=False) for lex, dt in TYPED]
    return lits


def hostile_triples() -> list[tuple]:
    """One subject per literal and per IRI, so each can be found in the output."""
    value = ex("value")
    triples = [(ex(f"lit{i:02d}"), value, lit) for i, lit in enumerate(hostile_literals())]
    triples += [(ex(f"iri{i:02d}"), value, URIRef(iri)) for i, iri in enumerate(ODD_IRIS)]
    triples += [(URIRef(iri), RDF.type, KG.Region) for iri in ODD_IRIS]
    return triples


def test_hostile_literals_read_back_exactly():
    triples = [t for t in hostile_triples() if str(t[0]).startswith(EX + "lit")]
    data = write_turtle(triples, PREFIX_MAP)
    assert_round_trips(triples, data)
    blocks = data.decode().removesuffix("\n").split("\n\n")[1:]  # after the prefixes
    objects = dict(b.removesuffix(" .").split(" ex:value ", 1) for b in blocks)
    lits = hostile_literals()
    written = {lit: objects[f"ex:lit{i:02d}"] for i, lit in enumerate(lits)}
    for lit, text in written.items():
        assert (text == str(lit)) == (str(lit) in BARE and lit.datatype is not None), text
        if lit.language:
            assert text.endswith("@" + lit.language.lower())
    # the hard cases, written as expected
    assert written[Literal("nul\x00byte")] == '"nul\\u0000byte"'
    assert written[Literal('"')] == '"\\""'
    assert written[Literal('ends with a quote after a line break\n"')].endswith('break\n\\""""')
    assert written[Literal('\n""""""\n')] == '"""\n\\"\\"\\"\\"""\n"""'
    assert written[Literal("tab\there")] == '"tab\\there"'
    assert written[Literal("01", datatype=XSD.integer, normalize=False)] == '"01"^^xsd:integer'
    assert written[Literal("1.50", datatype=XSD.decimal, normalize=False)] == '"1.50"^^xsd:decimal'
    assert written[Literal("TRUE", datatype=XSD.boolean, normalize=False)] == '"TRUE"^^xsd:boolean'
    assert written[Literal("1.0E0", datatype=XSD.double, normalize=False)] == '"1.0E0"^^xsd:double'


def test_each_hostile_literal_alone_reads_back_exactly():
    """One document per literal, so no literal's escaping can hide behind another's."""
    for lit in hostile_literals():
        triple = (ex("s"), ex("p"), lit)
        assert_round_trips([triple], write_turtle([triple], PREFIX_MAP))


# Any text, and text made mostly of the characters that need care.
TEXTS = st.one_of(st.text(), st.text(st.sampled_from('""\\\n\r\t\x00\x7f\x85a\'é\u2028🙂')))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, lang=st.sampled_from([None, "en", "ru"]))
def test_any_text_reads_back_exactly(text, lang):
    triple = (ex("s"), ex("p"), Literal(text, lang=lang))
    assert_round_trips([triple], write_turtle([triple], PREFIX_MAP))


def test_odd_iris_are_prefixed_only_where_turtle_allows():
    triples = [t for t in hostile_triples() if not str(t[0]).startswith(EX + "lit")]
    data = write_turtle(triples, PREFIX_MAP)
    assert_round_trips(triples, data)
    body = data.decode()
    for i, text in enumerate(ODD_IRIS.values()):
        assert f"\nex:iri{i:02d} ex:value {text} .\n" in body
        assert f"\n{text} a kg:Region .\n" in body


def test_invalid_iris_are_escaped_into_valid_turtle():
    """pyoxigraph checks IRI syntax beyond Turtle's grammar, so it reads these leniently."""
    triples = [(ex(f"bad{i}"), ex("value"), URIRef(iri)) for i, iri in enumerate(BAD_IRIS)]
    triples += [(URIRef(iri), RDF.type, KG.Region) for iri in BAD_IRIS]
    odd_type = Literal("y", datatype=URIRef(EX + "odd type"))
    triples.append((ex("typed"), ex("value"), odd_type))
    data = write_turtle(triples, PREFIX_MAP)
    assert_round_trips(triples, data, lenient=True)
    for text in BAD_IRIS.values():
        assert f"\n{text} a kg:Region .\n" in data.decode()
    assert '\nex:typed ex:value "y"^^<http://example.org/odd\\u0020type> .\n' in data.decode()


def test_prefixes_that_cannot_be_declared_are_not_used():
    prefixes = {"1bad": EX, "rel": "relative/", "good": EX + "g/"}
    triples = [(ex("a"), ex("g/b"), URIRef("relative/x"))]
    data = write_turtle(triples, prefixes)
    assert data == (
        b"@prefix good: <http://example.org/g/> .\n\n<http://example.org/a> good:b <relative/x> .\n"
    )


def test_the_longest_namespace_wins():
    data = write_turtle([(KGR["region/ufa"], RDF.type, KG.Region)], PREFIX_MAP).decode()
    assert "\nregion:ufa a kg:Region .\n" in data
    assert "@prefix kgr:" not in data


def test_blank_nodes_keep_valid_labels():
    triples = [(BNode("b1"), ex("p"), BNode("N2f")), (ex("s"), ex("p"), BNode("b1"))]
    data = write_turtle(triples, PREFIX_MAP)
    assert b"\n_:b1 ex:p _:N2f .\n" in data
    assert b"\nex:s ex:p _:b1 .\n" in data
    assert_round_trips(triples, data)  # pyoxigraph: the same labels


def test_blank_nodes_with_invalid_labels_are_all_relabelled_one_to_one():
    triples = [(BNode("has space"), ex("p"), BNode("b1")), (ex("s"), ex("p"), BNode("-x"))]
    data = write_turtle(triples, PREFIX_MAP)
    label = "_:x" + b"has space".hex()
    assert f"\n{label} ex:p _:x{b'b1'.hex()} .\n".encode() in data
    assert isomorphic(rdflib_parse(data), graph_of(triples))
    # pyoxigraph keeps the document's labels: exactly the relabelled triples
    new = {BNode(b): BNode("x" + b.encode().hex()) for b in ("has space", "b1", "-x")}
    relabelled = [tuple(new.get(t, t) if isinstance(t, BNode) else t for t in tr) for tr in triples]
    assert ox_parse(data) == {tuple(map(plain, t)) for t in relabelled}


# --- the same bytes whatever the order or process -------------------------------------------


@pytest.fixture(scope="module")
def sample(seed_build) -> list[tuple]:
    """Every 25th triple of the seed article's graph, with the hostile ones."""
    g = Graph().parse(seed_build.graph_path, format="turtle")
    real = sorted(g, key=lambda t: tuple(map(str, t)))[::25]
    blank = [(BNode("b1"), ex("p"), BNode("b2")), (ex("s"), ex("p"), BNode("b1"))]
    return real + hostile_triples() + blank


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_insertion_order_does_not_change_the_bytes(sample, data):
    reference = write_turtle(sample, PREFIX_MAP)
    order = data.draw(st.permutations(sample))
    repeats = data.draw(st.lists(st.sampled_from(sample), max_size=5))
    assert write_turtle(order + repeats, PREFIX_MAP) == reference
    assert to_turtle(graph_of(order)) == reference


def turtle_in_hash_order(seed_ttl: str) -> tuple[bytes, str]:
    """The sample graph inserted in an order that depends on PYTHONHASHSEED, its Turtle,
    and a digest of that order (run in a subprocess by the test below)."""
    g = Graph().parse(seed_ttl, format="turtle")
    real = sorted(g, key=lambda t: tuple(map(str, t)))[::25]
    triples = sorted(real + hostile_triples(), key=hash)
    order = hashlib.sha256(repr(triples).encode()).hexdigest()
    return to_turtle(graph_of(triples)), order


@pytest.mark.slow
def test_other_hash_seeds_give_the_same_bytes(seed_build, tmp_path):
    code = (
        "import sys; from tests.test_turtle import turtle_in_hash_order as f\n"
        "data, order = f(sys.argv[1]); open(sys.argv[2], 'wb').write(data); print(order)"
    )
    outputs, orders = [], []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code, str(seed_build.graph_path), str(out)],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        outputs.append(out.read_bytes())
        orders.append(run.stdout.strip())
    assert len(set(orders)) == 3  # the graphs really were built in different orders
    assert (
        outputs[0]
        == outputs[1]
        == outputs[2]
        == turtle_in_hash_order(str(seed_build.graph_path))[0]
    )
