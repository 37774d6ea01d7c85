"""What kind of thing a named span is, from its own words and the words around it: type
nouns ("Volga River"), organisation nouns in a "person" ("Instituto Gonzaga"), departments
("Environment Canada"), a nationality and the body it names ("Saudi Interior Ministry"),
and spans that are not names at all (titles, portfolios, product codes, handles)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.nlp.lexicons import (
    load,
    nonentity_heads,
    portfolio_words,
    title_words,
    type_nouns,
    word_pattern,
    word_set,
)
from kg.nlp.place_extent import place_noun
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.tokens import Span

_CODE = re.compile(r"^[A-Z]{1,5}-?\d+[A-Za-z]?$")  # IE6, F16, A320: model numbers, not names


@lru_cache(maxsize=1)
def ner_classes() -> dict[str, str]:
    """NER label → the kg class its mentions start as (data/lexicons/ner.yaml)."""
    return dict(load("ner")["classes"])


@lru_cache(maxsize=1)
def locative() -> re.Pattern[str]:
    """A sentence-initial preposition NER swallowed into the name: "Near Mosul", "In Syria"."""
    return re.compile(rf"^(?:{word_pattern('entities', 'locative_leads')})\s+(?=[A-Z])")


def refine_class(span: Span, cls: str) -> str:
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


def keep_norp(span: Span, gaz: Gazetteer) -> bool:
    """A NORP span is a group only when it names one: known demonym or a plural proper noun."""
    if gaz.lookup(span.text) is not None:
        return True
    return span.root.pos_ == "PROPN" and span.root.tag_ in ("NNPS", "NNS")


def is_non_name(text: str) -> bool:
    """Titles and portfolios ("Home", "Foreign Affairs", "Emeritus"), product codes ("IE6"),
    handles ("@POTUS") and things named after what they are not: systems, laws, events."""
    words = [w.lower().strip(".") for w in text.split()]
    titles, portfolios = title_words(), portfolio_words()
    if all(w in titles or w in portfolios for w in words):
        return True
    if text[:1] in "@#" or (len(words) > 1 and words[-1] in nonentity_heads()):
        return True
    return bool(_CODE.match(text))


def refine_person(span: Span, gaz: Gazetteer, cls: str) -> str:
    """A "person" (or "place") whose name holds an organisation noun is an organisation
    ("Instituto Gonzaga"); a place then a newspaper word is a newspaper ("Edmonton Sun")."""
    nouns = type_nouns()
    if len(span) < 2:
        return cls
    last = nouns.get(span[-1].lower_)
    if last == "MediaChannel":
        first = gaz.lookup(span[0].text)
        if (
            first is not None
            and top_class(first.cls) == "Region"
            or span[0].lower_ in word_set("entities", "paper_words")
        ):
            return "MediaChannel"
    if cls != "Person":
        return cls
    for tok in span:
        hint = nouns.get(tok.lower_)
        if hint in ("Organization", "GovernmentBody", "PoliticalMovement", "ArmedGroup"):
            return hint
    return cls


def facility(span: Span, cls: str, ner: str = "") -> str:
    """A name of two or more words ending in a noun for a place names a place: a built or
    natural place or a way ("York Minster", "Castlefrank Road", "Bat Cave") whatever NER
    read it as; a Region noun ("Mexico City") unless NER read an organisation ("Manchester
    City"). The nouns come from WordNet and GUM (nominals.yaml)."""
    if len(span) < 2 or top_class(cls) == "Region":
        return cls
    kind = place_noun(span[-1].text)  # "Chatham Islands": the singular counts
    if kind == "place_heads" or (kind == "region_heads" and ner not in ("ORG", "NORP")):
        return "Region"
    return cls


def is_department(name: str, gaz: Gazetteer) -> bool:
    """Portfolio words then a country: "Environment Canada", "Health Canada"."""
    words = name.split()
    for n in range(1, len(words)):
        place = gaz.lookup(" ".join(words[n:]))
        if place is not None and place.cls == "Country":
            return all(w.lower() in portfolio_words() for w in words[:n])
    return False


def body_after_nationality(span: Span) -> Span | None:
    """ "Saudi Interior Ministry": a nationality or country NER split from the body it
    names, when capitalised words ending in an organisation noun follow it."""
    doc, nouns = span.doc, type_nouns()
    end = span.end
    while end < len(doc) and end - span.end < 4:
        tok = doc[end]
        if not tok.text[:1].isupper() or tok.ent_type_ or tok.pos_ not in ("PROPN", "NOUN"):
            break
        end += 1
    while end > span.end and top_class(nouns.get(doc[end - 1].lower_, "Person")) != "Group":
        end -= 1
    return doc[span.start : end] if end > span.end else None


def state_body(span: Span, gaz: Gazetteer) -> tuple[Span, str, str] | None:
    """ "Iraqi security forces", "the Turkish authorities": a nationality and the plain
    words for its country's forces or government, as the gazetteer knows them."""
    doc = span.doc
    for n in (2, 1):
        end = span.end + n
        if end > len(doc) or not all(t.is_lower for t in doc[span.end : end]):
            continue
        phrase = doc[span.start : end]
        entry = gaz.lookup(phrase.text)
        if entry is not None and entry.cls in ("ArmedGroup", "GovernmentBody"):
            return phrase, entry.cls, entry.id
    return None
