"""Event mentions: triggers (kg/nlp/event_triggers.py) with their arguments
(kg/nlp/event_args.py), time (kg/nlp/event_time.py) and modality (kg/nlp/event_modality.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.model import Argument, EventMention, Mention
from kg.nlp.context import ARTIFACT, Context
from kg.nlp.dates import report_date
from kg.nlp.docindex import char_span
from kg.nlp.entities import sentence_of
from kg.nlp.event_args import RoleContext, roles, target_ok
from kg.nlp.event_modality import event_modality
from kg.nlp.event_time import event_time
from kg.nlp.event_triggers import GENERIC, NOMINAL, build_matcher, find_triggers, generic

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token


def extract_events(
    doc: Doc,
    matcher: PhraseMatcher,
    mentions: list[Mention],
    sent_starts: list[int],
    report: date | None = None,
) -> tuple[list[EventMention], list[Mention]]:
    """Events of a parsed article, and the made things they involve (mentions of
    kg:Artifact); ``report`` (the article's date) places relative times."""
    ctx = RoleContext(doc, mentions, sent_starts)
    best = find_triggers(doc, matcher)
    ctx.triggers = frozenset(best)
    nouns = frozenset(i for i in best if doc[i].pos_ in NOMINAL)
    out: list[EventMention] = []
    heads: list[int] = []
    for head_i in sorted(best):
        length, _, start, trig = best[head_i]
        head = doc[head_i]
        span = doc[start : start + length]
        if any(t.ent_type_ in ("PERSON", "ORG", "GPE") for t in span):
            continue  # "Attack" inside a name is not an attack
        args = roles(head, trig, ctx)
        # PETRARCH2 codes a verb between two actors: a made thing is none ("carried a bag")
        actors = {a.role for a in args if not ctx.is_thing(a)}
        coded_alone = trig.coded and not {"agent", "target"} <= actors
        if coded_alone or not target_ok(args, trig, ctx):
            if head.pos_ != "VERB" or trig.type == GENERIC:
                continue
            # "charged with" a thing, not a Person; PETRARCH2 codes a verb only between a
            # source and a target actor ("Iran accused Israel", not "was accused"): else
            # an Occurrence
            trig, span = generic(), head.doc[head_i : head_i + 1]

        time = event_time(head, report, nouns)
        if time is not None:
            args.append(time)
        heads.append(head_i)
        out.append(
            EventMention(
                type=trig.type,
                trigger=span.text,
                start=span.start_char,
                end=span.end_char,
                sentence=sentence_of(sent_starts, span.start_char),
                modality=event_modality(head),
                arguments=tuple(sorted(set(args), key=_order)),
            )
        )
    # twice: "a wave of shooting broke out in ..." passes the place through the wave
    events = _drop_nested(_share(_share(out, heads, doc), heads, doc), doc)
    return events, used_things(events, list(ctx.things.values()))


def used_things(events: list[EventMention], mentions: list[Mention]) -> list[Mention]:
    """The mentions but the made things no event has for an argument (one found for a
    trigger that was then dropped), unless a used one refers back to it."""
    spans = {(a.start, a.end) for ev in events for a in ev.arguments}
    things = [m for m in mentions if m.cls == ARTIFACT]
    spans |= {m.antecedent for m in things if (m.start, m.end) in spans and m.antecedent}
    return sorted((m for m in mentions if m.cls != ARTIFACT or _at(m) in spans), key=_at)


def _at(m: Mention) -> tuple[int, int]:
    return (m.start, m.end)


_SHARED = ("place", "time")
_LINKED_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj")


def _share(events: list[EventMention], heads: list[int], doc: Doc) -> list[EventMention]:
    """Two events of one clause, one the subject or object of the other ("the explosion at
    the station killed six", "arrested 40 in raids"), happened at one place and time: each
    takes the place and time the other has and it lacks (but a verb not the date of its
    object's phrase: "questioned the invasion in 2014"). An event that causes another (its
    subject or "by" object: "the explosion killed six people") also struck that one's target."""
    at = {h: i for i, h in enumerate(heads)}
    extra: dict[int, list] = {i: [] for i in range(len(events))}
    for i, h in enumerate(heads):
        tok = doc[h]
        tok, gov = _host(tok, at)
        j = at.get(gov.i)
        if tok.dep_ not in _LINKED_DEPS or j is None or j == i:
            continue
        for a, b in ((i, j), (j, i)):
            have = {x.role for x in events[a].arguments}
            shared = _SHARED + (("target",) if a == i and _cause(tok) else ())
            if a == j and tok.dep_ == "dobj":
                shared = ("place",)  # "questioned the invasion in 2014": the object's date
            extra[a] += [x for x in events[b].arguments if x.role in shared and x.role not in have]
    return [
        replace(ev, arguments=tuple(sorted(set(ev.arguments) | set(extra[i]), key=_order)))
        if extra[i]
        else ev
        for i, ev in enumerate(events)
    ]


def _cause(tok: Token) -> bool:
    """An event that is the subject of another, or its passive's "by" object: "the explosion
    killed six", "the building was shattered by an explosion"."""
    return tok.dep_ == "nsubj" or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")


def _host(tok: Token, events: dict[int, int]) -> tuple[Token, Token]:
    """The token that stands for an event in its clause, and the word it hangs from: a
    preposition's object hangs from the preposition's head, and an event counted by a noun
    that is no event ("a wave of shooting broke out in ...") stands where that noun does."""
    if tok.dep_ != "pobj":
        return tok, tok.head
    prep, gov = tok.head, tok.head.head
    if gov.i in events or prep.lower_ != "of":
        return tok, gov
    if gov.pos_ == "NOUN" and gov.dep_ in ("nsubj", "dobj"):
        if gov.ent_type_ == "" and not any(c.dep_ == "poss" for c in gov.children):
            return gov, gov.head
    return tok, gov


def _order(a: Argument) -> tuple[str, int, int]:
    return (a.role, a.start, a.end)


def _drop_nested(events: list[EventMention], doc: Doc) -> list[EventMention]:
    """ "adopted a resolution": the verb's event already covers the noun's."""
    keep = []
    for ev in events:
        tok = char_span(doc, ev.start, ev.end)
        root = tok.root if tok is not None else None
        dup = (
            root is not None
            and root.pos_ in NOMINAL
            and any(
                o is not ev
                and o.type == ev.type
                and o.sentence == ev.sentence
                and (h := char_span(doc, o.start, o.end)) is not None
                and root.head == h.root
                for o in events
            )
        )
        if not dup:
            keep.append(ev)
    return keep


@lru_cache(maxsize=2)
def _matcher(nlp: Language) -> PhraseMatcher:
    """The trigger matcher, built once per pipeline (per process)."""
    return build_matcher(nlp)


def step(ctx: Context) -> None:
    """Events: triggers with their arguments from the parse, dated against the article's
    own date."""
    report = report_date(ctx.article.date)
    matcher = _matcher(ctx.nlp)
    ctx.events, things = extract_events(ctx.doc, matcher, ctx.mentions, ctx.starts, report)
    ctx.mentions = sorted([*ctx.mentions, *things], key=_at)
