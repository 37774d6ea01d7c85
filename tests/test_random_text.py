"""Random Unicode through the whole pipeline: no crash, valid Turtle, true offsets.

Hypothesis writes news-like text mixed with the awkward parts of Unicode (right-to-left
marks and scripts, combining marks, zero-width characters, controls, odd categories) as
an article, and ``kg.builder.build`` turns it into a graph. Whatever the text, the build
succeeds (the article read, or skipped for a stated reason), rdflib and pyoxigraph both
parse graph.ttl, the stored text is the text given, and every node with offsets points
inside its article with a surface form equal to the text at those offsets.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyoxigraph
import rdflib
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import kg

# Words that make the pipeline do something: names it knows, verbs that trigger events.
WORDS = [
    "Vladimir Putin", "Moscow", "Bashkortostan", "Bashkirs", "Ukraine", "the Kremlin",
    "President", "said", "attacked", "arrested", "protesters", "in", "on Monday", "the",
    "of", "and", "\u201cWe will not leave,\u201d", "according to", "Ruslan Gabbasov", ".",
]  # fmt: skip
AWKWARD = st.sampled_from(
    [
        "\u200f", "\u200e", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad",
        "\u0301", "\u0308", "\u20dd", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028",
        "\u2029", "\r", "\t", "\n\n", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
        "\U0001f600", "\ufffd", "\\", '"', "<", ">", "'''", '"""', "@prefix", "^^",
    ]
)  # fmt: skip
ODD = st.characters(exclude_categories=("Cs",), codec="utf-8")  # no lone surrogates
PIECE = st.one_of(st.sampled_from(WORDS), AWKWARD, st.text(ODD, min_size=1, max_size=4))
TEXTS = st.lists(PIECE, min_size=1, max_size=30).map(" ".join)

KG = rdflib.Namespace("https://w3id.org/kg/ontology#")
# Awkward, but surely an article with mentions, events and a quote.
KNOWN = (
    "Vladimir\u200f Putin\u0301 said on Monday in Moscow\x07 that \u201cWe will not leave,\u201d "
    "and police arrested protesters in Bashkortostan.\u2028 \u202eRuslan Gabbasov\u200b said so."
)
# Reasons a text with no article in it may be skipped for.
NO_ARTICLE = ('JSON "text" is empty', "no article content")


def parse_both(data: bytes) -> rdflib.Graph:
    g = rdflib.Graph().parse(data=data, format="turtle")
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)
    return g


def check_offsets(g: rdflib.Graph, text: str) -> int:
    """Every node with kg:charStart/kg:charEnd lies inside the article's text, and its
    surface form (if it has one) is the text there. Returns how many were checked."""
    checked = 0
    for node, start in g.subject_objects(KG.charStart):
        (end,) = g.objects(node, KG.charEnd)
        s, e = int(start), int(end)
        assert 0 <= s <= e <= len(text), (node, s, e)
        for form in g.objects(node, KG.surfaceForm):
            assert str(form) == text[s:e], (node, str(form), text[s:e])
        checked += 1
    return checked


@settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(TEXTS)
@example(KNOWN)
def test_random_text_builds_a_valid_graph_with_true_offsets(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "article.json"
        inputs.write_text(json.dumps({"text": text}), encoding="utf-8")
        result = kg.build([inputs], out=Path(tmp) / "out", prune=True)  # may find none
        g = parse_both(result.graph_path.read_bytes())
        if result.articles == 0:
            assert [s.reason for s in result.skipped] in ([r] for r in NO_ARTICLE)
            return
        assert result.skipped == []
        (stored,) = [str(o) for o in g.objects(None, KG.text)]
        assert stored == text
        checked = check_offsets(g, text)
        assert checked > 0 or text != KNOWN  # the check is not vacuous
