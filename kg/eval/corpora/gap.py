"""GAP TSV (gap/gap-{development,validation,test}.tsv): ambiguous pronouns and two names.

Each row is one Wikipedia snippet (a document) with one pronoun and two candidate names,
A and B, each with its character offset and whether the pronoun refers to it: two pairs.
All three files are read (GAP's own split names say nothing here: kg is not trained on
them, and the tune/check split is by snippet id). A pronoun's gender is feminine for
she/her/hers/herself, masculine otherwise (he/him/his/himself), as GAP reports it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from kg.eval.corpora.model import CorpusDoc, PronounPair

FILES = ("gap-development.tsv", "gap-validation.tsv", "gap-test.tsv")
FEMININE = {"she", "her", "hers", "herself"}


def _span(row: dict[str, str], col: str) -> tuple[int, int]:
    start = int(row[f"{col}-offset"])
    return start, start + len(row[col])


def read_row(row: dict[str, str]) -> CorpusDoc:
    """One snippet with its two pronoun-name pairs."""
    text = row["Text"]
    pronoun = _span(row, "Pronoun")
    gender = "feminine" if row["Pronoun"].lower() in FEMININE else "masculine"
    pairs = [
        PronounPair(pronoun, _span(row, name), row[f"{name}-coref"].upper() == "TRUE", gender)
        for name in ("A", "B")
    ]
    return CorpusDoc(id=row["ID"], text=text, url=row.get("URL"), unit=row["ID"], pairs=pairs)


def read(text: str) -> list[CorpusDoc]:
    """Every row of one GAP file."""
    rows = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [read_row(row) for row in rows]


def load(folder: Path) -> list[CorpusDoc]:
    docs: list[CorpusDoc] = []
    for name in FILES:
        docs.extend(read((folder / name).read_text(encoding="utf-8")))
    return docs
