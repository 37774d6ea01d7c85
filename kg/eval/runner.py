"""A corpus's documents built by the normal pipeline into a folder of their own, and the
predictions read back: kg's from the graph, raw spaCy's from a cache beside it.

Each corpus is built into `OUT/<corpus>/` (articles in `articles/`, the graph and the
extraction cache next to them) with the ordinary incremental `kg.builder.build`, so a second run
sends nothing through spaCy. The baseline's mentions are kept in `baseline.json` under a
digest of the model and the texts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import astuple, fields
from pathlib import Path

from kg.eval.gold import GoldDoc
from kg.eval.predicted import Predictions, PredMention, baseline, from_graph

BASELINE_FILE = "baseline.json"
# the cached rows are PredMention's fields in order: a new field makes the old cache stale
CACHE_FORMAT = ("\0" + ",".join(f.name for f in fields(PredMention))).encode()
# Below this many characters a pool of processes costs more to start (each loads the model)
# than it saves: such a corpus is read in this process, whose pipeline stays loaded.
SMALL = 300_000


def _jobs(docs: Sequence[GoldDoc], jobs: int) -> int:
    return jobs if sum(len(d.text) for d in docs) >= SMALL else 1


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_articles(docs: Sequence[GoldDoc], folder: Path) -> None:
    """One JSON article per document (text, title, date, url); stale files are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for i, d in enumerate(docs):
        name = f"{i:05d}.json"
        wanted.add(name)
        record = {"text": d.text, "title": d.title, "date": d.date, "url": d.url}
        _write_if_changed(folder / name, json.dumps(record, ensure_ascii=False))
    for f in folder.glob("*.json"):
        if f.name not in wanted:
            f.unlink()


def build(docs: Sequence[GoldDoc], out: Path, jobs: int = 2) -> Path:
    """Build the documents' texts into ``out`` (incrementally) and return it."""
    import kg

    write_articles(docs, out / "articles")
    kg.build([out / "articles"], out=out, jobs=_jobs(docs, jobs))
    return out


_TEXTS = "SELECT ?id ?text WHERE { ?a a kg:Article ; dcterms:identifier ?id ; kg:text ?text }"


def kg_predictions(out: Path, docs: Sequence[GoldDoc]) -> tuple[Predictions, int]:
    """kg's predictions, and how many documents the graph lacks or holds with another text
    (offsets would not index the gold text: they are scored as predicting nothing)."""
    from kg.ingest import article_id
    from kg.query import query
    from kg.query.store import Store

    store = Store.open(out)
    texts = {str(i): str(t) for i, t in query(store, _TEXTS)}  # type: ignore[misc]
    pred = from_graph(store, docs)
    unread = 0
    for d in docs:
        if texts.get(article_id(d.text)) != d.text:
            unread += 1
            pred.mentions[d.id], pred.events[d.id], pred.relations[d.id] = [], [], []
            pred.quotes[d.id] = []
    return pred, unread


def _digest(docs: Sequence[GoldDoc]) -> str:
    from kg.nlp.pipeline import pipeline_version

    h = hashlib.sha256(pipeline_version().encode() + CACHE_FORMAT)
    for d in docs:
        h.update(b"\0" + d.id.encode() + b"\0" + d.text.encode())
    return h.hexdigest()


def baseline_predictions(out: Path, docs: Sequence[GoldDoc], jobs: int = 2) -> Predictions:
    """Raw spaCy's mentions, from ``out/baseline.json`` when it was made for these texts."""
    path = out / BASELINE_FILE
    digest = _digest(docs)
    if path.exists():
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached.get("digest") == digest:
            pred = Predictions()
            for d in docs:
                rows = cached["mentions"].get(d.id, [])
                pred.mentions[d.id] = [PredMention(*row) for row in rows]
            return pred
    pred = baseline(docs, n_process=_jobs(docs, jobs))
    mentions = {doc: [list(astuple(m)) for m in ms] for doc, ms in pred.mentions.items()}
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"digest": digest, "mentions": mentions}), encoding="utf-8")
    return pred
