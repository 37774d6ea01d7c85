"""One reader per file format; each turns bytes into Article fields or says why not."""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.errors import InputError

log = logging.getLogger(__name__)

MAX_BYTES = 20_000_000  # default of --max-bytes: larger files are skipped, never read
_WESTERN = {"utf_8": 0, "cp1252": 1, "latin_1": 2, "iso8859_15": 3}
_CHAOS_TOLERANCE = 0.01
# File signatures of the binaries most often found in scraped folders, so the reason
# names what the file is rather than what its bytes happen to look like.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"%PDF-", "PDF document"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Controls that never occur in prose (tab, line and page breaks do). A file where more than
# this share of characters (or bytes, for NUL) are such controls is binary; below it, text
# whose stray controls are dropped before anything else reads it.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05
_SURROGATE = re.compile("[\ud800-\udfff]")


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
    """Bytes to text, or an InputError saying why they are not text.

    Order: a known binary signature; a BOM (UTF-8/16/32); UTF-16 without a BOM (NUL
    bytes on one parity); UTF-8; UTF-8 with a few bytes that are not (read as
    Windows-1252, so one stray byte does not turn every accent into mojibake); else the
    code page charset-normalizer detects. Text with many control characters (or NUL
    bytes) is binary; a few are dropped, so offsets index the text without them.
    """
    if not data:
        raise InputError("empty file", where=where)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({kind})", where=where)
    text = _decode_text(data, where)
    if not text.strip():
        raise InputError("no text (whitespace only)", where=where)
    controls = len(_CONTROL.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(f"binary file ({controls} control characters)", where=where)
    if controls:  # a few stray controls in text: dropped, offsets index what is left
        log.warning("%s: %d control characters dropped", where, controls)
        text = _CONTROL.sub("", text)
    return text


def _decode_text(data: bytes, where: str) -> str:
    boms = [codec for bom, codec in _BOMS if data.startswith(bom)]
    for codec in boms:  # "FF FE 00 00" is a UTF-32 BOM or a UTF-16 one and a NUL
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    if boms:
        raise InputError(f"undecodable text (starts with a {boms[-1]} BOM)", where=where)
    if b"\x00" in data:
        head = data.rstrip(b"\x00")
        if not head:
            raise InputError("binary file (only NUL bytes)", where=where)
        if len(head) < len(data):  # a half-written file: its text, then zeroed blocks
            log.warning("%s: %d trailing NUL bytes ignored", where, len(data) - len(head))
        stray = head.count(b"\x00")
        if stray > _MAX_CONTROL_SHARE * len(head):  # UTF-16 text, or binary
            return _utf16_without_bom(data, where)
        if stray:  # a few NULs in text: dropped, offsets index what is left
            log.warning("%s: %d stray NUL bytes dropped", where, stray)
        data = head.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _mostly_utf8(data, where) or _legacy(data, where)


def _utf16_without_bom(data: bytes, where: str) -> str:
    """UTF-16 LE or BE when NULs fall (nearly) on one byte parity only, as the ASCII-range
    characters of any text (spaces, digits, Latin letters) put them; else binary."""
    sample = data[:65536]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    codec = None
    if len(data) % 2 == 0 and max(even, odd) >= 0.1 * half:
        if odd >= 10 * even:
            codec = "utf-16-le"
        elif even >= 10 * odd:
            codec = "utf-16-be"
    if codec is None:
        raise InputError("binary file (NUL bytes)", where=where)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        raise InputError(f"binary file (NUL bytes, not {codec})", where=where) from e


def _mostly_utf8(data: bytes, where: str) -> str | None:
    """UTF-8 with each byte that is not UTF-8 read as Windows-1252, when the file has
    valid multi-byte sequences and at most ten bad bytes for each: a UTF-8 file with a
    pasted Windows “quote” reads right, a corrupt byte stays visible as one character,
    nothing is dropped. A file without UTF-8 sequences is a code page (``_legacy``)."""
    text = data.decode("utf-8", errors="surrogateescape")  # a bad byte → one U+DCxx
    bad = len(_SURROGATE.findall(text))
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    if multibyte < 1 or 10 * multibyte < bad:
        return None
    log.warning("%s: %d bytes that are not UTF-8 read as Windows-1252", where, bad)
    return _SURROGATE.sub(lambda m: _cp1252(ord(m.group()) - 0xDC00), text)


def _cp1252(byte: int) -> str:
    """One byte as Windows-1252, or Latin-1 for the five bytes it leaves undefined."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _legacy(data: bytes, where: str) -> str:
    """An 8-bit code page, as charset-normalizer reads it."""
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise InputError("binary or undecodable file", where=where)
    # Code pages often read the same bytes almost equally well (cp775 and cp1252 differ in
    # chaos by a thousandth on English with curly quotes); news in Latin script is far more
    # often Western, so among the readings close to the best, a Western one wins.
    least = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= least + _CHAOS_TOLERANCE]
    best = min(close, key=lambda m: (_western(m.could_be_from_charset), m.chaos, m.encoding))
    return str(best)


def _western(encodings: list[str]) -> int:
    return min((_WESTERN.get(e, len(_WESTERN)) for e in encodings), default=len(_WESTERN))


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


def read_text(where: str, data: bytes) -> Iterator[RawArticle]:
    text = decode(data, where)
    # No title from the file name: the graph must not depend on what a file is called.
    yield RawArticle(text=text, where=where, title=_title_from_text(text))


def read_html(where: str, data: bytes) -> Iterator[RawArticle]:
    """The page's main text by trafilatura, which parses only: no script runs, nothing
    is fetched."""
    import trafilatura

    html = decode(data, where)
    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        raise InputError("HTML has no main text", where=where)
    meta = trafilatura.extract_metadata(html)
    yield RawArticle(
        text=text,
        where=where,
        title=getattr(meta, "title", None),
        date=getattr(meta, "date", None),
        url=getattr(meta, "url", None),
        source=getattr(meta, "sitename", None),
        markup=True,
    )


def _no_lone_surrogates(s: str) -> str:
    """JSON may escape half a surrogate pair ("\\ud800"), which no UTF-8 output can hold;
    each becomes U+FFFD, one character for one, so offsets do not move."""
    return _SURROGATE.sub("\ufffd", s)


def _loads(text: str, where: str, *, line: bool = False) -> object:
    """The JSON value of a file (or of one JSONL line, whose number is in ``where``)."""
    what = "malformed JSON line" if line else "malformed JSON"
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        at = f"column {e.colno}" if line else f"line {e.lineno}, column {e.colno}"
        raise InputError(f"{what} ({at})", where=where) from e
    except (ValueError, RecursionError) as e:  # a 5000-digit number, [[[[…]]]] nested deep
        raise InputError(f"{what} ({type(e).__name__}: {str(e)[:80]})", where=where) from e


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
        return _no_lone_surrogates(str(value)) if value not in (None, "") else None

    return RawArticle(
        text=_no_lone_surrogates(text),
        where=where,
        title=opt("title"),
        date=opt("date"),
        url=opt("url"),
        source=opt("source"),
    )


def read_json(where: str, data: bytes) -> Iterator[RawArticle]:
    yield _from_object(_loads(decode(data, where), where), where)


def read_jsonl(where: str, data: bytes) -> Iterator[RawArticle | InputError]:
    """One article per line; a bad line is reported and the good ones still read."""
    text = decode(data, where)
    # Split on "\n" only: U+2028 and friends may sit unescaped inside JSON strings.
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        at = f"{where}:{n}"
        try:
            yield _from_object(_loads(line, at, line=True), at)
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
