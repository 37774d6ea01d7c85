"""The analyst's word on linking, read from a YAML file (``links.yaml`` beside the graph
by default, or the file given with ``--links``).

    merge:          # these names are one entity
      - [Volodymyr Zelensky, Zelenskyy]
    never_merge:    # these names are never one entity, whatever the evidence
      - [John Smith, J. Smith]
    mentions:       # this mention is that entity (article id prefix and offsets: kg show)
      - {article: 9df43dca2444, start: 71, end: 79, entity: Bashkortostan}

Names match an entity's label or any of its surface forms (case, accents and "the" do
not matter); `entity` may also be a ref such as region/bashkortostan. Overrides are
applied on every build and win over the automatic decision; their links carry the
reason "override".
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.errors import UsageError


@dataclass(frozen=True, slots=True)
class MentionOverride:
    article: str  # id or id prefix
    start: int
    end: int
    entity: str  # name or ref


@dataclass(frozen=True, slots=True)
class Overrides:
    merge: tuple[tuple[str, ...], ...] = ()
    never_merge: tuple[tuple[str, str], ...] = ()
    mentions: tuple[MentionOverride, ...] = field(default=())
    fingerprint: str = ""


def load_overrides(
    path: str | os.PathLike[str] | None = None, *, default: Path | None = None
) -> Overrides:
    """Read an override file: ``path`` must exist; a missing ``default`` (the file beside
    the graph) means no overrides. Never read relative to the current folder."""
    p = Path(path) if path is not None else default
    if p is None or not p.exists():
        if path is not None:
            raise UsageError("link override file not found", where=str(path))
        return Overrides()
    raw = p.read_bytes()
    try:
        data = yaml.safe_load(raw) or {}
        if not isinstance(data, dict):
            raise TypeError("the file must be a mapping with merge, never_merge, mentions")
        merge = tuple(tuple(str(n) for n in group) for group in data.get("merge") or [])
        never = tuple((str(a), str(b)) for a, b in data.get("never_merge") or [])
        mentions = tuple(
            MentionOverride(str(m["article"]), int(m["start"]), int(m["end"]), str(m["entity"]))
            for m in data.get("mentions") or []
        )
    except (yaml.YAMLError, TypeError, ValueError, KeyError) as e:
        raise UsageError(f"bad link override file: {e}", where=str(p)) from e
    if any(len(g) < 2 for g in merge):
        raise UsageError("each merge entry needs two or more names", where=str(p))
    return Overrides(merge, never, mentions, hashlib.sha256(raw).hexdigest()[:16])
