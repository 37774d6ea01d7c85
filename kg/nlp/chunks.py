"""Long texts through spaCy in pieces, joined back into one Doc with exact offsets.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters) because the
parser and NER need memory in proportion to it. kg cuts such a text at paragraph breaks
(else sentence ends, else spaces) into chunks of at most ``CHUNK_CHARS``, runs the
pipeline on each and joins the Docs with ``Doc.from_docs``: the joined Doc's text is the
original text character for character, so every offset stays true, and article-level
steps (one reading per name, pronoun speakers) still see the whole article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Far below nlp.max_length: the parser's working memory grows with its input (about
# 100 MB for 25,000 characters, 350 MB for 100,000). A news article is rarely this long,
# so it is normally one chunk, exactly as before; a cut falls between paragraphs.
CHUNK_CHARS = 20_000

# Where a cut may fall, best first: after a blank line, after a line break, after a
# sentence end and its space, after any space.
_BOUNDARIES = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?…][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks that tile ``text``, each at most ``limit`` long."""
    if limit < 1:
        raise ValueError("limit must be positive")
    bounds, pos = [], 0
    while len(text) - pos > limit:
        cut = _cut(text, pos, pos + limit)
        bounds.append((pos, cut))
        pos = cut
    bounds.append((pos, len(text)))
    return bounds


def _cut(text: str, start: int, end: int) -> int:
    """The best boundary in the second half of text[start:end], else a hard cut at end."""
    lo = start + (end - start) // 2
    for boundary in _BOUNDARIES:
        last = None
        for m in boundary.finditer(text, lo, end):
            last = m
        if last is not None and last.end() > start:
            return last.end()
    return end


def pipe_chunked(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 16, limit: int = CHUNK_CHARS
) -> Iterator[Doc]:
    """``nlp.pipe(texts)``, one Doc per text, in order. A text longer than ``limit`` goes
    through alone, a chunk at a time (a batch of long chunks would defeat the bound), and
    its chunks' Docs are joined."""
    limit = min(limit, nlp.max_length)
    batch: list[str] = []
    for text in texts:
        if len(text) <= limit:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from nlp.pipe(batch, batch_size=batch_size)
                batch = []
            continue
        yield from nlp.pipe(batch, batch_size=batch_size)
        batch = []
        yield _joined(nlp, text, limit)
    yield from nlp.pipe(batch, batch_size=batch_size)


def _joined(nlp: Language, text: str, limit: int) -> Doc:
    import numpy
    from spacy.tokens import Doc

    chunks = (text[s:e] for s, e in chunk_bounds(text, limit))
    docs = []
    for doc in nlp.pipe(chunks, batch_size=1):
        doc.tensor = numpy.zeros((0,), dtype="float32")  # tok2vec output, unused after the pipe
        docs.append(doc)
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
