"""The mappings from kg's classes and predicates to each corpus's (data/eval/*.yaml, shipped
in the package like the lexicons, so `kg eval GOLD` works from an installed kg)."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from kg.resources import data_path, require

EVAL_DIR = data_path("eval")


@cache
def load(name: str) -> Any:
    """One mapping file, parsed once."""
    return yaml.safe_load(require(EVAL_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def class_map(corpus: str) -> dict[str, str]:
    """The kg classes a corpus files under another top class (data/eval/classes.yaml)."""
    return dict(load("classes").get(corpus) or {})


def mapped_classes() -> tuple[str, ...]:
    """Every kg class some corpus maps apart, sorted."""
    return tuple(sorted({c for m in load("classes").values() for c in (m or {})}))


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
