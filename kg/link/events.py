"""Event mentions → events: one node per happening reported in an article.

A definite noun trigger ("the resolution") that repeats an event type already
reported earlier in the same article, with the same modality and no role of its
own, is another mention of that event, not a new one ("the draft" people are
urged to evade is not the mobilisation that happened).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.model import EventMention, Extraction

_ANAPHOR = re.compile(r"\b(?:the|this|that|these|those)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Event:
    key: str  # stable hash of type, article and first trigger offset
    type: str
    article: str
    mentions: tuple[EventMention, ...]

    @property
    def first(self) -> EventMention:
        return self.mentions[0]


def _anaphoric(text: str, ev: EventMention) -> bool:
    return bool(_ANAPHOR.search(text[max(0, ev.start - 40) : ev.start]))


def group_events(extractions: Sequence[Extraction]) -> list[Event]:
    out: list[Event] = []
    for x in sorted(extractions, key=lambda x: x.article.id):
        groups: list[list[EventMention]] = []
        for ev in sorted(x.events, key=lambda e: (e.start, e.end, e.type)):
            prior = [g for g in groups if g[0].type == ev.type and g[0].modality == ev.modality]
            if prior and not ev.arguments and _anaphoric(x.article.text, ev):
                prior[-1].append(ev)
            else:
                groups.append([ev])
        for g in groups:
            first = g[0]
            digest = hashlib.sha256(
                f"{first.type}|{x.article.id}|{first.start}|{first.end}".encode()
            ).hexdigest()[:12]
            out.append(Event(key=digest, type=first.type, article=x.article.id, mentions=tuple(g)))
    return out
