"""Shared fixtures: the real pipeline, run once per session on the real sample articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SEED = ARTICLES / "bashkir-resistance.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory):
    """The seed article built into a graph, once."""
    import kg

    out = tmp_path_factory.mktemp("seed")
    return kg.build([SEED], out=out)


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    import kg

    return kg.load(seed_build.out)


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory):
    """The whole sample corpus built into a graph, once."""
    import kg

    out = tmp_path_factory.mktemp("corpus")
    return kg.build([ARTICLES], out=out)


@pytest.fixture(scope="session")
def corpus_graph(corpus_build):
    import kg

    return kg.load(corpus_build.out)


def select(graph, sparql: str) -> list[tuple[str, ...]]:
    """Rows of a SELECT as tuples of strings, for easy comparison."""
    import kg

    return [tuple(str(v) if v is not None else "" for v in row) for row in kg.query(graph, sparql)]


def extracted(text: str):
    """The Extraction of one text, through the real pipeline (as a one-article build reads it)."""
    from kg.ingest import make_article
    from kg.ingest.readers import RawArticle
    from kg.nlp.extract import extract

    return next(extract([make_article(RawArticle(text=text, where="t.txt"))]))


def extraction_of(text: str, *names: tuple[str, str]):
    """A hand-made Extraction of ``text``: a mention for each (surface, class), in order."""
    from kg.ingest import article_id
    from kg.model import Article, Extraction, Mention

    art = Article(id=article_id(text), text=text, path="t.txt", body=((0, len(text)),))
    mentions, pos = [], 0
    for surface, cls in names:
        start = text.index(surface, pos)
        pos = start + len(surface)
        mentions.append(Mention(surface, start, pos, 0, cls, "TEST"))
    return Extraction(article=art, sentences=((0, len(text)),), mentions=tuple(mentions))


def run_kg(*args: str) -> subprocess.CompletedProcess[str]:
    """The kg command of this checkout in a process of its own, as a user runs it (its
    logging set up afresh, Dask's logging as Dask sets it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DASK_LOGGING__DISTRIBUTED", None)
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
