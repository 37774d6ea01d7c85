"""Readers of the resources event triggers are derived from (train/event_triggers.py):
PETRARCH2's CAMEO verb dictionary and PropBank's frame files. Never used at run time.
"""

from __future__ import annotations

import re
import tarfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PETRARCH = Path("petrarch2/dictionaries/CAMEO.verbpatterns.150430.txt")
PROPBANK = Path("propbank-frames/frames.tar.gz")

_HEADER = re.compile(r"^---\s*(\S+)\s*\[([^\]]*)\]")
_CODE = re.compile(r"\[(\d+)(?::\d+)?\]")


def cameo_verbs(corpora: Path) -> dict[str, tuple[str, str]]:
    """Verb lemma ("attack", "fight back") → (CAMEO code, section) for every verb PETRARCH2
    lists under a coded section (or with a code of its own) that its coders attested: the
    section is named after it, or a pattern of theirs names it ("- * &CEASEFIRE [196]  #
    ABANDON"); the synonyms added from WordNet alone ("inhabit" under occupy) are left out.
    The patterns' codes are not read. The first listing of a verb wins."""
    out: dict[str, tuple[str, str]] = {}
    code = section = None
    lines = (corpora / PETRARCH).read_text(encoding="latin-1").splitlines()
    attested = {
        m.group(1).lstrip("+").upper()
        for raw in lines
        if raw.lstrip().startswith("-") and (m := re.search(r"#\s*\+?([A-Za-z_-]+)", raw))
    }
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        head = _HEADER.match(line)
        if head:
            section = head.group(1)
            code = head.group(2).split(":")[0].strip()
            code = code if code.isdigit() else None
            continue
        if section is None or not line or line[0] in "-&{":
            continue
        word = line.split()[0].lstrip("+")
        own = _CODE.search(line.split("{")[0])
        verb_code = own.group(1) if own else code
        if not verb_code or not re.fullmatch(r"[A-Z][A-Z_-]*[A-Z]", word):
            continue
        if word != section and word not in attested:
            continue
        lemma = word.replace("_", " ").lower().strip()
        out.setdefault(lemma, (verb_code, section))
    return out


@dataclass
class PropBank:
    senses: dict[str, int] = field(default_factory=dict)  # verb lemma → number of rolesets
    nouns: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # verb → nouns
    no_agent: set[str] = field(default_factory=set)  # verbs whose first roleset has no ARG0
    # verbs whose first roleset's ARG0 is a proto-patient (PPT: "suffer", "entity suffering")
    undergoer: set[str] = field(default_factory=set)


def propbank(corpora: Path) -> PropBank:
    """Each verb's number of rolesets (its polysemy) and the nouns its rolesets list as
    aliases ("resign" → "resignation"; "attack" → "attack")."""
    pb = PropBank()
    with tarfile.open(corpora / PROPBANK) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if not member.name.endswith(".xml"):
                continue
            f = tar.extractfile(member)
            if f is None:
                continue
            try:
                root = ET.fromstring(f.read())
            except ET.ParseError:  # a few frame files are not well-formed: skipped
                continue
            for pred in root.iter("predicate"):
                lemma = pred.get("lemma", "").replace("_", " ")
                for rs in pred.iter("roleset"):
                    aliases = [(a.get("pos"), (a.text or "").strip()) for a in rs.iter("alias")]
                    verbs = {t.replace("_", " ") for p, t in aliases if p == "v"} or {lemma}
                    first = all(pb.senses.get(v, 0) == 0 for v in verbs)
                    arg0 = [r for r in rs.iter("role") if r.get("n") == "0"]
                    if first and not arg0:
                        pb.no_agent.update(verbs)
                    elif first and arg0[0].get("f", "").upper() == "PPT":
                        pb.undergoer.update(verbs)
                    for v in verbs:
                        pb.senses[v] = pb.senses.get(v, 0) + 1
                        pb.nouns[v].update(
                            t.replace("_", " ") for p, t in aliases if p == "n" and t
                        )
    return pb
