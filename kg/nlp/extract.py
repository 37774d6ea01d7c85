"""Article → Extraction: the only place a spaCy Doc exists."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator

from kg.faults import checkpoint
from kg.gazetteer import load as load_gazetteer
from kg.model import Article, Extraction
from kg.nlp.appositions import appositive_mentions, title_mentions
from kg.nlp.chunks import CHUNK_CHARS, pipe_chunked
from kg.nlp.dates import report_date
from kg.nlp.doctext import remember_text
from kg.nlp.entities import doc_text, extract_mentions
from kg.nlp.events import build_matcher, extract_events
from kg.nlp.pipeline import load_pipeline
from kg.nlp.quotes import extract_quotes
from kg.nlp.relations import extract_relations

_NOT_SPACE = re.compile(r"\S")
# A line's text without the whitespace around it: from its first to its last non-space.
_TRIMMED_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def masked_text(article: Article) -> str:
    """The article's text with everything outside its content spans blanked.

    Blanking (not cutting) keeps every character offset identical to the stored text.
    """
    text = article.text
    out = []
    pos = 0
    for s, e in article.body:
        out.append(_NOT_SPACE.sub(" ", text[pos:s]))
        out.append(text[s:e])
        pos = e
    out.append(_NOT_SPACE.sub(" ", text[pos:]))
    return "".join(out)


def sentence_spans(text: str, parsed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parser's sentences, also cut at line breaks (a headline, a dateline and a
    paragraph are never one sentence), trimmed of surrounding whitespace."""
    return [m.span() for start, end in parsed for m in _TRIMMED_LINE.finditer(text, start, end)]


def extract(
    articles: Iterable[Article], *, batch_size: int = 16, chunk_chars: int = CHUNK_CHARS
) -> Iterator[Extraction]:
    """Run the pipeline over articles, in order, one Extraction each; an article longer
    than ``chunk_chars`` goes through spaCy in chunks (kg/nlp/chunks.py)."""
    nlp = load_pipeline()
    gaz = load_gazetteer()
    matcher = build_matcher(nlp)
    items = list(articles)
    texts: deque[str] = deque()  # handed to spaCy, their Docs not yet back

    def masked() -> Iterator[str]:
        for a in items:
            texts.append(masked_text(a))
            yield texts[-1]

    docs = pipe_chunked(nlp, masked(), batch_size=batch_size, limit=chunk_chars)
    for article, doc in zip(items, docs, strict=True):
        checkpoint("nlp")
        remember_text(doc, texts.popleft())
        sents = sentence_spans(doc_text(doc), [(s.start_char, s.end_char) for s in doc.sents])
        starts = [s for s, _ in sents]
        mentions = extract_mentions(doc, starts, gaz)
        described = appositive_mentions(doc, mentions, starts)
        described += title_mentions(doc, [*mentions, *described], starts)
        mentions = sorted([*mentions, *described], key=lambda m: (m.start, m.end))
        yield Extraction(
            article=article,
            sentences=tuple(sents),
            mentions=tuple(mentions),
            events=tuple(extract_events(doc, matcher, mentions, starts, report_date(article.date))),
            relations=tuple(extract_relations(doc, mentions, gaz)),
            quotes=tuple(extract_quotes(doc, mentions, starts)),
        )
