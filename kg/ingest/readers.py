"""One reader per file format; each turns bytes into Article fields or says why not."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from kg.errors import InputError

MAX_BYTES = 20_000_000
_WESTERN = {"utf_8": 0, "cp1252": 1, "latin_1": 2, "iso8859_15": 3}


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a reader found: the text verbatim plus whatever metadata the file gave."""

    text: str
    where: str  # path, or path:line for JSONL
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    markup: bool = False  # text came out of HTML: no related-list trimming needed


def decode(data: bytes, where: str) -> str:
    """Bytes to text: UTF-8 when it is, else the encoding charset-normalizer detects."""
    if not data.strip():
        raise InputError("empty file", where=where)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file (NUL bytes)", where=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise InputError("binary or undecodable file", where=where)
    # Equally plausible readings are common among 8-bit code pages; news in Latin
    # script is far more often Western (cp1252/Latin-1) than Central European.
    best = min(
        matches,
        key=lambda m: (round(m.chaos, 3), _WESTERN.get(m.encoding, len(_WESTERN)), m.encoding),
    )
    return str(best)


def _title_from_text(text: str) -> str | None:
    """A leading short line without a full stop is the title (or a Markdown heading)."""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        line = re.sub(r"^#+\s*", "", line)
        if len(line.split()) <= 20 and not line.endswith("."):
            return line
        return None
    return None


def read_text(path: Path, data: bytes) -> Iterator[RawArticle]:
    text = decode(data, str(path))
    if not text.strip():
        raise InputError("no text (whitespace only)", where=str(path))
    # No title from the file name: the graph must not depend on what a file is called.
    yield RawArticle(text=text, where=str(path), title=_title_from_text(text))


def read_html(path: Path, data: bytes) -> Iterator[RawArticle]:
    import trafilatura

    html = decode(data, str(path))
    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        raise InputError("HTML has no main text", where=str(path))
    meta = trafilatura.extract_metadata(html)
    yield RawArticle(
        text=text,
        where=str(path),
        title=getattr(meta, "title", None),
        date=getattr(meta, "date", None),
        url=getattr(meta, "url", None),
        source=getattr(meta, "sitename", None),
        markup=True,
    )


def _from_object(obj: object, where: str) -> RawArticle:
    if not isinstance(obj, dict):
        raise InputError("JSON value is not an object", where=where)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError('JSON object has no "text" string', where=where)
    if not text.strip():
        raise InputError('JSON "text" is empty', where=where)

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return str(value) if value not in (None, "") else None

    return RawArticle(
        text=text,
        where=where,
        title=opt("title"),
        date=opt("date"),
        url=opt("url"),
        source=opt("source"),
    )


def read_json(path: Path, data: bytes) -> Iterator[RawArticle]:
    try:
        obj = json.loads(decode(data, str(path)))
    except json.JSONDecodeError as e:
        raise InputError(
            f"malformed JSON (line {e.lineno}, column {e.colno})", where=str(path)
        ) from e
    yield _from_object(obj, str(path))


def read_jsonl(path: Path, data: bytes) -> Iterator[RawArticle | InputError]:
    """One article per line; a bad line is reported and the good ones still read."""
    text = decode(data, str(path))
    # Split on "\n" only: U+2028 and friends may sit unescaped inside JSON strings.
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            yield _from_object(json.loads(line), where)
        except json.JSONDecodeError as e:
            yield InputError(f"malformed JSON line (column {e.colno})", where=where)
        except InputError as e:
            yield e


READERS = {
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
}
