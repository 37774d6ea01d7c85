"""Ingest: files and folders in, Articles (and the reasons anything was skipped) out."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from kg.errors import InputError
from kg.ingest.boilerplate import content_spans
from kg.ingest.readers import MAX_BYTES, READERS, RawArticle
from kg.model import Article, Skipped

__all__ = ["article_id", "make_article", "read_paths"]

# Files in an article folder that document it rather than being news.
# Upper-case README*/LICENSE* in any form; lower-case only as the bare name, so a
# story saved as "license-plate-ban.txt" is still read.
_NOT_ARTICLES = re.compile(
    r"^(?:(?:README|LICEN[CS]E|COPYING|NOTICE)(?:\b|_).*|(?i:readme|licen[cs]e|copying|notice)(?:\.\w+)?)$"
)


def article_id(text: str) -> str:
    """sha256 of the text with Unicode and whitespace normalised: the same story, the same id."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def make_article(raw: RawArticle) -> Article:
    spans = ((0, len(raw.text)),) if raw.markup else content_spans(raw.text)
    return Article(
        id=article_id(raw.text),
        text=raw.text,
        path=raw.where,
        title=raw.title,
        date=raw.date,
        url=raw.url,
        source=raw.source,
        body=spans,
    )


def _files(paths: Iterable[str | os.PathLike[str]], skipped: list[Skipped]) -> list[Path]:
    found: set[Path] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, names in os.walk(path):  # does not follow symlinked folders
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    if not name.startswith(".") and not _NOT_ARTICLES.match(name):
                        found.add(Path(root) / name)
        elif path.exists():
            found.add(path)
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    return sorted(found, key=str)


def read_paths(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = MAX_BYTES
) -> tuple[list[Article], list[Skipped]]:
    """Read every article under ``paths``; files are visited in sorted order."""
    articles: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for path in _files(paths, skipped):
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'}"))
            continue
        try:
            if path.stat().st_size > max_bytes:
                raise InputError(f"larger than {max_bytes} bytes", where=str(path))
            data = path.read_bytes()
            for raw in reader(path, data):
                if isinstance(raw, InputError):
                    skipped.append(Skipped(raw.where or str(path), raw.reason))
                    continue
                article = make_article(raw)
                if not article.body:
                    skipped.append(Skipped(raw.where, "no article content"))
                elif article.id in articles:
                    skipped.append(Skipped(raw.where, f"duplicate of {articles[article.id].path}"))
                else:
                    articles[article.id] = article
        except InputError as e:
            skipped.append(Skipped(e.where or str(path), e.reason))
        except OSError as e:
            skipped.append(Skipped(str(path), f"unreadable: {e.strerror or e}"))
    return sorted(articles.values(), key=lambda a: a.id), skipped
