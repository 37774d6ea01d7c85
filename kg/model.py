"""Plain data passed between stages: ingest → nlp → link → graph.

Frozen and slotted so a stage cannot change what an earlier one produced,
and so no spaCy or rdflib object leaks across a stage boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from kg.ontology import top_class


@dataclass(frozen=True, slots=True)
class Article:
    """One news article; every offset anywhere in kg indexes ``text``."""

    id: str
    text: str
    path: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    # Character spans of ``text`` that are article content (not boilerplate).
    body: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not read, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of a person, region or group in one article: a name, a noun phrase (a
    nominal: "the ministry", "two soldiers") or a pronoun."""

    text: str
    start: int
    end: int
    sentence: int
    cls: str  # a kg class name, e.g. Person, Region, City, EthnicGroup
    ner: str  # the label the mention came from (spaCy NER label or "GAZ")
    gazetteer_id: str | None = None  # set when the entity ruler matched a gazetteer alias
    # A mention that refers to what an earlier mention refers to (a description in
    # apposition, a title, a pronoun, a definite noun phrase): the span of that mention.
    antecedent: tuple[int, int] | None = None
    kind: str = "name"  # name, nominal or pronoun
    # Why it refers to its antecedent's entity (the link reason): apposition, title,
    # pronoun, nominal-anaphor, speaker; None for a mention without an antecedent.
    reason: str | None = None
    quantity: str | None = None  # the number a noun phrase gives ("two soldiers": "two")
    # Why the article's context decided the class of a name (kg:classReason): "plays",
    # "place-context"; None where NER, the gazetteer or the name's own words decided it.
    class_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Argument:
    """A role filled in an event, pointing at a mention by its span."""

    role: str  # agent, target, instrument, place, time, topic
    start: int
    end: int
    text: str
    value: str | None = None  # normalised value for time ("1991")


@dataclass(frozen=True, slots=True)
class EventMention:
    """One report of an event in one sentence, anchored on its trigger."""

    type: str
    trigger: str
    start: int
    end: int
    sentence: int
    modality: str
    arguments: tuple[Argument, ...] = ()
    quote: tuple[int, int] | None = None  # a speech event's Quote (its content's span)


@dataclass(frozen=True, slots=True)
class RelationMention:
    """A binary fact between two mentions, found in one sentence."""

    predicate: str
    subject: tuple[int, int]
    object: tuple[int, int]
    sentence: int
    start: int  # span of the evidence in the article text
    end: int
    extractor: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Quote:
    """Speech or a claim attributed to a speaker: "X said that ...", "according to X"."""

    start: int  # the quoted or reported content
    end: int
    cue: tuple[int, int]  # the cue ("emphasized", "according to")
    sentence: int
    direct: bool  # between quote marks
    speaker: tuple[int, int] | None = None  # span of the speaker's mention, when named
    # the named mention a pronoun speaker ("she said") stands for, found in earlier text
    speaker_antecedent: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the NLP stage found in one article."""

    article: Article
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]
    events: tuple[EventMention, ...] = ()
    relations: tuple[RelationMention, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: one node however many names it goes by."""

    key: str  # stable slug inside its top class; the IRI is derived from it
    cls: str
    label: str
    alt_labels: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    iso: str | None = None  # ISO 3166-1 alpha-2 or ISO 3166-2 code
    governs: str | None = None  # Entity.ref of the region a government body governs (data)
    homeland: str | None = None  # Entity.ref of an ethnic group's homeland (data)
    # A known person's country (Entity.ref of the region) and latest office, from the person
    # gazetteer (kg/gazetteer/people.py, data), never from an article.
    country: str | None = None
    office: str | None = None
    # A participant with no name ("two soldiers", "the protesters"): the id of the one
    # article it belongs to (it is never merged across articles), and its number if given.
    scope: str | None = None
    quantity: str | None = None

    @property
    def top(self) -> str:
        return top_class(self.cls)

    @property
    def ref(self) -> str:
        return f"{self.top}/{self.key}"


class MentionId(NamedTuple):
    """A mention of the build: its article and its span there."""

    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Link:
    """Why one mention refers to one entity."""

    entity: str  # Entity.ref
    reason: str  # gazetteer, demonym, partial-name, exact, fuzzy, ...
    score: float
    literal: str | None = None  # for a metonym: Entity.ref of what its words name (the city)


@dataclass(slots=True)
class Linking:
    """The linker's answer for a whole build."""

    entities: dict[str, Entity] = field(default_factory=dict)  # by Entity.ref
    links: dict[MentionId, Link] = field(default_factory=dict)  # a plain tuple finds one too
