"""The data files kg ships inside its package: the gazetteer's data, the lexicons and the
ontology (in the source tree, ``kg/_data/`` holds links to ``data/`` and ``ontology/``;
a wheel holds copies). Read through ``importlib.resources``, never relative to the current
folder, so an installed kg works from anywhere; a missing file is an error, never an
empty gazetteer or lexicon."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kg.errors import ResourceError

PACKAGE_DATA = "_data"


def data_path(*parts: str) -> Path:
    """Where a shipped data file (or folder) is, whether or not it is there."""
    return Path(str(resources.files("kg").joinpath(PACKAGE_DATA, *parts)))


def resource(*parts: str, folder: bool = False) -> Path:
    """The path of a shipped data file (or folder), which must exist."""
    path = data_path(*parts)
    if not (path.is_dir() if folder else path.is_file()):
        kind = "folder" if folder else "file"
        raise ResourceError(
            f"kg's data {kind} {'/'.join(parts)} is missing (looked in {path}); "
            "the installation is incomplete: reinstall kg"
        )
    return path


def require(path: Path) -> Path:
    """``path`` itself, or a ResourceError naming it when it is missing."""
    if not path.is_file():
        raise ResourceError(f"kg's data file is missing: {path}; reinstall kg")
    return path
