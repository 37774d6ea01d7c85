"""Adding one article to a big build, beside the full build of the same folder.

    python bench/incremental.py [--articles N]

Measured in one run, as whole processes (interpreter start and model loading included):
1. ``kg build --full`` of N distinct articles (made from the sample ones);
2. one more article is added to the folder;
3. ``kg build`` again (incremental: one article through the NLP stage, linking and
   assembly over all N+1 from the cache).
Prints both times and their ratio (the target is at most 5%), and checks that the
incremental graph.ttl equals a full build of the same N+1 articles.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus  # noqa: E402


def _run(kg: str, *args: str) -> float:
    t = time.perf_counter()
    subprocess.run([kg, "build", *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    kg = str(Path(sys.executable).parent / "kg")
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "articles", Path(tmp) / "out"
        files = make_corpus(args.articles + 1, folder)
        extra = files[-1].read_bytes()
        files[-1].unlink()
        full = _run(kg, str(folder), "-o", str(out), "--full")
        # the first child process is the full build: its peak is the children's peak so far
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        files[-1].write_bytes(extra)
        inc = _run(kg, str(folder), "-o", str(out))
        check = Path(tmp) / "check"
        # the reference only has to be a full build: processes give the same bytes, sooner
        jobs = str(min(2, os.cpu_count() or 1))
        _run(kg, str(folder), "-o", str(check), "--full", "--jobs", jobs)
        same = (out / "graph.ttl").read_bytes() == (check / "graph.ttl").read_bytes()
    print(f"articles                    {args.articles} (+1)")
    print(f"full build                  {full:.2f} s")
    print(f"incremental build, +1       {inc:.2f} s")
    print(f"incremental / full          {inc / full:.3f} (target <= 0.05)")
    print(f"same graph as a full build  {same}")
    print(f"peak RSS of the full build  {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
