"""Known people (kg/gazetteer/people.py) in an article: a full name NER read as an
organisation or a place, or did not read at all, that names one known person (of the
countries the article names, where two share the name) is that person. The mention's
class reason is ``known-person``; what the article's own context decided stays.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.gazetteer.people import who
from kg.model import Mention
from kg.nlp.doctext import doc_text
from kg.nlp.lexicons import title_words
from kg.nlp.spans import mention_at

if TYPE_CHECKING:
    from spacy.tokens import Doc

KNOWN = "known-person"
_MAX_WORDS = 4


def _countries(mentions: list[Mention], gaz: Gazetteer) -> frozenset[str]:
    out = set()
    for m in mentions:
        entry = gaz.entries.get(m.gazetteer_id or "")
        if entry is not None and entry.cls == "Country" and entry.iso:
            out.add(entry.iso)
    return frozenset(out)


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Runs of two to four capitalised proper nouns (a title before them left out)."""
    out, i = [], 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        start = i
        while start < j and doc[start].lower_.strip(".") in title_words():
            start += 1
        if 2 <= j - start <= _MAX_WORDS:
            out.append((start, j))
        i = max(j, i + 1)
    return out


def known_people(
    doc: Doc, mentions: list[Mention], gaz: Gazetteer, sent_starts: list[int]
) -> list[Mention]:
    countries = _countries(mentions, gaz)
    out = []
    for m in mentions:
        if m.cls != "Person" and " " in m.text and m.gazetteer_id is None:
            if who(m.text, countries) is not None:
                m = replace(m, cls="Person", class_reason=KNOWN)
        out.append(m)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    text = doc_text(doc)
    for i, j in _runs(doc):
        s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if any(c in covered for c in range(s, e)) or who(text[s:e], countries) is None:
            continue
        found = mention_at(text, s, e, sent_starts, "Person", "KNOWN")
        out.append(replace(found, class_reason=KNOWN))
    return sorted(out, key=lambda m: (m.start, m.end))
