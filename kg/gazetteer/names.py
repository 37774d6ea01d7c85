"""Name normalisation shared by the entity ruler, the linker and IRI minting."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"'s?$")
_NON_WORD = re.compile(r"[^\w']+")
_LEADING_THE = re.compile(r"^the\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(s: str) -> str:
    """Strip diacritics and case ('Ōsaka' → 'osaka'); spelling variants are the linker's job."""
    if s.isascii():  # most names: nothing to decompose
        return s.lower()
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1 << 16)
def key(s: str) -> str:
    """The comparison key of a name: folded, no 'the', no possessive, punctuation as spaces."""
    s = fold(s).translate(_APOSTROPHES).strip()
    s = _POSSESSIVE.sub("", s)
    s = _NON_WORD.sub(" ", s).replace("'", "")
    s = " ".join(s.split())
    return _LEADING_THE.sub("", s)


def slug(s: str) -> str:
    """Readable, stable IRI path segment for a label; a hash only when no Latin letter survives."""
    k = key(s).encode("ascii", "ignore").decode()
    out = _NOT_SLUG.sub("-", k).strip("-")
    if out:
        return out
    return "x-" + hashlib.sha1(s.encode("utf-8")).hexdigest()[:10]
