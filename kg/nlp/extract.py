"""Article → Extraction: the only place a spaCy Doc exists."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator

from kg.faults import checkpoint
from kg.gazetteer import load as load_gazetteer
from kg.model import Article, Extraction
from kg.nlp.chunks import CHUNK_CHARS, pipe_chunked
from kg.nlp.context import Context, Step
from kg.nlp.doctext import remember_text
from kg.nlp.pipeline import load_pipeline
from kg.nlp.steps import STEPS, run_steps

_NOT_SPACE = re.compile(r"\S")


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


def extract(
    articles: Iterable[Article],
    *,
    batch_size: int = 16,
    chunk_chars: int = CHUNK_CHARS,
    steps: tuple[Step, ...] = STEPS,
) -> Iterator[Extraction]:
    """Run the pipeline and then ``steps`` (kg/nlp/steps.py) over articles, in order, one
    Extraction each; an article longer than ``chunk_chars`` goes through spaCy in chunks
    (kg/nlp/chunks.py)."""
    nlp = load_pipeline()
    gaz = load_gazetteer()
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
        yield run_steps(Context(article, doc, nlp, gaz), steps).extraction()
