"""The whole build: ingest → nlp → link → graph → graph.ttl."""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.namespace import RDF

from kg.config import fingerprint, kg_version
from kg.errors import BuildError, UsageError
from kg.graph import KG, assemble, to_turtle, write_atomic
from kg.ingest import read_paths
from kg.link import group_events, link
from kg.link.overrides import load_overrides
from kg.model import Extraction, Skipped
from kg.nlp.extract import extract
from kg.nlp.pipeline import pipeline_version

log = logging.getLogger(__name__)

GRAPH_FILE = "graph.ttl"


@dataclass(slots=True)
class BuildResult:
    """What a build did, for the CLI summary and for tests."""

    out: Path
    graph_path: Path
    articles: int
    skipped: list[Skipped]
    entities: dict[str, int]  # per class, specific and top
    events: dict[str, int]  # per event type
    statements: int
    mentions: int
    triples: int
    seconds: float
    extractions: list[Extraction] = field(default_factory=list, repr=False)

    @property
    def event_count(self) -> int:
        return sum(self.events.values())


def build(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str] = "out",
    *,
    full: bool = True,
    links: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build the graph of every article under ``paths`` into ``out/graph.ttl``.

    Every build currently re-reads all articles (``full`` is accepted for the
    incremental builds to come). On any failure the previous graph.ttl stays.
    ``links`` is the analyst's link override file (default: data/links.yaml when present).
    ``progress(done, total)`` is called after each article's NLP.
    """
    del full
    started = time.perf_counter()
    paths = list(paths)
    if not paths:
        raise UsageError("no input paths given")
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError("output path exists and is not a folder", where=str(out_dir))
    overrides = load_overrides(links)
    articles, skipped = read_paths(paths)
    for s in skipped:
        log.warning("skipped %s: %s", s.path, s.reason)
    try:
        extractions: list[Extraction] = []
        for x in extract(articles):
            extractions.append(x)
            if progress is not None:
                progress(len(extractions), len(articles))
        linking = link(extractions, overrides=overrides)
        events = group_events(extractions, linking)
        pipeline = pipeline_version()
        graph = assemble(
            extractions,
            linking,
            events,
            kg_version=kg_version(),
            pipeline=pipeline,
            fingerprint=fingerprint(pipeline, overrides.fingerprint),
        )
        data = to_turtle(graph)
        graph_path = out_dir / GRAPH_FILE
        write_atomic(graph_path, data)
    except (OSError, ValueError, RuntimeError) as e:
        raise BuildError(f"build failed, previous graph kept: {e}", where=str(out_dir)) from e
    entity_counts: Counter[str] = Counter()
    for ent in linking.entities.values():
        entity_counts[ent.top] += 1
        if ent.cls != ent.top:
            entity_counts[ent.cls] += 1
    return BuildResult(
        out=out_dir,
        graph_path=graph_path,
        articles=len(articles),
        skipped=skipped,
        entities=dict(sorted(entity_counts.items())),
        events=dict(sorted(Counter(e.type for e in events).items())),
        statements=sum(1 for _ in graph.subjects(RDF.type, KG.Statement)),
        mentions=len(linking.links) + sum(len(e.reports) for e in events),
        triples=len(graph),
        seconds=time.perf_counter() - started,
        extractions=extractions,
    )
