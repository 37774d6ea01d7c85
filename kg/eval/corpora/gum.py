"""GUM / GENTLE CoNLL-U with `Entity=` coreference and Wikipedia identities (gum/dep/*.conllu).

The text is rebuilt from the tokens and their `SpaceAfter=No` marks: sentences of a paragraph
(`# newpar`) joined by a space, paragraphs by a blank line. Every bracketed `Entity=` span
is a mention; person/place/organization are kg's Person/Region/Group. A mention is *named*
(the names task) when it carries a Wikipedia identity and holds a proper noun, as in
`gum-news-dev.jsonl`; its kind (all-mentions task) comes from its head token (the token
whose syntactic head is outside the span): PRON is a pronoun, PROPN a name, anything else
a nominal. Coreference chains are the entity ids within the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.eval.corpora.model import AnyMention, CorpusDoc
from kg.eval.gold import GoldMention

CLASSES = {"person": "Person", "place": "Region", "organization": "Group"}
_DEFAULT_FIELDS = (
    "GRP",
    "etype",
    "infstat",
    "salience",
    "centering",
    "minspan",
    "link",
    "identity",
)
_PIECE = re.compile(r"\(([^()]+)(\)?)|(\d+)\)")


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    upos: str
    head: int  # document index of the syntactic head, -1 for the root


@dataclass(slots=True)
class _Reader:
    """The state of one document while its lines are read."""

    id: str
    fields: tuple[str, ...]
    meta: dict[str, str] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    pos: int = 0
    words: list[_Word] = field(default_factory=list)
    spans: list[tuple[int, int, dict[str, str]]] = field(default_factory=list)  # word range
    open: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    sent_base: int = 0
    new_par: bool = False

    def text(self, s: str, space: bool) -> tuple[int, int]:
        start = self.pos
        self.parts.append(s + (" " if space else ""))
        self.pos += len(s) + (1 if space else 0)
        return start, start + len(s)

    def boundary(self) -> None:
        """Before a sentence: a space, or a blank line at a new paragraph."""
        if not self.parts:
            return
        last = self.parts[-1].rstrip(" ")
        self.pos -= len(self.parts[-1]) - len(last)
        self.parts[-1] = last
        sep = "\n\n" if self.new_par else " "
        self.parts.append(sep)
        self.pos += len(sep)

    def entity(self, value: str, w: int) -> None:
        for opening, closed, closer in _PIECE.findall(value):
            if opening:
                attrs = dict(
                    zip(self.fields, opening.split("-", len(self.fields) - 1), strict=False)
                )
                if closed:
                    self.spans.append((w, w, attrs))
                else:
                    self.open.setdefault(attrs["GRP"], []).append((w, attrs))
            elif closer and self.open.get(closer):
                start, attrs = self.open[closer].pop()
                self.spans.append((start, w, attrs))


def _misc(col: str) -> dict[str, str]:
    return dict(kv.split("=", 1) for kv in col.split("|") if "=" in kv)


def _sentence(r: _Reader, rows: list[list[str]]) -> None:
    r.boundary()
    r.new_par = False
    r.sent_base = len(r.words)
    mwt: dict[int, tuple[int, int]] = {}
    for i, cols in enumerate(rows):
        tid = cols[0]
        misc = _misc(cols[9])
        if "-" in tid:  # a multi-word token: its form is the text
            span = r.text(cols[1], misc.get("SpaceAfter") != "No")
            mwt = _split_mwt(rows[i + 1 :], tid, cols[1], span)
            continue
        if "." in tid:  # an empty node has no text
            continue
        span = mwt.get(int(tid)) or r.text(cols[1], misc.get("SpaceAfter") != "No")
        head = int(cols[6]) if cols[6].isdigit() else 0
        w = len(r.words)
        r.words.append(_Word(span[0], span[1], cols[3], r.sent_base + head - 1 if head else -1))
        if "Entity" in misc:
            r.entity(misc["Entity"], w)


def _split_mwt(
    rows: list[list[str]], tid: str, form: str, span: tuple[int, int]
) -> dict[int, tuple[int, int]]:
    """The span of each word of a multi-word token: its own part when the word forms spell
    the token ("Court" + "'s"), else the whole token."""
    a, b = (int(x) for x in tid.split("-"))
    words = [c for c in rows if c[0].isdigit() and a <= int(c[0]) <= b]
    out, pos = {}, span[0]
    spelled = "".join(c[1] for c in words) == form
    for c in words:
        n = len(c[1]) if spelled else span[1] - span[0]
        out[int(c[0])] = (pos, pos + n) if spelled else span
        pos += n
    return out


def _head(words: list[_Word], a: int, b: int) -> int:
    """The first word of a..b whose head lies outside the span."""
    for i in range(a, b + 1):
        if not a <= words[i].head <= b:
            return i
    return a


def _doc(r: _Reader) -> CorpusDoc:
    text = "".join(r.parts).rstrip()
    doc = CorpusDoc(
        id=r.id,
        text=text,
        title=r.meta.get("title"),
        date=r.meta.get("dateCreated"),
        url=r.meta.get("sourceURL"),
        unit=r.id,
        all_mentions=[],
        extra={"genre": r.meta.get("genre", "")},
    )
    assert doc.all_mentions is not None
    for a, b, attrs in sorted(r.spans, key=lambda x: (x[0], -x[1], x[2].get("GRP", ""))):
        cls = CLASSES.get(attrs.get("etype", ""))
        if cls is None:
            continue
        start, end = r.words[a].start, r.words[b].end
        h = r.words[_head(r.words, a, b)]
        kind = {"PRON": "pronoun", "PROPN": "name"}.get(h.upos, "nominal")
        doc.all_mentions.append(AnyMention(start, end, (h.start, h.end), kind, cls, attrs["GRP"]))
        doc.typed.append((start, end, cls))
        identity = attrs.get("identity", "")
        if identity and any(w.upos == "PROPN" for w in r.words[a : b + 1]):
            doc.mentions.append(GoldMention(start, end, cls, identity))
    return doc


def read(text: str, where: str = "") -> list[CorpusDoc]:
    """Every document of one CoNLL-U file."""
    docs: list[CorpusDoc] = []
    r: _Reader | None = None
    fields: tuple[str, ...] = _DEFAULT_FIELDS
    rows: list[list[str]] = []
    for line in [*text.split("\n"), ""]:
        if line.startswith("# newdoc id"):
            if r is not None:
                docs.append(_doc(r))
            r = _Reader(id=line.split("=", 1)[1].strip(), fields=fields)
        elif line.startswith("# global.Entity"):
            fields = tuple(line.split("=", 1)[1].strip().split("-"))
            if r is not None:
                r.fields = fields
        elif line.startswith("# meta::") and r is not None:
            key, _, value = line[len("# meta::") :].partition("=")
            r.meta[key.strip()] = value.strip()
        elif (line == "# newpar" or line.startswith("# newpar ")) and r is not None:
            r.new_par = True
        elif line and not line.startswith("#"):
            rows.append(line.split("\t"))
        elif not line and rows:
            if r is None:
                r = _Reader(id=Path(where).stem, fields=fields)
            _sentence(r, rows)
            rows = []
    if r is not None:
        docs.append(_doc(r))
    return docs


def load(folder: Path) -> list[CorpusDoc]:
    """Every document of gum/dep/*.conllu, in file name order."""
    docs: list[CorpusDoc] = []
    for f in sorted((folder / "dep").glob("*.conllu")):
        docs.extend(read(f.read_text(encoding="utf-8"), str(f)))
    return docs
