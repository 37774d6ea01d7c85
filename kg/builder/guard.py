"""Checks that stop a build before it can lose work: a mistyped input path, or inputs that
would drop most of the previous graph (an emptied or wrong folder)."""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path

from kg.builder.manifest import Manifest
from kg.errors import RemovalRefused, UsageError
from kg.model import Article, Skipped

# A build may drop at most this share of the previous build's articles without --prune.
MAX_DROP_SHARE = 0.5


def check_inputs(paths: Sequence[str | os.PathLike[str]]) -> None:
    """Every input path exists (a broken symlink counts: it is reported as skipped later);
    otherwise a UsageError naming the path and, when a sibling's name is close, that name."""
    for raw in paths:
        path = Path(raw)
        if os.path.lexists(path):
            continue
        hint = _closest_sibling(path)
        suffix = f"; did you mean {hint}?" if hint else ""
        raise UsageError(f"no such file or folder{suffix}", where=str(raw))


def _closest_sibling(path: Path) -> str | None:
    """The existing name next to ``path`` closest to its last part, as the user would type
    it (the same parent spelling), or None. Only the nearest existing parent is looked at."""
    parent = path.parent
    try:
        names = sorted(p.name for p in parent.iterdir()) if parent.is_dir() else []
    except OSError:
        return None
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.75)
    if not close:
        return None
    return str(path.with_name(close[0]))


def guard_removal(
    previous: Manifest | None, articles: Sequence[Article], skipped: Sequence[Skipped]
) -> None:
    """Refuse a build that finds no article, or that would drop more than half of the
    previous build's articles. An article is dropped when neither its input (an edited
    file is not a drop) nor its text (a renamed file is not a drop) is in this build."""
    before = previous.articles() if previous is not None else {}
    paths, ids = {a.path for a in articles}, {a.id for a in articles}
    dropped = [p for p, i in before.items() if p not in paths and i not in ids]
    if not articles:
        had = f" and drop all {len(before)} articles of the previous build" if before else ""
        why = f" ({len(skipped)} inputs skipped, see above)" if skipped else ""
        raise RemovalRefused(
            f"no article found under the input paths{why}; nothing written "
            f"(pass --prune to write an empty graph{had})"
        )
    if before and len(dropped) > MAX_DROP_SHARE * len(before):
        raise RemovalRefused(
            f"this build would drop {len(dropped)} of the previous build's {len(before)} "
            "articles (their files are not under the input paths); nothing written "
            "(check the paths, or pass --prune to drop them)"
        )
