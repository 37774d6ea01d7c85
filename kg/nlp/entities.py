"""Named mentions from a parsed Doc: clean spans, kg classes, no furniture."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.model import Mention
from kg.nlp.consistency import harmonise
from kg.nlp.context import Context
from kg.nlp.context_class import decide_classes
from kg.nlp.docindex import (
    char_span,
    entities_within,
    token_ends,
    token_starts,
    token_strings,
    token_texts,
)
from kg.nlp.doctext import doc_text
from kg.nlp.entity_class import (
    body_after_nationality,
    facility,
    is_department,
    is_non_name,
    keep_norp,
    locative,
    ner_classes,
    refine_class,
    refine_person,
    state_body,
)
from kg.nlp.inner_names import country_bodies, nested_places, short_names
from kg.nlp.junk import drop_junk, trim
from kg.nlp.known_people import known_people
from kg.nlp.lexicons import type_nouns, word_set
from kg.nlp.metonymy import read_metonyms
from kg.nlp.name_classifier import reclass
from kg.nlp.name_extent import person_extent
from kg.nlp.place_extent import body_of_pair, place_of, spelled_by_acronym
from kg.nlp.products import drop_products
from kg.nlp.spans import clean_span, mention_at, mentions_by_token, sentence_of
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Other steps read spans and sentences through this module (kept for them).
__all__ = ["clean_span", "doc_text", "mention_at", "mentions_by_token", "sentence_of", "step"]

_PROPER_RUN = re.compile(r"P{2,}")  # two or more capitalised proper nouns in a row


def _ner_mentions(doc: Doc, sent_starts: list[int], gaz: Gazetteer) -> list[Mention]:
    text = doc_text(doc)
    out: dict[tuple[int, int], Mention] = {}
    taken = 0  # a token before this index is in a person's name made longer already
    for ent in doc.ents:
        if ent.start < taken:
            continue
        if (place := place_of(ent)) is not None:
            ent = place  # "the Plains of Arafat", not the person "Arafat"
        elif (body := body_of_pair(ent)) is not None:
            ent, taken = body, body.end  # "Union of Atheists and Agnostics"
        elif (spelled := spelled_by_acronym(ent)) is not None:
            ent = spelled  # "Movimento 5 Stelle (M5S)"
        if ent.label_ == "PERSON":
            ent = person_extent(ent)
            taken = ent.end
        if ent.label_ in ("NORP", "GPE"):
            state = state_body(ent, gaz)
            if state is not None:
                phrase, cls, gaz_id = state
                out[(phrase.start_char, phrase.end_char)] = mention_at(
                    text, phrase.start_char, phrase.end_char, sent_starts, cls, "GAZ", gaz_id
                )
                continue
            body = body_after_nationality(ent)
            if body is not None:
                ent = doc.char_span(body.start_char, body.end_char, label="ORG")
        if ent.label_ in ner_classes():
            cls = ner_classes()[ent.label_]
            gaz_id = None
            if ent.label_ == "NORP" and not keep_norp(ent, gaz):
                continue
        elif ent.ent_id_:
            cls, gaz_id = ent.label_, ent.ent_id_
        elif ent.label_ in word_set("ner", "stray_labels"):
            known = gaz.lookup(ent.text)
            if known is None or not known.curated:
                continue
            cls, gaz_id = known.cls, known.id
        else:
            continue
        span = clean_span(text, ent.start_char, ent.end_char)
        span = span and trim(doc, text, *span)
        if span is None:
            continue
        s, e = span
        lead = locative().match(text[s:e])
        if lead is not None and gaz_id is None:
            s += lead.end()
            if cls == "Person":  # what stands after "near" or "in" is a place
                cls = "Region"
        if gaz_id is None:
            if is_non_name(text[s:e]):
                continue
            # A curated name says what the thing is ("Bashkirs" is a people, whatever NER
            # guessed), except a lone word NER read as a person (see consistency.py).
            entry = gaz.lookup_qualified(text[s:e])
            if entry is not None and entry.curated and (cls != "Person" or " " in text[s:e]):
                cls, gaz_id = entry.cls, entry.id
            elif is_department(text[s:e], gaz):
                cls = "GovernmentBody"
        cspan = char_span(doc, s, e)
        if cspan is not None and gaz_id is None:
            cls = facility(cspan, cls, ent.label_)
            if cls == "Person" or top_class(cls) == "Region":
                cls = refine_person(cspan, gaz, cls)
            if cls != "Person":
                cls = refine_class(cspan, cls)
        ner = ent.label_ if gaz_id is None else "GAZ"
        out[(s, e)] = mention_at(text, s, e, sent_starts, cls, ner, gaz_id)
    return [out[k] for k in sorted(out)]


def _unlabelled_bodies(doc: Doc, sent_starts: list[int], taken: list[Mention]) -> list[Mention]:
    """Proper-noun runs NER left unlabelled that end in an organisation noun:
    "Deseret News", "Interior Ministry", "Supreme Court"."""
    nouns = type_nouns()
    covered = {i for m in taken for i in range(m.start, m.end)}
    text, starts, ends = doc_text(doc), token_starts(doc), token_ends(doc)
    lowers = token_strings(doc, "LOWER")
    # one letter per token, "P" for a capitalised proper noun: runs are found by regex
    proper = "".join(
        "P" if p == "PROPN" and t[:1].isupper() else "."
        for p, t in zip(token_strings(doc, "POS"), token_texts(doc), strict=True)
    )
    out: list[Mention] = []
    for run in _PROPER_RUN.finditer(proper):
        i, j = run.span()
        cls = nouns.get(lowers[j - 1])
        s, e = starts[i], ends[j - 1]
        if (
            cls
            and top_class(cls) == "Group"
            and not any(c in covered for c in range(s, e))
            and not entities_within(doc, i, j)
            and not is_non_name(text[s:e])
        ):
            out.append(mention_at(text, s, e, sent_starts, cls, "CHUNK"))
    return out


def extract_mentions(
    doc: Doc, sent_starts: list[int], gaz: Gazetteer, learned: bool = True
) -> list[Mention]:
    """The article's named mentions; ``learned=False`` leaves out the learned classifier's
    second opinion (train/name_classes.py watches what the rules alone propose)."""
    mentions = _ner_mentions(doc, sent_starts, gaz)
    mentions = country_bodies(doc, mentions, gaz, sent_starts)
    mentions += _unlabelled_bodies(doc, sent_starts, mentions)
    mentions = known_people(doc, mentions, gaz, sent_starts)
    mentions = harmonise(doc, mentions, gaz, lambda off: sentence_of(sent_starts, off))
    mentions = decide_classes(doc, mentions, gaz)
    mentions = read_metonyms(doc, mentions, gaz)
    nested = [
        n
        for m in mentions
        if top_class(m.cls) == "Group" and m.cls != "EthnicGroup"
        for n in nested_places(doc, m, gaz, sent_starts)
    ]
    short = short_names(doc, mentions, sent_starts)
    by_span = {(m.start, m.end): m for m in [*mentions, *nested, *short]}
    mentions = drop_junk(doc, doc_text(doc), [by_span[k] for k in sorted(by_span)])
    mentions = drop_products(doc, mentions, gaz)
    return _outside_people(reclass(doc, mentions, gaz)) if learned else mentions


def _outside_people(mentions: list[Mention]) -> list[Mention]:
    """A place found inside a group's name is none once the name is a person's ("Eva
    Forest", an organisation to NER, the classifier's person: no city Forest in it)."""
    people = [(m.start, m.end) for m in mentions if m.kind == "name" and m.cls == "Person"]
    return [
        m
        for m in mentions
        if m.ner != "NESTED" or not any(s <= m.start and m.end <= e for s, e in people)
    ]


def step(ctx: Context) -> None:
    """Named mentions: spaCy's entities and the gazetteer's names, cleaned and classed."""
    ctx.mentions = extract_mentions(ctx.doc, ctx.starts, ctx.gazetteer)
