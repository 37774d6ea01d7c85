"""The per-article extraction cache: SQLite beside the graph, so a rebuild re-reads only
new or changed articles and still gives exactly what a full build gives.

An entry is keyed by what the NLP stage reads of an article (its text, content spans
and date: ``nlp_key``) and by the pipeline fingerprint (model, gazetteer, lexicons, the
NLP code). A changed fingerprint matches no entry, so every article is read again.

Nothing is deleted until a build has written its graph. Then every entry records the last
build that used it, and an entry (an extraction or a rendered block) that no build used in
the last ``GRACE_BUILDS`` builds is deleted; of the entries the last build did not use, at
most as many as it did use (and at least ``GRACE_MIN_CAP``) are kept, the most recently
used first. So an article removed by mistake and put back, or a data edit undone, is a
cache hit. Each write is one transaction: a build killed at any moment leaves the cache
as it was before that transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.faults import checkpoint
from kg.model import (
    Argument,
    Article,
    EventMention,
    Extraction,
    Mention,
    Quote,
    RelationMention,
)

SCHEMA = 2
GRACE_BUILDS = 5  # an entry no build used in this many builds is deleted
GRACE_MIN_CAP = 1000  # entries the last build did not use: at most max(this, entries used)

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS extractions (
    nlp_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    data TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (nlp_key, fingerprint)
);
CREATE TABLE IF NOT EXISTS blocks (
    digest TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
"""


@dataclass(frozen=True, slots=True)
class Retired:
    """What a finished build deleted from the cache (out of the grace period)."""

    extractions: int
    blocks: int


def nlp_key(article: Article) -> str:
    """Hash of everything the NLP stage reads of an article."""
    h = hashlib.sha256()
    h.update(article.text.encode("utf-8"))
    h.update(json.dumps([list(s) for s in article.body]).encode())
    h.update((article.date or "").encode())
    return h.hexdigest()


def _tuple(x: Any) -> tuple[int, int] | None:
    return None if x is None else (int(x[0]), int(x[1]))


def _mention(
    t: str,
    s: int,
    e: int,
    sent: int,
    cls: str,
    ner: str,
    gid: str | None,
    ante: Any,
    kind: str = "name",
    reason: str | None = None,
    quantity: str | None = None,
    class_reason: str | None = None,
) -> Mention:
    """A mention as encode stores it (a name's kind, reason, quantity and class reason are
    left out where they are the defaults)."""
    return Mention(t, s, e, sent, cls, ner, gid, _tuple(ante), kind, reason, quantity, class_reason)


def _extras(m: Mention) -> list[str | None]:
    """What a mention stores beyond its span, class and antecedent, where not the defaults."""
    if m.class_reason:
        return [m.kind, m.reason, m.quantity, m.class_reason]
    return [m.kind, m.reason, m.quantity] if m.kind != "name" or m.reason else []


