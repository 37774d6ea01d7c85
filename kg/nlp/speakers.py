"""First-person pronouns inside a quote are its speaker: "I" and "me" refer to whoever the
quote is attributed to; "we" and "us" to one group per speaker, their first use in the
article standing for it. Runs after the quotes step, which finds the speakers."""

from __future__ import annotations

import dataclasses

from kg.model import Mention, Quote
from kg.nlp.context import Context
from kg.nlp.pronouns import features


def _quote_of(quotes: list[Quote], m: Mention) -> Quote | None:
    return next((q for q in quotes if q.start <= m.start and m.end <= q.end), None)


def speak(mentions: list[Mention], quotes: list[Quote]) -> list[Mention]:
    out = []
    first_we: dict[tuple[int, int], Mention] = {}  # speaker span → their first "we"
    for m in mentions:
        f = features(m)
        q = (
            _quote_of(quotes, m)
            if f is not None and f.person == 1 and m.antecedent is None
            else None
        )
        who = (q.speaker or q.speaker_antecedent) if q is not None else None
        if who is None:  # not a first person in a quote with a speaker
            out.append(m)
        elif f.number == "sg":
            out.append(dataclasses.replace(m, antecedent=who, reason="speaker"))
        elif who in first_we:
            earlier = first_we[who]
            out.append(
                dataclasses.replace(m, antecedent=(earlier.start, earlier.end), reason="pronoun")
            )
        else:
            first_we[who] = m
            out.append(m)
    return out


def step(ctx: Context) -> None:
    ctx.mentions = speak(ctx.mentions, ctx.quotes)
