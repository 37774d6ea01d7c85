"""Coreference on GUM: MUC, B³, CEAF-e and their average (the CoNLL-2012 score).

Gold chains are GUM's entities of the person, place and organization types within each
document; predicted chains are kg's mentions grouped by the entity they refer to. A
predicted mention stands for the gold mention it matches (kg/eval/metrics/kinds.py: it
holds the head and stays inside the span; the tightest gold mention when several match,
and one predicted mention per gold mention, the longest); unmatched predictions stay
mentions of their own. Chains of one mention are dropped on both sides (singletons
excluded). Numerators and denominators are summed over documents, then divided.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from kg.eval.corpora.model import CorpusDoc
from kg.eval.metrics.kinds import matches
from kg.eval.predicted import PredMention
from kg.eval.score import PRF

Chains = list[frozenset[Hashable]]


@dataclass(slots=True)
class Ratio(PRF):
    """Recall and precision as sums of numerators and denominators (which may be
    fractional, as B³'s and CEAF's are)."""

    def add(self, num_r: float, den_r: float, num_p: float, den_p: float) -> None:
        self.tp_r += num_r  # type: ignore[assignment]
        self.n_r += den_r  # type: ignore[assignment]
        self.tp_p += num_p  # type: ignore[assignment]
        self.n_p += den_p  # type: ignore[assignment]


def _muc_side(key: Chains, response: Chains) -> tuple[float, float]:
    """Σ(|K| − |partition of K by the response|), Σ(|K| − 1)."""
    where = {m: i for i, r in enumerate(response) for m in r}
    num = den = 0
    for k in key:
        parts = {where.get(m, ("alone", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def muc(key: Chains, response: Chains) -> tuple[float, float, float, float]:
    return (*_muc_side(key, response), *_muc_side(response, key))


def _b3_side(key: Chains, response: Chains) -> tuple[float, float]:
    num = sum(len(k & r) ** 2 / len(k) for k in key for r in response)
    return num, sum(len(k) for k in key)


def b3(key: Chains, response: Chains) -> tuple[float, float, float, float]:
    return (*_b3_side(key, response), *_b3_side(response, key))


def ceafe(key: Chains, response: Chains) -> tuple[float, float, float, float]:
    """φ4(K, R) = 2|K∩R| / (|K| + |R|), summed over the best one-to-one alignment."""
    g = nx.Graph()
    for i, k in enumerate(key):
        for j, r in enumerate(response):
            if k & r:
                g.add_edge(("k", i), ("r", j), weight=2 * len(k & r) / (len(k) + len(r)))
    best = nx.max_weight_matching(g)
    total = sum(g.edges[a, b]["weight"] for a, b in best)
    return total, len(key), total, len(response)


@dataclass(slots=True)
class CorefScores:
    muc: Ratio = field(default_factory=Ratio)
    b3: Ratio = field(default_factory=Ratio)
    ceafe: Ratio = field(default_factory=Ratio)

    @property
    def conll(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3


def _align(doc: CorpusDoc, preds: Sequence[PredMention]) -> dict[int, Hashable]:
    """Predicted mention index → the gold mention index it stands for, or its own key."""
    gold = doc.all_mentions or []
    taken: dict[int, int] = {}  # gold index → predicted index
    order = sorted(range(len(preds)), key=lambda i: (preds[i].start - preds[i].end, i))
    out: dict[int, Hashable] = {}
    for i in order:
        p = preds[i]
        cands = [j for j, g in enumerate(gold) if matches(p.start, p.end, g) and j not in taken]
        if cands:
            j = min(cands, key=lambda j: (gold[j].end - gold[j].start, j))
            taken[j] = i
            out[i] = j
        else:
            out[i] = ("pred", p.start, p.end)
    return out


def _chains(groups: dict[object, set[Hashable]]) -> Chains:
    return [frozenset(v) for _, v in sorted(groups.items(), key=repr) if len(v) > 1]


def score_coref(
    docs: Sequence[CorpusDoc], predicted: dict[str, Sequence[PredMention]]
) -> CorefScores:
    out = CorefScores()
    for doc in docs:
        gold = doc.all_mentions or []
        preds = predicted.get(doc.id, ())
        key_groups: dict[object, set[Hashable]] = defaultdict(set)
        for j, g in enumerate(gold):
            key_groups[g.chain].add(j)
        resp_groups: dict[object, set[Hashable]] = defaultdict(set)
        for i, mid in _align(doc, preds).items():
            resp_groups[preds[i].cluster].add(mid)
        key, response = _chains(key_groups), _chains(resp_groups)
        out.muc.add(*muc(key, response))
        out.b3.add(*b3(key, response))
        out.ceafe.add(*ceafe(key, response))
    return out
