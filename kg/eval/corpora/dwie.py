"""DWIE in DocRED-style JSON (dwie-dev/data/DWIE/dev.json): names, links and relations.

Read with the DocRED reader (kg/eval/corpora/docred.py), sentence 0 (the headline) followed
by a blank line. DWIE annotates named mentions only: every mention of a person, location or
organization entity is a named mention (a people, `type_ethnicity`, counts as a Group), its
cluster the entity's Wikipedia link, or the entity itself within the document when it has
none. Adjectives and religious or political groups (`type_other`: "Mexican", "Islamists")
are not recall targets, but a Group predicted over one is not a false alarm: kg's Group
class is what spaCy's NORP becomes.
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.eval.corpora.docred import entity_spans, relations
from kg.eval.corpora.model import CorpusDoc
from kg.eval.gold import GoldMention

CLASSES = {
    "type_person": "Person",
    "type_location": "Region",
    "type_organization": "Group",
    "type_ethnicity": "Group",
}
PRECISION_ONLY = {"type_other": "Group"}


def read(record: dict) -> CorpusDoc:
    """One DWIE document."""
    doc_id = str(record["id"])
    n = len(record["sents"])
    text, spans = entity_spans(record, ["\n\n"] + [" "] * max(0, n - 2))
    doc = CorpusDoc(id=doc_id, text=text, title=None, unit=doc_id)
    for i, (entity, ent_spans) in enumerate(zip(record["vertexSet"], spans, strict=True)):
        etype = entity[0]["type"]
        link = next((m["link"] for m in entity if m.get("link")), None)
        cls = CLASSES.get(etype)
        if cls is not None:
            cluster = str(link) if link else f"{doc_id}#{i}"
            doc.mentions.extend(GoldMention(s, e, cls, cluster) for s, e in ent_spans)
        cls = cls or PRECISION_ONLY.get(etype)
        if cls is not None:
            doc.typed.extend((s, e, cls) for s, e in ent_spans)
    doc.mentions.sort(key=lambda m: (m.start, m.end, m.cls))
    doc.typed.sort()
    classes = [CLASSES.get(entity[0]["type"]) for entity in record["vertexSet"]]
    doc.doc_relations = relations(record, spans, classes)
    return doc


def load(folder: Path) -> list[CorpusDoc]:
    """The 137 DWIE documents, in file order."""
    records = json.loads((folder / "data" / "DWIE" / "dev.json").read_text(encoding="utf-8"))
    return [read(r) for r in records]
