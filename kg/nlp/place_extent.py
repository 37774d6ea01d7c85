"""A place's name is never cut at "of": "the Plains of Arafat", "Gulf of Mexico", "Strait
of Hormuz", "City of London" are one place, though NER often reads only the name after "of"
(and reads "Arafat" as a person). A capitalised noun for a place (WordNet's built and
natural places and the Region nouns of nominals.yaml), then "of", then the name, is one
place's name; a noun that can name a body ("University", "Bank", "Church") is no such noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from kg.nlp.lexicons import word_set

if TYPE_CHECKING:
    from spacy.tokens import Token


def place_noun(word: str) -> str | None:
    """The list of nominals.yaml in which ``word`` (or its singular: "Islands") is a noun
    that ends a place's name: "place_heads" (built and natural places, ways),
    "region_heads" (the Region nouns), or None."""
    low = word.lower()
    for part in ("place_heads", "region_heads"):
        heads = word_set("nominals", part)
        if low in heads or (low.endswith("s") and low[:-1] in heads):
            return part
    return None


def _place_noun(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and place_noun(tok.text) is not None


def place_of(ent: Span) -> Span | None:
    """The whole place's name when ``ent`` is the name after "<Place noun> of", else None."""
    doc, i = ent.doc, ent.start
    if i < 2 or doc[i - 1].lower_ != "of" or not _place_noun(doc[i - 2]):
        return None
    if doc[i - 2].ent_iob_ != "O":  # the noun is another name's already
        return None
    return Span(doc, i - 2, ent.end, label="LOC")


def body_of_pair(ent: Span) -> Span | None:
    """ "The Union of Rationalist Atheists and Agnostics": an organisation named "<body> of X
    and Y" that NER ended at "and" (reading Y as a person) goes on over the one capitalised
    word after "and" that ends the name."""
    doc, end = ent.doc, ent.end
    if ent.label_ != "ORG" or "of" not in [t.lower_ for t in ent] or end + 1 >= len(doc):
        return None
    conj, word = doc[end], doc[end + 1]
    if conj.lower_ != "and" or not (word.text[:1].isupper() and word.is_alpha):
        return None
    if word.ent_iob_ != "O" and not (word.ent_type_ == "PERSON" and word.ent_iob_ == "B"):
        return None
    after = doc[end + 2] if end + 2 < len(doc) else None
    if after is not None and (
        after.ent_iob_ == "I" or (after.text[:1].isupper() and after.is_alpha)
    ):
        return None  # "... and Agnostics" ends there; "... and John Smith" is someone else
    return Span(doc, ent.start, end + 2, label="ORG")


def _initials(tokens: Span) -> str:
    return "".join(t.text[0] for t in tokens if not t.is_lower).upper()


def spelled_by_acronym(ent: Span) -> Span | None:
    """ "Movimento 5 Stelle (M5S)": a name followed by its acronym in brackets goes back over
    the capitalised words and numbers before it whose initials the acronym spells, where NER
    cut it (reading "5" as a number and "Stelle" as a person)."""
    doc, end = ent.doc, ent.end
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return None
    acronym = doc[end + 1].text
    if not (acronym.isupper() or acronym.isalnum()) or len(acronym) < 2:
        return None
    for start in range(ent.start - 1, max(ent.start - len(acronym), -1), -1):
        words = doc[start:end]
        if any(not (t.is_alpha or t.like_num) or "\n" in t.whitespace_ for t in words):
            return None
        if doc[start].is_lower:
            continue
        if _initials(words) == acronym.upper():
            return Span(doc, start, end, label="ORG")
    return None
