"""Gold annotations: GUM-style news (entities + typed mentions), re3d-style (relations),
and kg's own format (data/gold: entities, events, relations, quotes)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError

Span = tuple[int, int]

# re3d entity types that are kg classes
RE3D_TYPES = {
    "Person": "Person",
    "Organisation": "Group",
    "Location": "Region",
    "Nationality": "Group",
}


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    cls: str  # Person, Region, Group
    cluster: str  # Wikipedia title or canonical id, the same across documents


@dataclass(frozen=True, slots=True)
class GoldArgument:
    role: str
    start: int
    end: int
    entity: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    start: int
    end: int
    modality: str
    arguments: tuple[GoldArgument, ...]


@dataclass(frozen=True, slots=True)
class GoldRelation:
    type: str
    source: Span
    target: Span


@dataclass(frozen=True, slots=True)
class GoldQuote:
    speaker: Span | None
    quote: Span
    cue: Span | None
    speaker_entity: str | None = None


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    mentions: list[GoldMention] = field(default_factory=list)  # named mentions (recall, B³)
    typed: list[tuple[int, int, str]] = field(default_factory=list)  # all typed (precision)
    relations: list[GoldRelation] | None = None
    events: list[GoldEvent] | None = None
    quotes: list[GoldQuote] | None = None


def _span(x: object) -> Span | None:
    if not x:
        return None
    seq = list(x)  # type: ignore[call-overload]
    return int(seq[0]), int(seq[1])


def _doc(obj: dict, where: str) -> GoldDoc:
    if "text" not in obj:
        raise UsageError('gold record has no "text"', where=where)
    doc = GoldDoc(
        id=str(obj.get("id", where)),
        text=obj["text"],
        title=obj.get("title"),
        date=obj.get("date"),
        url=obj.get("url"),
    )
    ents = obj.get("entities") or []
    if ents and isinstance(ents[0], dict):  # GUM / kg style: clustered entities
        for e in ents:
            cluster = str(e.get("wikipedia") or e["id"])
            for m in e["mentions"]:
                doc.mentions.append(GoldMention(int(m[0]), int(m[1]), e["type"], cluster))
        typed = obj.get("typed_mentions")
        doc.typed = (
            [(int(s), int(e), str(t)) for s, e, t in typed]
            if typed is not None
            else [(m.start, m.end, m.cls) for m in doc.mentions]
        )
    else:  # re3d style: [start, end, type, confidence]
        for s, e, t, *_ in ents:
            if t in RE3D_TYPES:
                doc.typed.append((int(s), int(e), RE3D_TYPES[t]))
    if "relations" in obj:
        # Only relations between two entities of kg's classes count.
        typed_spans = {(s, e) for s, e, _ in doc.typed}
        doc.relations = []
        for r in obj["relations"]:
            src, tgt = _span(r["source"]), _span(r["target"])
            if src in typed_spans and tgt in typed_spans:
                doc.relations.append(GoldRelation(str(r["type"]), src, tgt))
    if "events" in obj:
        doc.events = [
            GoldEvent(
                type=ev["type"],
                start=int(ev["trigger"][0]),
                end=int(ev["trigger"][1]),
                modality=ev.get("modality", "asserted"),
                arguments=tuple(
                    GoldArgument(a["role"], int(a["span"][0]), int(a["span"][1]), a.get("entity"))
                    for a in ev.get("arguments") or []
                ),
            )
            for ev in obj["events"]
        ]
    if "quotes" in obj:
        doc.quotes = [
            GoldQuote(
                _span(q.get("speaker")),
                _span(q["quote"]) or (0, 0),
                _span(q.get("cue")),
                q.get("speaker_entity"),
            )
            for q in obj["quotes"]
        ]
    return doc


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Every gold document in a JSONL file, or in every .jsonl file of a folder."""
    p = Path(path)
    files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    if not files or not all(f.is_file() for f in files):
        raise UsageError("no gold JSONL file here", where=str(p))
    docs = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").split("\n"), start=1):
            if line.strip():
                try:
                    docs.append(_doc(json.loads(line), f"{f}:{n}"))
                except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
                    raise UsageError(f"bad gold record: {e}", where=f"{f}:{n}") from e
    return docs
