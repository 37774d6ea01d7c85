"""How the NLP map is cut into tasks: every article once, in order, in partitions that
shrink towards the end so no worker waits long for another."""

from __future__ import annotations

import pytest

from kg.builder.executors import MAX_PARTITION, MIN_PARTITION, partitions


@pytest.mark.parametrize("n,workers", [(1, 1), (9, 2), (200, 2), (1000, 2), (5000, 8)])
def test_partitions_cover_every_article_once_in_order(n, workers):
    parts = partitions(list(range(n)), workers)
    assert [i for p in parts for i in p] == list(range(n))
    sizes = [len(p) for p in parts]
    assert max(sizes) <= MAX_PARTITION
    assert sizes == sorted(sizes, reverse=True)  # big first, small last
    assert sizes[-1] <= MIN_PARTITION


def test_the_last_partitions_are_small_however_big_the_first():
    sizes = [len(p) for p in partitions(list(range(1000)), 2)]
    assert sizes[0] == MAX_PARTITION
    # what is left when a worker takes its last task is never more than a few batches
    assert sum(sizes[-4:]) <= 4 * MIN_PARTITION
