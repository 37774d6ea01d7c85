"""Event mentions → events: one node per happening, however many reports it has.

Within an article, a definite noun trigger ("the resolution", "the arrests") that repeats
an event type already reported, with the same modality and roles that agree with its
(no role filled by other words), is another mention of that event ("the draft" people are
urged to evade is not the mobilisation that happened); so is the body's first report of
the event a headline reports ("Police arrest 40" and "police arrested 40 people").
Across articles, reports of the same type and modality that share an agent or target
entity, and disagree on no role (no other agent, target or place entity) and no year,
are one event: every mention is kept, each with its article, and the number of articles
is its report count.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from kg.link.unionfind import UnionFind
from kg.model import EventMention, Extraction, Linking

_ANAPHOR = re.compile(r"\b(?:the|this|that|these|those)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ROLES = ("agent", "target", "place")


@dataclass(frozen=True, slots=True)
class Event:
    key: str  # stable hash of the type, article and trigger offsets of its first report
    type: str
    reports: tuple[tuple[str, EventMention], ...]  # (article id, mention), in order

    @property
    def first(self) -> EventMention:
        return self.reports[0][1]

    @property
    def article(self) -> str:
        return self.reports[0][0]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({a for a, _ in self.reports}))


def _anaphoric(text: str, ev: EventMention) -> bool:
    return bool(_ANAPHOR.search(text[max(0, ev.start - 40) : ev.start]))


def _headline(x: Extraction) -> tuple[int, int] | None:
    """The span of the article's headline, when its first line is its title."""
    title = (x.article.title or "").strip()
    if not title or not x.sentences:
        return None
    s, e = x.sentences[0]
    return (s, e) if title in x.article.text[s:e] or x.article.text[s:e].strip() in title else None


def _words(ev: EventMention, role: str) -> set[str]:
    return {w.lower() for a in ev.arguments if a.role == role for w in a.text.split()}


def _agree(a: EventMention, b: EventMention) -> bool:
    """No role both fill with words in common nowhere ("police" and "the police" agree)."""
    return all(
        not (wa := _words(a, r)) or not (wb := _words(b, r)) or bool(wa & wb) for r in _ROLES
    )


def _joins(group: list[EventMention], ev: EventMention, text: str, head: tuple | None) -> bool:
    """A later report of the group's event: the same type and modality, roles that agree,
    and either a definite anaphor ("the arrests") or the first report after the headline's."""
    first = group[0]
    if first.type != ev.type or first.modality != ev.modality:
        return False
    if not all(_agree(m, ev) for m in group):
        return False
    from_headline = head is not None and head[0] <= first.start < head[1] and len(group) == 1
    return from_headline or _anaphoric(text, ev)


def _in_article(x: Extraction) -> list[Event]:
    groups: list[list[EventMention]] = []
    head = _headline(x)
    for ev in sorted(x.events, key=lambda e: (e.start, e.end, e.type)):
        prior = [g for g in groups if _joins(g, ev, x.article.text, head)]
        if prior:
            prior[-1].append(ev)
        else:
            groups.append([ev])
    out = []
    for g in groups:
        first = g[0]
        digest = hashlib.sha256(
            f"{first.type}|{x.article.id}|{first.start}|{first.end}".encode()
        ).hexdigest()[:12]
        out.append(Event(key=digest, type=first.type, reports=tuple((x.article.id, m) for m in g)))
    return out


def _roles(ev: Event, linking: Linking) -> dict[str, set[str]]:
    roles: dict[str, set[str]] = defaultdict(set)
    for aid, m in ev.reports:
        for a in m.arguments:
            link = linking.links.get((aid, a.start, a.end))
            if a.role in _ROLES and link is not None:
                roles[a.role].add(link.entity)
    return roles


def _years(ev: Event) -> set[str]:
    return {a.value[:4] for _, m in ev.reports for a in m.arguments if a.role == "time" and a.value}


def _compatible(a: Event, b: Event, ra: dict[str, set[str]], rb: dict[str, set[str]]) -> bool:
    if a.first.modality != b.first.modality:
        return False
    if any(ra.get(r) and rb.get(r) and not ra[r] & rb[r] for r in _ROLES):
        return False  # a different agent, target or place: a different event
    ya, yb = _years(a), _years(b)
    return not (ya and yb and not ya & yb)


def group_events(extractions: Sequence[Extraction], linking: Linking | None = None) -> list[Event]:
    """Events of the build, reports of one happening merged (across articles with ``linking``)."""
    events = [e for x in sorted(extractions, key=lambda x: x.article.id) for e in _in_article(x)]
    if linking is None:
        return events
    by_key = {e.key: e for e in events}
    roles = {e.key: _roles(e, linking) for e in events}
    # candidates share a type and an agent or target entity (blocking, not all pairs)
    blocks: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for e in events:
        for role in ("agent", "target"):
            for ent in sorted(roles[e.key].get(role, ())):
                blocks[(e.type, role, ent)].append(e.key)
    uf: UnionFind[str] = UnionFind(sorted(by_key))
    for block in sorted(blocks):
        keys = sorted(blocks[block])
        for i, ka in enumerate(keys):
            for kb in keys[i + 1 :]:
                a, b = by_key[ka], by_key[kb]
                if a.article != b.article and _compatible(a, b, roles[ka], roles[kb]):
                    uf.union(ka, kb)
    merged = []
    for _, keys in sorted(uf.groups().items()):
        group = sorted((by_key[k] for k in keys), key=lambda e: (e.article, e.first.start))
        reports = tuple(r for e in group for r in e.reports)
        merged.append(Event(key=min(keys), type=group[0].type, reports=reports))
    return sorted(merged, key=lambda e: e.key)
