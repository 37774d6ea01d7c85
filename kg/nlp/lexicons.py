"""The data files that drive extraction (data/lexicons/*.yaml), each checked against its
JSON Schema (data/lexicons/schema/NAME.json) and loaded once."""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from kg.datafile import read_checked
from kg.resources import data_path, require

LEXICON_DIR = data_path("lexicons")
SCHEMA_DIR = "schema"  # inside the lexicon folder: NAME.json for NAME.yaml
LEXICONS = (
    "coref",
    "entities",
    "event_roles",
    "event_triggers",
    "events",
    "first_names",
    "metonymy",
    "modality",
    "name_classes",
    "ner",
    "nominals",
    "nonentities",
    "portfolios",
    "pronouns",
    "quotes",
    "relation_words",
    "relations",
    "roles",
    "titles",
    "types",
)


def read(name: str, directory: Path = LEXICON_DIR) -> Any:
    """One lexicon of ``directory``, checked against kg's schema for it: a missing file, an
    unknown key or a wrong type is a ResourceError naming the file and line."""
    return read_checked(directory / f"{name}.yaml", LEXICON_DIR / SCHEMA_DIR / f"{name}.json")


@cache
def load(name: str) -> Any:
    """One of kg's lexicons, read and checked once per process."""
    return read(name)


@cache
def word_set(name: str, part: str) -> frozenset[str]:
    """One word list of a lexicon ("entities", "short_names"), as a set."""
    return frozenset(load(name)[part])


@cache
def head_classes() -> dict[str, str]:
    """Noun lemma → the kg class it heads a mention of (nominals.yaml: Person, Group,
    Region)."""
    table = load("nominals")
    return {w: cls for cls in ("Person", "Group", "Region") for w in table[cls]}


@cache
def gendered(name: str) -> dict[str, str]:
    """A lexicon's male and female word lists as word → m/f (nominals: person nouns;
    first_names: first names)."""
    table = load(name)
    return {**dict.fromkeys(table["male"], "m"), **dict.fromkeys(table["female"], "f")}


@cache
def word_pattern(name: str, part: str) -> str:
    """One word list as a regex alternation of its capitalised words, in the file's order:
    "Near|In|At" for a sentence's first word."""
    return "|".join(re.escape(w.capitalize()) for w in load(name)[part])


def _inverse(name: str) -> dict[str, str]:
    """A lexicon of the form {label: [words]} as word → label (the first label wins)."""
    out: dict[str, str] = {}
    for label, words in load(name).items():
        for w in words:
            out.setdefault(str(w), label)
    return out


@lru_cache(maxsize=1)
def type_nouns() -> dict[str, str]:
    """Head noun lemma → kg class ("channel" → MediaChannel)."""
    return _inverse("types")


@lru_cache(maxsize=1)
def role_nouns() -> dict[str, str]:
    """Role noun lemma → predicate ("spokesman" → spokespersonOf)."""
    return _inverse("roles")


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Words that are a title or role, not a name: "mr", "minister", "spokesman"."""
    words = {str(w).lower() for w in load("titles")}
    for nouns in load("roles").values():
        words.update(str(n).lower() for n in nouns if " " not in str(n))
    return frozenset(words)


@lru_cache(maxsize=1)
def portfolio_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load("portfolios"))


@lru_cache(maxsize=1)
def nonentity_heads() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load("nonentities"))


@lru_cache(maxsize=1)
def modality_cues() -> dict[str, str]:
    return _inverse("modality")


def fingerprint() -> str:
    """Hash of every lexicon; each one kg reads must be there (a broken installation is an
    error before any article is read, not a skipped article per missing file)."""
    for name in LEXICONS:
        require(LEXICON_DIR / f"{name}.yaml")
    h = hashlib.sha256()
    for p in sorted(Path(LEXICON_DIR).glob("*.yaml")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]
