"""Document-level relations (DWIE, Re-DocRED): precision, recall and F1 per family.

Each corpus relation maps to a family (data/eval/relations.yaml; `inverse` swaps head and
tail), as does each kg predicate and event role pair. A gold relation is found when kg
states a relation of its family from an entity with a mention over one of the gold head's
mentions to one with a mention over one of the gold tail's (either way round for a
symmetric family). Only families the corpus maps something onto are scored, so a kg
predicate the corpus does not annotate counts neither for nor against kg.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.eval import mapping
from kg.eval.corpora.model import CorpusDoc
from kg.eval.predicted import PredRelation
from kg.eval.score import PRF, overlaps

Span = tuple[int, int]


def _over(where: list[Span], spans: Sequence[Span]) -> bool:
    return any(overlaps(a, b, s, e) for a, b in where for s, e in spans)


class _Linker:
    """Does a kg (subject, object) pair sit over a gold relation's head and tail?"""

    def __init__(self, where: dict[str, list[Span]], symmetric: frozenset[str]) -> None:
        self.where, self.symmetric = where, symmetric

    def __call__(
        self, fam: str, subj: str, obj: str, head: Sequence[Span], tail: Sequence[Span]
    ) -> bool:
        s, o = self.where.get(subj, []), self.where.get(obj, [])
        fwd = _over(s, head) and _over(o, tail)
        return fwd or (fam in self.symmetric and _over(s, tail) and _over(o, head))


def score_doc_relations(
    corpus: str,
    docs: Sequence[CorpusDoc],
    relations: dict[str, Sequence[PredRelation]],
    spans: dict[str, dict[str, list[Span]]],
) -> dict[str, PRF]:
    """Per family and overall ("all")."""
    table = mapping.corpus_relations(corpus)
    families = {f for f, _ in table.values()}
    sym = mapping.symmetric()
    out: dict[str, PRF] = {f: PRF() for f in (*sorted(families), "all")}
    for doc in docs:
        where = spans.get(doc.id, {})
        gold = set()
        for r in doc.doc_relations or []:
            if r.type in table:
                fam, inverse = table[r.type]
                gold.add((fam, r.tail, r.head) if inverse else (fam, r.head, r.tail))
        preds = sorted(
            {
                (f, r.subject, r.object)
                for r in relations.get(doc.id, ())
                if (f := mapping.family_of(r.predicate)) in families
            }
        )
        link = _Linker(where, sym)
        for fam, head, tail in sorted(gold):
            hit = any(pf == fam and link(pf, s, o, head, tail) for pf, s, o in preds)
            for key in (fam, "all"):
                out[key].n_r += 1
                out[key].tp_r += hit
        for pf, s, o in preds:
            hit = any(fam == pf and link(pf, s, o, h, t) for fam, h, t in gold)
            for key in (pf, "all"):
                out[key].n_p += 1
                out[key].tp_p += hit
    return dict(sorted(out.items()))
