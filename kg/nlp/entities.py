"""Named mentions from a parsed Doc: clean spans, kg classes, no furniture."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.model import Mention, top_class
from kg.nlp.lexicons import type_nouns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

NER_CLASSES = {
    "PERSON": "Person",
    "GPE": "Region",
    "LOC": "Region",
    "FAC": "Region",
    "ORG": "Organization",
    "NORP": "EthnicGroup",
}

_LEAD = re.compile(r"^(?:[\s\"'“”‘’«»„(\[]+|(?:the|a|an)\s+)", re.IGNORECASE)
_TRAIL = re.compile(r"(?:[\s\"'“”‘’«».,;:!?)\]\-–—]+|['’]s?)$")


def clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim determiners, quotes, possessives, punctuation and anything past a line break."""
    s = text[start:end]
    nl = s.find("\n")
    if nl >= 0:
        head = s[:nl]
        if head.strip():
            end = start + nl
        else:
            start += nl + 1
            return clean_span(text, start, end)
    while True:
        s = text[start:end]
        m = _LEAD.match(s) or None
        if m and m.end() < len(s):
            start += m.end()
            continue
        m = _TRAIL.search(s)
        if m and re.search(r"(?:^|[\s.])[A-Z]\.$", s):
            break  # "U.S.", "D.C.": the full stop belongs to the abbreviation
        if m and m.start() > 0:
            end = start + m.start()
            continue
        break
    s = text[start:end]
    if len(s) < 2 or not any(c.isalpha() for c in s) or not any(c.isupper() for c in s):
        return None
    return start, end


def sentence_of(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def _refine_class(span: Span, cls: str) -> str:
    """A head noun inside the name or in an apposition says what kind of thing it is."""
    nouns = type_nouns()
    top = top_class(cls)
    candidates = [t for t in span.root.children if t.dep_ == "appos"]
    if span.root.dep_ == "appos":
        candidates.append(span.root.head)
    candidates.append(span.root)  # the name's own head noun ("Volga River") last
    for tok in candidates:
        hint = nouns.get(tok.lemma_.lower())
        if hint and top_class(hint) == top:
            return hint
    return cls


def _keep_norp(span: Span, gaz: Gazetteer) -> bool:
    """A NORP span is a group only when it names one: known demonym or a plural proper noun."""
    if gaz.lookup(span.text) is not None:
        return True
    return span.root.pos_ == "PROPN" and span.root.tag_ in ("NNPS", "NNS")


def extract_mentions(doc: Doc, sent_starts: list[int], gaz: Gazetteer) -> list[Mention]:
    text = doc.text
    out: dict[tuple[int, int], Mention] = {}
    for ent in doc.ents:
        if ent.label_ in NER_CLASSES:
            cls = NER_CLASSES[ent.label_]
            gaz_id = None
            if ent.label_ == "NORP" and not _keep_norp(ent, gaz):
                continue
        elif ent.ent_id_:
            cls, gaz_id = ent.label_, ent.ent_id_
        else:
            continue
        span = clean_span(text, ent.start_char, ent.end_char)
        if span is None:
            continue
        s, e = span
        if gaz_id is None:
            # A curated name says what the thing is ("Bashkirs" is a people, whatever NER
            # guessed), except a lone word NER read as a person ("Jordan" the man).
            entry = gaz.lookup(text[s:e])
            if entry is not None and entry.curated and (cls != "Person" or " " in text[s:e]):
                cls, gaz_id = entry.cls, entry.id
        cspan = doc.char_span(s, e, alignment_mode="expand")
        if cspan is not None and gaz_id is None and cls != "Person":
            cls = _refine_class(cspan, cls)
        out[(s, e)] = Mention(
            text=text[s:e],
            start=s,
            end=e,
            sentence=sentence_of(sent_starts, s),
            cls=cls,
            ner=ent.label_ if gaz_id is None else "GAZ",
            gazetteer_id=gaz_id,
        )
    return [out[k] for k in sorted(out)]
