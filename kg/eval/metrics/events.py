"""Events: triggers, types and arguments (WikiEvents); action mentions and cross-document
event coreference (ECB+). The type and role maps are data/eval/wikievents.yaml and
data/eval/ecbplus.yaml.

Trigger identification: a gold trigger is found when any kg event mention overlaps it; a
kg event mention is correct when it overlaps any gold trigger. Trigger+type: the same with
the kg type mapped onto the gold type; kg events of a type with no counterpart in the
corpus are left out of this score. Argument (role and span): for a gold event found with
its type, a gold argument is found when the matching kg event has an argument whose role
maps onto the gold role and whose entity has a mention over the gold span (a text argument:
the texts contain one another); kg arguments are those of type-scored events whose role maps
onto some role of the event's (matched, else first mapped) gold type.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.eval import mapping
from kg.eval.corpora.model import CorpusDoc, CorpusEvent, EventArg
from kg.eval.predicted import PredArgument, PredEvent
from kg.eval.score import PRF, b_cubed, overlaps

Spans = dict[str, dict[str, list[tuple[int, int]]]]
Where = dict[str, list[tuple[int, int]]]  # one document's entity IRI → its mention spans


def _prefixed(gold_type: str, entry: str) -> bool:
    return gold_type == entry or gold_type.startswith(entry + ".")


def type_matches(kg_type: str, gold_type: str) -> bool:
    entries = mapping.load("wikievents")["types"].get(kg_type) or []
    return any(_prefixed(gold_type, e) for e in entries)


def roles_for(gold_type: str) -> dict[str, list[str]]:
    """kg role → gold roles for a gold type (the longest matching entry)."""
    table = mapping.load("wikievents")["roles"]
    keys = [k for k in table if _prefixed(gold_type, k)]
    return table[max(keys, key=len)] if keys else {}


def fills(
    text: str,
    where: Where,
    pa: PredArgument,
    ga: EventArg,
    roles: dict[str, list[str]],
) -> bool:
    if ga.role not in roles.get(pa.role, ()):
        return False
    if pa.entity is not None:
        return any(overlaps(s, e, ga.start, ga.end) for s, e in where.get(pa.entity, ()))
    gold, t = text[ga.start : ga.end].lower(), pa.text.lower()
    return bool(t) and (t in gold or gold in t)


def match(p: PredEvent, gold: Sequence[CorpusEvent]) -> CorpusEvent | None:
    return next(
        (
            g
            for g in gold
            if type_matches(p.type, g.type) and overlaps(g.start, g.end, p.start, p.end)
        ),
        None,
    )


def missed_arguments(text: str, where: Where, p: PredEvent, g: CorpusEvent) -> list[EventArg]:
    """The gold arguments of ``g`` no argument of its matching kg event ``p`` fills."""
    roles = roles_for(g.type)
    return [
        ga for ga in g.arguments if not any(fills(text, where, pa, ga, roles) for pa in p.arguments)
    ]


def wrong_arguments(text: str, where: Where, p: PredEvent, g: CorpusEvent) -> list[PredArgument]:
    """The scored arguments of ``p`` (a role the gold type maps) that fill no gold argument
    of its matching gold event ``g``."""
    roles = roles_for(g.type)
    return [
        pa
        for pa in p.arguments
        if roles.get(pa.role) and not any(fills(text, where, pa, ga, roles) for ga in g.arguments)
    ]


def score_typed(
    docs: Sequence[CorpusDoc], events: dict[str, Sequence[PredEvent]], spans: Spans
) -> dict[str, PRF]:
    """ "trigger" (identification), "trigger+type" and "argument"."""
    ident, typed, arg = PRF(), PRF(), PRF()
    types = mapping.load("wikievents")["types"]
    for doc in docs:
        gold = doc.doc_events or []
        preds = list(events.get(doc.id, ()))
        scored = [p for p in preds if types.get(p.type)]
        where = spans.get(doc.id, {})
        for g in gold:
            ident.n_r += 1
            ident.tp_r += any(overlaps(g.start, g.end, p.start, p.end) for p in preds)
            typed.n_r += 1
            arg.n_r += len(g.arguments)
            p = next((p for p in scored if match(p, [g])), None)
            if p is not None:
                typed.tp_r += 1
                arg.tp_r += len(g.arguments) - len(missed_arguments(doc.text, where, p, g))
        for p in preds:
            ident.n_p += 1
            ident.tp_p += any(overlaps(g.start, g.end, p.start, p.end) for g in gold)
        for p in scored:
            typed.n_p += 1
            g = match(p, gold)
            roles = roles_for(g.type if g else types[p.type][0])
            mine = [pa for pa in p.arguments if roles.get(pa.role)]
            arg.n_p += len(mine)
            if g is not None:
                typed.tp_p += 1
                arg.tp_p += len(mine) - len(wrong_arguments(doc.text, where, p, g))
    return {"trigger": ident, "trigger+type": typed, "argument": arg}


def _in_scope(doc: CorpusDoc, s: int, e: int) -> bool:
    return doc.scope is None or any(a <= s and e <= b for a, b in doc.scope)


def score_actions(
    docs: Sequence[CorpusDoc], events: dict[str, Sequence[PredEvent]]
) -> tuple[PRF, tuple[float, float]]:
    """ECB+: action mentions found (P/R over the annotated sentences), and B³ (precision,
    recall) of cross-document event coreference over the found gold mentions: gold clusters
    are ECB+'s instances (an unlinked mention is its own), predicted ones kg's events."""
    tags = set(mapping.load("ecbplus")["gold"])
    found = PRF()
    pairs: list[tuple[str, str]] = []
    for doc in docs:
        gold = [
            g for g in doc.doc_events or [] if g.type in tags and _in_scope(doc, g.start, g.end)
        ]
        preds = [p for p in events.get(doc.id, ()) if _in_scope(doc, p.start, p.end)]
        for i, g in enumerate(gold):
            hits = [p for p in preds if overlaps(g.start, g.end, p.start, p.end)]
            found.n_r += 1
            if hits:
                found.tp_r += 1
                pairs.append((g.chain or f"{doc.id}#{i}", hits[0].event))
        found.n_p += len(preds)
        found.tp_p += sum(
            any(overlaps(g.start, g.end, p.start, p.end) for g in gold) for p in preds
        )
    return found, b_cubed(pairs)
