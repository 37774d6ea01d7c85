"""The lines `kg build` prints about what it built, worded for one thing or many.

Kept out of the CLI so the wording is one function per line that tests can call; the CLI only
prints what these return.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kg.ontology import hierarchy, top_classes

if TYPE_CHECKING:
    from kg.builder.result import BuildResult


def plural(n: int, one: str, many: str | None = None) -> str:
    """A count with its noun in the right number: 1 article, 2 articles (``many`` for a
    plural that is not ``one`` + "s": 1 article's part, 2 articles' parts)."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def entities_line(counts: Mapping[str, int]) -> str:
    """Entities by class, as 120: Person 40, Region 50 (Country 23, City 19), Group 30 (…):
    each top class with its count, then its subclasses' counts in brackets, most first, so that
    the subclasses do not read as more entities beside their top class. ``counts`` holds both,
    as a build counts them: an entity counts for its top class and for its subclass, if any."""
    parts = []
    top_of = hierarchy().top_of
    for top in top_classes():
        if not counts.get(top):
            continue
        subs = sorted(
            ((c, n) for c, n in counts.items() if c != top and top_of.get(c) == top and n),
            key=lambda cn: (-cn[1], cn[0]),
        )
        inner = f" ({', '.join(f'{c} {n}' for c, n in subs)})" if subs else ""
        parts.append(f"{top} {counts[top]}{inner}")
    total = sum(counts.get(top, 0) for top in top_classes())
    return f"{total}: {', '.join(parts)}" if parts else "0"


def events_line(counts: Mapping[str, int]) -> str:
    """Events by type, most frequent first, as 30 (Comment 12, Arrest 3, …); the verbs no
    lexicon types (kg:Occurrence) counted apart, since an analyst reads the typed ones; 0
    alone when there is none."""
    typed = sorted(((t, n) for t, n in counts.items() if n and t != "Occurrence"),
                   key=lambda tn: (-tn[1], tn[0]))  # fmt: skip
    total = sum(n for _, n in typed)
    line = f"{total} ({', '.join(f'{t} {n}' for t, n in typed)})" if typed else str(total)
    other = counts.get("Occurrence", 0)
    return f"{line}, and {plural(other, 'other verb')} (Occurrence)" if other else line


def build_summary(result: BuildResult) -> list[str]:
    """The summary of a build, one line a fact, labels in a column."""
    lines = [
        f"graph      {result.graph_path}",
        f"articles   {result.articles} ({result.processed} read by NLP, {result.reused} from "
        f"the cache), {len(result.skipped)} skipped, {len(result.removed)} removed",
    ]
    if result.invalidated:
        stale = plural(result.invalidated, "cached extraction")
        lines.append(
            f"cache      pipeline changed: {stale} {'was' if result.invalidated == 1 else 'were'} "
            "stale"
        )
    lines += [f"  removed  {shown(r)}" for r in result.removed]
    lines += [f"  skipped  {shown(s.path)}: {s.reason}" for s in result.skipped]
    parts = plural(result.rendered, "article's part", "articles' parts")
    lines += [
        f"entities   {entities_line(result.entities)}",
        f"participants {result.participants} (unnamed people, groups, places, things)",
        f"events     {events_line(result.events)}",
        f"statements {result.statements}",
        f"mentions   {result.mentions}",
        f"triples    {result.triples}",
        f"parts      {parts} of the graph rendered, "
        f"{result.articles - result.rendered} from the cache",
        f"seconds    {result.seconds:.1f}",
    ]
    return lines


def shown(path: str) -> str:
    """A path on one line: control characters (a newline in a file name) as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)
