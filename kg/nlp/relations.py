"""Binary facts between mentions, read off the parse by a few general patterns, one module
per kind of finder over a shared index of the mentions (relation_finder.py):

- roles (relation_roles.py): "X, leader of Y", "Y's spokesman X", "X, a member of Y"
- places (relation_places.py): "A, B" for a place and its country; "A, located in B" or
  "between B and C"; "A is ... in B"; unit chains
- frames (relation_frames.py): a verb, noun or preposition of data/lexicons/relations.yaml
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.model import Mention, RelationMention
from kg.nlp.context import Context
from kg.nlp.relation_frames import FrameFinder
from kg.nlp.relation_places import PlaceFinder
from kg.nlp.relation_roles import RoleFinder

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Finder(RoleFinder, PlaceFinder, FrameFinder):
    """Every kind of finder over one index of the article's mentions."""


def extract_relations(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[RelationMention]:
    finder = Finder(doc, mentions, gaz)
    finder.roles()
    finder.locations()
    finder.frames()
    seen = set()
    out = []
    for r in finder.out:
        k = (r.predicate, r.subject, r.object)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return sorted(out, key=lambda r: (r.start, r.end, r.predicate, r.subject, r.object))


def step(ctx: Context) -> None:
    """Relations between the mentions of named entities found so far: names, and noun
    phrases and pronouns that refer to a name ("the company", "it"). A relation between
    unnamed participants ("officials in the city") says little an analyst can use."""
    ends = [m for m in ctx.actors() if m.kind == "name" or m.antecedent is not None]
    ctx.relations = extract_relations(ctx.doc, ends, ctx.gazetteer)
