"""GAP: does kg resolve the pronoun to the name? F1 overall, by gender, and their ratio.

How a kg graph answers a GAP pair: the pronoun is resolved to an entity by (1) a kg
mention over the pronoun (its entity), else (2) a quote whose speaker kg resolved from a
pronoun (`kg:speakerResolvedFrom "pronoun"`), in the sentence holding the pronoun, when the
pronoun is a subject form (he, she) outside the quoted content: its speaker. The pair is
predicted coreferent when that entity has a mention over the name. Precision is over the
pairs predicted coreferent, recall over the gold coreferent pairs; the ratio is feminine
F1 over masculine F1 (GAP's bias measure; 1 is parity).
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.eval.corpora.model import CorpusDoc
from kg.eval.predicted import PredMention, PredQuote
from kg.eval.score import PRF, overlaps

SUBJECT_FORMS = {"he", "she"}


def resolve(
    doc: CorpusDoc,
    pronoun: tuple[int, int],
    mentions: Sequence[PredMention],
    quotes: Sequence[PredQuote],
) -> str | None:
    """The entity kg gives the pronoun, or None."""
    s, e = pronoun
    on = [m for m in mentions if overlaps(s, e, m.start, m.end)]
    if on:
        return on[0].cluster
    if doc.text[s:e].lower() not in SUBJECT_FORMS:
        return None
    for q in quotes:
        inside = q.sentence[0] <= s and e <= q.sentence[1]
        if q.pronoun and inside and not overlaps(s, e, q.start, q.end):
            return q.speaker
    return None


def score_pairs(
    docs: Sequence[CorpusDoc],
    mentions: dict[str, Sequence[PredMention]],
    quotes: dict[str, Sequence[PredQuote]],
) -> dict[str, PRF]:
    """PRF overall ("all"), "feminine" and "masculine"."""
    out = {k: PRF() for k in ("all", "feminine", "masculine")}
    for doc in docs:
        preds = mentions.get(doc.id, ())
        for pair in doc.pairs or []:
            entity = resolve(doc, pair.pronoun, preds, quotes.get(doc.id, ()))
            said = entity is not None and any(
                p.cluster == entity and overlaps(*pair.name, p.start, p.end) for p in preds
            )
            for key in ("all", pair.gender):
                out[key].n_p += said
                out[key].tp_p += said and pair.coref
                out[key].n_r += pair.coref
                out[key].tp_r += said and pair.coref
    return out


def ratio(scores: dict[str, PRF]) -> float | None:
    """Feminine F1 / masculine F1; None when masculine F1 is 0."""
    m = scores["masculine"].f1
    return scores["feminine"].f1 / m if m else None
