"""Named mentions from a parsed Doc: clean spans, kg classes, no furniture."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.gazetteer import Entry, Gazetteer
from kg.model import Mention
from kg.nlp.consistency import harmonise
from kg.nlp.context import Context
from kg.nlp.docindex import (
    char_range,
    char_span,
    entities_within,
    token_ends,
    token_starts,
    token_strings,
    token_texts,
)
from kg.nlp.doctext import doc_text
from kg.nlp.lexicons import (
    load,
    nonentity_heads,
    portfolio_words,
    title_words,
    type_nouns,
    word_pattern,
    word_set,
)
from kg.nlp.metonymy import read_metonyms
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_CODE = re.compile(r"^[A-Z]{1,5}-?\d+[A-Za-z]?$")  # IE6, F16, A320: model numbers, not names
_LEAD = re.compile(r"^(?:[\s\"'“”‘’«»„(\[,;:]+|(?:the|a|an)\s+)", re.IGNORECASE)
_PROPER_RUN = re.compile(r"P{2,}")  # two or more capitalised proper nouns in a row
_TRAIL = re.compile(r"(?:[\s\"'“”‘’«».,;:!?)\]\-–—]+|['’]s?)$")


@lru_cache(maxsize=1)
def ner_classes() -> dict[str, str]:
    """NER label → the kg class its mentions start as (data/lexicons/ner.yaml)."""
    return dict(load("ner")["classes"])


@lru_cache(maxsize=1)
def _locative() -> re.Pattern[str]:
    """A sentence-initial preposition NER swallowed into the name: "Near Mosul", "In Syria"."""
    return re.compile(rf"^(?:{word_pattern('entities', 'locative_leads')})\s+(?=[A-Z])")


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


def mentions_by_token(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """Token index → the mention that covers it (a later mention wins an overlap)."""
    out: dict[int, Mention] = {}
    for m in mentions:
        bounds = char_range(doc, m.start, m.end)
        if bounds is not None:
            for i in range(*bounds):
                out[i] = m
    return out


def mention_at(
    text: str,
    start: int,
    end: int,
    sent_starts: list[int],
    cls: str,
    ner: str,
    gazetteer_id: str | None = None,
    antecedent: tuple[int, int] | None = None,
    kind: str = "name",
    reason: str | None = None,
) -> Mention:
    """The mention of text[start:end], in its sentence."""
    return Mention(
        text=text[start:end],
        start=start,
        end=end,
        sentence=sentence_of(sent_starts, start),
        cls=cls,
        ner=ner,
        gazetteer_id=gazetteer_id,
        antecedent=antecedent,
        kind=kind,
        reason=reason,
    )


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


def _is_non_name(text: str) -> bool:
    """Titles and portfolios ("Home", "Foreign Affairs", "Emeritus"), product codes ("IE6"),
    handles ("@POTUS") and things named after what they are not: systems, laws, events."""
    words = [w.lower().strip(".") for w in text.split()]
    titles, portfolios = title_words(), portfolio_words()
    if all(w in titles or w in portfolios for w in words):
        return True
    if text[:1] in "@#" or (len(words) > 1 and words[-1] in nonentity_heads()):
        return True
    return bool(_CODE.match(text))


def _refine_person(span: Span, gaz: Gazetteer, cls: str) -> str:
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


def _is_department(name: str, gaz: Gazetteer) -> bool:
    """Portfolio words then a country: "Environment Canada", "Health Canada"."""
    words = name.split()
    for n in range(1, len(words)):
        place = gaz.lookup(" ".join(words[n:]))
        if place is not None and place.cls == "Country":
            return all(w.lower() in portfolio_words() for w in words[:n])
    return False


def _is_common(word: str) -> bool:
    return (
        word in word_set("entities", "generic_place_words")
        or word in type_nouns()
        or word in title_words()
        or word in portfolio_words()
    )


def _nested_places(doc: Doc, m: Mention, gaz: Gazetteer, sent_starts: list[int]) -> list[Mention]:
    """Places named inside an organisation's name: "Texas" in "University of Texas"."""
    bounds = char_range(doc, m.start, m.end)
    if bounds is None or bounds[1] - bounds[0] < 2 or _is_department(m.text, gaz):
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


def _body_after_nationality(span: Span) -> Span | None:
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


def _state_body(span: Span, gaz: Gazetteer) -> tuple[Span, str, str] | None:
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


def _ner_mentions(doc: Doc, sent_starts: list[int], gaz: Gazetteer) -> list[Mention]:
    text = doc_text(doc)
    out: dict[tuple[int, int], Mention] = {}
    for ent in doc.ents:
        if ent.label_ in ("NORP", "GPE"):
            state = _state_body(ent, gaz)
            if state is not None:
                phrase, cls, gaz_id = state
                out[(phrase.start_char, phrase.end_char)] = mention_at(
                    text, phrase.start_char, phrase.end_char, sent_starts, cls, "GAZ", gaz_id
                )
                continue
            body = _body_after_nationality(ent)
            if body is not None:
                ent = doc.char_span(body.start_char, body.end_char, label="ORG")
        if ent.label_ in ner_classes():
            cls = ner_classes()[ent.label_]
            gaz_id = None
            if ent.label_ == "NORP" and not _keep_norp(ent, gaz):
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
        if span is None:
            continue
        s, e = span
        lead = _locative().match(text[s:e])
        if lead is not None and gaz_id is None:
            s += lead.end()
            if cls == "Person":  # what stands after "near" or "in" is a place
                cls = "Region"
        if gaz_id is None:
            if _is_non_name(text[s:e]):
                continue
            # A curated name says what the thing is ("Bashkirs" is a people, whatever NER
            # guessed), except a lone word NER read as a person (see consistency.py).
            entry = gaz.lookup_qualified(text[s:e])
            if entry is not None and entry.curated and (cls != "Person" or " " in text[s:e]):
                cls, gaz_id = entry.cls, entry.id
            elif _is_department(text[s:e], gaz):
                cls = "GovernmentBody"
        cspan = char_span(doc, s, e)
        if cspan is not None and gaz_id is None:
            if cls == "Person" or top_class(cls) == "Region":
                cls = _refine_person(cspan, gaz, cls)
            if cls != "Person":
                cls = _refine_class(cspan, cls)
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
            and not _is_non_name(text[s:e])
        ):
            out.append(mention_at(text, s, e, sent_starts, cls, "CHUNK"))
    return out


def _country_bodies(
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


def _short_names(doc: Doc, mentions: list[Mention], sent_starts: list[int]) -> list[Mention]:
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


def extract_mentions(doc: Doc, sent_starts: list[int], gaz: Gazetteer) -> list[Mention]:
    mentions = _ner_mentions(doc, sent_starts, gaz)
    mentions = _country_bodies(doc, mentions, gaz, sent_starts)
    mentions += _unlabelled_bodies(doc, sent_starts, mentions)
    mentions = harmonise(doc, mentions, gaz, lambda off: sentence_of(sent_starts, off))
    mentions = read_metonyms(doc, mentions, gaz)
    nested = [
        n
        for m in mentions
        if top_class(m.cls) == "Group" and m.cls != "EthnicGroup"
        for n in _nested_places(doc, m, gaz, sent_starts)
    ]
    short = _short_names(doc, mentions, sent_starts)
    by_span = {(m.start, m.end): m for m in [*mentions, *nested, *short]}
    return [by_span[k] for k in sorted(by_span)]


def step(ctx: Context) -> None:
    """Named mentions: spaCy's entities and the gazetteer's names, cleaned and classed."""
    ctx.mentions = extract_mentions(ctx.doc, ctx.starts, ctx.gazetteer)
