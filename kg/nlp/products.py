"""Products named after their maker are no entities: "Mozilla Firefox", "Google Chrome",
"Microsoft Windows". A name that a company of the gazetteer opens, or that follows one
directly, names a thing the company makes, whatever NER read it as (NER often reads a
product as a person or an organisation, and the same product's name as a product in one
place and a person in another); so does the product's own word elsewhere in the article
("… behind Firefox")."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.model import Mention
from kg.nlp.docindex import char_span
from kg.nlp.lexicons import gendered, title_words, type_nouns, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAKER = "Organization"  # the gazetteer class of companies (bodies, media and groups have their own)


def _maker(gaz: Gazetteer, words: list[str]) -> bool:
    entry = gaz.lookup(" ".join(words))
    return entry is not None and entry.cls == MAKER


@lru_cache(maxsize=1)
def _not_products() -> frozenset[str]:
    """Words that name a body, a place, a person or a role, built once per process."""
    words = set(type_nouns()) | title_words()
    for part in ("place_heads", "region_heads", "Group", "Person"):
        words |= word_set("nominals", part)
    return frozenset(words)


def _product_words(tokens: Sequence[Token]) -> bool:
    """Words that can name a product: one or two capitalised singular proper nouns, not a
    noun for a body, a place or a person ("Google Ventures", "Sony Pictures" and "Apple
    Store" are bodies and shops, "Microsoft CEO" a role), not a first name."""
    if not tokens or len(tokens) > 2:
        return False
    if not all(t.text[:1].isupper() and t.tag_ == "NNP" for t in tokens):
        return False
    low = [t.lower_ for t in tokens]
    if low[0] in gendered("first_names"):
        return False
    return not any(w in _not_products() for w in low)


def product_of(span: Span, gaz: Gazetteer) -> str | None:
    """The product's own words when ``span`` names a product after its maker: the maker
    opens the span ("Mozilla Firefox"), or the span is the maker ("Google" in "Google
    Chrome") and the product's words follow it."""
    words = [t.text for t in span]
    if gaz.lookup(span.text) is not None:  # "Samsung Electronics": the company's own name
        return None
    for n in (2, 1):
        if len(words) > n and _maker(gaz, words[:n]) and _product_words(span[n:]):
            return span[n:].text
    if _maker(gaz, words):
        doc = span.doc
        for n in (2, 1):
            after = doc[span.end : span.end + n]
            if len(after) == n and _product_words(after):
                return after.text
    return None


def drop_products(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """The mentions that name no product: each product after its maker goes, and so does
    every other name of the article that is the product's own words, unless a person's
    full name in the article holds them ("Samsung Lee" where it also names Lee Jae-yong)."""
    found: dict[str, str] = {}  # the name read as a product → the product's own words
    for m in mentions:
        if m.kind != "name":
            continue
        span = char_span(doc, m.start, m.end)
        if span is not None and (own := product_of(span, gaz)) is not None:
            found[m.text if m.gazetteer_id is None else own] = own
    for ent in doc.ents:  # what NER itself read as a product: "Google Chrome"
        if ent.label_ == "PRODUCT" and (own := product_of(ent, gaz)) is not None:
            found[ent.text] = own
    named = {
        w
        for m in mentions
        if m.cls == "Person" and " " in m.text and m.text not in found
        for w in m.text.split()
    }
    products = {
        t for name, own in found.items() if not set(own.split()) & named for t in (name, own)
    }
    if not products:
        return mentions
    return [m for m in mentions if m.kind != "name" or m.text not in products]
