"""What the NLP steps share while they read one article: the Doc, the gazetteer and what
earlier steps found. Every step is ``step(ctx) -> None`` (kg/nlp/steps.py lists them in
order); the Doc never leaves this stage, only the Extraction made from the context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import Article, EventMention, Extraction, Mention, Quote, RelationMention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.gazetteer import Gazetteer


ARTIFACT = "Artifact"  # the class of a made thing an event involves (kg/nlp/event_args.py)


@dataclass(slots=True)
class Context:
    article: Article
    doc: Doc
    nlp: Language  # for per-process resources a step builds once (the event matcher)
    gazetteer: Gazetteer
    sentences: tuple[tuple[int, int], ...] = ()
    starts: list[int] = field(default_factory=list)  # sentence start offsets
    mentions: list[Mention] = field(default_factory=list)  # sorted by (start, end)
    events: list[EventMention] = field(default_factory=list)
    relations: list[RelationMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def actors(self) -> list[Mention]:
        """The mentions of people, places and groups: those that can speak, act in a
        relation or be quoted (not the made things events involve, kg:Artifact)."""
        return [m for m in self.mentions if m.cls != ARTIFACT]

    def extraction(self) -> Extraction:
        return Extraction(
            article=self.article,
            sentences=self.sentences,
            mentions=tuple(self.mentions),
            events=tuple(self.events),
            relations=tuple(self.relations),
            quotes=tuple(self.quotes),
        )


Step = Callable[[Context], None]
