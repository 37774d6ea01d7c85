"""Tune and check halves: a fixed function of the corpus and the document, nothing else.

A document goes to the *tune* half when the first byte of sha256("<corpus>:<unit>") is
even, else to the *check* half; the unit is the document id (an ECB+ topic, so that
cross-document coreference stays in one half). Rules and lexicons are developed against
the tune half; the check half is only read as a number.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TypeVar

HALVES = ("tune", "check")

D = TypeVar("D")


def half(corpus: str, unit: str) -> str:
    """ "tune" or "check" for one document (or topic) of a corpus."""
    return "tune" if hashlib.sha256(f"{corpus}:{unit}".encode()).digest()[0] % 2 == 0 else "check"


def split(corpus: str, docs: Sequence[D]) -> dict[str, list[D]]:
    """The documents of each half, in their order; a document's unit is its `unit`, else
    its `id`."""
    out: dict[str, list[D]] = {h: [] for h in HALVES}
    for d in docs:
        unit = getattr(d, "unit", "") or d.id  # type: ignore[attr-defined]
        out[half(corpus, unit)].append(d)
    return out
