"""The whole build: ingest → nlp → link → graph → graph.ttl."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from kg.builder.cache import Cache, decode, encode, nlp_key
from kg.builder.executors import Failure, choose, run
from kg.builder.fingerprint import fingerprint, kg_version, nlp_fingerprint
from kg.builder.guard import check_inputs, guard_removal
from kg.builder.lock import BuildLock
from kg.builder.manifest import Entry as ManifestEntry
from kg.builder.manifest import Manifest, load_manifest
from kg.builder.result import BuildResult
from kg.errors import BuildError, InputError, UsageError
from kg.faults import checkpoint
from kg.files import CACHE_FILE, GRAPH_FILE, LINKS_FILE, write_atomic
from kg.graph.assemble import Assembly, Triples
from kg.graph.blocks import Parts, parts
from kg.ingest import MAX_BYTES, read_paths
from kg.link import group_events, link
from kg.link.events import Event
from kg.link.overrides import Overrides, load_overrides
from kg.model import Article, Extraction, Linking, Skipped
from kg.nlp.pipeline import pipeline_version

log = logging.getLogger(__name__)


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
    strict: bool = False,
    max_bytes: int = MAX_BYTES,
    executor: str | None = None,
    scheduler: str | None = None,
    prune: bool = False,
) -> BuildResult:
    """Build the graph of every article under ``paths`` into ``out/graph.ttl``.

    Incremental: only articles the extraction cache (``out/cache.sqlite`` or ``cache``)
    does not hold under the current pipeline fingerprint go through the NLP stage;
    linking and assembly always run over every article, so the graph equals a full
    build's byte for byte, but an article's part of the graph whose inputs did not change
    is reused as the cache holds it rendered (kg/graph/blocks.py). ``full`` ignores the
    cache (and refreshes it). Articles whose files are gone simply drop out. One build at
    a time per ``out``: a second one fails at once, or waits with ``wait``. On any failure
    the previous graph.ttl stays.
    Every path must exist (UsageError otherwise, before anything is read). A build that
    would drop more than half of the previous build's articles, or that finds no article,
    stops before writing anything unless ``prune`` (RemovalRefused): a mistyped or emptied
    input folder must not cost a graph and its cache.
    ``links`` is the analyst's link override file (default: ``out/links.yaml`` when present).
    ``progress(done, total)`` is called as articles finish the NLP stage.
    Files larger than ``max_bytes`` are skipped unread. With ``strict`` any skipped input
    fails the build (InputError, exit code 3) before anything is written.
    ``executor`` runs that stage in this process (``local``), ``jobs`` processes
    (``processes``) or on Dask (``dask``: the scheduler at ``scheduler``, else a LocalCluster
    of ``jobs`` workers); see kg.builder.executors. An article whose extraction raises is skipped.
    """
    started = time.perf_counter()
    paths = list(paths)
    if not paths:
        raise UsageError("no input paths given")
    if max_bytes < 1:
        raise UsageError("--max-bytes must be at least 1")
    check_inputs(paths)
    executor = choose(executor, jobs, scheduler)
    nlp_map = partial(run, executor=executor, jobs=jobs, scheduler=scheduler)
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError("output path exists and is not a folder", where=str(out_dir))
    overrides = load_overrides(links, default=out_dir / LINKS_FILE)
    with BuildLock(out_dir, wait):
        checkpoint("lock")
        _remove_stale_temporaries(out_dir)
        articles, skipped = read_paths(paths, max_bytes=max_bytes)
        checkpoint("ingest")
        for s in skipped:
            log.warning("skipped %s: %s", s.path, s.reason)
        if strict and skipped:
            raise _strict_failure(skipped)
        if not prune:
            guard_removal(load_manifest(out_dir), articles, skipped)
        try:
            return _build(
                articles,
                skipped,
                out_dir,
                overrides,
                full,
                progress,
                cache,
                nlp_map,
                started,
                strict,
            )
        except (OSError, ValueError, RuntimeError, sqlite3.Error) as e:
            raise BuildError(f"build failed, previous graph kept: {e}", where=str(out_dir)) from e


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed build left (".graph.ttl.*.tmp"): never read, so removing
    them is tidiness; only this build, holding the lock, could be writing them."""
    for p in out_dir.glob(".*.tmp"):
        if p.name.startswith((f".{GRAPH_FILE}.", ".manifest.json.")):
            p.unlink(missing_ok=True)


