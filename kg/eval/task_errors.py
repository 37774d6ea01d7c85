"""`kg eval --all --errors N`: the most frequent errors of each corpus, from its tune half
only (the check half is read only as a number)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kg.eval import mapping
from kg.eval.corpora import Corpus
from kg.eval.corpora.model import CorpusDoc
from kg.eval.errors import ErrorCase, _sentence, mention_errors
from kg.eval.gold import GoldDoc
from kg.eval.metrics.events import match, missed_arguments, wrong_arguments
from kg.eval.metrics.kinds import matches
from kg.eval.predicted import Predictions
from kg.eval.score import overlaps
from kg.eval.tasks import named


class _Tally:
    """Errors counted by (cause, surface, detail), each with the first sentence it is in."""

    def __init__(self) -> None:
        self.found: Counter[tuple[str, str, str]] = Counter()
        self.examples: dict[tuple[str, str, str], str] = {}

    def add(self, key: tuple[str, str, str], text: str, start: int, end: int) -> None:
        self.found[key] += 1
        self.examples.setdefault(key, _sentence(text, start, end))

    def cases(self, limit: int) -> list[ErrorCase]:
        ranked = sorted(self.found.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [ErrorCase(c, s, d, n, self.examples[(c, s, d)]) for (c, s, d), n in ranked]


def _events(docs: Sequence[CorpusDoc], pred: Predictions, limit: int) -> list[ErrorCase]:
    """Gold triggers no kg event overlaps, and kg events (in the annotated part) over none."""
    tally = _Tally()
    for doc in docs:
        gold = doc.doc_events or []
        preds = pred.events.get(doc.id, [])
        scope = doc.scope if doc.scope is not None else [(0, len(doc.text))]
        for g in gold:
            if not any(overlaps(g.start, g.end, p.start, p.end) for p in preds):
                tally.add(
                    ("missed", doc.text[g.start : g.end].lower(), g.type), doc.text, g.start, g.end
                )
        for p in preds:
            annotated = any(a <= p.start and p.end <= b for a, b in scope)
            if annotated and not any(overlaps(g.start, g.end, p.start, p.end) for g in gold):
                tally.add(
                    ("spurious", doc.text[p.start : p.end].lower(), p.type),
                    doc.text,
                    p.start,
                    p.end,
                )
    return tally.cases(limit)


def _typed(docs: Sequence[CorpusDoc], pred: Predictions, limit: int) -> list[ErrorCase]:
    """As the typed scores count them: gold triggers no kg event of a matching type
    overlaps ("missed type", with the type kg gave, if any), kg events of a scored type over
    no gold trigger of theirs ("spurious type"), and the arguments of matched events: gold
    ones no kg argument fills ("missed argument"), kg ones that fill none ("wrong argument")."""
    tally = _Tally()
    scored = mapping.load("wikievents")["types"]
    for doc in docs:
        gold = doc.doc_events or []
        preds = pred.events.get(doc.id, [])
        where = pred.spans.get(doc.id, {})
        for g in gold:
            p = next((p for p in preds if match(p, [g])), None)
            if p is None:
                kg = [q.type for q in preds if overlaps(g.start, g.end, q.start, q.end)]
                detail = f"{g.type}; kg {kg[0] if kg else 'none'}"
                tally.add(
                    ("missed type", doc.text[g.start : g.end].lower(), detail),
                    doc.text,
                    g.start,
                    g.end,
                )
                continue
            for ga in missed_arguments(doc.text, where, p, g):
                surface = doc.text[ga.start : ga.end].lower()
                tally.add(("missed argument", surface, ga.role), doc.text, g.start, g.end)
            for pa in wrong_arguments(doc.text, where, p, g):
                tally.add(("wrong argument", pa.text.lower(), pa.role), doc.text, g.start, g.end)
        for p in preds:
            if scored.get(p.type) and match(p, gold) is None:
                surface = doc.text[p.start : p.end].lower()
                tally.add(("spurious type", surface, p.type), doc.text, p.start, p.end)
    return tally.cases(limit)


def _mentions(docs: Sequence[CorpusDoc], pred: Predictions, limit: int) -> list[ErrorCase]:
    """Gold mentions of every kind no prediction matches (by kind and head word)."""
    tally = _Tally()
    for doc in docs:
        preds = pred.mentions.get(doc.id, [])
        for g in doc.all_mentions or []:
            if not any(matches(p.start, p.end, g) for p in preds):
                head = doc.text[g.head[0] : g.head[1]].lower()
                tally.add((f"missed {g.kind}", head, g.cls), doc.text, g.start, g.end)
    return tally.cases(limit)


def _quotes(docs: Sequence[CorpusDoc], pred: Predictions, limit: int) -> list[ErrorCase]:
    """Attributions no kg quote overlaps, by kind and cue."""
    tally = _Tally()
    for doc in docs:
        preds = pred.quotes.get(doc.id, [])
        for a in doc.attributions or []:
            if not any(overlaps(s, e, q.start, q.end) for s, e in a.content for q in preds):
                cue = doc.text[a.cue[0] : a.cue[1]].lower() if a.cue else ""
                detail = "source named" if a.named else "source unnamed"
                tally.add((f"missed {a.kind}", cue, detail), doc.text, *a.content[0])
    return tally.cases(limit)


def errors_for(
    corpus: Corpus, tune: Sequence[GoldDoc], pred: Predictions, limit: int
) -> list[ErrorCase]:
    """Up to ``limit`` errors of each kind of task the corpus scores, most frequent first."""
    docs = [d for d in tune if isinstance(d, CorpusDoc)]
    out: list[ErrorCase] = []
    if "names" in corpus.tasks:
        cluster = ("split cluster", "merged cluster")
        # the names task's own errors: name mentions only, as it scores them (a pronoun or a
        # noun phrase is the mentions task's)
        names = mention_errors(tune, named(pred), limit if "linking" in corpus.tasks else 10**6)
        out += [e for e in names if "linking" in corpus.tasks or e.cause not in cluster][:limit]
    if "mentions" in corpus.tasks:
        out += _mentions(docs, pred, limit)
    if "events" in corpus.tasks:
        out += _typed(docs, pred, limit)
    if "actions" in corpus.tasks:
        out += _events(docs, pred, limit)
    if "quotes" in corpus.tasks:
        out += _quotes(docs, pred, limit)
    return out