def encode(x: Extraction) -> str:
    """An extraction as JSON, without its article (the current one is put back on load)."""
    data = {
        "sentences": [list(s) for s in x.sentences],
        "mentions": [
            [m.text, m.start, m.end, m.sentence, m.cls, m.ner, m.gazetteer_id, m.antecedent]
            + _extras(m)
            for m in x.mentions
        ],
        "events": [
            [
                e.type,
                e.trigger,
                e.start,
                e.end,
                e.sentence,
                e.modality,
                [[a.role, a.start, a.end, a.text, a.value] for a in e.arguments],
            ]
            + ([list(e.quote)] if e.quote is not None else [])  # a speech event's quote
            for e in x.events
        ],
        "relations": [
            [r.predicate, r.subject, r.object, r.sentence, r.start, r.end, r.extractor]
            + [r.confidence]
            for r in x.relations
        ],
        "quotes": [
            [q.start, q.end, q.cue, q.sentence, q.direct, q.speaker, q.speaker_antecedent]
            for q in x.quotes
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode(data: str, article: Article) -> Extraction:
    d = json.loads(data)
    return Extraction(
        article=article,
        sentences=tuple((int(s), int(e)) for s, e in d["sentences"]),
        mentions=tuple(_mention(*m) for m in d["mentions"]),
        events=tuple(
            EventMention(
                typ,
                trig,
                s,
                e,
                sent,
                mod,
                tuple(Argument(r, a, b, t, v) for r, a, b, t, v in args),
                _tuple(quote[0]) if quote else None,  # type: ignore[arg-type]
            )
            for typ, trig, s, e, sent, mod, args, *quote in d["events"]
        ),
        relations=tuple(
            RelationMention(p, _tuple(subj), _tuple(obj), sent, s, e, ex, float(conf))  # type: ignore[arg-type]
            for p, subj, obj, sent, s, e, ex, conf in d["relations"]
        ),
        quotes=tuple(
            Quote(s, e, _tuple(cue), sent, bool(direct), _tuple(sp), _tuple(ante))  # type: ignore[arg-type]
            for s, e, cue, sent, direct, sp, ante in d["quotes"]
        ),
    )


class Cache:
    """Extractions by (nlp_key, fingerprint) in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)  # transactions by hand
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA_SQL)
        row = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is not None and row[0] == "1":  # schema 1 had no "used": add it, keep entries
            for table in ("extractions", "blocks"):
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN used INTEGER NOT NULL DEFAULT 0")
        elif row is not None and row[0] != str(SCHEMA):  # unknown layout: start afresh
            self.db.execute("DELETE FROM extractions")
            self.db.execute("DELETE FROM blocks")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        gen = self.db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        self.generation = (int(gen[0]) if gen else 0) + 1  # this build's number

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _by_key(self, select: str, keys: Iterable[str], *params: str) -> Iterator[Any]:
        """Rows of ``select`` (which ends in "IN") for the keys, 500 at a time (SQLite caps
        the number of parameters in one statement); ``params`` come before the keys."""
        wanted = sorted(keys)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(f"{select} ({marks})", (*params, *chunk))

    def get(self, keys: Iterable[str], fingerprint: str) -> dict[str, str]:
        """nlp_key → stored JSON, for the keys that have an entry under ``fingerprint``."""
        select = "SELECT nlp_key, data FROM extractions WHERE fingerprint=? AND nlp_key IN"
        return dict(self._by_key(select, keys, fingerprint))

    def stale(self, keys: set[str], fingerprint: str) -> int:
        """How many of ``keys`` have an entry only under another fingerprint: the
        extractions a changed pipeline invalidated."""
        select = (
            "SELECT COUNT(DISTINCT nlp_key) FROM extractions WHERE fingerprint != ? AND nlp_key IN"
        )
        return sum(int(n) for (n,) in self._by_key(select, keys, fingerprint))

    def put(self, fingerprint: str, fresh: dict[str, str]) -> None:
        """Store this build's new extractions in one transaction, before anything that may
        fail: the NLP work is kept even when a later stage fails. Nothing is deleted."""
        with self._transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?)",
                [(k, fingerprint, v, self.generation) for k, v in sorted(fresh.items())],
            )
            checkpoint("cache:stored")
        checkpoint("cache:committed")

    def blocks(self, digests: Iterable[str]) -> dict[str, str]:
        """digest → stored block (kg/graph/blocks.py), for the digests that have one."""
        return dict(self._by_key("SELECT digest, data FROM blocks WHERE digest IN", digests))

    def put_blocks(self, fresh: dict[str, str]) -> None:
        """Store this build's newly rendered blocks in one transaction; nothing is deleted."""
        with self._transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO blocks VALUES (?, ?, ?)",
                [(k, v, self.generation) for k, v in sorted(fresh.items())],
            )
            checkpoint("blocks:stored")
        checkpoint("blocks:committed")

    def retire(self, fingerprint: str, keys: set[str], digests: set[str]) -> Retired:
        """After a build wrote its graph, in one transaction: mark the entries it used (its
        extractions under ``fingerprint`` and its blocks) as used by this build, count the
        build, and delete what falls out of the grace period (see ``GRACE_BUILDS``).

        Only a build that wrote its graph calls this, so a failed or refused build never
        prunes; entries of articles that left the build stay for a while, so undoing a
        mistaken removal (or a reverted data edit) is a cache hit."""
        gen = self.generation
        with self._transaction():
            self._keep(keys)
            self.db.execute(
                "UPDATE extractions SET used=? WHERE fingerprint=? AND nlp_key IN "
                "(SELECT k FROM keep)",
                (gen, fingerprint),
            )
            self._keep(digests)
            self.db.execute("UPDATE blocks SET used=? WHERE digest IN (SELECT k FROM keep)", (gen,))
            checkpoint("cache:marked")
            dropped = Retired(
                self._expire("extractions", "nlp_key || fingerprint", gen),
                self._expire("blocks", "digest", gen),
            )
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(gen),))
            checkpoint("cache:pruned")
        checkpoint("cache:retired")
        return dropped

    def _expire(self, table: str, order: str, gen: int) -> int:
        """Delete the entries of ``table`` not used in the last ``GRACE_BUILDS`` builds, then
        the least recently used of the rest beyond the size cap; return how many."""
        deleted = self.db.execute(
            f"DELETE FROM {table} WHERE used <= ?", (gen - GRACE_BUILDS,)
        ).rowcount
        live = self.db.execute(f"SELECT COUNT(*) FROM {table} WHERE used = ?", (gen,)).fetchone()
        cap = max(GRACE_MIN_CAP, int(live[0]))
        deleted += self.db.execute(
            f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} WHERE used < ? "
            f"ORDER BY used DESC, {order} LIMIT -1 OFFSET ?)",
            (gen, cap),
        ).rowcount
        return deleted

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Everything inside is written, or nothing (a kill before COMMIT rolls back)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _keep(self, keys: set[str]) -> None:
        """The temporary table ``keep`` holds exactly ``keys``, for a DELETE … NOT IN."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (k TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM keep")
        self.db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", [(k,) for k in keys])
