"""Attribution (PolNeAR): recall by kind, precision, and named-speaker accuracy.

A gold attribution is found when a kg quote overlaps one of its content fragments; recall
per kind (direct, mixed, indirect) and overall. Precision: kg quotes that overlap some
gold content, over all kg quotes. Named-speaker accuracy: of the found attributions whose
source names someone, the share whose kg quote (the one overlapping most) has a speaker
with a mention over the gold source span.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.eval.corpora.model import CorpusDoc
from kg.eval.predicted import PredQuote
from kg.eval.score import PRF, overlaps

KINDS = ("direct", "mixed", "indirect")


def _overlap(q: PredQuote, content: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(e, q.end) - max(s, q.start)) for s, e in content)


def score_attributions(
    docs: Sequence[CorpusDoc],
    quotes: dict[str, Sequence[PredQuote]],
    spans: dict[str, dict[str, list[tuple[int, int]]]],
) -> dict[str, PRF]:
    """ "found" per kind and "all" (recall, and precision on "all"), and "speaker"."""
    out = {k: PRF() for k in (*KINDS, "all", "speaker")}
    for doc in docs:
        gold = doc.attributions or []
        preds = quotes.get(doc.id, ())
        where = spans.get(doc.id, {})
        for a in gold:
            hits = [q for q in preds if _overlap(q, a.content)]
            for key in (a.kind, "all"):
                out[key].n_r += 1
                out[key].tp_r += bool(hits)
            if hits and a.named and a.source:
                best = max(hits, key=lambda q: (_overlap(q, a.content), -q.start))
                ok = any(overlaps(*a.source, s, e) for s, e in where.get(best.speaker, ()))
                out["speaker"].n_r += 1
                out["speaker"].tp_r += ok
                out["speaker"].n_p += 1
                out["speaker"].tp_p += ok
        for q in preds:
            out["all"].n_p += 1
            out["all"].tp_p += any(_overlap(q, a.content) for a in gold)
    return out
