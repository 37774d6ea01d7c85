"""Each task's figures on one half of a corpus, as (task, metric, value, gold count) rows.

The metrics are defined in docs/evaluation.md; this module only names and orders them.
`HEADLINE` marks the figures whose tune/check gap is checked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kg.eval.corpora.model import KINDS
from kg.eval.gold import GoldDoc
from kg.eval.metrics.coref import score_coref
from kg.eval.metrics.events import score_actions, score_typed
from kg.eval.metrics.kinds import predicted_kind, score_kinds
from kg.eval.metrics.pronouns import ratio, score_pairs
from kg.eval.metrics.quotes import score_attributions
from kg.eval.metrics.relations import score_doc_relations
from kg.eval.predicted import Predictions, PredMention
from kg.eval.score import CLASSES, PRF, score_mentions, score_relations


@dataclass(frozen=True, slots=True)
class Figure:
    task: str
    metric: str
    value: float | None
    gold: int  # gold items behind the figure (its recall denominator)


HEADLINE = {
    ("names", "F1"),
    ("linking", "B³ F1"),
    ("mentions", "name F1"),
    ("mentions", "nominal F1"),
    ("mentions", "pronoun F1"),
    ("coref", "CoNLL F1"),
    ("pronouns", "F1"),
    ("pronouns", "F/M ratio"),
    ("events", "trigger F1"),
    ("events", "trigger+type F1"),
    ("events", "argument F1"),
    ("actions", "R"),
    ("actions", "P"),
    ("actions", "coref B³ F1"),
    ("relations", "F1"),
    ("quotes", "R"),
    ("quotes", "P"),
    ("quotes", "named-speaker accuracy"),
}


def _prf(task: str, name: str, s: PRF, parts: str = "F1 P R") -> list[Figure]:
    pre = f"{name} " if name else ""
    vals = {"F1": s.f1, "P": s.precision, "R": s.recall}
    return [
        Figure(task, f"{pre}{k}", vals[k] if s.n_r or s.n_p else None, s.n_r) for k in parts.split()
    ]


def named(pred: Predictions) -> dict[str, list[PredMention]]:
    """The predictions of names (kg:mentionKind "name"), per document: a noun phrase or
    pronoun that refers to a named entity is scored with all mentions (kinds, coreference),
    not as a name."""
    return {
        doc: [m for m in ms if predicted_kind(m) == "name"] for doc, ms in pred.mentions.items()
    }


def names(corpus: str, docs: Sequence[GoldDoc], pred: Predictions) -> list[Figure]:
    m = score_mentions(docs, named(pred))
    out = _prf("names", "", m.overall)
    return out + [f for c in CLASSES for f in _prf("names", c, m.by_class[c])]


def linking(corpus: str, docs: Sequence[GoldDoc], pred: Predictions) -> list[Figure]:
    m = score_mentions(docs, named(pred))
    n = m.overall.tp_r
    return [
        Figure("linking", "B³ F1", m.b3_f1 if n else None, n),
        Figure("linking", "B³ P", m.b3_precision if n else None, n),
        Figure("linking", "B³ R", m.b3_recall if n else None, n),
    ]


def mentions(corpus: str, docs: Sequence[GoldDoc], pred: Predictions) -> list[Figure]:
    s = score_kinds(docs, pred.mentions)  # type: ignore[arg-type]
    return [f for k in (*KINDS, "all") for f in _prf("mentions", k, s[k])]


def coref(corpus: str, docs: Sequence[GoldDoc], pred: Predictions) -> list[Figure]:
    s = score_coref(docs, pred.mentions)  # type: ignore[arg-type]
    n = int(s.b3.n_r)
    return [
        Figure("coref", "CoNLL F1", s.conll, n),
        Figure("coref", "MUC F1", s.muc.f1, n),
        Figure("coref", "B³ F1", s.b3.f1, n),
        Figure("coref", "CEAF-e F1", s.ceafe.f1, n),
    ]


def pronouns(corpus: str, docs: Sequence[GoldDoc], pred: Predictions) -> list[Figure]:
    s = score_pairs(docs, pred.mentions, pred.quotes)  # type: ignore[arg-type]
    out = _prf("pronouns", "", s["all"])
    out += _prf("pronouns", "feminine", s["feminine"], "F1")
    out += _prf("pronouns", "masculine", s["masculine"], "F1")
    return [*out, Figure("pronouns", "F/M ratio", ratio(s), s["all"].n_r)]


def events(corpus: str, docs: Sequence[GoldDoc], pred: Predictions) -> list[Figure]:
    s = score_typed(docs, pred.events, pred.spans)  # type: ignore[arg-type]
    return [f for k in ("trigger", "trigger+type", "argument") for f in _prf("events", k, s[k])]


def actions(corpus: str, docs: Sequence[GoldDoc], pred: Predictions) -> list[Figure]:
    found, (p, r) = score_actions(docs, pred.events)  # type: ignore[arg-type]
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    n = found.tp_r
    return [
        *_prf("actions", "", found, "R P F1"),
        Figure("actions", "coref B³ F1", f1 if n else None, n),
        Figure("actions", "coref B³ P", p if n else None, n),
        Figure("actions", "coref B³ R", r if n else None, n),
    ]


def _families(task: str, scores: dict[str, PRF]) -> list[Figure]:
    out = _prf(task, "", scores.get("all", PRF()))
    return out + [f for k, v in scores.items() if k != "all" for f in _prf(task, k, v)]


def relations(corpus: str, docs: Sequence[GoldDoc], pred: Predictions) -> list[Figure]:
    s = score_doc_relations(corpus, docs, pred.relations, pred.spans)  # type: ignore[arg-type]
    return _families("relations", s)


def re3d(corpus: str, docs: Sequence[GoldDoc], pred: Predictions) -> list[Figure]:
    return _families("relations", score_relations(docs, pred.relations, pred.spans))


def quotes(corpus: str, docs: Sequence[GoldDoc], pred: Predictions) -> list[Figure]:
    s = score_attributions(docs, pred.quotes, pred.spans)  # type: ignore[arg-type]
    out = [*_prf("quotes", "", s["all"], "R P F1")]
    out += [f for k in ("direct", "mixed", "indirect") for f in _prf("quotes", k, s[k], "R")]
    sp = s["speaker"]
    return [*out, Figure("quotes", "named-speaker accuracy", sp.recall if sp.n_r else None, sp.n_r)]


TASKS: dict[str, Callable[[str, Sequence[GoldDoc], Predictions], list[Figure]]] = {
    "names": names,
    "linking": linking,
    "mentions": mentions,
    "coref": coref,
    "pronouns": pronouns,
    "events": events,
    "actions": actions,
    "relations": relations,
    "re3d": re3d,
    "quotes": quotes,
}
BASELINE_TASKS = ("names", "linking")
