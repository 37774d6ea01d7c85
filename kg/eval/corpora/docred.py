"""DocRED JSON (Re-DocRED `data/dev_revised.json`, and DWIE's DocRED-style `dev.json`).

A document is `sents` (token lists), `vertexSet` (entities, each a list of mentions with a
sentence id and a token range `pos`, end exclusive) and `labels` (relations between two
entities, `h` and `t`, named `r`). The tokens are detokenised (kg/eval/corpora/text.py);
every relation keeps the spans of all mentions of both of its entities, since DocRED
relations hold between entities, not mentions; only relations between two entities of kg's
classes (PER, ORG, LOC) are kept. Re-DocRED's dev split is scored (its test
split stays unused).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from kg.eval.corpora.model import CorpusDoc, EntityRelation
from kg.eval.corpora.text import detokenise

Span = tuple[int, int]

# DocRED's entity types that are kg classes
CLASSES = {"PER": "Person", "LOC": "Region", "ORG": "Group"}


def entity_spans(record: dict, breaks: Sequence[str] | None = None) -> tuple[str, list[list[Span]]]:
    """The document's text and, per entity, the character spans of its mentions."""
    text, offsets = detokenise(record["sents"], breaks)
    spans = []
    for entity in record["vertexSet"]:
        spans.append(
            sorted(
                (offsets[m["sent_id"]][m["pos"][0]][0], offsets[m["sent_id"]][m["pos"][1] - 1][1])
                for m in entity
            )
        )
    return text, spans


def relations(
    record: dict, spans: list[list[Span]], classes: Sequence[str | None]
) -> list[EntityRelation]:
    """The relations between two entities that are both of a kg class (``classes[i]`` is
    entity i's, or None)."""
    out = {
        EntityRelation(str(lab["r"]), tuple(spans[lab["h"]]), tuple(spans[lab["t"]]))
        for lab in record["labels"]
        if classes[lab["h"]] and classes[lab["t"]]
    }
    return sorted(out, key=lambda r: (r.type, r.head, r.tail))


def read(record: dict, doc_id: str) -> CorpusDoc:
    """One Re-DocRED document: its text, typed mentions and relations."""
    text, spans = entity_spans(record)
    doc = CorpusDoc(id=doc_id, text=text, title=record.get("title"), unit=doc_id)
    classes = [CLASSES.get(entity[0]["type"]) for entity in record["vertexSet"]]
    for cls, ent_spans in zip(classes, spans, strict=True):
        if cls is not None:
            doc.typed.extend((s, e, cls) for s, e in ent_spans)
    doc.typed.sort()
    doc.doc_relations = relations(record, spans, classes)
    return doc


def load(folder: Path) -> list[CorpusDoc]:
    """Re-DocRED's dev split; a document's id is its title (unique in the split)."""
    records = json.loads((folder / "data" / "dev_revised.json").read_text(encoding="utf-8"))
    return [read(r, str(r["title"])) for r in records]
