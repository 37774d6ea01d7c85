"""WordNet 3.0 nouns from Debian's wordnet-base (/usr/share/wordnet), read from its database
files (wndb(5WN)): each noun's senses in frequency order and each synset's hypernyms.

Used only by `make models` to derive lexicons, never at run time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")


@dataclass(frozen=True, slots=True)
class Synset:
    offset: int
    lexname: int  # lexicographer file number (18 = noun.person, 14 = noun.group, ...)
    words: tuple[str, ...]  # as WordNet spells them: proper nouns are capitalised
    hypernyms: tuple[int, ...]  # "@" and "@i" pointers


@dataclass(frozen=True, slots=True)
class Nouns:
    senses: dict[str, tuple[int, ...]]  # lemma → synset offsets, most frequent sense first
    synsets: dict[int, Synset]

    def ancestors(self, offset: int) -> set[int]:
        """Every synset above ``offset`` through hypernym and instance-of pointers."""
        seen: set[int] = set()
        todo = [offset]
        while todo:
            for h in self.synsets[todo.pop()].hypernyms:
                if h not in seen:
                    seen.add(h)
                    todo.append(h)
        return seen

    def nearest(self, offset: int, targets: set[int]) -> int | None:
        """The synset of ``targets`` closest above ``offset`` (``offset`` itself first), level
        by level; of two at the same distance the lower offset, so the answer is fixed."""
        level, seen = {offset}, {offset}
        while level:
            if hits := level & targets:
                return min(hits)
            level = {h for o in level for h in self.synsets[o].hypernyms} - seen
            seen |= level
        return None

    def first(self, lemma: str) -> int:
        return self.senses[lemma][0]


def _lines(name: str) -> Iterator[str]:
    path = WORDNET / name
    if not path.exists():
        raise SystemExit(
            f"WordNet not found ({path}): install Debian's wordnet-base (apt-get install "
            "wordnet-base)"
        )
    with path.open(encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):  # the licence header lines start with two spaces
                yield line


@cache
def nouns() -> Nouns:
    senses: dict[str, tuple[int, ...]] = {}
    for line in _lines("index.noun"):
        parts = line.split()
        n_synsets, n_ptrs = int(parts[2]), int(parts[3])
        offsets = parts[4 + n_ptrs + 2 :]
        assert len(offsets) == n_synsets, line
        senses[parts[0]] = tuple(int(o) for o in offsets)
    synsets: dict[int, Synset] = {}
    for line in _lines("data.noun"):
        fields = line.split(" | ")[0].split()
        offset, lexname, n_words = int(fields[0]), int(fields[1]), int(fields[3], 16)
        words = tuple(fields[4 + 2 * i] for i in range(n_words))
        i = 4 + 2 * n_words
        n_ptrs = int(fields[i])
        ptrs = [fields[i + 1 + 4 * k : i + 5 + 4 * k] for k in range(n_ptrs)]
        hyper = tuple(int(p[1]) for p in ptrs if p[0] in ("@", "@i"))
        synsets[offset] = Synset(offset, lexname, words, hyper)
    return Nouns(senses, synsets)


def version() -> str:
    return "WordNet 3.0 (Debian package wordnet-base, /usr/share/wordnet)"
