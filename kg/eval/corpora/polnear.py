"""PolNeAR brat standoff (polnear-dev/data/dev/{text,attributions}): attributions in news.

Each `E` line ties an attribution together: its Content (possibly in fragments, `s e;s e`),
Cue and, unless it is an `Attribution-no-source`, Source. The text file is the article as
is. Two articles were annotated by six annotators: the first annotation file in name order
is used. An attribution's kind comes from its content's quote marks: *direct* when every
fragment is enclosed in double quotes (inside the span or right beside it), *mixed* when
it is not but contains a quote mark, else *indirect*. Its source is *named* when its
leading phrase (up to a comma, a bracket or a preposition or relative word) holds a
capitalised word other than a pronoun or article, away from a sentence's start, or at a
sentence's start a word the article also capitalises elsewhere ("The Post", "Clinton",
"presidential nominee Hillary Clinton"; not "Sources", "He", "a narrator in the Clinton ad").
`''` counts as a quote mark.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.eval.corpora.model import Attribution, CorpusDoc

Span = tuple[int, int]

_OPEN = '“"‘«'
_CLOSE = '”"’»'
_MARKS = '“”"‘«»'
_PRONOUNS = {"I", "He", "She", "We", "They", "It", "You", "This", "That", "These", "Those"}
_DETERMINERS = {"the", "a", "an"}
_HEAD_END = re.compile(r",|\(| (?:of|in|at|for|from|with|who|which|that) ")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _spans(field: str) -> tuple[Span, ...]:
    out = []
    for frag in field.split(";"):
        s, e = frag.split()
        out.append((int(s), int(e)))
    return tuple(sorted(out))


def _quoted(text: str, s: int, e: int) -> bool:
    frag = text[s:e].replace("''", '"').strip().rstrip(".,;:")
    before = text[max(0, s - 3) : s].replace("''", '"').rstrip()
    after = text[e : e + 4].replace("''", '"').lstrip(" .,;:")
    opens = frag[:1] in _OPEN or before[-1:] in _OPEN
    closes = frag[-1:] in _CLOSE or after[:1] in _CLOSE
    return bool(frag) and opens and closes


def kind(text: str, content: tuple[Span, ...]) -> str:
    """direct, mixed or indirect (see the module's docstring)."""
    if all(_quoted(text, s, e) for s, e in content):
        return "direct"
    if any(c in _MARKS for s, e in content for c in text[s:e].replace("''", '"')):
        return "mixed"
    return "indirect"


def _initial(text: str, pos: int) -> bool:
    lead = text[:pos].rstrip(' \t“"‘(')
    return not lead or lead[-1] in ".!?\n:"


def mid_sentence_capitals(text: str) -> frozenset[str]:
    """Capitalised words the text uses away from a sentence's start: names, not common words."""
    return frozenset(
        m.group()
        for m in _WORD.finditer(text)
        if m.group()[0].isupper() and not _initial(text, m.start())
    )


def named(text: str, span: Span, capitals: frozenset[str] | None = None) -> bool:
    """Does the source name someone (see the module's docstring)?"""
    caps = mid_sentence_capitals(text) if capitals is None else capitals
    head = _HEAD_END.split(text[span[0] : span[1]], maxsplit=1)[0]
    for m in _WORD.finditer(head):
        w = m.group()
        if not w[0].isupper() or w in _PRONOUNS or w.lower() in _DETERMINERS:
            continue
        if not _initial(text, span[0] + m.start()) or w in caps:
            return True
    return False


def read(text: str, ann: str, doc_id: str) -> CorpusDoc:
    """One article and its annotation file."""
    spans: dict[str, tuple[Span, ...]] = {}
    attributions = []
    caps = mid_sentence_capitals(text)
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, field = cols[1].partition(" ")
            spans[cols[0]] = _spans(field)
        elif line.startswith("E") and len(cols) >= 2:
            args = dict(a.split(":", 1) for a in cols[1].split())
            content = tuple(
                sorted(
                    sp
                    for k, v in args.items()
                    if k.startswith("Content")
                    for sp in spans.get(v, ())
                )
            )
            if not content:
                continue
            source = spans.get(args.get("Source", ""))
            src = (source[0][0], source[-1][1]) if source else None
            cue = spans.get(args.get("Cue", ""))
            attributions.append(
                Attribution(
                    content,
                    src,
                    kind(text, content),
                    bool(src and named(text, src, caps)),
                    (cue[0][0], cue[-1][1]) if cue else None,
                )
            )
    attributions.sort(key=lambda a: (a.content, a.source or (-1, -1)))
    return CorpusDoc(id=doc_id, text=text, unit=doc_id, attributions=attributions)


def load(folder: Path) -> list[CorpusDoc]:
    """Every dev article with its first annotation file."""
    base = folder / "data" / "dev"
    docs = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(f"{txt.stem}_*.ann"))
        if anns:
            text = txt.read_text(encoding="utf-8")
            docs.append(read(text, anns[0].read_text(encoding="utf-8"), txt.stem))
    return docs
