"""The NLP stage's steps, in the order they run over each article. Adding a step is adding
a module with ``step(ctx)`` and one line here; extraction, benchmarks and tests run this
list (or a prefix of it), never a copy."""

from __future__ import annotations

from kg.nlp import (
    appositions,
    coref,
    entities,
    events,
    nominals,
    pronouns,
    quotes,
    relations,
    sentences,
    speakers,
    speech,
)
from kg.nlp.context import Context, Step

STEPS: tuple[Step, ...] = (
    sentences.step,  # sentence spans and their starts
    entities.step,  # named mentions, classed
    appositions.step,  # descriptions and titles of named people
    nominals.step,  # noun phrases of people, groups and places ("the soldiers")
    pronouns.step,  # personal pronouns
    coref.step,  # each pronoun and definite noun phrase → what it refers back to
    events.step,  # event triggers with their arguments
    relations.step,  # relations between mentions
    quotes.step,  # speech and claims with their speakers
    speakers.step,  # "I" and "we" inside a quote → its speaker
    speech.step,  # each quote also an event at its cue, its speaker the agent
)

# The entity layer alone (names): what the entity benchmarks time against raw spaCy.
ENTITY_STEPS = STEPS[:3]
# Every mention and its coreference, without events, relations and quotes.
MENTION_STEPS = STEPS[:6]


def run_steps(ctx: Context, steps: tuple[Step, ...] = STEPS) -> Context:
    for step in steps:
        step(ctx)
    return ctx
