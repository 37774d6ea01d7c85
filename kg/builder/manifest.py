"""The build manifest: every input the last build saw, and what became of it.

``DIR/manifest.json`` lists each input (a file, or ``file:line`` for JSONL) as
processed (read by the NLP stage in this build), unchanged (its extraction came from
the cache), or skipped with the reason; plus the inputs of the previous build that are
gone (their articles were retracted). Written atomically after graph.ttl.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.files import MANIFEST_FILE, write_atomic


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    status: str  # processed | unchanged | skipped
    article: str | None = None  # article id
    reason: str | None = None  # why it was skipped


@dataclass(slots=True)
class Manifest:
    fingerprint: str = ""
    entries: list[Entry] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    invalidated: int = 0  # cached extractions a changed pipeline fingerprint made stale

    def counts(self) -> dict[str, int]:
        out = {"processed": 0, "unchanged": 0, "skipped": 0}
        for e in self.entries:
            out[e.status] = out.get(e.status, 0) + 1
        out["removed"] = len(self.removed)
        return out

    def articles(self) -> dict[str, str]:
        """input path → article id, for the inputs that became articles."""
        return {e.path: e.article for e in self.entries if e.article and e.status != "skipped"}

    def to_json(self) -> bytes:
        data = {
            "fingerprint": self.fingerprint,
            "counts": self.counts(),
            "invalidated": self.invalidated,
            "files": [
                {k: v for k, v in asdict(e).items() if v is not None}
                for e in sorted(self.entries, key=lambda e: e.path)
            ],
            "removed": sorted(self.removed),
        }
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def write(self, out_dir: Path) -> Path:
        path = out_dir / MANIFEST_FILE
        write_atomic(path, self.to_json())
        return path


def load_manifest(out_dir: Path) -> Manifest | None:
    """The previous build's manifest, or None when there is none (or it is unreadable)."""
    path = out_dir / MANIFEST_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(
            fingerprint=str(data.get("fingerprint", "")),
            entries=[
                Entry(
                    path=str(f["path"]),
                    status=str(f["status"]),
                    article=f.get("article"),
                    reason=f.get("reason"),
                )
                for f in data.get("files", [])
            ],
            removed=[str(r) for r in data.get("removed", [])],
            invalidated=int(data.get("invalidated", 0)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
