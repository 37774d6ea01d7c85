"""Each corpus loader on its hand-written excerpt (tests/fixtures/eval/corpora): the text it
rebuilds, and every gold span it reads, checked by the words they cover."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.eval.corpora import docred, dwie, ecbplus, gap, gum, polnear, uner, wikievents
from kg.eval.corpora.text import detokenise, spaces_after

CORPORA = Path(__file__).parent / "fixtures" / "eval" / "corpora"


def _words(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_detokenise_keeps_every_token_at_its_offsets():
    toks = ["He", "said", "``", "no", "''", "(", "twice", ")", "and", "did", "n't", "."]
    text, offsets = detokenise([toks, ["Yes", "."]])
    assert text == "He said “no” (twice) and didn't. Yes."
    assert _words(text, offsets[0])[2:5] == ["“", "no", "”"]
    assert _words(text, offsets[1]) == ["Yes", "."]
    assert spaces_after(['"', "a", '"', "b"]) == [False, False, True, False]


def test_gum_conllu():
    [doc] = gum.load(CORPORA / "gum")
    assert doc.id == "GUM_test_visit" and doc.title == "A visit"
    assert doc.text == "Anna Berg visited Oslo.\n\nShe met the city's mayor."
    got = [
        (doc.text[m.start : m.end], doc.text[m.head[0] : m.head[1]], m.kind, m.cls, m.chain)
        for m in doc.all_mentions
    ]
    assert got == [
        ("Anna Berg", "Anna", "name", "Person", "1"),
        ("Oslo", "Oslo", "name", "Region", "2"),
        ("She", "She", "pronoun", "Person", "1"),
        ("the city's mayor", "mayor", "nominal", "Person", "4"),  # "visited" (event) left out
        ("the city", "city", "nominal", "Region", "2"),  # "city" split off the word "city's"
    ]
    # named: a Wikipedia identity and a proper noun ("She" has the identity, no proper noun)
    assert [(doc.text[m.start : m.end], m.cls, m.cluster) for m in doc.mentions] == [
        ("Anna Berg", "Person", "Anna_Berg"),
        ("Oslo", "Region", "Oslo"),
    ]
    assert len(doc.typed) == 5


def test_ecbplus_xml():
    docs = ecbplus.load(CORPORA / "ecbplus")
    assert [(d.id, d.unit) for d in docs] == [("1_1ecb", "1"), ("1_1ecbplus", "1"), ("2_1ecb", "2")]
    a, b, c = docs
    assert a.text == "Storm hits town.\n\nThe storm destroyed two “old” houses. Nobody was hurt."
    assert _words(a.text, a.scope) == ["Storm hits town.", "The storm destroyed two “old” houses."]
    assert [(a.text[e.start : e.end], e.type, e.chain) for e in a.doc_events] == [
        ("hits", "ACTION_OCCURRENCE", "ACT1"),
        ("destroyed", "ACTION_OCCURRENCE", ""),
        ("hurt", "NEG_ACTION_OCCURRENCE", ""),  # outside the annotated sentences
    ]
    assert b.text.startswith("http://example.org/storm\n\nA storm hit")
    assert [(b.text[e.start : e.end], e.chain) for e in b.doc_events] == [("hit", "ACT1")]
    # an in-document chain is named by its document and target
    assert {e.chain for e in c.doc_events} == {"2_1ecb#9"}


def test_wikievents_jsonl():
    [doc] = wikievents.load(CORPORA / "wikievents")
    assert doc.text == "Bomb kills two in Karak\n\nPolice arrested a man in Karak on Monday."
    got = [
        (
            doc.text[e.start : e.end],
            e.type,
            [(a.role, doc.text[a.start : a.end]) for a in e.arguments],
        )
        for e in doc.doc_events
    ]
    assert got == [
        ("kills", "Life.Die.Unspecified", [("Victim", "two"), ("Place", "Karak")]),
        (
            "arrested",
            "Justice.ArrestJailDetain.Unspecified",
            [("Jailer", "Police"), ("Detainee", "man"), ("Place", "Karak")],
        ),
    ]


def test_redocred_json():
    [doc] = docred.load(CORPORA / "re-docred")
    assert doc.id == "Lena Holm"
    assert doc.text.startswith("Lena Holm lives in Bergen, a city in Norway. She has been")
    got = [(r.type, _words(doc.text, r.head), _words(doc.text, r.tail)) for r in doc.doc_relations]
    # P580 (start time) ends in a TIME entity: not between kg classes, so not kept
    assert got == [
        ("P102", ["Lena Holm"], ["Green Party"]),
        ("P131", ["Bergen"], ["Norway"]),
        ("P17", ["Bergen"], ["Norway"]),
        ("P27", ["Lena Holm"], ["Norway"]),
    ]
    assert [c for *_, c in doc.typed] == ["Person", "Region", "Region", "Group"]


def test_dwie_json():
    [doc] = dwie.load(CORPORA / "dwie-dev")
    assert doc.text == "Holm meets Merkel in Berlin.\n\nThe German chancellor welcomed Holm."
    assert [(doc.text[m.start : m.end], m.cls, m.cluster) for m in doc.mentions] == [
        ("Holm", "Person", "Lena_Holm"),
        ("Merkel", "Person", "Angela_Merkel"),
        ("Berlin", "Region", "Berlin"),
        ("Holm", "Person", "Lena_Holm"),
    ]
    # "German" (type_other) is typed for precision only; "chancellor" (type_value) not at all
    assert (34, 40, "Group") in doc.typed and len(doc.typed) == 5
    [rel] = doc.doc_relations  # the two "-x" relations end in an adjective: not kept
    assert (rel.type, _words(doc.text, rel.head), _words(doc.text, rel.tail)) == (
        "is_meeting",
        ["Holm", "Holm"],
        ["Merkel"],
    )


def test_polnear_brat():
    [doc] = polnear.load(CORPORA / "polnear-dev")
    assert doc.text.startswith("Mayor promises new park\n\nMayor Ada Lind said")
    got = [
        (
            a.kind,
            a.named,
            _words(doc.text, a.content),
            a.source and doc.text[a.source[0] : a.source[1]],
            a.cue and doc.text[a.cue[0] : a.cue[1]],
        )
        for a in doc.attributions
    ]
    # the first annotation file in name order (_ab12, not _zz99) is read
    assert got == [
        ("indirect", False, ["Mayor promises new park"], None, "promises"),
        ("indirect", True, ["the city would build a park"], "Mayor Ada Lind", "said"),
        ("direct", False, ["We will start in May,"], "she", "said"),
        ("indirect", False, ["the plan was too costly"], "Critics", "argued"),
        ("mixed", True, ["The council", "“fully supports” it"], "Lind", "according to"),
    ]


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Officials said so. Officials agree.", (0, 9), False),  # never capitalised mid-sentence
        ("Trump said so. Ask Trump.", (0, 5), True),  # capitalised mid-sentence elsewhere
        ("He said, the Post reported.", (9, 17), True),
        ("He said so.", (0, 2), False),
        ("Then a narrator in the Clinton ad said so.", (5, 33), False),
    ],
)
def test_polnear_named_source(text, span, expected):
    assert polnear.named(text, span) is expected


def test_gap_tsv():
    docs = gap.load(CORPORA / "gap")
    assert [d.id for d in docs] == ["development-1", "validation-1", "test-1"]
    got = [
        (d.text[p.pronoun[0] : p.pronoun[1]], d.text[p.name[0] : p.name[1]], p.coref, p.gender)
        for d in docs
        for p in d.pairs
    ]
    assert got == [
        ("She", "Ana", True, "feminine"),
        ("She", "Bea", False, "feminine"),
        ("he", "Carl", True, "masculine"),
        ("he", "Dan", False, "masculine"),
        ("He", "Eva", False, "masculine"),
        ("He", "Finn", True, "masculine"),
    ]


def test_uner_iob2():
    docs = uner.load(CORPORA / "uner-pud")
    assert [d.id for d in docs] == ["n0001", "w0001"]
    n, w = docs
    assert n.text == "“Fine,” said Ola Nord of Acme Corp in Oslo. Nord left."
    assert [(n.text[m.start : m.end], m.cls) for m in n.mentions] == [
        ("Ola Nord", "Person"),
        ("Acme Corp", "Group"),
        ("Oslo", "Region"),
        ("Nord", "Person"),
    ]
    assert [w.text[m.start : m.end] for m in w.mentions] == ["Paris", "Lyon", "France"]
