"""One build at a time per output folder."""

from __future__ import annotations

from pathlib import Path

from kg.errors import BuildError
from kg.files import LOCK_FILE


class BuildLock:
    """One build at a time per output folder. The lock is an flock on DIR/.kg.lock, which
    the kernel releases when its holder dies, so a killed build never leaves it stale."""

    def __init__(self, out_dir: Path, wait: bool) -> None:
        from filelock import FileLock

        out_dir.mkdir(parents=True, exist_ok=True)
        self.lock = FileLock(str(out_dir / LOCK_FILE), timeout=-1 if wait else 0)
        self.out_dir = out_dir

    def __enter__(self) -> BuildLock:
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
