"""One place that reads a Doc's text, and whole-word search in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WORDISH = re.compile(r"[\w-]")


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined once: spaCy rebuilds ``doc.text`` from every token on
    each access, which the NLP stage would otherwise do thousands of times per article."""
    text = doc.user_data.get("kg.text")
    if text is None:
        text = doc.user_data["kg.text"] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Keep ``text``, the string the Doc was made from, as its text: spaCy's tokenizer
    keeps every character, so it is ``doc.text`` without the join over all tokens
    (checked by length, which a Doc of another text would fail)."""
    size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if size == len(text):
        doc.user_data["kg.text"] = text


def name_spans(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Where ``name`` stands as a whole word: the spans of
    ``re.finditer(r"(?<![\\w-])" + re.escape(name) + r"(?![\\w-])", text)``.

    Found by ``str.find``, candidate by candidate as the regex engine tries them: a pattern
    that opens with a look-behind loses the engine's fast literal scan (~50× slower)."""
    if not name:
        yield from (m.span() for m in re.finditer(r"(?<![\w-])(?![\w-])", text))
        return
    i = text.find(name)
    while i >= 0:
        end = i + len(name)
        if not (i and _WORDISH.match(text, i - 1)) and not _WORDISH.match(text, end):
            yield i, end
            i = text.find(name, end)
        else:
            i = text.find(name, i + 1)
