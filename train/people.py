"""Known people (data/gazetteer/people.tsv) from PETRARCH2's Phoenix country actor dictionary.

    PYTHONPATH=. python train/people.py ../shared/corpora

Phoenix.Countries.actors.txt (Open Event Data Alliance, MIT licence) lists, country by
country, heads of state and government, ministers and other office holders, each entry a
name (``BARACK_OBAMA_  # CountryInfo.txt``), its other full names (``+BARACK_HUSSEIN_OBAMA``)
and dated CAMEO codes (``[USAGOV >090120]``: the United States' government, from 2009-01-20).
Kept: the entries the file marks as coming from CountryInfo.txt (its people), and the few
unmarked ones whose two to four words name no body or office; their other names with two or
more words and no title or role word ("PRESIDENT", "MR"); the country (ISO 3166-1 alpha-3,
the code's first three letters) and role (the CAMEO sector: government, elite, military,
..., with a ministry's field) of the latest dated code, and that code's period.
A name two entries share is kept for both (kg decides between them
from the article, never from this file alone). Deterministic: sorted by name, then country.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.gazetteer.names import key

SOURCE = "petrarch2/dictionaries/Phoenix.Countries.actors.txt"
OUT = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "people.tsv"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"  # openeventdata/petrarch2

# CAMEO actor types and sectors (the CAMEO manual, chapter 2) kg names roles by.
ROLES = {
    "GOV": "government",
    "ELI": "elite",
    "MIL": "military",
    "OPP": "opposition",
    "LEG": "legislature",
    "JUD": "judiciary",
    "SPY": "intelligence",
    "COP": "police",
    "PTY": "party",
    "REB": "rebels",
    "BUS": "business",
    "UNR": "unrecognised",
}
SECTORS = {
    "BUS": "finance",
    "AGR": "agriculture",
    "MED": "media",
    "EDU": "education",
    "MIL": "defence",
    "HLH": "health",
    "DEV": "development",
    "JUD": "justice",
    "LAB": "labour",
    "ENV": "environment",
    "HRI": "human rights",
    "LEG": "legislature",
    "REL": "religion",
    "COP": "interior",
    "REF": "refugees",
    "SPY": "intelligence",
}
# Words that make a listed "other name" a title or an office, not a person's name.
NOT_NAMES = {
    "mr", "mr.", "mrs", "ms", "dr", "dr.", "president", "minister", "prime", "chancellor",
    "king", "queen", "prince", "princess", "emir", "sheikh", "general", "gen", "senator",
    "governor", "secretary", "chairman", "leader", "premier", "former", "vice", "deputy",
    "administration", "government", "regime", "cabinet", "president-elect", "kanzler",
    "bundeskanzler", "ayatollah", "sultan", "foreign", "defense", "defence", "finance",
    "american", "us", "u.s.", "british", "german", "french", "russian", "chinese", "the",
}  # fmt: skip
# Words of the bodies and offices the file lists beside its people ("Revolutionary Guard",
# "National Accountability Bureau"), beyond kg's type nouns.
BODY_WORDS = {
    "national", "security", "bureau", "congress", "palace", "people", "intelligence",
    "office", "department", "soviet", "leader", "revolutionary", "central", "federal",
    "supreme", "general", "force", "forces", "guard", "guards", "directorate", "service",
}  # fmt: skip
_ENTRY = re.compile(r"^([A-Z0-9][^\s#\[]*)\s*(?:\[[^\]]*\])?\s*(#.*)?$")
_CODE = re.compile(r"^\s+\[([A-Z]{3})([A-Z]*)\s*([<>]?\d{6,8})?(?:-(\d{6,8}))?\]")
_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du",
              "la", "le", "bin", "ibn", "al", "el", "y"}  # fmt: skip


@dataclass
class Person:
    name: str
    aliases: list[str]
    codes: list[tuple[str, str, str, str]]  # country, role code, start, end


def _date(raw: str | None) -> str:
    """CAMEO dates (YYMMDD, or YYYYMMDD) as ISO dates; "" for none."""
    if not raw:
        return ""
    raw = raw.lstrip("<>")
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{20 if yy <= 20 else 19}{raw}"
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def _words(entry: str) -> list[str]:
    return [w for w in entry.strip("_").split("_") if w]


def _display(words: list[str]) -> str:
    """ "ANGELA_DOROTHEA_MERKEL" → "Angela Dorothea Merkel", particles lower-cased inside."""
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if 0 < i < len(words) - 1 and low in _PARTICLES:
            out.append(low)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in low.split("-")))
    return " ".join(out)


def _plain_name(words: list[str]) -> bool:
    """An entry the file does not mark as a person: a name of two to four words none of
    which names a kind of body, a place's part or an office (kg's own lexicons)."""
    from kg.nlp.lexicons import nonentity_heads, title_words, type_nouns

    body = set(type_nouns()) | nonentity_heads() | title_words() | BODY_WORDS
    return len(words) <= 4 and not any(w.lower().strip("'s") in body for w in words)


def _is_name(words: list[str]) -> bool:
    return len(words) >= 2 and not any(w.lower() in NOT_NAMES for w in words)


def read(path: Path) -> list[Person]:
    people: list[Person] = []
    current: Person | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code = _CODE.match(line)
        if code is not None:
            if current is not None:
                country, role, start, end = code.groups()
                when = start or ""
                current.codes.append(
                    (country, role, _date(when) if not when.startswith("<") else "", _date(end))
                )
            continue
        if line.startswith("+"):
            words = _words(line[1:].split("#")[0].strip())
            if current is not None and _is_name(words):
                current.aliases.append(_display(words))
            continue
        m = _ENTRY.match(line.rstrip())
        current = None
        if m and "[" not in line:
            words = _words(m.group(1))
            marked = bool(m.group(2) and "CountryInfo" in m.group(2))
            if _is_name(words) and (marked or _plain_name(words)):
                current = Person(_display(words), [], [])
                people.append(current)
    return people


def _role(code: str) -> str:
    """ "GOVEDU" → "government: education"; "ELI" → "elite"."""
    head, rest = code[:3], code[3:]
    role = ROLES.get(head, head.lower())
    sector = SECTORS.get(rest[:3]) if rest else None
    return f"{role}: {sector}" if sector else role


def rows(people: list[Person]) -> list[tuple[str, ...]]:
    out = set()
    for p in people:
        if not p.codes:
            continue
        # the latest role: the code with the latest start (an open end wins a tie)
        country, code, start, end = max(p.codes, key=lambda c: (c[2], c[3] == "", c[3]))
        aliases = sorted({a for a in p.aliases if a != p.name})
        keys = "|".join(key(n) for n in (p.name, *aliases))
        out.add((p.name, "|".join(aliases), country, _role(code), start, end, keys))
    return sorted(out)


HEADER = f"""\
# Known people: heads of state and government, ministers and other office holders, with
# their country (ISO 3166-1 alpha-3), their latest role (CAMEO actor type and sector) and
# its period. Derived by train/people.py (`make models`) from PETRARCH2's
# Phoenix.Countries.actors.txt (github openeventdata/petrarch2, commit {COMMIT}; Copyright
# (c) 2014 Open Event Data Alliance, MIT licence; its people from CountryInfo.txt, NSF
# grants SES-1004414 and SES-1259190). Only names, countries, role codes and dates are kept.
# Rule: entries marked CountryInfo.txt with two or more words; other full names without a
# title; the latest dated code; keys: each name as kg.gazetteer.names.key compares it.
# Used by kg/gazetteer/people.py to recognise, type and describe people an article names,
# never to override what the article says.
"""


def main(corpora: Path) -> None:
    people = read(corpora / SOURCE)
    table = rows(people)
    lines = ["name\taliases\tcountry\trole\tfrom\tuntil\tkeys"]
    lines += ["\t".join(r) for r in table]
    OUT.write_text(HEADER + f"# {len(table)} people.\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(table)} people")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora"))
