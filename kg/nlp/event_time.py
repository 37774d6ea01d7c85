"""An event's time: the date phrase that modifies its trigger in the parse (or the clause a
noun trigger is the subject or object of), resolved against the article's date. A date of
some other word ("a 14-year-old", "the highest turnout since 2006") is not the event's."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from kg.model import Argument
from kg.nlp.dates import normalise_date
from kg.nlp.docindex import entities_within
from kg.nlp.event_triggers import NOMINAL, VERBAL
from kg.nlp.lexicons import word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

# a noun trigger takes the time of the verb it is the subject or object of
_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "attr")
# a verb trigger takes the time of the verb it completes ("began to explode before 3pm")
_COMPLEMENT_DEPS = ("xcomp",)


def _hooks(head: Token) -> set[int]:
    """The tokens a date may modify to be the trigger's."""
    hooks = {head.i}
    if head.pos_ in NOMINAL and head.dep_ in _ARGUMENT_DEPS and head.head.pos_ in VERBAL:
        hooks.add(head.head.i)
    if head.pos_ in VERBAL and head.dep_ in _COMPLEMENT_DEPS:
        hooks.add(head.head.i)
    return hooks


def _closer_event(head: Token, prep: Token, nouns: frozenset[int]) -> bool:
    """ "questioning Russia's actions against the declaration in 1991": a date phrase that
    comes right after a noun event inside the trigger's own phrase is that noun's, not the
    trigger's (the verb's, or the outer noun's)."""
    return any(
        i != head.i and head.doc[i].right_edge.i + 1 == prep.i and head.is_ancestor(head.doc[i])
        for i in nouns
    )


def event_time(
    head: Token, report: date | None, nouns: frozenset[int] = frozenset()
) -> Argument | None:
    """The first DATE entity of the sentence that modifies the trigger (directly, or as the
    object of a preposition that does, but not "since", "until" or "for"); ``nouns`` are the
    sentence's noun triggers, which keep a date that comes right after them."""
    doc, sent = head.doc, head.sent
    hooks = _hooks(head)
    not_time = word_set("event_roles", "not_time_preps")
    for start, end, label in entities_within(doc, sent.start, sent.end):
        if label != "DATE":
            continue
        ent = doc[start:end]
        hook = ent.root.head
        if ent.root.dep_ == "pobj" and hook.dep_ == "prep":
            if hook.lemma_.lower() in not_time:
                continue
            # "the declaration in 1991", the parser hanging the phrase on a verb above
            if _closer_event(head, hook, nouns):
                continue
            right_after = head.pos_ in NOMINAL and hook.i == head.right_edge.i + 1
            hook = head if right_after else hook.head
        elif ent.root.dep_ not in ("npadvmod", "tmod", "compound", "nmod", "poss", "appos"):
            continue  # "a 14-year-old", "2006" as a number
        if hook.i in hooks:
            value = normalise_date(ent.text, report)
            return Argument("time", ent.start_char, ent.end_char, ent.text, value)
    return None
