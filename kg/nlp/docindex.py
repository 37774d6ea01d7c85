"""Per-Doc lookups, built once per Doc and kept in its ``user_data``.

spaCy makes a new Token object on every ``doc[i]`` and every step of ``for t in doc``,
and ``Doc.char_span`` makes several to find its tokens. Scans over all tokens read these
plain lists instead and make a Token only where a rule may fire; character offsets map
to tokens by bisection. Only plain data is stored (a Token or Span would point back to
its Doc and keep it alive in a reference cycle).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kg.nlp.doctext import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

Offsets = tuple[list[int], list[int], int]  # token starts, token ends, text length


def _stored(doc: Doc, key: str, build: Callable[..., Any], *args: Any) -> Any:
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = build(doc, *args)
    return value


def _column(doc: Doc, attr: str) -> list[int]:
    from spacy.attrs import IDS

    return doc.to_array(IDS[attr]).tolist() if len(doc) else []


def _strings(doc: Doc, attr: str) -> list[str]:
    store = doc.vocab.strings
    return [store[h] for h in _column(doc, attr)]


def token_strings(doc: Doc, attr: str) -> list[str]:
    """Every token's string attribute, as ``Token.<attr>_`` gives it: "LOWER" → lower_,
    "POS" → pos_, "DEP" → dep_, "ENT_TYPE" → ent_type_, "LEMMA" → lemma_."""
    return _stored(doc, "kg." + attr, _strings, attr)


def _lower_lemmas(doc: Doc) -> list[str]:
    store = doc.vocab.strings
    return [store[h].lower() for h in _column(doc, "LEMMA")]


def lower_lemmas(doc: Doc) -> list[str]:
    """``tok.lemma_.lower()`` of every token: the form the lexicons are keyed by."""
    return _stored(doc, "kg.lemma_lower", _lower_lemmas)


def _offsets(doc: Doc) -> Offsets:
    starts = _column(doc, "IDX")
    ends = [s + n for s, n in zip(starts, _column(doc, "LENGTH"), strict=True)]
    return starts, ends, len(doc_text(doc))


def offsets(doc: Doc) -> Offsets:
    """Token starts and ends, and the text's length (looked up on every char_range)."""
    value = doc.user_data.get("kg.offsets")
    if value is None:
        value = doc.user_data["kg.offsets"] = _offsets(doc)
    return value


def token_starts(doc: Doc) -> list[int]:
    """``tok.idx`` of every token."""
    return offsets(doc)[0]


def token_ends(doc: Doc) -> list[int]:
    """``tok.idx + len(tok)`` of every token."""
    return offsets(doc)[1]


def _texts(doc: Doc) -> list[str]:
    text, (starts, ends, _) = doc_text(doc), offsets(doc)
    return [text[s:e] for s, e in zip(starts, ends, strict=True)]


def token_texts(doc: Doc) -> list[str]:
    """``tok.text`` of every token (a Doc's text is its tokens' texts and spaces)."""
    return _stored(doc, "kg.texts", _texts)


def char_range(doc: Doc, start: int, end: int, *, expand: bool = True) -> tuple[int, int] | None:
    """The token range of ``doc.char_span(start, end, alignment_mode="expand")`` (or of the
    strict ``doc.char_span(start, end)``), found by bisection: tokens and their trailing
    spaces tile the text, as in spaCy's own lookup."""
    if end <= start:  # spaCy's odd cases stay spaCy's
        span = doc.char_span(start, end, alignment_mode="expand" if expand else "strict")
        return None if span is None else (span.start, span.end)
    starts, ends, size = offsets(doc)
    if start < 0 or end > size:
        return None
    i = bisect_right(starts, start) - 1
    j = bisect_right(starts, end - 1) - 1
    if expand:
        if start == ends[i]:
            i += 1  # in the space after a token: the span starts with the next one
    elif start != starts[i] or end != ends[j]:
        return None
    return i, j + 1


def char_span(doc: Doc, start: int, end: int, *, expand: bool = True) -> Span | None:
    """``doc.char_span`` (expand or strict) through :func:`char_range`."""
    bounds = char_range(doc, start, end, expand=expand)
    return None if bounds is None else doc[bounds[0] : bounds[1]]


def _entities(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


def entities(doc: Doc) -> list[tuple[int, int, str]]:
    """(start token, end token, label) of every entity of ``doc.ents``, in order."""
    return _stored(doc, "kg.ents", _entities)


def entities_within(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """``doc[start:end].ents`` as (start, end, label), without building every entity
    Span of the Doc (as Span.ents does): the entities from the first one that starts in
    the range up to the first one that ends past it."""
    ents = entities(doc)
    first = last = bisect_left(ents, (start,))
    while last < len(ents) and ents[last][1] <= end:
        last += 1
    return ents[first:last]
