"""Scores as ../shared/eval/README.md defines them; pure functions over spans.

Entity mentions: recall over gold named mentions (found when a predicted mention
of the same class overlaps it); precision over predicted mentions (correct when
it overlaps a typed gold mention of the same class). Linking: B-cubed over the
found gold mentions, gold clusters by Wikipedia title across all documents,
predicted clusters by the entity of the matching predicted mention.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.eval import mapping
from kg.eval.gold import GoldArgument, GoldDoc, GoldRelation
from kg.eval.predicted import PredArgument, PredEvent, PredMention, PredQuote, PredRelation
from kg.ontology import top_classes

# Person, Region, Group: the ontology's top classes, in its order, but for made things
# (kg:Artifact), which kg finds only as event arguments and never names
CLASSES = tuple(c for c in top_classes() if c != "Artifact")


@dataclass(slots=True)
class PRF:
    tp_p: int = 0  # predictions judged correct
    n_p: int = 0  # predictions
    tp_r: int = 0  # gold items found
    n_r: int = 0  # gold items

    @property
    def precision(self) -> float:
        return self.tp_p / self.n_p if self.n_p else 0.0

    @property
    def recall(self) -> float:
        return self.tp_r / self.n_r if self.n_r else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.n_p,
            "gold": self.n_r,
        }


@dataclass(slots=True)
class MentionScores:
    overall: PRF = field(default_factory=PRF)
    by_class: dict[str, PRF] = field(default_factory=lambda: {c: PRF() for c in CLASSES})
    b3_precision: float = 0.0
    b3_recall: float = 0.0

    @property
    def b3_f1(self) -> float:
        p, r = self.b3_precision, self.b3_recall
        return 2 * p * r / (p + r) if p + r else 0.0


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def best_match(start: int, end: int, cls: str, preds: Sequence[PredMention]) -> PredMention | None:
    """The same-class predicted mention that overlaps a span the most (earliest on ties)."""
    best, best_len = None, 0
    for p in preds:
        if p.cls == cls and overlaps(start, end, p.start, p.end):
            n = min(end, p.end) - max(start, p.start)
            if n > best_len or (n == best_len and best is not None and p.start < best.start):
                best, best_len = p, n
    return best


def score_mentions(
    docs: Sequence[GoldDoc], predicted: dict[str, Sequence[PredMention]]
) -> MentionScores:
    out = MentionScores()
    found: list[tuple[str, str]] = []  # (gold cluster, predicted cluster) per found gold mention
    for doc in docs:
        preds = predicted.get(doc.id, ())
        for g in doc.mentions:
            out.overall.n_r += 1
            out.by_class[g.cls].n_r += 1
            m = best_match(g.start, g.end, g.cls, preds)
            if m is not None:
                out.overall.tp_r += 1
                out.by_class[g.cls].tp_r += 1
                found.append((g.cluster, m.cluster))
        for p in preds:
            out.overall.n_p += 1
            out.by_class[p.cls].n_p += 1
            if any(t == p.cls and overlaps(s, e, p.start, p.end) for s, e, t in doc.typed):
                out.overall.tp_p += 1
                out.by_class[p.cls].tp_p += 1
    out.b3_precision, out.b3_recall = b_cubed(found)
    return out


def b_cubed(pairs: Sequence[tuple[str, str]]) -> tuple[float, float]:
    """B-cubed precision and recall of items given as (gold cluster, predicted cluster)."""
    if not pairs:
        return 0.0, 0.0
    gold: dict[str, int] = defaultdict(int)
    pred: dict[str, int] = defaultdict(int)
    both: dict[tuple[str, str], int] = defaultdict(int)
    for g, p in pairs:
        gold[g] += 1
        pred[p] += 1
        both[(g, p)] += 1
    precision = sum(both[(g, p)] / pred[p] for g, p in pairs) / len(pairs)
    recall = sum(both[(g, p)] / gold[g] for g, p in pairs) / len(pairs)
    return precision, recall


# Relation families of ../shared/eval/README.md: gold type → family, kg predicate → family
# (data/eval/relations.yaml).
GOLD_FAMILY: dict[str, str] = mapping.load("relations")["gold"]
_SYMMETRIC = mapping.symmetric()


def predicted_family(predicate: str) -> str | None:
    """The relation family of a kg predicate, or of an event's role pair."""
    return mapping.family_of(predicate)


def _mentioned_over(spans: Sequence[tuple[int, int]], s: int, e: int) -> bool:
    return any(overlaps(a, b, s, e) for a, b in spans)


def _links(
    where: dict[str, list[tuple[int, int]]], fam: str, subj: str, obj: str, g: GoldRelation
) -> bool:
    """Does a predicted (subject, object) pair sit over a gold relation's source and target?"""
    s_sp, o_sp = where.get(subj, []), where.get(obj, [])
    fwd = _mentioned_over(s_sp, *g.source) and _mentioned_over(o_sp, *g.target)
    back = (
        fam in _SYMMETRIC and _mentioned_over(s_sp, *g.target) and _mentioned_over(o_sp, *g.source)
    )
    return fwd or back


