"""The most frequent mistakes, grouped by cause, each with a sentence to look at."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from kg.eval.gold import GoldDoc
from kg.eval.predicted import PredMention
from kg.eval.score import best_match, overlaps


@dataclass(frozen=True, slots=True)
class ErrorCase:
    cause: str  # missed, wrong class, spurious, boundary, split cluster, merged cluster
    surface: str
    detail: str
    count: int
    example: str  # a sentence where it happens


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n", 0, start), max(text.rfind(". ", 0, start), -1))
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    s = text[left + 1 : right].strip()
    return re.sub(r"\s+", " ", s)[:240]


def _bare(s: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+|['’]s$", "", s.strip(), flags=re.IGNORECASE)


def mention_errors(
    docs: Sequence[GoldDoc], predicted: dict[str, Sequence[PredMention]], limit: int
) -> list[ErrorCase]:
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    gold_by_cluster: dict[str, set[str]] = defaultdict(set)
    pred_by_cluster: dict[str, set[str]] = defaultdict(set)
    examples: dict[str, str] = {}
    for doc in docs:
        preds = predicted.get(doc.id, ())
        for g in doc.mentions:
            surface = doc.text[g.start : g.end]
            m = best_match(g.start, g.end, g.cls, preds)
            if m is not None and _bare(surface) != _bare(doc.text[m.start : m.end]):
                # found, but not as the same span: informative when tuning span rules
                key = ("boundary", surface, f"predicted {doc.text[m.start : m.end]!r}")
                groups[key].append(_sentence(doc.text, g.start, g.end))
            if m is not None:
                gold_by_cluster[g.cluster].add(m.cluster)
                pred_by_cluster[m.cluster].add(g.cluster)
                examples.setdefault(g.cluster, _sentence(doc.text, g.start, g.end))
                examples.setdefault(m.cluster, _sentence(doc.text, g.start, g.end))
                continue
            other = [p for p in preds if overlaps(g.start, g.end, p.start, p.end)]
            if other:
                key = ("wrong class", surface, f"gold {g.cls}, predicted {other[0].cls}")
            else:
                key = ("missed", surface, f"gold {g.cls}")
            groups[key].append(_sentence(doc.text, g.start, g.end))
        for p in preds:
            if any(t == p.cls and overlaps(s, e, p.start, p.end) for s, e, t in doc.typed):
                continue
            surface = doc.text[p.start : p.end]
            other = [t for s, e, t in doc.typed if overlaps(s, e, p.start, p.end)]
            if other:
                key = ("wrong class", surface, f"predicted {p.cls}, gold {other[0]}")
            else:
                key = ("spurious", surface, f"predicted {p.cls}")
            groups[key].append(_sentence(doc.text, p.start, p.end))
    cases = [
        ErrorCase(cause, surface, detail, len(sents), sents[0])
        for (cause, surface, detail), sents in groups.items()
    ]
    for gold, preds_ in gold_by_cluster.items():
        if len(preds_) > 1:
            names = ", ".join(sorted(x.rsplit("/", 1)[-1] for x in preds_))
            cases.append(
                ErrorCase("split cluster", gold, f"into {names}", len(preds_) - 1, examples[gold])
            )
    for pred, golds in pred_by_cluster.items():
        if len(golds) > 1:
            cases.append(
                ErrorCase(
                    "merged cluster",
                    pred.rsplit("/", 1)[-1],
                    "merges " + ", ".join(sorted(golds)),
                    len(golds) - 1,
                    examples[pred],
                )
            )
    cases.sort(key=lambda c: (-c.count, c.cause, c.surface))
    return cases[:limit]
