"""Spelling variants: name nodes whose keys are close (rapidfuzz ratio ≥ 92), found through
blocking keys, never by comparing all pairs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rapidfuzz import fuzz

from kg.gazetteer import Gazetteer
from kg.gazetteer.names import key
from kg.link.nodes import GAZ, NAME, Members, Node
from kg.link.unionfind import UnionFind
from kg.ontology import top_class

FUZZY_MIN = 92.0
WINDOW = 8  # neighbours each name is compared with inside a blocking key


def _blocks(k: str) -> tuple[tuple[str, ...], ...]:
    """Blocking keys of a name key, word by word: the start of every word, and the two
    first and two last letters of every word. Spelling variants share one of them
    (Zelensky/Zelenskyy the starts, Untied/United Nations and Smith/Smyth the edges)
    while most different names share neither, so blocks stay small."""
    words = k.split()
    return (
        ("start", *(w[:3] for w in words)),
        ("edges", *(w[:2] + w[-2:] for w in words)),
    )


def known_names(members: Members, gaz: Gazetteer) -> dict[str, tuple[Node, str]]:
    """Curated names (8+ characters) of the known entities this build mentions."""
    out: dict[str, tuple[Node, str]] = {}
    for n in sorted(members):
        if n.kind == GAZ:
            entry = gaz.entries[n.key]
            for name in entry.names:
                k = key(name)
                if len(k) >= 8:
                    out.setdefault(k, (n, top_class(entry.cls)))
    return out


def fuzzy_pairs(
    names: list[Node],
    top_of: dict[Node, str],
    known: dict[str, tuple[Node, str]],
    uf: UnionFind[Node],
    mark: Callable[[Node, str, float], None],
) -> None:
    """Merge name nodes that are spelling variants of each other or of a known name."""
    blocks: dict[tuple[str, ...], list[tuple[str, Node, str]]] = defaultdict(list)
    for k, (node, top) in sorted(known.items()):
        for b in _blocks(k):
            blocks[b].append((k, node, top))
    for n in names:
        for b in _blocks(n.key):
            blocks[b].append((n.key, n, top_of[n]))
    # Within a block, each name meets only its nearest neighbours in sorted order
    # (a sorted-neighbourhood window), so a crowded block costs n·WINDOW, not n².
    seen: set[tuple[Node, Node]] = set()
    for b in sorted(blocks):
        items = sorted(set(blocks[b]))
        for i, (ka, a, ta) in enumerate(items):
            for kb, nb, tb in items[i + 1 : i + 1 + WINDOW]:
                if a == nb or ta != tb or ka == kb or (a, nb) in seen:
                    continue
                # two curated entries are never one; nor a person and a curated entry
                if a.kind == nb.kind == GAZ or "Person" in (ta, tb) and GAZ in (a.kind, nb.kind):
                    continue
                seen.add((a, nb))
                score = fuzz.ratio(ka, kb)
                if score >= FUZZY_MIN and uf.union(a, nb):
                    mark(nb if nb.kind == NAME else a, "fuzzy", round(score / 100, 3))
