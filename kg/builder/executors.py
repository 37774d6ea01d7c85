"""Where the NLP map runs: in this process, in a pool of processes, or on a Dask cluster.

Extraction is a map over articles with no shared state, so it can run wherever kg is
installed; linking and assembly need every extraction at once and stay with the caller.
All three executors run the same worker function over partitions of articles. It catches
an exception per article, so a poison article becomes a `Failure` the build reports and
skips, instead of failing its partition (or being retried by Dask until it gives up).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.builder.summary import plural
from kg.errors import BuildError, ServerError, UsageError
from kg.gazetteer import load as load_gazetteer
from kg.model import Article, Extraction
from kg.nlp.extract import extract
from kg.nlp.pipeline import load_pipeline

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

EXECUTORS = ("local", "processes", "dask")
MAX_PARTITION = 64  # articles per task: big enough to batch nlp.pipe, small enough to balance
MIN_PARTITION = 4  # the last tasks: a worker that finishes first waits for at most this many
SCHEDULER_TIMEOUT = "10s"  # how long to try to reach a Dask scheduler


@dataclass(frozen=True, slots=True)
class Failure:
    """An article whose extraction raised (or killed its worker), and why."""

    article: str  # article id
    reason: str


Outcome = Extraction | Failure


def choose(executor: str | None, jobs: int, scheduler: str | None = None) -> str:
    """The executor to use, or a UsageError for a combination that cannot mean anything.

    No executor means what kg did before there was a choice: one process, or a pool when
    ``jobs`` > 1.
    """
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if executor is None:
        executor = "dask" if scheduler else "local" if jobs == 1 else "processes"
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r} (choose {', '.join(EXECUTORS)})")
    if scheduler and executor != "dask":
        raise UsageError("--scheduler is the address of a Dask scheduler: use --executor dask")
    if executor == "local" and jobs > 1:
        raise UsageError(f"--executor local is one process; --jobs {jobs} needs processes or dask")
    return executor


def run(
    articles: list[Article],
    *,
    executor: str | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Each article's Extraction, or its Failure, in input order.

    ``processes`` runs ``jobs`` worker processes; ``dask`` runs on the scheduler at
    ``scheduler``, or on a LocalCluster of ``jobs`` one-thread worker processes that lives
    as long as this call. ``progress(n)`` is told as each partition of n articles finishes.
    """
    executor = choose(executor, jobs, scheduler)
    if not articles:
        log.info("nlp: no article to extract")
        return []  # a fully cached rebuild never loads the model (or starts a cluster)
    started = time.perf_counter()
    if executor == "dask":
        where = f"on the Dask scheduler at {scheduler}"
        if not scheduler:
            where = f"on a Dask LocalCluster of {plural(jobs, 'worker')}"
        with _meanwhile(load_gazetteer):
            out = _dask(articles, jobs, scheduler, progress)
    elif executor == "processes" and len(articles) >= 4 * jobs:
        where = f"in {jobs} processes"
        with _meanwhile(load_gazetteer):
            out = _processes(articles, jobs, progress)
    else:
        where = "in this process"
        if executor == "processes":
            where += f" (fewer than {4 * jobs} articles: not worth {jobs} processes)"
        out = extract_partition(articles, progress)
    seconds = time.perf_counter() - started
    log.info("nlp: %s %s in %.2f s", plural(len(articles), "article"), where, seconds)
    return out


@contextmanager
def _meanwhile(work: Callable[[], object]) -> Iterator[None]:
    """Run ``work`` in a thread of this process while it only waits for its workers (the
    linker will need the gazetteer next: loading it here takes it off the critical path)."""
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        yield
    finally:
        thread.join()


