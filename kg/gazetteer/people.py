"""Known people (data/gazetteer/people.tsv, made by train/people.py from PETRARCH2's Phoenix
actor dictionary): office holders by country, each with the role and period of the latest
office the source lists. Read and checked once per process.

kg uses them to recognise a full name NER missed or read as something else, and to give a
person their country and role, with the link reason ``known-person``. A name two known
people share is resolved by the countries the article names, never by the file alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import ResourceError
from kg.gazetteer.names import key
from kg.gazetteer.sources import GAZETTEER_DIR
from kg.resources import require

PEOPLE = "people.tsv"
_COLUMNS = ["name", "aliases", "country", "role", "from", "until", "keys"]
_CHECK_EVERY = 97  # rows whose key is checked against key() while loading
_ISO3 = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^(?:\d{4}-\d{2}-\d{2})?$")


@dataclass(frozen=True, slots=True)
class KnownPerson:
    label: str
    country: str  # ISO 3166-1 alpha-2 where pycountry knows the alpha-3 code, else alpha-3
    role: str  # "government: finance", "elite", ...
    start: str  # ISO date or ""
    end: str


@lru_cache(maxsize=512)
def _alpha2(alpha3: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_3=alpha3)
    return found.alpha_2 if found is not None else alpha3


def read_people(path: Path) -> dict[str, tuple[KnownPerson, ...]]:
    """Name key (of the name and of each other full name) → the people it names. The keys
    are the file's own ``keys`` column (made with kg.gazetteer.names.key by train/people.py,
    so loading does not normalise 19,000 names); a sample of rows is checked against key()
    so that a file made by another normalisation is an error, never a silent miss."""
    require(path)
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line.rstrip("\n") for line in f if not line.startswith("#")]
    header = lines[0].split("\t") if lines else None
    if header != _COLUMNS:
        raise ResourceError(f"{path}: the header must be {' '.join(_COLUMNS)}, not {header}")
    out: dict[str, list[KnownPerson]] = {}
    for n, line in enumerate(lines[1:], 2):
        row = line.split("\t")
        if len(row) != len(_COLUMNS) or not _ISO3.match(row[2]) or not row[0].strip():
            raise ResourceError(f"{path}: row {n} is not name, aliases, ISO3 country, …")
        if not (_DATE.match(row[4]) and _DATE.match(row[5])):
            raise ResourceError(f"{path}: row {n}: dates must be YYYY-MM-DD or empty")
        names = [row[0], *(a for a in row[1].split("|") if a)]
        keys = row[6].split("|")
        if len(keys) != len(names) or (n % _CHECK_EVERY == 2 and keys[0] != key(row[0])):
            raise ResourceError(f"{path}: row {n}: its keys are not kg's (run make models)")
        person = KnownPerson(row[0], _alpha2(row[2]), row[3], row[4], row[5])
        for k in dict.fromkeys(keys):
            out.setdefault(k, []).append(person)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def known_people() -> dict[str, tuple[KnownPerson, ...]]:
    return read_people(GAZETTEER_DIR / PEOPLE)


def who(name: str, countries: frozenset[str] = frozenset()) -> KnownPerson | None:
    """The known person a full name names: the only one, or the only one of the countries
    the article names (ISO alpha-2); None for a name no one or several have."""
    return choose(known_people().get(key(name), ()), countries)


def choose(found: tuple[KnownPerson, ...], countries: frozenset[str]) -> KnownPerson | None:
    """One of the known people a name names: the only one, else the only one of the
    article's countries."""
    if len(found) > 1:
        found = tuple(p for p in found if p.country in countries)
    return found[0] if len({(p.label, p.country) for p in found}) == 1 else None


def people_fingerprint(directory: Path = GAZETTEER_DIR) -> str:
    """The known people's fingerprint, part of what decides an article's extraction."""
    from kg.gazetteer.sources import fingerprint_files

    return fingerprint_files([require(directory / PEOPLE)])
