"""Where a mention stands: its span cleaned of determiners, quotes and punctuation, its
sentence, the Mention made of it, and the mention that covers each token."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from kg.model import Mention
from kg.nlp.docindex import char_range

if TYPE_CHECKING:
    from spacy.tokens import Doc

_LEAD = re.compile(r"^(?:[\s\"'“”‘’«»„(\[,;:]+|(?:the|a|an)\s+)", re.IGNORECASE)
_TRAIL = re.compile(r"(?:[\s\"'“”‘’«».,;:!?)\]\-–—]+|['’]s?)$")


def clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim determiners, quotes, possessives, punctuation and anything past a line break."""
    s = text[start:end]
    nl = s.find("\n")
    if nl >= 0:
        head = s[:nl]
        if head.strip():
            end = start + nl
        else:
            start += nl + 1
            return clean_span(text, start, end)
    while True:
        s = text[start:end]
        m = _LEAD.match(s) or None
        if m and m.end() < len(s):
            start += m.end()
            continue
        m = _TRAIL.search(s)
        if m and re.search(r"(?:^|[\s.])[A-Z]\.$", s):
            break  # "U.S.", "D.C.": the full stop belongs to the abbreviation
        if m and m.start() > 0:
            end = start + m.start()
            continue
        break
    s = text[start:end]
    if len(s) < 2 or not any(c.isalpha() for c in s) or not any(c.isupper() for c in s):
        return None
    return start, end


def sentence_of(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def mentions_by_token(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """Token index → the mention that covers it (a later mention wins an overlap)."""
    out: dict[int, Mention] = {}
    for m in mentions:
        bounds = char_range(doc, m.start, m.end)
        if bounds is not None:
            for i in range(*bounds):
                out[i] = m
    return out


def mention_at(
    text: str,
    start: int,
    end: int,
    sent_starts: list[int],
    cls: str,
    ner: str,
    gazetteer_id: str | None = None,
    antecedent: tuple[int, int] | None = None,
    kind: str = "name",
    reason: str | None = None,
) -> Mention:
    """The mention of text[start:end], in its sentence."""
    return Mention(
        text=text[start:end],
        start=start,
        end=end,
        sentence=sentence_of(sent_starts, start),
        cls=cls,
        ner=ner,
        gazetteer_id=gazetteer_id,
        antecedent=antecedent,
        kind=kind,
        reason=reason,
    )
