"""What looks like a name but is not one the article is about, by kind:

- a picture's credit ("Image: Nick Moreau.", "Photo: AP"): from the cue word and its colon
  to the end of the line; the cue word is never part of the name before it ("Ahmed Mohamed
  Image: Twitter" names Ahmed Mohamed);
- an agency tag or a credit line: a bracketed list of short names that ends its line or
  opens the story after a dateline ("jm / crh (AFP, AP)", "WASHINGTON (AP) —");
- a byline: a short line that opens with "By" and a name;
- a unit after a number ("18:30 UTC", "225 DKK", "5000 BCE"): an all-capitals word right
  after a numeral measures it, it does not name anything;
- a common word capitalised because it opens a sentence or a line ("Volunteer groups…",
  "Homeopathy is…"): a one-word name the article only capitalises there, and writes in
  lower case at least as often elsewhere, or that is a person, group or place noun
  modifying the lower-case noun after it ("Volunteer organization Comic Corps"); and an
  interjection ("Hmm", "Hunh");
- a term's acronym the article defines by lower-case words ("ground reaction force (GRF)").

The cue words are data (data/lexicons/entities.yaml: credit_cues, byline_leads).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.model import Mention
from kg.nlp.docindex import char_range, token_texts
from kg.nlp.lexicons import head_classes, load, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# a bracketed list of one to four short names: "(AP)", "(AFP, Reuters)", "(dpa/AP)"
_NAME = r"[A-Za-z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}"
_TAG = re.compile(rf"\(({_NAME}(?:\s*[,/]\s*{_NAME}){{0,4}})\)")
_LONG_LOWER = re.compile(r"\b[a-z]{4,}\b")
_ACRONYM = re.compile(r"\s[(\[]([A-Z]{2,6})[)\]]")
_SENTENCE_END = re.compile(r"[.!?\"”]\s+")
_MAX_BYLINE_WORDS = 8
_MAX_CREDIT = 60  # characters a credit runs on after its cue, at most


def _alternation(part: str) -> str:
    words = sorted(load("entities")[part], key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@lru_cache(maxsize=1)
def _cue() -> re.Pattern[str]:
    """A credit cue: a capitalised cue word and its colon ("Image:", "Photo :")."""
    words = "|".join(re.escape(w.capitalize()) for w in load("entities")["credit_cues"])
    return re.compile(rf"\b(?:{words})\s*:")


@lru_cache(maxsize=1)
def _byline() -> re.Pattern[str]:
    return re.compile(rf"^[ \t]*(?:{_alternation('byline_leads')})\s+[A-Z]", re.IGNORECASE)


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def credit_regions(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that credit a picture or a story: caption credits, agency
    tags and credit lines, bylines; sorted and possibly overlapping."""
    out: list[tuple[int, int]] = []
    for m in _cue().finditer(text):
        end = min(_line(text, m.start())[1], m.end() + _MAX_CREDIT)
        stop = _SENTENCE_END.search(text, m.end(), end)  # "Image: Nick Moreau. The …"
        out.append((m.start(), stop.start() + 1 if stop else end))
    for m in _TAG.finditer(text):
        start, end = _line(text, m.start())
        after = text[m.end() : end].strip()
        if after and not after.startswith(("—", "–", "-")):
            continue  # a bracket inside a sentence: an acronym, an aside
        ends = list(_SENTENCE_END.finditer(text, start, m.start()))
        start = ends[-1].end() if ends else start  # "… said. jm / crh (AFP, AP)"
        if _LONG_LOWER.search(text[start : m.start()]):
            continue  # words of a sentence before it: "… forces (SDF)"
        out.append((start, m.end()))
    pattern = _byline()
    pos = 0
    for line in text.split("\n"):
        if pattern.match(line) and len(line.split()) <= _MAX_BYLINE_WORDS:
            if not line.rstrip().endswith((".", "?", "!", ":")):
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return sorted(out)


