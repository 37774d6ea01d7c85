"""`kg eval --all --errors N`: the most frequent errors of each corpus, from its tune half
only (the check half is read only as a number)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kg.eval.corpora import Corpus
from kg.eval.corpora.model import CorpusDoc
from kg.eval.errors import ErrorCase, _sentence, mention_errors
from kg.eval.gold import GoldDoc
from kg.eval.metrics.kinds import matches
from kg.eval.predicted import Predictions
from kg.eval.score import overlaps


def _cases(found: Counter[tuple[str, str, str]], examples: dict, limit: int) -> list[ErrorCase]:
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [ErrorCase(c, s, d, n, examples[(c, s, d)]) for (c, s, d), n in ranked]


def _events(docs: Sequence[CorpusDoc], pred: Predictions, limit: int) -> list[ErrorCase]:
    """Gold triggers no kg event overlaps, and kg events over no gold trigger."""
    found: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    for doc in docs:
        gold = doc.doc_events or []
        preds = pred.events.get(doc.id, [])
        inside = [(a, b) for a, b in doc.scope] if doc.scope is not None else [(0, len(doc.text))]
        for g in gold:
            if not any(overlaps(g.start, g.end, p.start, p.end) for p in preds):
                key = ("missed", doc.text[g.start : g.end].lower(), g.type)
                found[key] += 1
                examples.setdefault(key, _sentence(doc.text, g.start, g.end))
        for p in preds:
            if any(a <= p.start and p.end <= b for a, b in inside) and not any(
                overlaps(g.start, g.end, p.start, p.end) for g in gold
            ):
                key = ("spurious", doc.text[p.start : p.end].lower(), p.type)
                found[key] += 1
                examples.setdefault(key, _sentence(doc.text, p.start, p.end))
    return _cases(found, examples, limit)


def _mentions(docs: Sequence[CorpusDoc], pred: Predictions, limit: int) -> list[ErrorCase]:
    """Gold mentions of every kind no prediction matches (by kind and surface)."""
    found: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    for doc in docs:
        preds = pred.mentions.get(doc.id, [])
        for g in doc.all_mentions or []:
            if not any(matches(p.start, p.end, g) for p in preds):
                key = (f"missed {g.kind}", doc.text[g.head[0] : g.head[1]].lower(), g.cls)
                found[key] += 1
                examples.setdefault(key, _sentence(doc.text, g.start, g.end))
    return _cases(found, examples, limit)


def _quotes(docs: Sequence[CorpusDoc], pred: Predictions, limit: int) -> list[ErrorCase]:
    """Attributions no kg quote overlaps, by kind and cue."""
    found: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    for doc in docs:
        preds = pred.quotes.get(doc.id, [])
        for a in doc.attributions or []:
            if not any(overlaps(s, e, q.start, q.end) for s, e in a.content for q in preds):
                cue = doc.text[a.cue[0] : a.cue[1]].lower() if a.cue else ""
                key = (f"missed {a.kind}", cue, "source named" if a.named else "source unnamed")
                found[key] += 1
                examples.setdefault(key, _sentence(doc.text, *a.content[0]))
    return _cases(found, examples, limit)


def errors_for(
    corpus: Corpus, tune: Sequence[GoldDoc], pred: Predictions, limit: int
) -> list[ErrorCase]:
    """Up to ``limit`` errors of each kind of task the corpus scores, most frequent first."""
    docs = [d for d in tune if isinstance(d, CorpusDoc)]
    out: list[ErrorCase] = []
    if "names" in corpus.tasks:
        cluster = ("split cluster", "merged cluster")
        names = mention_errors(tune, pred.mentions, limit if "linking" in corpus.tasks else 10**6)
        out += [e for e in names if "linking" in corpus.tasks or e.cause not in cluster][:limit]
    if "mentions" in corpus.tasks:
        out += _mentions(docs, pred, limit)
    if "events" in corpus.tasks or "actions" in corpus.tasks:
        out += _events(docs, pred, limit)
    if "quotes" in corpus.tasks:
        out += _quotes(docs, pred, limit)
    return out
