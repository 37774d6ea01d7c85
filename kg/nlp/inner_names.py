"""Names inside and beside other names: places inside an organisation's name ("Texas" in
"University of Texas"), a country's body named by the possessive ("Ukraine's parliament"),
and short names that stand for a fuller one ("the Coalition")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.gazetteer import Entry, Gazetteer
from kg.model import Mention
from kg.nlp.docindex import (
    char_range,
    char_span,
    token_ends,
    token_starts,
    token_strings,
    token_texts,
)
from kg.nlp.doctext import doc_text
from kg.nlp.entity_class import is_department
from kg.nlp.lexicons import gendered, portfolio_words, title_words, type_nouns, word_set
from kg.nlp.spans import mention_at
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _is_common(word: str) -> bool:
    return (
        word in word_set("entities", "generic_place_words")
        or word in type_nouns()
        or word in title_words()
        or word in portfolio_words()
    )


def nested_places(doc: Doc, m: Mention, gaz: Gazetteer, sent_starts: list[int]) -> list[Mention]:
    """Places named inside an organisation's name: "Texas" in "University of Texas"; none in
    a two-word name a known first name opens ("Lidia Falcón", which NER may read as an
    organisation, holds no state of Falcón)."""
    bounds = char_range(doc, m.start, m.end)
    if bounds is None or bounds[1] - bounds[0] < 2 or is_department(m.text, gaz):
        return []
    if bounds[1] - bounds[0] == 2 and doc[bounds[0]].lower_ in gendered("first_names"):
        return []
    first, last = bounds
    text, starts, ends = doc_text(doc), token_starts(doc), token_ends(doc)
    out: list[Mention] = []
    i = first
    while i < last:
        found = _place_at(doc, i, bounds, gaz)
        if found is None:
            i += 1
            continue
        j, entry = found
        out.append(
            mention_at(text, starts[i], ends[j - 1], sent_starts, entry.cls, "NESTED", entry.id)
        )
        i = j
    return out


def _place_at(doc: Doc, i: int, name: tuple[int, int], gaz: Gazetteer) -> tuple[int, Entry] | None:
    """The longest place (of 3, 2 or 1 tokens) at token ``i`` inside the name at tokens
    ``name`` and not the whole name: where it ends, and its entry."""
    text, starts, ends = doc_text(doc), token_starts(doc), token_ends(doc)
    texts, lowers = token_texts(doc), token_strings(doc, "LOWER")
    for n in (3, 2, 1):
        j = min(i + n, name[1])
        if j - i < n or j - i == name[1] - name[0] or not texts[i][:1].isupper():
            continue
        if lowers[j - 1] in ("'s", "’s", "'", "’"):
            continue  # "Ukraine's" in "Ukraine's parliament": the name is "Ukraine"
        entry = gaz.lookup(text[starts[i] : ends[j - 1]])
        if entry is None or top_class(entry.cls) != "Region" or entry.cls == "Region":
            continue
        # A town that shares its name with a common word ("Northern", "University",
        # "Police") is only trusted from the curated files.
        if not entry.curated and any(_is_common(w) for w in lowers[i:j]):
            continue
        return j, entry
    return None


def country_bodies(
    doc: Doc, mentions: list[Mention], gaz: Gazetteer, sent_starts: list[int]
) -> list[Mention]:
    """ "Ukraine's parliament", "Russia's defence ministry": a country's body named by the
    possessive, when the gazetteer knows that body under any of the usual forms."""
    out = {(m.start, m.end): m for m in mentions}
    for m in mentions:
        country = gaz.entries.get(m.gazetteer_id or "")
        if country is None or country.cls != "Country":
            continue
        span = char_span(doc, m.start, m.end)
        if span is None or span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("'s", "’s"):
            continue
        noun = doc[span.end + 1]
        end = noun
        while end.i + 1 < len(doc) and end.dep_ == "compound" and end.head.i == end.i + 1:
            end = doc[end.i + 1]  # "Ukraine's defence ministry"
        words = doc[noun.i : end.i + 1].text
        adjectives = [d for d in country.demonyms if not d.endswith("s")][:2]
        forms = [
            f"{country.label}'s {words}",
            f"{words} of {country.label}",
            f"{country.label} {words}",
        ]
        forms += [f"{a} {words}" for a in adjectives]
        for form in forms:
            body = gaz.lookup(form)
            if body is not None and country.id in (body.part_of, body.governs):
                del out[(m.start, m.end)]
                s, e = m.start, end.idx + len(end.text)
                out[(s, e)] = mention_at(doc_text(doc), s, e, sent_starts, body.cls, "GAZ", body.id)
                break
    return [out[k] for k in sorted(out)]


def short_names(doc: Doc, mentions: list[Mention], sent_starts: list[int]) -> list[Mention]:
    """ "the Coalition" after "the Global Coalition": a mention of that body; with no
    fuller name in the article, a mention of its own. A word counts only where the
    article capitalises it mid-sentence somewhere (so a sentence's first word is no cue)."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    short_names = word_set("entities", "short_names")

    def free(t: Token) -> bool:
        if t.idx in covered or not t.text[:1].isupper() or t.lower_ not in short_names:
            return False
        prev = doc[t.i - 1] if t.i > t.sent.start else None
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if prev is not None and prev.text[:1].isupper() and prev.pos_ == "PROPN":
            return False  # "Syrian Arab Coalition" that NER missed: not a short name
        return not (nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper())

    lowers = token_strings(doc, "LOWER")
    toks = [t for t in (doc[i] for i, w in enumerate(lowers) if w in short_names) if free(t)]
    capitalised = {t.lower_ for t in toks if t.i > t.sent.start}
    out = []
    for t in toks:
        if t.lower_ not in capitalised:
            continue
        fuller = [
            m
            for m in mentions
            if m.text.lower().endswith(" " + t.lower_) and top_class(m.cls) == "Group"
        ]
        before = [m for m in fuller if m.end <= t.idx]
        ante = before[-1] if before else (fuller[0] if fuller else None)
        out.append(
            mention_at(
                doc_text(doc),
                t.idx,
                t.idx + len(t.text),
                sent_starts,
                ante.cls if ante else "Organization",
                "SHORT",
                antecedent=(ante.start, ante.end) if ante else None,
            )
        )
    return out
