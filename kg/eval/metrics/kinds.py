"""Every mention, by kind (name, nominal, pronoun): precision, recall and F1 on GUM.

A predicted mention matches a gold mention when it contains the gold mention's head token
and lies inside the gold span ("Byron" matches "Lord Byron", "the school of Dr. William
Glennie" is matched by a prediction of "school of Dr. William Glennie" but not by
"William Glennie", whose head is another mention's). Recall per kind: gold mentions of that
kind matched by any prediction. Precision per kind: predictions of that kind that match a
gold person, place or organization mention of any kind. A prediction's kind is the graph's
`kg:mentionKind` where it states one; otherwise a pronoun by its surface, a nominal when it
was linked as a description (`apposition`), else a name.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.eval.corpora.model import KINDS, AnyMention, CorpusDoc
from kg.eval.predicted import PredMention
from kg.eval.score import PRF

PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves "
    "he him his himself she her hers herself it its itself they them their theirs themselves "
    "who whom whose which that this these those one".split()
)


def predicted_kind(m: PredMention) -> str:
    if m.kind in KINDS:
        return m.kind
    if m.text.lower() in PRONOUNS:
        return "pronoun"
    return "nominal" if m.reason == "apposition" else "name"


def matches(start: int, end: int, g: AnyMention) -> bool:
    """Does a predicted span hold the gold head and stay inside the gold span?"""
    return g.start <= start <= g.head[0] and g.head[1] <= end <= g.end


def score_kinds(
    docs: Sequence[CorpusDoc], predicted: dict[str, Sequence[PredMention]]
) -> dict[str, PRF]:
    """Per kind and overall ("all")."""
    out = {k: PRF() for k in (*KINDS, "all")}
    for doc in docs:
        gold = doc.all_mentions or []
        preds = predicted.get(doc.id, ())
        for g in gold:
            hit = any(matches(p.start, p.end, g) for p in preds)
            for key in (g.kind, "all"):
                out[key].n_r += 1
                out[key].tp_r += hit
        for p in preds:
            hit = any(matches(p.start, p.end, g) for g in gold)
            for key in (predicted_kind(p), "all"):
                out[key].n_p += 1
                out[key].tp_p += hit
    return out
