"""Head nouns of GUM's mentions: how often each noun lemma heads a mention of a person, a
place, an organization or something else, counted over the documents kg may learn from —
the training genres (a licence that allows a shipped model) of the tune half only.

Reads the CoNLL-U files of ../shared/corpora/gum/dep directly: every `Entity=` span, its
head (the first word whose syntactic head lies outside the span) and GUM's entity type.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.eval.split import half

# GUM genres whose text licence allows training a shipped model (the corpus README's table).
TRAINING_GENRES = frozenset(
    {"academic", "bio", "conversation", "court", "interview", "textbook", "vlog", "voyage"}
)
TYPES = {"person": "Person", "place": "Region", "organization": "Group"}
_OPEN = re.compile(r"\((\d+)-([a-z]+)")
_CLOSE = re.compile(r"(\d+)\)")


@dataclass(frozen=True, slots=True)
class Span:
    doc: str
    words: tuple[tuple[str, str, str, str], ...]  # (form, lemma, upos, xpos) of the span
    head: int  # index into words
    etype: str  # GUM's entity type (person, place, organization, abstract, ...)
    group: str  # entity id in the document
    kind: str  # name, nominal or pronoun, by the head's UPOS


def documents(root: Path) -> Iterator[tuple[str, str, list[list[str]]]]:
    """(document id, genre, token rows with sentence breaks as []) of every GUM file that is
    in a training genre and in the tune half."""
    for path in sorted((root / "dep").glob("GUM_*.conllu")):
        doc = path.stem
        genre = doc.split("_")[1]
        if genre not in TRAINING_GENRES or half("gum", doc) != "tune":
            continue
        rows: list[list[str]] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line:
                rows.append([])
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    rows.append(cols)
        yield doc, genre, rows


def spans(root: Path) -> Iterator[Span]:
    """Every Entity span of the training documents of the tune half."""
    for doc, _, rows in documents(root):
        words: list[list[str]] = []
        heads: list[int] = []
        base = 0
        open_: dict[str, list[tuple[int, str]]] = defaultdict(list)
        found: list[tuple[int, int, str, str]] = []
        for cols in rows:
            if not cols:
                base = len(words)
                continue
            i = len(words)
            words.append(cols)
            heads.append(base + int(cols[6]) - 1 if cols[6] != "0" else -1)
            misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
            ent = misc.get("Entity", "")
            for gid, etype in _OPEN.findall(ent):
                open_[gid].append((i, etype))
            for m in re.finditer(r"\((\d+)-[^()]*?\)", ent):  # opened and closed on one word
                gid = m.group(1)
                start, etype = open_[gid].pop()
                found.append((start, i, etype, gid))
            rest = re.sub(r"\((\d+)-[^()]*?\)", "", ent)
            for gid in _CLOSE.findall(rest.replace("(", " (")):
                if open_[gid]:
                    start, etype = open_[gid].pop()
                    found.append((start, i, etype, gid))
        for a, b, etype, gid in found:
            head = next((k for k in range(a, b + 1) if not a <= heads[k] <= b), a)
            ws = tuple((w[1], w[2], w[3], w[4]) for w in words[a : b + 1])
            upos = words[head][3]
            kind = {"PRON": "pronoun", "PROPN": "name"}.get(upos, "nominal")
            yield Span(doc, ws, head - a, etype, gid, kind)


def head_counts(root: Path) -> dict[str, Counter[str]]:
    """Noun lemma (lower case) → how often it heads a mention of each kg class, or "other"."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for s in spans(root):
        form, lemma, upos, _ = s.words[s.head]
        if upos == "NOUN":
            out[lemma.lower()][TYPES.get(s.etype, "other")] += 1
    return out
