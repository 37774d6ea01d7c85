"""Article → Extraction: the only place a spaCy Doc exists."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from kg.gazetteer import load as load_gazetteer
from kg.model import Article, Extraction
from kg.nlp.appositions import appositive_mentions, title_mentions
from kg.nlp.dates import report_date
from kg.nlp.entities import doc_text, extract_mentions
from kg.nlp.events import build_matcher, extract_events
from kg.nlp.pipeline import load_pipeline
from kg.nlp.quotes import extract_quotes
from kg.nlp.relations import extract_relations

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


def sentence_spans(text: str, parsed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parser's sentences, also cut at line breaks (a headline, a dateline and a
    paragraph are never one sentence), trimmed of surrounding whitespace."""
    out = []
    for start, end in parsed:
        for m in re.finditer(r"[^\n]+", text[start:end]):
            s, e = start + m.start(), start + m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
    return out


def extract(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Extraction]:
    """Run the pipeline over articles, in order, one Extraction each."""
    nlp = load_pipeline()
    gaz = load_gazetteer()
    matcher = build_matcher(nlp)
    items = list(articles)
    docs = nlp.pipe((masked_text(a) for a in items), batch_size=batch_size)
    for article, doc in zip(items, docs, strict=True):
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


def _extract_chunk(articles: list[Article]) -> list[Extraction]:
    return list(extract(articles))


def extract_all(
    articles: list[Article],
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[Extraction]:
    """Every article's extraction, in input order; with ``jobs`` > 1 in that many worker
    processes, each loading the pipeline once and taking contiguous chunks of articles."""
    if not articles:
        return []  # a fully cached rebuild never loads the model
    if jobs <= 1 or len(articles) < 4 * jobs:
        out = []
        for x in extract(articles):
            out.append(x)
            if progress is not None:
                progress(1)
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(64, len(articles) // (jobs * 4)))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    results: list[Extraction] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        for chunk_out in pool.map(_extract_chunk, chunks):
            results.extend(chunk_out)
            if progress is not None:
                progress(len(chunk_out))
    return results
