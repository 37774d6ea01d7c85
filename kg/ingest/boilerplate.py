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
# A short line that starts with one of these, or is made only of such words, is
# navigation, not news ("Share on Facebook", "Follow us", "Email | Print").
_NAV_START = re.compile(
    r"^\W*(share|tweet|follow|subscribe|sign up|sign in|log in|read more|click|"
    r"advertisement|sponsored|print|email|comments?|related)\b",
    re.IGNORECASE,
)
_NAV_VOCAB = {
    "share",
    "shares",
    "tweet",
    "follow",
    "us",
    "on",
    "subscribe",
    "sign",
    "up",
    "in",
    "log",
    "newsletter",
    "advertisement",
    "sponsored",
    "read",
    "more",
    "click",
    "here",
    "print",
    "email",
    "whatsapp",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "telegram",
    "reddit",
    "comments",
    "comment",
    "this",
    "article",
    "via",
    "the",
    "to",
    "our",
    "and",
    "or",
}
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


_WORD = re.compile(r"[\w'’-]+")


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _few_words(s: str, most: int) -> list[str] | None:
    """The words of ``s`` when it has at most ``most`` (else None, without reading on:
    most lines of an article are long paragraphs)."""
    words = []
    for m in _WORD.finditer(s):
        if len(words) == most:
            return None
        words.append(m.group())
    return words


def _is_headline(s: str, *, headed: bool) -> bool:
    """A list item that reads like a linked headline rather than prose.

    Under a short heading any unpunctuated line will do (many sites write headlines
    in sentence case); without one, it must also be in title case.
    """
    body = _LIST_ITEM.sub(lambda m: m.group(0)[-1], s, count=1).strip()
    words = _words(body)
    if not 2 <= len(words) <= 30 or body.rstrip("\"'”’").endswith("."):
        return False
    if headed:
        return True
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitalised / len(words) >= 0.5


def _is_heading(s: str) -> bool:
    words = _few_words(s, 5)
    return bool(words) and not _SENTENCE_END.search(s)


def _is_nav(s: str) -> bool:
    words = _few_words(s, 6)
    if not words or _SENTENCE_END.search(s):
        return False
    return bool(_NAV_START.match(s)) or all(w.lower() in _NAV_VOCAB for w in words)


def _related_block_start(text: str, lines: list[tuple[int, int]]) -> int | None:
    """Offset where a trailing headline list (with its heading) begins, if any."""

    def line(k: int) -> str:
        return text[lines[k][0] : lines[k][1]]

    def is_item(k: int) -> bool:
        return bool(_LIST_ITEM.match(line(k)))

    i, n = 0, len(lines)
    while i < n:
        if not is_item(i):
            i += 1
            continue
        items, j, last = [], i, i
        while j < n:
            if is_item(j):
                items.append(line(j))
                last = j
            elif line(j).strip():
                break
            j += 1  # blank lines between items belong to the list
        trailer = text[lines[last][1] :].strip()
        k = i - 1
        while k >= 0 and not line(k).strip():
            k -= 1
        headed = k >= 0 and _is_heading(line(k))
        if (
            len(items) >= 2
            and all(_is_headline(x, headed=headed) for x in items)
            and len(trailer) <= _MAX_TRAILER
        ):
            return lines[k][0] if headed else lines[i][0]
        i = last + 1
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