def _strict_failure(skipped: list[Skipped]) -> InputError:
    """The error of a strict build that skipped inputs: nothing is written, graph.ttl stays."""
    first = skipped[0]
    more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
    return InputError(f"--strict: skipped {first.path}: {first.reason}{more}; nothing written")


@dataclass(frozen=True, slots=True)
class _Graph:
    """What linking and assembly made of a build's extractions."""

    linking: Linking
    events: list[Event]
    built: Parts
    shared: Triples


def _build(
    articles: list[Article],
    skipped: list[Skipped],
    out_dir: Path,
    overrides: Overrides,
    full: bool,
    progress: Callable[[int, int], None] | None,
    cache_path: str | os.PathLike[str] | None,
    nlp_map: Callable[..., list[Extraction | Failure]],
    started: float,
    strict: bool = False,
) -> BuildResult:
    """The stages in order, under the lock: the cache, the NLP stage for what it lacks,
    linking and assembly, graph.ttl, the manifest; only then may the cache forget."""
    pipeline = pipeline_version()
    nlp_fp = nlp_fingerprint(pipeline)
    keys = {a.id: nlp_key(a) for a in articles}
    previous = load_manifest(out_dir)
    with Cache(Path(cache_path) if cache_path else out_dir / CACHE_FILE) as store:
        hits, invalidated = _cached(store, keys, nlp_fp, full)
        todo = [a for a in articles if keys[a.id] not in hits]
        fresh, failed = _extract(todo, nlp_map, progress)
        if failed:  # poison articles: reported as skipped, left out, not cached
            articles, skipped = _drop_failed(articles, skipped, failed, strict)
        encoded = {keys[i]: encode(x) for i, x in sorted(fresh.items())}
        extractions = [
            fresh[a.id] if a.id in fresh else decode(hits[keys[a.id]], a) for a in articles
        ]
        # The NLP work is kept even if a later stage fails.
        checkpoint("cache:write")
        store.put(nlp_fp, encoded)
        stored = {**hits, **encoded}
        made = _assemble(
            store,
            extractions,
            {a.id: stored[keys[a.id]] for a in articles},
            overrides,
            pipeline,
            full,
        )
        data = made.built.turtle(made.shared)
        checkpoint("serialize")
        graph_path = out_dir / GRAPH_FILE
        write_atomic(graph_path, data)
        manifest = _manifest(nlp_fp, invalidated, articles, fresh, skipped, previous)
        manifest_path = manifest.write(out_dir)
        # Only now, with the graph written, may the cache forget anything.
        store.retire(nlp_fp, set(keys.values()), made.built.digests)

    checkpoint("done")
    return BuildResult(
        out=out_dir,
        graph_path=graph_path,
        articles=len(articles),
        skipped=skipped,
        entities=_entity_counts(made.linking),
        participants=sum(1 for e in made.linking.entities.values() if e.scope is not None),
        events=dict(sorted(Counter(e.type for e in made.events).items())),
        statements=made.built.statements,
        mentions=len(made.linking.links) + sum(len(e.reports) for e in made.events),
        triples=len(made.shared) + made.built.triples,
        seconds=time.perf_counter() - started,
        extractions=extractions,
        processed=len(fresh),
        reused=len(articles) - len(fresh),
        removed=manifest.removed,
        invalidated=invalidated,
        rendered=len(made.built.made),
        manifest_path=manifest_path,
    )


