"""WikiEvents JSONL (wikievents/dev.jsonl): KAIROS events with triggers and arguments.

The file's `text` runs sentences together without a space, so the text is rebuilt from
the `sentences` (each sentence's own text, where its tokens' character offsets point): a
first sentence without final punctuation is a headline and is followed by a blank line,
the others are joined by a space. Token offsets are carried over sentence by sentence.
Triggers and arguments (entity mentions) are token ranges, end exclusive. Only the dev
split is scored; `wiki-human-train.jsonl` is for training later.
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.eval.corpora.model import CorpusDoc, CorpusEvent, EventArg

Span = tuple[int, int]


def _text(sentences: list) -> tuple[str, list[Span]]:
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for i, (tokens, sent_text) in enumerate(sentences):
        if i:
            first = sentences[0][1].rstrip()
            sep = "\n\n" if i == 1 and first and first[-1] not in '.!?"”’' else " "
            parts.append(sep)
            pos += len(sep)
        base = tokens[0][1] if tokens else 0
        for _, s, e in tokens:
            spans.append((pos + s - base, pos + e - base))
        parts.append(sent_text)
        pos += len(sent_text)
    return "".join(parts), spans


def read(record: dict) -> CorpusDoc:
    """One WikiEvents document."""
    text, spans = _text(record["sentences"])

    def chars(a: int, b: int) -> Span:
        return spans[a][0], spans[b - 1][1]

    entities = {m["id"]: chars(m["start"], m["end"]) for m in record["entity_mentions"]}
    events = []
    for ev in record["event_mentions"]:
        trig = chars(ev["trigger"]["start"], ev["trigger"]["end"])
        args = tuple(
            EventArg(a["role"], *entities[a["entity_id"]])
            for a in ev["arguments"]
            if a["entity_id"] in entities
        )
        events.append(CorpusEvent(ev["event_type"], trig[0], trig[1], args))
    events.sort(key=lambda e: (e.start, e.end, e.type))
    doc_id = str(record["doc_id"])
    return CorpusDoc(id=doc_id, text=text, unit=doc_id, doc_events=events)


def load(folder: Path) -> list[CorpusDoc]:
    """The dev split, in file order."""
    lines = (folder / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [read(json.loads(line)) for line in lines if line.strip()]
