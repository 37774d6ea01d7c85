"""Speech as events: each quote (kg/nlp/quotes.py) is also an event anchored at its cue
("said", "told", "according to"), its speaker the agent, whom it was told to the target,
and the quote itself its kg:quote. An event the lexicon found at the cue is that event
("warned" stays a Threaten, "accused" an Accuse); a cue with none, or with only a
kg:Occurrence, is a kg:Comment of the kg:PublicStatement family."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.model import Argument, EventMention, Mention, Quote
from kg.nlp.context import Context
from kg.nlp.entities import mentions_by_token, sentence_of
from kg.nlp.event_triggers import GENERIC
from kg.nlp.events import used_things

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPEECH = "Comment"  # the type of a speech event no lexicon types otherwise
_ADDRESSEE_DEPS = ("dobj", "dative")


def _addressee(
    doc: Doc, q: Quote, by_token: dict[int, Mention], speaker: Argument | None
) -> Argument | None:
    """ "told reporters", "said to the BBC": whom it was said to, when a mention (not the
    speaker of "according to the police")."""
    cue = doc.char_span(q.cue[0], q.cue[1], alignment_mode="expand")
    if cue is None:
        return None
    verb = cue.root
    cands = [c for c in verb.children if c.dep_ in _ADDRESSEE_DEPS]
    cands += [g for c in verb.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    for tok in cands:
        m = by_token.get(tok.i)
        if speaker is not None and (m is None or (m.start, m.end) == (speaker.start, speaker.end)):
            continue
        if m is not None and not (q.start <= m.start < q.end):
            return Argument("target", m.start, m.end, m.text)
    return None


def _speaker(q: Quote, by_span: dict[tuple[int, int], Mention]) -> Argument | None:
    span = q.speaker or q.speaker_antecedent
    m = by_span.get(span) if span else None
    return Argument("agent", m.start, m.end, m.text) if m is not None else None


def speech_events(
    doc: Doc,
    events: list[EventMention],
    quotes: list[Quote],
    mentions: list[Mention],
    sent_starts: list[int],
) -> list[EventMention]:
    """``events`` with each quote's cue made (or turned into) its speech event."""
    by_token = mentions_by_token(doc, mentions)
    by_span = {(m.start, m.end): m for m in mentions}
    out = list(events)
    for q in quotes:
        at_cue = [i for i, e in enumerate(out) if e.start < q.cue[1] and q.cue[0] < e.end]
        old = out[at_cue[0]] if at_cue else None
        speaker = _speaker(q, by_span)
        addressee = _addressee(doc, q, by_token, speaker)
        if old is not None and (old.type == GENERIC or " " in doc.text[q.cue[0] : q.cue[1]]):
            old = replace(old, type=SPEECH, start=q.cue[0], end=q.cue[1])  # "according to"
        # a statement's parties are its speaker and addressee; no made thing takes part
        args = [a for a in (old.arguments if old else ()) if a.role in ("place", "time", "topic")]
        args += [a for a in (speaker, addressee) if a is not None]
        text = doc.text[q.cue[0] : q.cue[1]]
        new = EventMention(
            type=old.type if old else SPEECH,
            trigger=doc.text[old.start : old.end] if old else text,
            start=old.start if old else q.cue[0],
            end=old.end if old else q.cue[1],
            sentence=sentence_of(sent_starts, q.cue[0]),
            modality=old.modality if old else "asserted",
            arguments=tuple(sorted(set(args), key=lambda a: (a.role, a.start, a.end))),
            quote=(q.start, q.end),
        )
        if old is not None:
            out[at_cue[0]] = new
        else:
            out.append(new)
    return sorted(out, key=lambda e: (e.start, e.end, e.type))


def step(ctx: Context) -> None:
    """Speech events: every quote's cue, with its speaker and addressee."""
    ctx.events = speech_events(ctx.doc, ctx.events, ctx.quotes, ctx.actors(), ctx.starts)
    ctx.mentions = used_things(ctx.events, ctx.mentions)
