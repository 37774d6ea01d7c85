"""Versions and the fingerprint of the data a build depends on."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg.gazetteer import data_fingerprint
from kg.nlp import lexicons


def kg_version() -> str:
    try:
        return version("kg")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def fingerprint(pipeline: str, overrides: str = "") -> str:
    """Hash of everything besides the articles that decides the graph's content."""
    return _digest(kg_version(), pipeline, data_fingerprint(), lexicons.fingerprint(), overrides)


def nlp_fingerprint(pipeline: str) -> str:
    """Hash of what decides an article's extraction besides the article itself: kg's
    version, the model, the gazetteer and the lexicons (link overrides do not count)."""
    return _digest(kg_version(), _code(), pipeline, data_fingerprint(), lexicons.fingerprint())


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def _code() -> str:
    """Hash of the NLP stage's own source, so a changed extractor never reuses old results
    even when the version number did not move."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted([*(root / "nlp").glob("*.py"), root / "model.py", root / "gazetteer.py"]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
