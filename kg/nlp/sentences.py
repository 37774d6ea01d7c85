"""Sentences as kg stores them: the parser's, also cut at line breaks."""

from __future__ import annotations

import re

from kg.nlp.context import Context
from kg.nlp.doctext import doc_text

# A line's text without the whitespace around it: from its first to its last non-space.
_TRIMMED_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def sentence_spans(text: str, parsed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parser's sentences, also cut at line breaks (a headline, a dateline and a
    paragraph are never one sentence), trimmed of surrounding whitespace."""
    return [m.span() for start, end in parsed for m in _TRIMMED_LINE.finditer(text, start, end)]


def step(ctx: Context) -> None:
    doc = ctx.doc
    sents = sentence_spans(doc_text(doc), [(s.start_char, s.end_char) for s in doc.sents])
    ctx.sentences = tuple(sents)
    ctx.starts = [s for s, _ in sents]
