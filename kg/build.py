"""The whole build: ingest → nlp → link → graph → graph.ttl."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.namespace import RDF

from kg.cache import CACHE_FILE, Cache, decode, encode, nlp_key
from kg.config import fingerprint, kg_version, nlp_fingerprint
from kg.errors import BuildError, UsageError
from kg.graph import KG, PREFIXES, assemble_triples, write_atomic, write_turtle
from kg.ingest import read_paths
from kg.link import group_events, link
from kg.link.overrides import Overrides, load_overrides
from kg.manifest import Entry as ManifestEntry
from kg.manifest import Manifest, load_manifest
from kg.model import Article, Extraction, Skipped
from kg.nlp.extract import extract_all
from kg.nlp.pipeline import pipeline_version

log = logging.getLogger(__name__)

GRAPH_FILE = "graph.ttl"
LOCK_FILE = ".kg.lock"


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
    processed: int = 0  # articles read by the NLP stage in this build
    reused: int = 0  # articles whose extraction came from the cache
    removed: list[str] = field(default_factory=list)  # inputs of the last build now gone
    invalidated: int = 0  # cache entries a changed pipeline fingerprint made stale
    manifest_path: Path | None = None

    @property
    def event_count(self) -> int:
        return sum(self.events.values())


class _Lock:
    """One build at a time per output folder. The lock is an flock on DIR/.kg.lock, which
    the kernel releases when its holder dies, so a killed build never leaves it stale."""

    def __init__(self, out_dir: Path, wait: bool) -> None:
        from filelock import FileLock

        out_dir.mkdir(parents=True, exist_ok=True)
        self.lock = FileLock(str(out_dir / LOCK_FILE), timeout=-1 if wait else 0)
        self.out_dir = out_dir

    def __enter__(self) -> _Lock:
        from filelock import Timeout

        try:
            self.lock.acquire()
        except Timeout as e:
            raise BuildError(
                "another build is writing to this folder (use --wait to wait for it)",
                where=str(self.out_dir),
            ) from e
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def build(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str] = "out",
    *,
    full: bool = False,
    links: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    wait: bool = False,
) -> BuildResult:
    """Build the graph of every article under ``paths`` into ``out/graph.ttl``.

    Incremental: only articles the extraction cache (``out/cache.sqlite`` or ``cache``)
    does not hold under the current pipeline fingerprint go through the NLP stage;
    linking and assembly always run over every article, so the graph equals a full
    build's byte for byte. ``full`` ignores the cache (and refreshes it). Articles whose
    files are gone simply drop out. One build at a time per ``out``: a second one fails
    at once, or waits with ``wait``. On any failure the previous graph.ttl stays.
    ``links`` is the analyst's link override file (default: data/links.yaml when present).
    ``progress(done, total)`` is called as articles finish the NLP stage.
    """
    started = time.perf_counter()
    paths = list(paths)
    if not paths:
        raise UsageError("no input paths given")
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError("output path exists and is not a folder", where=str(out_dir))
    overrides = load_overrides(links)
    with _Lock(out_dir, wait):
        articles, skipped = read_paths(paths)
        for s in skipped:
            log.warning("skipped %s: %s", s.path, s.reason)
        try:
            return _build(
                articles, skipped, out_dir, overrides, full, progress, cache, jobs, started
            )
        except (OSError, ValueError, RuntimeError, sqlite3.Error) as e:
            raise BuildError(f"build failed, previous graph kept: {e}", where=str(out_dir)) from e


def _build(
    articles: list[Article],
    skipped: list[Skipped],
    out_dir: Path,
    overrides: Overrides,
    full: bool,
    progress: Callable[[int, int], None] | None,
    cache_path: str | os.PathLike[str] | None,
    jobs: int,
    started: float,
) -> BuildResult:
    pipeline = pipeline_version()
    nlp_fp = nlp_fingerprint(pipeline)
    keys = {a.id: nlp_key(a) for a in articles}
    previous = load_manifest(out_dir)
    with Cache(Path(cache_path) if cache_path else out_dir / CACHE_FILE) as store:
        hits = {} if full else store.get(keys.values(), nlp_fp)
        invalidated = 0 if full else store.stale(set(keys.values()) - set(hits), nlp_fp)
        if invalidated:
            log.warning(
                "pipeline fingerprint changed: %d cached extractions are stale", invalidated
            )
        todo = [a for a in articles if keys[a.id] not in hits]
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, len(todo))

        fresh = {x.article.id: x for x in extract_all(todo, jobs=jobs, progress=tick)}
        extractions = [
            fresh[a.id] if a.id in fresh else decode(hits[keys[a.id]], a) for a in articles
        ]
        # The NLP work is kept even if a later stage fails.
        store.replace(
            nlp_fp, {keys[i]: encode(x) for i, x in sorted(fresh.items())}, set(keys.values())
        )
    linking = link(extractions, overrides=overrides)
    events = group_events(extractions, linking)
    graph = assemble_triples(
        extractions,
        linking,
        events,
        kg_version=kg_version(),
        pipeline=pipeline,
        fingerprint=fingerprint(pipeline, overrides.fingerprint),
    )
    data = write_turtle(graph, PREFIXES)
    graph_path = out_dir / GRAPH_FILE
    write_atomic(graph_path, data)

    manifest = Manifest(fingerprint=nlp_fp, invalidated=invalidated)
    for a in articles:
        status = "processed" if a.id in fresh else "unchanged"
        manifest.entries.append(ManifestEntry(a.path, status, article=a.id))
    for s in skipped:
        manifest.entries.append(ManifestEntry(s.path, "skipped", reason=s.reason))
    seen = {e.path for e in manifest.entries}
    if previous is not None:
        manifest.removed = sorted(p for p in previous.articles() if p not in seen)
    manifest_path = manifest.write(out_dir)

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
        processed=len(fresh),
        reused=len(articles) - len(fresh),
        removed=manifest.removed,
        invalidated=invalidated,
        manifest_path=manifest_path,
    )
