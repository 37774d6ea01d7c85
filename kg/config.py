"""Versions and the fingerprint of the data a build depends on."""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version

from kg.gazetteer import load as load_gazetteer
from kg.nlp import lexicons


def kg_version() -> str:
    try:
        return version("kg")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def fingerprint(pipeline: str, overrides: str = "") -> str:
    """Hash of everything besides the articles that decides the graph's content."""
    h = hashlib.sha256()
    data = (load_gazetteer().fingerprint, lexicons.fingerprint(), overrides)
    for part in (kg_version(), pipeline, *data):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()[:16]
