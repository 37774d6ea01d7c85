"""The class of a name decided in context, once for all its mentions in the article.

NER classes a name token by token; a reader classes the thing once, from everything the
article says of it. Each mention of a name gives its evidence, read off the parse:

- it plays: the subject of a team verb ("scored"), the owner of a team noun ("Germany's
  coach"), after "against" a match word; a result ("beat", "won") counts only for a name
  that also has such a sports cue ("When do we beat Mexico" is no match report);
- it is a place: the object of "in", "at", "to", "from" (data/lexicons/metonymy.yaml), or
  right after a place and a comma ("Livorno, Tuscany");
- it is a person: a title or a role word right before it ("Mr", "coach").

- it is a work, a product or an event: it modifies, follows or stands in apposition with
  such a head noun ("the Nabucco pipeline", "her novel Angel Catbird");
- it acts: the subject or object of a verb, or after a preposition (a thing with a name).

The votes are counted over every mention of the same words, and the winner classes them
all, with the reason kept on each mention (kg:classReason):

- a name most of whose mentions name a work, a product or an event is no entity (its
  mentions are dropped; "the Environment Canada report" once is still Environment Canada);

- ``plays``: a place's name with more team evidence than place evidence is its team
  (SportsTeam; the place itself is what the words name, kg:literalReferent);
- ``place-context``: a name NER read as a person or a group that the gazetteer knows as a
  place, with more place evidence than person evidence, and no part of a person's
  full name in the article ("Obama" after "Barack Obama", whatever Japanese town shares
  it), is that place. The gazetteer alone never decides: a name with no evidence keeps
  NER's class.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.model import Mention
from kg.nlp.docindex import char_span
from kg.nlp.lexicons import load, nonentity_heads, title_words, type_nouns
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

TEAM = "TEAM"  # the NER label of a mention read as a sports team
PLAYS, PLACE = "plays", "place-context"


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    data = load("metonymy")
    parts = ("team_verbs", "team_results", "team_objects", "team_nouns", "place_preps")
    return {k: frozenset(str(w) for w in data[k]) for k in parts}


def _cue(root: Token) -> str | None:
    """What one mention's place in the sentence says it is: "team" (a sports cue),
    "result" (a result, said of teams and of countries), "place", "person"."""
    w, head = _words(), root.head
    lemma = head.lemma_.lower()
    if root.dep_ in ("nsubj", "conj") and head.pos_ == "VERB":
        if lemma in w["team_verbs"]:
            return "team"
        if lemma in w["team_results"]:
            return "result"
    if root.dep_ == "dobj" and lemma in w["team_objects"]:
        return "result"
    if root.dep_ == "poss" and lemma in w["team_nouns"]:
        return "team"
    if root.dep_ == "pobj" and head.lower_ == "against":
        above = head.head.lemma_.lower()
        if above in w["team_verbs"] or above in w["team_nouns"]:
            return "team"
        if above in w["team_results"]:
            return "result"
    if root.dep_ == "pobj" and head.lower_ in w["place_preps"]:
        return "place"
    return None


def _work_cue(span: Span) -> bool:
    """A name that is a kind of work, product or event (data/lexicons/nonentities.yaml): it
    modifies such a noun ("the Nabucco pipeline", "Hajj pilgrimage"), stands in apposition
    with one, or comes right after one ("her graphic novel Angel Catbird")."""
    heads, root = nonentity_heads(), span.root
    if root.dep_ in ("compound", "appos", "nmod") and root.head.pos_ == "NOUN":
        if root.head.lemma_.lower() in heads and root.head.i > root.i:
            return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in heads for c in root.children):
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in heads


def _person_cue(doc: Doc, start: int) -> bool:
    """A title or role word right before the name ("Mr Key", "coach Löw")."""
    span = char_span(doc, start, start + 1)
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.lower_.strip(".") in title_words()


def _after_a_place(doc: Doc, start: int, places: set[int]) -> bool:
    """ "Livorno, Tuscany": right after a comma that follows a place of the article."""
    span = char_span(doc, start, start + 1)
    if span is None or span.start < 2 or doc[span.start - 1].text != ",":
        return False
    return doc[span.start - 2].idx in places


def _evidence(doc: Doc, mentions: list[Mention], places: set[int]) -> Counter[str]:
    votes: Counter[str] = Counter()
    for m in mentions:
        if _person_cue(doc, m.start):
            votes["person"] += 1
            continue
        if _after_a_place(doc, m.start, places):
            votes["place"] += 1
            continue
        span = char_span(doc, m.start, m.end)
        if span is not None and _work_cue(span):
            votes["work"] += 1
            continue
        cue = _cue(span.root) if span is not None else None
        if cue is not None:
            votes[cue] += 1
        elif span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            votes["acts"] += 1  # it does or undergoes something: a thing with a name
    return votes


def _names_a_body(text: str) -> bool:
    """A name with an organisation's word in it ("University of Texas") is that body,
    whatever town shares its name."""
    nouns = type_nouns()
    return any(top_class(nouns.get(w.lower(), "Person")) == "Group" for w in text.split())


def decide_classes(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Every name's mentions, reclassed where the article's evidence outvotes NER."""
    by_text: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.kind == "name" and m.antecedent is None:
            by_text[m.text].append(m)
    # where each place of the article ends its last word (for "Livorno, Tuscany")
    places = {
        doc[sp.end - 1].idx
        for m in mentions
        if top_class(m.cls) == "Region"
        for sp in [char_span(doc, m.start, m.end)]
        if sp is not None
    }
    # words of the article's full person names: "Obama" after "Barack Obama" is no town
    full = [m.text.split() for m in mentions if m.cls == "Person" and " " in m.text]
    parts = frozenset(w for words in full for w in words)
    changed: dict[tuple[int, int], Mention | None] = {}
    for text, ms in by_text.items():
        votes = _evidence(doc, ms, places)
        for m, new in zip(ms, _decide(text, ms, votes, gaz, parts), strict=True):
            changed[(m.start, m.end)] = new
    out = [changed.get((m.start, m.end), m) for m in mentions]
    return [m for m in out if m is not None]


def _decide(
    text: str,
    ms: list[Mention],
    votes: Counter[str],
    gaz: Gazetteer,
    person_parts: frozenset[str],
) -> list[Mention | None]:
    """One name's mentions after the vote: dropped (a work, a product, an event), its
    team, the place it names, or as they were."""
    curated = any(gaz.entries[m.gazetteer_id].curated for m in ms if m.gazetteer_id in gaz.entries)
    if 2 * votes["work"] > len(ms) and not curated:  # most of its mentions name a work
        return [None for _ in ms]
    place = gaz.lookup(text)
    if place is None or top_class(place.cls) != "Region":
        return list(ms)
    plays = votes["team"] + votes["result"] if votes["team"] else 0
    if plays > votes["place"] + votes["person"]:
        return [
            replace(m, cls="SportsTeam", gazetteer_id=None, ner=TEAM, class_reason=PLAYS)
            for m in ms
        ]
    if (
        votes["place"] > votes["person"]
        and any(top_class(m.cls) != "Region" for m in ms)
        and not _names_a_body(text)
        and text not in person_parts
    ):
        return [
            replace(m, cls=place.cls, gazetteer_id=place.id, ner="GAZ", class_reason=PLACE)
            for m in ms
        ]
    return list(ms)
