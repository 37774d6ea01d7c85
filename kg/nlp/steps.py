"""The NLP stage's steps, in the order they run over each article. Adding a step is adding
a module with ``step(ctx)`` and one line here; extraction, benchmarks and tests run this
list (or a prefix of it), never a copy."""

from __future__ import annotations

from kg.nlp import appositions, entities, events, quotes, relations, sentences
from kg.nlp.context import Context, Step

STEPS: tuple[Step, ...] = (
    sentences.step,  # sentence spans and their starts
    entities.step,  # named mentions, classed
    appositions.step,  # descriptions and titles of named people
    events.step,  # event triggers with their arguments
    relations.step,  # relations between mentions
    quotes.step,  # speech and claims with their speakers
)

# The entity layer alone: what the entity benchmarks time against raw spaCy.
ENTITY_STEPS = STEPS[:3]


def run_steps(ctx: Context, steps: tuple[Step, ...] = STEPS) -> Context:
    for step in steps:
        step(ctx)
    return ctx
