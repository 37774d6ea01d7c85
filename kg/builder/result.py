"""What a build did: the value kg.build returns, for the CLI summary and for tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.model import Extraction, Skipped


@dataclass(slots=True)
class BuildResult:
    """What a build did, for the CLI summary and for tests."""

    out: Path
    graph_path: Path
    articles: int
    skipped: list[Skipped]
    entities: dict[str, int]  # named entities per class, specific and top
    events: dict[str, int]  # per event type
    statements: int
    mentions: int
    triples: int
    seconds: float
    extractions: list[Extraction] = field(default_factory=list, repr=False)
    processed: int = 0  # articles read by the NLP stage in this build
    reused: int = 0  # articles whose extraction came from the cache
    removed: list[str] = field(default_factory=list)  # inputs of the last build now gone
    invalidated: int = 0  # cache entries a changed pipeline fingerprint made stale
    rendered: int = 0  # articles whose part of the graph was assembled anew (not reused)
    manifest_path: Path | None = None
    participants: int = 0  # unnamed participants ("two soldiers"), each of one article

    @property
    def event_count(self) -> int:
        return sum(self.events.values())
