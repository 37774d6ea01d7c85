"""The first grouping of a build's mentions, before any evidence joins groups: one node per
curated entry, one per normalised multi-word name, one per one-word name in its article."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from kg.gazetteer import Gazetteer
from kg.gazetteer.names import key
from kg.model import Mention, MentionId
from kg.nlp.lexicons import load as load_lexicon

GAZ = "gaz"  # a node of a curated entry
NAME = "name"  # a node of a name nobody curated


class Node(NamedTuple):
    """A group of mentions known to be one thing before linking: a curated entry
    (GAZ, entry id, "") or a name (NAME, its key, the article id of a one-word name)."""

    kind: str
    key: str
    article: str


class Reason(NamedTuple):
    """Why a mention is linked as it is (kg:linkReason) and how sure that is (kg:linkScore)."""

    why: str
    score: float


# A node's mentions: (mention id, mention), in article order.
Members = dict[Node, list[tuple[MentionId, Mention]]]


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    words = {str(w) for w in load_lexicon("titles")}
    for nouns in load_lexicon("roles").values():
        words.update(str(n) for n in nouns if " " not in str(n))
    return frozenset(words)


def person_tokens(name: str) -> list[str]:
    """A person's name as comparable tokens, titles dropped: "Mr. Gabbasov" → ["gabbasov"]."""
    toks = key(name).split()
    titles = _titles()
    while len(toks) > 1 and toks[0] in titles:
        toks.pop(0)
    return toks


def node_of(m: Mention, article: str, gaz: Gazetteer) -> Node | None:
    """The first grouping of a mention, before any merging.

    A one-word name is scoped to its article: "Smith" here may be a different
    Smith from the one in the next article, and is resolved mention by mention.
    """
    entry = None
    if m.gazetteer_id and m.gazetteer_id in gaz.entries:
        entry = gaz.entries[m.gazetteer_id]
    elif m.class_reason is None and not (m.cls == "Person" and " " not in m.text.strip()):
        # (a name whose class the article's context decided is not the gazetteer's entry)
        entry = gaz.lookup_qualified(m.text)
        if entry is not None and m.cls == "Person" and entry.cls != "Person":
            entry = None  # a multi-word person name that is also a place name stays a person
    if entry is not None:
        return Node(GAZ, entry.id, "")
    k = " ".join(person_tokens(m.text)) if m.cls == "Person" else key(m.text)
    if not k:
        return None
    return Node(NAME, k, "" if " " in k else article)
