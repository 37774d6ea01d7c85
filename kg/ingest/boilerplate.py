"""Find what in an article's text is content and what is page furniture.

Boilerplate is recognised by its shape, not by any one site's words: a list of
headline-like lines near the end of the text (a "related articles" block), the
short heading above it and whatever short remarks follow it (reader comments),
and short share/navigation lines. The text itself is never rewritten: the
result is a list of content spans, so every offset still indexes the original.
"""

from __future__ import annotations

import re

_LIST_ITEM = re.compile(r"^\s*(?:[-*•·–—▪►]|\d{1,2}[.)])\s+\S")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# Short lines made only of these words are navigation, not news.
_NAV_WORDS = re.compile(
    r"\b(share|shares|tweet|follow us|subscribe|sign up|sign in|log in|newsletter|"
    r"advertisement|sponsored|read more|click here|cookies?|print|email|whatsapp|"
    r"facebook|twitter|linkedin|telegram channel|comments?)\b",
    re.IGNORECASE,
)
# How much trailing text (reader comments) may follow a headline list and still
# be treated as part of the page furniture rather than the article.
_MAX_TRAILER = 600


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((pos, pos + len(stripped)))
        pos += len(line)
    return spans


def _words(s: str) -> list[str]:
    return re.findall(r"[\w'’-]+", s)


def _is_headline(s: str) -> bool:
    """A list item that reads like a linked headline rather than prose."""
    body = _LIST_ITEM.sub(lambda m: m.group(0)[-1], s, count=1).strip()
    words = _words(body)
    if not 2 <= len(words) <= 30 or body.rstrip("\"'”’").endswith("."):
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitalised / len(words) >= 0.5


def _is_heading(s: str) -> bool:
    words = _words(s)
    return 0 < len(words) <= 5 and not _SENTENCE_END.search(s)


def _is_nav(s: str) -> bool:
    words = _words(s)
    return 0 < len(words) <= 6 and not _SENTENCE_END.search(s) and bool(_NAV_WORDS.search(s))


def _related_block_start(text: str, lines: list[tuple[int, int]]) -> int | None:
    """Offset where a trailing headline list (with its heading) begins, if any."""
    i = 0
    n = len(lines)
    while i < n:
        if not _LIST_ITEM.match(text[lines[i][0] : lines[i][1]]):
            i += 1
            continue
        j = i
        while j < n and _LIST_ITEM.match(text[lines[j][0] : lines[j][1]]):
            j += 1
        items = [text[s:e] for s, e in lines[i:j]]
        trailer = text[lines[j - 1][1] :].strip()
        if len(items) >= 2 and all(_is_headline(x) for x in items) and len(trailer) <= _MAX_TRAILER:
            start = lines[i][0]
            k = i - 1
            while k >= 0 and not text[lines[k][0] : lines[k][1]].strip():
                k -= 1
            if k >= 0 and _is_heading(text[lines[k][0] : lines[k][1]]):
                start = lines[k][0]
            return start
        i = j
    return None


def content_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that are article content, in order, never empty."""
    lines = _lines(text)
    cut = _related_block_start(text, lines)
    end_of_body = len(text) if cut is None else cut
    spans: list[tuple[int, int]] = []
    for s, e in lines:
        if s >= end_of_body:
            break
        e = min(e, end_of_body)
        line = text[s:e]
        if not line.strip() or _is_nav(line):
            continue
        if spans and not text[spans[-1][1] : s].strip():
            spans[-1] = (spans[-1][0], e)  # lines separated by blank space join
        else:
            spans.append((s, e))
    return tuple(spans)
