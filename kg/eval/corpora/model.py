"""Gold annotations of the public corpora, as plain data every loader produces.

A `CorpusDoc` is a `GoldDoc` (named and typed mentions, scored by kg/eval/score.py as
before) with the layers the corpora add: every mention with its kind and coreference
chain, events with arguments and coreference, document-level relations between entities,
attributions (quotes), pronoun-name pairs, and the part of the text the gold covers.
Offsets are 0-based character offsets into `text`, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.eval.gold import GoldDoc

Span = tuple[int, int]

KINDS = ("name", "nominal", "pronoun")


@dataclass(frozen=True, slots=True)
class AnyMention:
    """A mention of any kind (GUM): its span, its head token's span, kind, class, chain."""

    start: int
    end: int
    head: Span
    kind: str  # name, nominal, pronoun
    cls: str  # Person, Region, Group
    chain: str  # the coreference chain (entity) within the document


@dataclass(frozen=True, slots=True)
class EventArg:
    role: str  # the corpus's role name (Victim, Attacker, ...)
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CorpusEvent:
    type: str  # the corpus's type (Life.Die.Unspecified, ACTION_OCCURRENCE, ...)
    start: int  # trigger
    end: int
    arguments: tuple[EventArg, ...] = ()
    chain: str = ""  # coreference chain across documents (ECB+ instance), or "" for none


@dataclass(frozen=True, slots=True)
class EntityRelation:
    """A document-level relation: every mention span of its head and of its tail entity."""

    type: str  # the corpus's relation name (P17, based_in0, ...)
    head: tuple[Span, ...]
    tail: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """An attributed content (PolNeAR): content spans, source span, kind, named source."""

    content: tuple[Span, ...]
    source: Span | None
    kind: str  # direct, mixed, indirect
    named: bool  # the source names someone (not a pronoun or a description)
    cue: Span | None = None


@dataclass(frozen=True, slots=True)
class PronounPair:
    """GAP: is the pronoun at `pronoun` the name at `name`?"""

    pronoun: Span
    name: Span
    coref: bool
    gender: str  # feminine, masculine


@dataclass(slots=True)
class CorpusDoc(GoldDoc):
    unit: str = ""  # what the tune/check split hashes (the document id unless a loader says)
    scope: list[Span] | None = None  # the parts of the text the gold annotates; None: all
    all_mentions: list[AnyMention] | None = None
    doc_events: list[CorpusEvent] | None = None
    doc_relations: list[EntityRelation] | None = None
    attributions: list[Attribution] | None = None
    pairs: list[PronounPair] | None = None
    extra: dict[str, str] = field(default_factory=dict)  # e.g. genre
