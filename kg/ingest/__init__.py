"""Ingest: files and folders in, Articles (and the reasons anything was skipped) out."""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.boilerplate import content_spans
from kg.ingest.dateline import dateline_date
from kg.ingest.readers import MAX_BYTES, READERS, RawArticle
from kg.model import Article, Skipped

__all__ = ["MAX_BYTES", "article_id", "make_article", "read_paths"]

log = logging.getLogger(__name__)

# Files in an article folder that document it rather than being news.
# Upper-case README*/LICENSE* in any form; lower-case only as the bare name, so a
# story saved as "license-plate-ban.txt" is still read.
_NOT_ARTICLES = re.compile(
    r"^(?:(?:README|LICEN[CS]E|COPYING|NOTICE)(?:\b|_).*|(?i:readme|licen[cs]e|copying|notice)(?:\.\w+)?)$"
)
_LINKED_FOLDER = "symlink to a folder, not followed (name the folder itself to read it)"


def article_id(text: str) -> str:
    """sha256 of the text with Unicode and whitespace normalised: the same story, the same id."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def make_article(raw: RawArticle) -> Article:
    """An Article of what a reader found. A file that gives no date (text, Markdown, JSON
    without "date") is dated by its dateline or byline, if it has one (kg.ingest.dateline);
    an HTML page's date is its metadata's."""
    spans = ((0, len(raw.text)),) if raw.markup else content_spans(raw.text)
    return Article(
        id=article_id(raw.text),
        text=raw.text,
        path=raw.where,
        title=raw.title,
        date=raw.date or (None if raw.markup else dateline_date(raw.text)),
        url=raw.url,
        source=raw.source,
        body=spans,
    )


def _shown(path: str | os.PathLike[str]) -> str:
    """The path as reported: a file name that is not UTF-8 shows its odd bytes as \\xNN
    (it could not be written to the manifest or a terminal otherwise)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _files(paths: Iterable[str | os.PathLike[str]], skipped: list[Skipped]) -> list[Path]:
    found: set[Path] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found.update(_walk(path, skipped))
        elif path.exists():
            found.add(path)
        elif path.is_symlink():
            skipped.append(Skipped(_shown(path), "broken symlink or symlink loop"))
        else:
            skipped.append(Skipped(_shown(path), "no such file or folder"))
    return sorted(found, key=str)


def _walk(top: Path, skipped: list[Skipped]) -> Iterator[Path]:
    """Files under ``top``. Symlinked folders are reported, not followed: a link back up
    the tree would loop, and a link elsewhere reads what the user did not name."""

    def failed(e: OSError) -> None:
        where = _shown(e.filename) if e.filename else _shown(top)
        skipped.append(Skipped(where, f"unreadable folder: {e.strerror or e}"))

    for root, dirs, names in os.walk(top, onerror=failed):
        base = Path(root)
        for d in sorted(dirs):
            if not d.startswith(".") and (base / d).is_symlink():
                skipped.append(Skipped(_shown(base / d), _LINKED_FOLDER))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (base / d).is_symlink())
        for name in names:
            if not name.startswith(".") and not _NOT_ARTICLES.match(name):
                yield base / name


def _read(path: Path, where: str, max_bytes: int) -> bytes:
    """The file's bytes, if it is a regular file of at most ``max_bytes``. Opened without
    blocking and checked on the open descriptor, so a FIFO or a device never hangs the build."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"not a regular file ({_kind(st.st_mode)})", where=where)
        if st.st_size > max_bytes:
            raise InputError(_too_large(str(st.st_size), max_bytes), where=where)
        data = f.read(max_bytes + 1)  # it may have grown since
    if len(data) > max_bytes:
        raise InputError(_too_large(f"more than {max_bytes}", max_bytes), where=where)
    return data


def _too_large(size: str, max_bytes: int) -> str:
    return f"too large ({size} bytes): over the --max-bytes limit of {max_bytes}"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return f"mode {mode:o}"


def _unreadable(path: Path, e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "symlink loop"
    if e.errno == errno.ENOENT and path.is_symlink():
        return "broken symlink (its target does not exist)"
    return f"unreadable: {e.strerror or e}"


def _read_one(
    path: Path, max_bytes: int, articles: dict[str, Article], skipped: list[Skipped]
) -> None:
    """Add the articles of one file to ``articles``, and what could not be read to ``skipped``."""
    where = _shown(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        skipped.append(Skipped(where, f"unsupported file type {path.suffix or '(none)'}"))
        return
    try:
        for raw in reader(where, _read(path, where, max_bytes)):
            if isinstance(raw, InputError):
                skipped.append(Skipped(raw.where or where, raw.reason))
                continue
            article = make_article(raw)
            if not article.body:
                skipped.append(Skipped(raw.where, "no article content"))
            elif article.id in articles:
                skipped.append(Skipped(raw.where, f"duplicate of {articles[article.id].path}"))
            else:
                articles[article.id] = article
    except InputError as e:
        skipped.append(Skipped(e.where or where, e.reason))
    except OSError as e:
        skipped.append(Skipped(where, _unreadable(path, e)))
    except Exception as e:  # noqa: BLE001 - one input kg cannot read must not stop the build
        log.warning("reading %s failed", where, exc_info=True)
        skipped.append(Skipped(where, f"could not be read ({type(e).__name__}: {e})"))


def read_paths(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = MAX_BYTES
) -> tuple[list[Article], list[Skipped]]:
    """Read every article under ``paths``; files are visited in sorted order, so of two
    copies of a story the first in that order is the article and the second its duplicate."""
    articles: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for path in _files(paths, skipped):
        _read_one(path, max_bytes, articles, skipped)
    return sorted(articles.values(), key=lambda a: a.id), skipped