def partitions(articles: list[Article], workers: int) -> list[list[Article]]:
    """Contiguous partitions that shrink towards the end: the first are big enough to batch
    nlp.pipe, the last are small, so no worker idles long while another finishes its share
    (each is a share of what is left: guided scheduling)."""
    out, i, n = [], 0, len(articles)
    while i < n:
        size = max(MIN_PARTITION, min(MAX_PARTITION, -(-(n - i) // (2 * workers))))
        out.append(articles[i : i + size])
        i += size
    return out


def extract_partition(
    articles: list[Article], tick: Callable[[int], None] | None = None
) -> list[Outcome]:
    """The worker function: the partition's extractions, in order, a Failure for any
    article whose extraction raises.

    Articles run as one ``nlp.pipe`` stream (batched, fast). When the stream raises, the
    culprit is the next article or one batched with it: the next runs alone (a Failure if
    it raises again) and the stream resumes after it, so only the poison article is lost.
    ``tick(1)`` is called as each article is done.
    """
    load_pipeline()  # a missing model fails the build, not every article one by one
    out: list[Outcome] = []
    while len(out) < len(articles):
        try:
            for x in extract(articles[len(out) :]):
                out.append(x)
                if tick is not None:
                    tick(1)
        except Exception:  # any error of one article is that article's
            article = articles[len(out)]
            try:
                out.extend(extract([article]))
            except Exception as e:
                out.append(Failure(article.id, _reason(e)))
            if tick is not None:
                tick(1)
    return out


def _reason(e: BaseException) -> str:
    first = (str(e).strip().splitlines() or [""])[0]
    if len(first) > 160:
        first = first[:159] + "…"
    return f"extraction failed: {type(e).__name__}: {first}".rstrip(": ")


# ---- processes --------------------------------------------------------------------------------


def _processes(
    articles: list[Article], jobs: int, progress: Callable[[int], None] | None
) -> list[Outcome]:
    """A local pool; each process loads the pipeline once (it is cached per process)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    out: list[Outcome] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        for part in pool.map(extract_partition, partitions(articles, jobs)):
            out += part
            if progress is not None:
                progress(len(part))
    return out


# ---- dask -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """This process's NLP fingerprint (kg version, code, model, data files)."""
    from kg.builder.fingerprint import nlp_fingerprint
    from kg.nlp.pipeline import pipeline_version

    return nlp_fingerprint(pipeline_version())


def dask_partition(articles: list[Article]) -> tuple[str, list[str | Failure]]:
    """The Dask task: the worker's fingerprint and each article's extraction as the cache's
    JSON, which leaves out the article text the driver already holds."""
    from kg.builder.cache import encode

    out = extract_partition(articles)
    return _fingerprint(), [x if isinstance(x, Failure) else encode(x) for x in out]


def _dask(
    articles: list[Article],
    jobs: int,
    scheduler: str | None,
    progress: Callable[[int], None] | None,
) -> list[Outcome]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise UsageError("--executor dask needs Dask: pip install 'kg[dist]'") from e

    if scheduler is None:
        log.info("starting a Dask LocalCluster of %d worker processes", jobs)
        with (
            LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,  # one spaCy pipeline per process, used by one thread
                processes=True,
                dashboard_address=":0",  # the scheduler's HTTP server on any free port
            ) as cluster,
            Client(cluster) as client,
        ):
            return _dask_map(client, articles, progress)
    try:
        client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
    except ValueError as e:  # not an address Dask can read
        raise UsageError(f"not a Dask scheduler address: {e}", where=scheduler) from e
    except (OSError, TimeoutError) as e:
        raise ServerError(f"cannot reach the Dask scheduler: {e}", where=scheduler) from e
    with client:
        return _dask_map(client, articles, progress)


def _dask_map(
    client: Client, articles: list[Article], progress: Callable[[int], None] | None
) -> list[Outcome]:
    """Partitions as tasks, a few per worker in flight at a time (so neither the scheduler
    nor this process holds the whole corpus twice); results are decoded as they arrive.

    A partition whose worker died is retried by Dask (the scheduler's ``allowed-failures``);
    one that killed every worker it ran on is split into single articles, which run one at
    a time once nothing else is in flight (a dying worker takes the tasks queued on it down
    too, so an innocent article run beside the culprit would be blamed), and a single
    article that still kills every worker it runs on is a Failure."""
    from collections import deque

    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    from kg.builder.cache import decode

    workers = len(client.scheduler_info()["workers"])
    if workers == 0:
        log.warning("the Dask scheduler has no workers yet: tasks wait for one to join")
    log.info("extracting %d articles on %d Dask workers", len(articles), workers)
    expected = _fingerprint()
    queue = deque(partitions(articles, max(1, workers)))
    solo: deque[list[Article]] = deque()  # single articles of a partition that killed workers
    todo: dict[object, list[Article]] = {}
    pending = as_completed()

    def submit(part: list[Article]) -> None:
        future = client.submit(dask_partition, part, pure=False)
        todo[future] = part
        pending.add(future)

    def refill() -> None:
        if queue:
            submit(queue.popleft())
        elif solo and not todo:
            submit(solo.popleft())

    for _ in range(min(len(queue), 4 * max(1, workers))):
        submit(queue.popleft())
    results: dict[str, Outcome] = {}
    for future in pending:
        part = todo.pop(future)
        try:
            fingerprint, out = future.result()
        except KilledWorker:
            if len(part) > 1:
                log.warning("a partition of %d articles killed its workers: splitting", len(part))
                solo.extend([a] for a in part)
                refill()
                continue
            fingerprint = expected
            out = [Failure(part[0].id, "extraction killed its Dask worker on every try")]
        finally:
            future.release()
        if fingerprint != expected:
            raise BuildError(
                f"a Dask worker runs another kg pipeline (fingerprint {fingerprint}, "
                f"this build {expected}): install the same kg, model and data files on it",
                where=str(client.scheduler.address),
            )
        for article, x in zip(part, out, strict=True):
            # the driver's own Article goes back on each extraction
            results[article.id] = x if isinstance(x, Failure) else decode(x, article)
        refill()
        if progress is not None:
            progress(len(part))
    return [results[a.id] for a in articles]
