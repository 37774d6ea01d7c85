"""The mappings from kg's classes and predicates to each corpus's (data/eval/*.yaml).

They live in the source tree beside the corpora's other project data: scoring public corpora
needs a checkout with ../shared beside it anyway, so they are not package data."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

EVAL_DIR = Path(__file__).resolve().parents[2] / "data" / "eval"


@cache
def load(name: str) -> Any:
    """One mapping file, parsed once."""
    return yaml.safe_load((EVAL_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def family_of(predicate: str) -> str | None:
    """The relation family of a kg predicate, or of an event's role pair ("Attack:agent>target")."""
    rel = load("relations")
    if ":" in predicate:
        etype = predicate.split(":", 1)[0]
        return next((f for f, types in rel["kg_events"].items() if etype in types), None)
    return rel["kg"].get(predicate)


def symmetric() -> frozenset[str]:
    return frozenset(load("relations")["symmetric"])


def corpus_relations(corpus: str) -> dict[str, tuple[str, bool]]:
    """A corpus's relation name → (family, inverse)."""
    out = {}
    for name, v in load("relations")[corpus].items():
        out[str(name)] = (
            (v["family"], bool(v.get("inverse"))) if isinstance(v, dict) else (v, False)
        )
    return out