def _arg_ok(
    where: dict[str, list[tuple[int, int]]], text: str, pa: PredArgument, ga: GoldArgument
) -> bool:
    """A predicted argument fills a gold one: same role, and its entity is mentioned over the
    gold span (or, for a non-entity argument, the texts contain one another)."""
    if pa.role != ga.role:
        return False
    if pa.entity is not None:
        return _mentioned_over(where.get(pa.entity, []), ga.start, ga.end)
    gold_text = text[ga.start : ga.end].lower()
    t = pa.text.lower()
    return bool(t) and (t in gold_text or gold_text in t)


def score_relations(
    docs: Sequence[GoldDoc],
    relations: dict[str, list[PredRelation]],
    spans: dict[str, dict[str, list[tuple[int, int]]]],
) -> dict[str, PRF]:
    """Per family and overall: a gold relation is found when a predicted relation of its
    family links an entity mentioned over its source span to one over its target span."""
    out: dict[str, PRF] = defaultdict(PRF)
    for doc in docs:
        if doc.relations is None:
            continue
        preds = [
            (fam, r.subject, r.object)
            for r in relations.get(doc.id, ())
            if (fam := predicted_family(r.predicate)) is not None
        ]
        where = spans.get(doc.id, {})

        golds = [(GOLD_FAMILY[g.type], g) for g in doc.relations if g.type in GOLD_FAMILY]
        for fam, g in golds:
            hit = any(pf == fam and _links(where, pf, s, o, g) for pf, s, o in preds)
            for key in (fam, "all"):
                out[key].n_r += 1
                out[key].tp_r += hit
        for pf, s, o in preds:
            hit = any(fam == pf and _links(where, pf, s, o, g) for fam, g in golds)
            for key in (pf, "all"):
                out[key].n_p += 1
                out[key].tp_p += hit
    return dict(sorted(out.items()))


def score_events(
    docs: Sequence[GoldDoc],
    events: dict[str, list[PredEvent]],
    spans: dict[str, dict[str, list[tuple[int, int]]]],
) -> dict[str, PRF]:
    """Trigger+type F1, argument (role+entity) F1, and modality accuracy of matched triggers."""
    trig, arg, mod = PRF(), PRF(), PRF()
    for doc in docs:
        if doc.events is None:
            continue
        preds = list(events.get(doc.id, ()))
        where = spans.get(doc.id, {})
        text = doc.text

        for g in doc.events:
            trig.n_r += 1
            arg.n_r += len(g.arguments)
            hits = [
                p for p in preds if p.type == g.type and overlaps(g.start, g.end, p.start, p.end)
            ]
            if hits:
                trig.tp_r += 1
                mod.n_r += 1
                mod.tp_r += hits[0].modality == g.modality
                arg.tp_r += sum(
                    any(_arg_ok(where, text, pa, ga) for pa in hits[0].arguments)
                    for ga in g.arguments
                )
        for p in preds:
            trig.n_p += 1
            arg.n_p += len(p.arguments)
            gm = next(
                (
                    g
                    for g in doc.events
                    if g.type == p.type and overlaps(g.start, g.end, p.start, p.end)
                ),
                None,
            )
            if gm is not None:
                trig.tp_p += 1
                arg.tp_p += sum(
                    any(_arg_ok(where, text, pa, ga) for ga in gm.arguments) for pa in p.arguments
                )
    mod.n_p, mod.tp_p = mod.n_r, mod.tp_r
    return {"trigger": trig, "argument": arg, "modality": mod}


def score_quotes(
    docs: Sequence[GoldDoc],
    quotes: dict[str, list[PredQuote]],
    spans: dict[str, dict[str, list[tuple[int, int]]]],
) -> dict[str, PRF]:
    """Quotes found (a predicted quote overlaps the gold one) and, of those found, the share
    whose predicted speaker is the gold speaker (mentioned over the gold speaker's span, or
    over a mention of the gold speaker entity when the text names them only by a pronoun)."""
    found, speaker = PRF(), PRF()
    for doc in docs:
        if doc.quotes is None:
            continue
        preds = quotes.get(doc.id, [])
        where = spans.get(doc.id, {})
        by_cluster: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for g in doc.mentions:
            by_cluster[g.cluster].append((g.start, g.end))
        found.n_r += len(doc.quotes)
        found.n_p += len(preds)
        found.tp_p += sum(
            any(overlaps(*q.quote, p.start, p.end) for q in doc.quotes) for p in preds
        )
        for q in doc.quotes:
            hits = [p for p in preds if overlaps(*q.quote, p.start, p.end)]
            if not hits:
                continue
            found.tp_r += 1
            gold_spans = [q.speaker] if q.speaker else by_cluster.get(q.speaker_entity or "", [])
            speaker.n_r += 1
            speaker.n_p += 1
            ok = any(_mentioned_over(where.get(hits[0].speaker, []), s, e) for s, e in gold_spans)
            speaker.tp_r += ok
            speaker.tp_p += ok
    return {"found": found, "speaker": speaker}