def in_regions(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start..end lies inside one of the sorted ``regions``."""
    return any(s <= start and end <= e for s, e in regions)


def without_cue(text: str, start: int, end: int) -> int:
    """The end of a name without a caption's cue word glued to it: "Ahmed Mohamed Image"
    before ": Twitter" ends after "Mohamed"."""
    m = _cue().match(text, text.rfind(" ", start, end) + 1)
    if m is not None and m.start() > start and m.end() > end:
        return m.start() - 1
    return end


def _unit(tok: Token) -> bool:
    return tok.is_upper and len(tok.text) <= 4 and tok.is_alpha


def _numeral(tok: Token) -> bool:
    return any(c.isdigit() for c in tok.text) and not tok.is_alpha


def without_unit(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """A name's span once an all-capitals unit beside a numeral is taken off its start
    ("UTC Delhi" after "06:30") or its end ("Cape Town UTC" before "+2"); None when
    nothing is left ("DKK" after "225")."""
    bounds = char_range(doc, start, end)
    if bounds is None:
        return start, end
    first, last = bounds
    if first > 0 and _unit(doc[first]) and _numeral(doc[first - 1]):
        first += 1
    if first < last and last < len(doc) and _unit(doc[last - 1]):
        after = doc[last]
        if _numeral(after) or (
            after.text in "+-−" and last + 1 < len(doc) and _numeral(doc[last + 1])
        ):
            last -= 1
    if first >= last:
        return None
    return doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)


def _opens(tok: Token) -> bool:
    """Whether a token opens its sentence or line (after any quote or bracket)."""
    i = tok.i
    while i > tok.sent.start and not tok.doc[i - 1].is_alpha and "\n" not in tok.doc[i - 1].text:
        i -= 1
    return i == tok.sent.start or "\n" in tok.doc[i - 1].whitespace_ + tok.doc[i - 1].text


def common_words(doc: Doc, mentions: list[Mention]) -> frozenset[str]:
    """One-word names that are common words of the article: capitalised only where a
    sentence or line opens, and written in lower case at least as often (by word or by
    lemma); and interjections."""
    single = {m.text for m in mentions if m.kind == "name" and m.text.isalpha()}
    if not single:
        return frozenset()
    lowered = {w.lower(): w for w in single}
    upper: dict[str, int] = {}
    lower: dict[str, int] = {}
    out = set()
    for tok in doc:
        w = tok.lower_
        if tok.text in single:
            if tok.pos_ == "INTJ":
                out.add(tok.text)
            upper[w] = upper.get(w, 0) + (1 if _opens(tok) else 10**6)
        elif tok.is_lower:
            for form in {w, tok.lemma_.lower()}:
                if form in lowered:
                    lower[form] = lower.get(form, 0) + 1
    out.update(lowered[w] for w, n in lower.items() if 0 < upper.get(w, 0) <= n)
    out.update(lowered[w] for w in _opening_modifiers(doc, single) if upper.get(w, 0) < 10**6)
    return frozenset(out)


def _opening_modifiers(doc: Doc, single: set[str]) -> set[str]:
    """One-word names that open a sentence or line as the modifier of a lower-case noun
    and are themselves a person, group or place noun (data/lexicons/nominals.yaml):
    "Volunteer organization Comic Corps…", "Police officers said…"."""
    nouns = head_classes()
    names = word_set("nominals", "names_first")  # "Smith family": first a name
    out = set()
    for i, text in enumerate(token_texts(doc)):  # a Token only for the names' own words
        if text not in single:
            continue
        tok = doc[i]
        if tok.lower_ not in nouns or tok.lower_ in names or not _opens(tok):
            continue
        head = tok.head
        if tok.dep_ in ("compound", "amod", "nmod") and head.i > tok.i and head.is_lower:
            out.add(tok.lower_)
    return out


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words).upper()


def defined_terms(text: str) -> frozenset[str]:
    """Acronyms the article defines by lower-case words, so terms, not names: "ground
    reaction force (GRF)", "Chronic lymphocytic leukemia (CLL)" (a sentence's first word
    may be capitalised). A name's expansion is capitalised: "Syrian Democratic Forces (SDF)"."""
    out = set()
    for m in _ACRONYM.finditer(text):
        acronym = m.group(1)
        words = re.findall(r"[A-Za-z][\w'-]*", text[max(0, m.start() - 120) : m.start()])
        words = words[-len(acronym) :]
        if len(words) != len(acronym) or _initials(words) != acronym:
            continue
        if all(w.islower() for w in words[1:]) and words[-1].islower():
            out.add(acronym)
    return frozenset(out)


def drop_junk(doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions that stand in no credit, caption credit, tag or byline, each without a
    unit after a number at its start (a mention found again later, kg/nlp/consistency.py,
    is checked here too)."""
    regions = credit_regions(text)
    common = common_words(doc, mentions) | defined_terms(text)
    out = []
    for m in mentions:
        if m.kind != "name" or m.text in common or in_regions(regions, m.start, m.end):
            if m.kind == "name":
                continue
            out.append(m)
            continue
        span = without_unit(doc, m.start, m.end)
        if span is None:
            continue
        if span != (m.start, m.end):
            m = replace(m, text=text[span[0] : span[1]], start=span[0], end=span[1])
        out.append(m)
    return out


def trim(doc: Doc, text: str, start: int, end: int) -> tuple[int, int] | None:
    """A name's span without a caption cue glued to its end or a unit at its start."""
    span = without_unit(doc, start, without_cue(text, start, end))
    if span is None or span[1] - span[0] < 2:
        return None
    return span
