"""build(A then B) == build(B then A) == build(A ∪ B), byte for byte.

NLP reads each article on its own, so the property lives in what runs over all of
them: linking, event grouping and graph assembly. Hypothesis feeds them the real
sample corpus's extractions in random orders and random splits.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.graph import assemble, to_turtle
from kg.link import group_events, link

pytestmark = pytest.mark.slow


def _turtle(extractions) -> bytes:
    linking = link(extractions)
    graph = assemble(
        extractions,
        linking,
        group_events(extractions, linking),
        kg_version="test",
        pipeline="test",
        fingerprint="test",
    )
    return to_turtle(graph)


@pytest.fixture(scope="module")
def reference(corpus_build):
    return _turtle(corpus_build.extractions)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_order_and_any_split_give_the_same_graph(corpus_build, reference, data):
    xs = list(corpus_build.extractions)
    order = data.draw(st.permutations(xs))
    cut = data.draw(st.integers(min_value=0, max_value=len(xs)))
    first, second = order[:cut], order[cut:]
    # "A then B" and "B then A": the union, arriving in either order
    assert _turtle(first + second) == reference
    assert _turtle(second + first) == reference
