"""Universal NER IOB2 (uner-pud/en_pud-ud-test.iob2): names in news and Wikipedia sentences.

A document is a `# newdoc` group of sentences; its text is the sentences' `# text` lines
joined by a space, and each token is found in its sentence's text in order, so every
offset is exact. B-/I- PER, LOC, ORG are kg's Person, Region, Group. UNER has no links: a
mention's cluster is its own text within the document, and no linking score is reported.
"""

from __future__ import annotations

from pathlib import Path

from kg.eval.corpora.model import CorpusDoc
from kg.eval.gold import GoldMention

CLASSES = {"PER": "Person", "LOC": "Region", "ORG": "Group"}
FILE = "en_pud-ud-test.iob2"


def _sentence(text: str, rows: list[list[str]], base: int) -> list[tuple[int, int, str]]:
    """(start, end, class) of each entity in one sentence, offsets shifted by ``base``."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    current: list = []
    for cols in rows:
        start = text.index(cols[1], pos)
        pos = start + len(cols[1])
        tag = cols[2]
        if tag.startswith("I-") and current and current[2] == tag[2:]:
            current[1] = base + pos
            continue
        if current:
            out.append(tuple(current))  # type: ignore[arg-type]
        current = [base + start, base + pos, tag[2:]] if tag[:2] in ("B-", "I-") else []
    if current:
        out.append(tuple(current))  # type: ignore[arg-type]
    return out


def _doc(doc_id: str, sentences: list[tuple[str, list[list[str]]]]) -> CorpusDoc:
    parts: list[str] = []
    ents: list[tuple[int, int, str]] = []
    pos = 0
    for text, rows in sentences:
        if parts:
            parts.append(" ")
            pos += 1
        ents += _sentence(text, rows, pos)
        parts.append(text)
        pos += len(text)
    doc = CorpusDoc(id=doc_id, text="".join(parts), unit=doc_id)
    full = doc.text
    for s, e, tag in ents:
        if tag in CLASSES:
            doc.mentions.append(GoldMention(s, e, CLASSES[tag], f"{doc_id}#{full[s:e]}"))
            doc.typed.append((s, e, CLASSES[tag]))
    return doc


def read(text: str) -> list[CorpusDoc]:
    docs: list[CorpusDoc] = []
    doc_id, sentences, sent_text, rows = "", [], "", []  # type: ignore[var-annotated]
    for line in [*text.split("\n"), ""]:
        if line.startswith("# newdoc id"):
            if sentences:
                docs.append(_doc(doc_id, sentences))
            doc_id, sentences = line.split("=", 1)[1].strip(), []
        elif line.startswith("# text"):
            sent_text = line.split("=", 1)[1].strip()
        elif line and not line.startswith("#"):
            rows.append(line.split("\t"))
        elif not line and rows:
            sentences.append((sent_text, rows))
            rows = []
    if sentences:
        docs.append(_doc(doc_id, sentences))
    return docs


def load(folder: Path) -> list[CorpusDoc]:
    return read((folder / FILE).read_text(encoding="utf-8"))
