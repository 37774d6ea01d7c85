"""Document-level consistency: one name, one reading, throughout an article.

NER decides token by token; a reader decides once per article. So:
- a one-word name that ends or starts a full person name of the article is that
  person ("Dewar" after "Paul Dewar"), whatever NER tagged it, and even where the
  gazetteer knows a place of that name ("Washington thanked his family" after "Denzel
  Washington"), unless it stands where a place does ("flew to Washington");
- a one-word "person" that no full name explains and that the curated gazetteer
  knows as something else is that thing ("Twitter" in a photo credit);
- every later occurrence of a name found once in the article is a mention too
  ("Atwood, a Booker Prize-winner, …" where NER missed it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.model import Mention
from kg.nlp.docindex import char_range, char_span, entities_within, token_strings
from kg.nlp.doctext import doc_text, name_spans
from kg.nlp.lexicons import gendered, title_words, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _name_parts(mentions: list[Mention]) -> dict[str, Mention]:
    """First and last word of every multi-word person name → that mention."""
    titles = title_words()
    parts: dict[str, Mention] = {}
    for m in mentions:
        if m.cls != "Person":
            continue
        words = [w for w in m.text.split() if w.lower().strip(".") not in titles]
        if len(words) >= 2:
            for w in (words[0], words[-1]):
                if len(w) >= 3:
                    parts.setdefault(w, m)
    return parts


def _particle_surnames(mentions: list[Mention]) -> frozenset[str]:
    """Surnames with their particles, lower-cased: "von der leyen" of "Ursula von der Leyen"
    (so "Von der Leyen" alone is that person too)."""
    particles = word_set("entities", "name_particles")
    out = set()
    for m in mentions:
        words = m.text.split()
        if m.cls == "Person" and len(words) >= 3:
            i = next((i for i, w in enumerate(words[1:-1], 1) if w in particles), 0)
            if i:
                out.add(" ".join(words[i:]).lower())
    return frozenset(out)


def _vote(mentions: list[Mention]) -> list[Mention]:
    """One class per name per article: the majority of its NER tags (a tie goes to Person)."""
    by_text: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.gazetteer_id is None:
            by_text[m.text][m.cls] += 1
    winner = {
        t: min(c, key=lambda k: (-c[k], k != "Person", k)) for t, c in by_text.items() if len(c) > 1
    }
    return [
        replace(m, cls=winner[m.text]) if m.gazetteer_id is None and m.text in winner else m
        for m in mentions
    ]


def harmonise(
    doc: Doc, mentions: list[Mention], gaz: Gazetteer, sentence_of: Callable[[int], int]
) -> list[Mention]:
    parts = _name_parts(mentions)
    surnames = _particle_surnames(mentions)
    out: list[Mention] = []
    for m in mentions:
        single = " " not in m.text
        surname = single and m.text in parts or m.text.lower() in surnames
        if surname and (m.gazetteer_id is None or _personal(m, parts) and not _placed(doc, m)):
            m = replace(m, cls="Person", gazetteer_id=None)
        elif single and m.cls == "Person":
            entry = gaz.lookup(m.text)
            if entry is not None and entry.curated and entry.cls != "Person":
                m = replace(m, cls=entry.cls, gazetteer_id=entry.id, ner="GAZ")
        out.append(m)
    return _propagate(doc, _vote(out), parts, sentence_of)


# Where a one-word name reads as a place: after a preposition, or modifying a noun.
_PLACE_DEPS = frozenset({"pobj", "compound", "amod", "nmod", "npadvmod"})


def _personal(m: Mention, parts: dict[str, Mention]) -> bool:
    """Whether the full name ``m`` is part of says a person beyond NER's word: a title
    ("President"), or a first name the names lexicon knows ("Denzel"), since NER also
    reads some bodies as people ("Biomed Taiwan")."""
    if m.text not in parts:
        return False
    first = parts[m.text].text.split()[0].lower()
    return first.strip(".") in title_words() or first in gendered("first_names")


def _placed(doc: Doc, m: Mention) -> bool:
    """Whether the name stands where a place does ("to Washington", "Washington officials")."""
    span = char_span(doc, m.start, m.end, expand=False)
    return span is None or span.root.dep_ in _PLACE_DEPS


def _inside(result: dict[tuple[int, int], Mention], s: int, e: int) -> list[tuple[int, int]] | None:
    """The mentions inside s..e, or None when s..e is a mention already or crosses one."""
    if (s, e) in result:
        return None
    inside = []
    for a, b in result:
        if s <= a and b <= e:
            inside.append((a, b))
        elif a < e and s < b:
            return None
    return inside


def _named_otherwise(doc: Doc, start: int, end: int) -> bool:
    """Whether NER gave tokens start..end an entity or a number or date."""
    types = token_strings(doc, "ENT_TYPE")[start:end]
    return bool(entities_within(doc, start, end)) or any(
        t in ("DATE", "TIME", "MONEY", "CARDINAL") for t in types
    )


def _propagate(
    doc: Doc, mentions: list[Mention], parts: dict[str, Mention], sentence_of: Callable[[int], int]
) -> list[Mention]:
    """Other occurrences of names the article already uses, the longest name winning:
    an occurrence of "Environment Canada" replaces a "Canada" NER found inside it."""
    text = doc_text(doc)
    known: dict[str, Mention] = {}
    tagged = Counter(m.text for m in mentions)
    for m in mentions:
        # A one-word name NER tagged only once may be its mistake ("Hajj" as a person):
        # spread it only when the gazetteer knows it or NER tagged it more than once.
        trusted = " " in m.text or m.gazetteer_id is not None or tagged[m.text] > 1
        if len(m.text) >= 3 and m.text[0].isupper() and trusted:
            known.setdefault(m.text, m)
    for part, m in parts.items():
        known.setdefault(part, m)
    result = {(m.start, m.end): m for m in mentions}
    for surface in sorted(known, key=lambda s: (-len(s), s)):  # longest names first
        model = known[surface]
        for s, e in name_spans(text, surface):
            inside = _inside(result, s, e)
            if inside is None:
                continue  # already a mention, or crossing another one
            tokens = char_range(doc, s, e, expand=False)
            if tokens is None:
                continue
            if tokens[1] - tokens[0] == 1 and token_strings(doc, "POS")[tokens[0]] != "PROPN":
                continue  # "Will", "May" as words, not names
            if not inside and _named_otherwise(doc, *tokens):
                continue
            for k in inside:
                del result[k]
            cls = "Person" if surface in parts and model.cls == "Person" else model.cls
            result[(s, e)] = Mention(
                text=surface,
                start=s,
                end=e,
                sentence=sentence_of(s),
                cls=cls,
                ner="DOC",
                gazetteer_id=model.gazetteer_id if surface == model.text else None,
            )
    return [result[k] for k in sorted(result)]