def _cached(
    store: Cache, keys: dict[str, str], nlp_fp: str, full: bool
) -> tuple[dict[str, str], int]:
    """The cached extractions still valid under ``nlp_fp`` (none for a full build), and
    how many entries a changed fingerprint made stale."""
    hits = {} if full else store.get(keys.values(), nlp_fp)
    invalidated = 0 if full else store.stale(set(keys.values()) - set(hits), nlp_fp)
    if invalidated:
        log.warning("pipeline fingerprint changed: %d cached extractions are stale", invalidated)
    checkpoint("cache:read")
    return hits, invalidated


def _extract(
    todo: list[Article],
    nlp_map: Callable[..., list[Extraction | Failure]],
    progress: Callable[[int, int], None] | None,
) -> tuple[dict[str, Extraction], dict[str, str]]:
    """The NLP stage over the articles the cache lacks: their extractions by article id,
    and the reasons of those whose extraction raised."""
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, len(todo))

    outcomes = nlp_map(todo, progress=tick)
    fresh = {x.article.id: x for x in outcomes if not isinstance(x, Failure)}
    failed = {x.article: x.reason for x in outcomes if isinstance(x, Failure)}
    return fresh, failed


def _drop_failed(
    articles: list[Article], skipped: list[Skipped], failed: dict[str, str], strict: bool
) -> tuple[list[Article], list[Skipped]]:
    """The articles without those whose extraction failed, and the skipped with them;
    a strict build stops instead."""
    poison = [Skipped(a.path, failed[a.id]) for a in articles if a.id in failed]
    for s in poison:
        log.warning("skipped %s: %s", s.path, s.reason)
    if strict:
        raise _strict_failure(poison)
    return [a for a in articles if a.id not in failed], [*skipped, *poison]


def _assemble(
    store: Cache,
    extractions: list[Extraction],
    encoded: dict[str, str],
    overrides: Overrides,
    pipeline: str,
    full: bool,
) -> _Graph:
    """Link, group events, and assemble the graph: each article's block from the cache
    when its inputs did not change (never in a full build), the shared part anew."""
    linking = link(extractions, overrides=overrides)
    checkpoint("link")
    events = group_events(extractions, linking)
    checkpoint("events")
    asm = Assembly(extractions, linking, events)
    built = parts(asm, encoded, (lambda digests: {}) if full else store.blocks)
    shared = asm.shared(
        built.truthy(),
        kg_version=kg_version(),
        pipeline=pipeline,
        fingerprint=fingerprint(pipeline, overrides.fingerprint),
    )
    checkpoint("assemble")
    store.put_blocks(built.made)
    return _Graph(linking, events, built, shared)


def _manifest(
    nlp_fp: str,
    invalidated: int,
    articles: list[Article],
    fresh: dict[str, Extraction],
    skipped: list[Skipped],
    previous: Manifest | None,
) -> Manifest:
    """What became of every input: processed, unchanged, skipped, or removed since the
    previous build."""
    checkpoint("manifest")
    manifest = Manifest(fingerprint=nlp_fp, invalidated=invalidated)
    for a in articles:
        status = "processed" if a.id in fresh else "unchanged"
        manifest.entries.append(ManifestEntry(a.path, status, article=a.id))
    for s in skipped:
        manifest.entries.append(ManifestEntry(s.path, "skipped", reason=s.reason))
    seen = {e.path for e in manifest.entries}
    if previous is not None:
        manifest.removed = sorted(p for p in previous.articles() if p not in seen)
    return manifest


def _entity_counts(linking: Linking) -> dict[str, int]:
    """Named entities per class, each counted under its class and, if another, its top
    class (participants are counted apart)."""
    counts: Counter[str] = Counter()
    for ent in linking.entities.values():
        if ent.scope is not None:
            continue
        counts[ent.top] += 1
        if ent.cls != ent.top:
            counts[ent.cls] += 1
    return dict(sorted(counts.items()))
