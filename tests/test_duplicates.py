"""Real-world entities named in more than one article of the sample corpus have exactly
one node. Which entities those are comes from gold annotations of the same texts: kg's
own (data/gold) and, where it is here, the GUM dev file the Wikinews articles come from."""

from __future__ import annotations

from collections import defaultdict

import pytest

from kg.eval.gold import load_gold
from kg.eval.predicted import from_graph
from kg.eval.score import best_match
from tests.conftest import ROOT, SHARED

GOLD_FILES = [ROOT / "data" / "gold" / "news.jsonl", SHARED / "eval" / "gum-news-dev.jsonl"]


def _nodes_per_entity(graph, path) -> dict[str, set[str]]:
    docs = load_gold(path)
    pred = from_graph(graph, docs)
    docs_of: dict[str, set[str]] = defaultdict(set)
    nodes: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        if not pred.mentions[d.id]:
            continue  # not an article of the sample corpus
        for g in d.mentions:
            m = best_match(g.start, g.end, g.cls, pred.mentions[d.id])
            if m is not None:
                docs_of[g.cluster].add(d.id)
                nodes[g.cluster].add(m.cluster)
    return {c: nodes[c] for c in sorted(nodes) if len(docs_of[c]) > 1}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_entities_in_several_articles_have_one_node(corpus_graph, path):
    if not path.exists():
        pytest.skip(f"{path} is not here")
    shared = _nodes_per_entity(corpus_graph, path)
    assert shared, "the corpus should name some entity in more than one article"
    duplicated = {c: sorted(n) for c, n in shared.items() if len(n) != 1}
    assert duplicated == {}
