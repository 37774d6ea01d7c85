"""ECB+ CAT/CROMER XML (ecbplus/ECB+/<topic>/<topic>_<n>ecb[plus].xml).

Tokens are detokenised (kg/eval/corpora/text.py) with a blank line after sentence 0 (a
headline, or the source URL in the ecbplus files) and a space between the others. Gold
events are the action markables (`ACTION_*` and `NEG_ACTION_*`, ECB+'s event class) with
tokens; their chain is the cross-document instance a `CROSS_DOC_COREF` links them to, or the
in-document target of an `INTRA_DOC_COREF`, or none. Only the sentences listed in
`ECBplus_coreference_sentences_topics1-35.csv` were annotated, so they are the document's
scope: predictions elsewhere are not scored. Documents split into tune and check by topic,
so that cross-document coreference stays inside one half.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from kg.eval.corpora.model import CorpusDoc, CorpusEvent
from kg.eval.corpora.text import detokenise

SENTENCES_CSV = "ECBplus_coreference_sentences_topics1-35.csv"


def _is_event(tag: str) -> bool:
    return tag.startswith(("ACTION_", "NEG_ACTION_"))


def _chains(root: ET.Element, doc_id: str) -> dict[str, str]:
    """Markable id → its coreference chain."""
    instances = {
        m.get("m_id", ""): m.get("instance_id") or f"{doc_id}#{m.get('m_id')}"
        for m in root.iter()
        if m.get("m_id") and m.find("token_anchor") is None and m.tag != "source"
    }
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        if rel.tag not in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
            continue
        target = rel.find("target")
        tid = target.get("m_id", "") if target is not None else ""
        chain = rel.get("note") or instances.get(tid) or f"{doc_id}#{tid}"
        for src in rel.findall("source"):
            chains[src.get("m_id", "")] = chain
    return chains


def read(xml: str, doc_id: str, topic: str, annotated: set[int] | None) -> CorpusDoc:
    """One ECB+ document; ``annotated`` holds the sentence numbers of the scope."""
    root = ET.fromstring(xml)
    by_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        by_sentence[int(tok.get("sentence", "0"))].append((tok.get("t_id", ""), tok.text or ""))
    numbers = sorted(by_sentence)
    sentences = [[t for _, t in by_sentence[n]] for n in numbers]
    text, offsets = detokenise(sentences, ["\n\n"] + [" "] * max(0, len(numbers) - 2))
    span_of = {
        tid: span
        for n, spans in zip(numbers, offsets, strict=True)
        for (tid, _), span in zip(by_sentence[n], spans, strict=True)
    }
    scope = [
        (spans[0][0], spans[-1][1])
        for n, spans in zip(numbers, offsets, strict=True)
        if spans and (annotated is None or n in annotated)
    ]
    chains = _chains(root, doc_id)
    events = []
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        anchors = [span_of[a.get("t_id", "")] for a in m.findall("token_anchor")]
        if _is_event(m.tag) and anchors:
            start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
            events.append(CorpusEvent(m.tag, start, end, (), chains.get(m.get("m_id", ""), "")))
    events.sort(key=lambda e: (e.start, e.end, e.type))
    return CorpusDoc(id=doc_id, text=text, unit=topic, scope=scope, doc_events=events)


def annotated_sentences(folder: Path) -> dict[str, set[int]]:
    """File stem (``1_10ecbplus``) → the sentence numbers annotated in it."""
    out: dict[str, set[int]] = defaultdict(set)
    with (folder / SENTENCES_CSV).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def load(folder: Path) -> list[CorpusDoc]:
    """Every ECB+ document, topics in numeric order, files in name order."""
    annotated = annotated_sentences(folder)
    topics = sorted(
        (p for p in (folder / "ECB+").iterdir() if p.is_dir()), key=lambda p: int(p.name)
    )
    docs = []
    for topic in topics:
        for f in sorted(topic.glob("*.xml")):
            xml = f.read_text(encoding="utf-8")
            docs.append(read(xml, f.stem, topic.name, annotated.get(f.stem, set())))
    return docs
