"""A person's name is never cut: by a particle ("Ursula von der" and "Leyen"), or by a word
NER gave another label ("Johnnie" and "Christmas" read as a date).

NER stops a name where a token looks like something else; a reader reads on while the
words are capitalised parts of the same name. A PERSON span goes on over a name particle
(data/lexicons/entities.yaml: name_particles) followed by a capitalised word, and over a
capitalised proper noun right after it that no other name holds and that is no day or
month (Python's calendar names them); it starts earlier at a capitalised proper noun right
before it that no name holds and that is no title, role or type noun ("Refugee Council
Enver Solomon", where NER ended the council's name at "Council" and began the person's at
"Solomon").
"""

from __future__ import annotations

import calendar
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.nlp.lexicons import portfolio_words, title_words, type_nouns, word_set

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_OTHER_NAMES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
_MAX_WORDS = 5


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    words = [*calendar.day_name, *calendar.day_abbr, *calendar.month_name, *calendar.month_abbr]
    return frozenset(w.lower() for w in words if w)


def _name_word(tok: Token) -> bool:
    """A capitalised proper noun that may go on a person's name."""
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.is_alpha
        and tok.ent_type_ not in _OTHER_NAMES
        and tok.lower_ not in _calendar_words()
        and "\n" not in tok.whitespace_
    )


def _particle(tok: Token) -> bool:
    return tok.lower_.rstrip("-") in word_set("entities", "name_particles") and tok.is_lower


def person_extent(ent: Span) -> Span:
    """A PERSON span, gone on over the particles and name words NER cut it at."""
    doc, end = ent.doc, ent.end
    while end < len(doc) and end - ent.start < _MAX_WORDS and "\n" not in doc[end - 1].whitespace_:
        after = end
        while after < len(doc) and _particle(doc[after]):
            after += 1
        if after < len(doc) and doc[after].text[:1].isupper() and doc[after].is_alpha:
            if after > end or _particle(doc[end - 1]):
                end = after + 1  # "Ursula" + "von der Leyen", "Ursula von der" + "Leyen"
                continue
        if _name_word(doc[end]) and doc[end - 1].is_alpha and doc[end - 1].whitespace_ == " ":
            end += 1  # "Johnnie" + "Christmas"
            continue
        break
    start = ent.start
    while start > 0 and ent.end - start < _MAX_WORDS and _first_name(doc[start - 1]):
        start -= 1  # "Enver" + "Solomon" after "the Refugee Council"
    if (start, end) == (ent.start, ent.end):
        return ent
    first, last = doc[start], doc[end - 1]
    return doc.char_span(first.idx, last.idx + len(last.text), label=ent.label_) or ent


def _first_name(tok: Token) -> bool:
    """A capitalised word right before a person's name that no entity holds, that is no
    title or role ("President"), type noun ("Council") or portfolio ("Education"), that
    opens no sentence, and right after another name: where NER cut between two names."""
    return (
        _name_word(tok)
        and tok.ent_type_ == ""
        and tok.whitespace_ == " "
        and not tok.is_sent_start
        and tok.lower_ not in title_words()
        and tok.lower_ not in type_nouns()
        and tok.lower_ not in portfolio_words()  # "Minister of Education" + "Stefania Giannini"
        and tok.i > 0
        and tok.doc[tok.i - 1].ent_type_ in _OTHER_NAMES  # NER cut between two names
    )
