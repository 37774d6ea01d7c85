"""Does a refactor leave graph.ttl as it was? Build each corpus and compare its graph.ttl
with a saved reference, byte for byte.

    python bench/same_graph.py save  [--dir /tmp/kg-same-graph]   # before the change
    python bench/same_graph.py check [--dir /tmp/kg-same-graph]   # after it

The corpora: the sample corpus (data/articles), kg's own gold (data/gold/news.jsonl) and
every dev set in ../shared/eval/*.jsonl (--shared), whose texts are built the way `kg eval`
builds them (kg/eval/__init__.py, ``_build_gold``: one JSON article per record). Every build
is ``full``, so nothing comes from a cache.

One literal may differ by design: ``kg:configFingerprint`` hashes the lexicon and gazetteer
files, so moving a word list from code into data/lexicons/ changes it while no fact
changes. ``check`` says when that is the only difference, and counts it as the same graph
unless --strict. The exit status is 0 when every corpus is the same, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import kg
from kg.eval.gold import load_gold

ROOT = Path(__file__).resolve().parent.parent
GRAPH = "graph.ttl"
# The build node's fingerprint line, the one place the lexicon files' hash is written.
_FINGERPRINT = re.compile(rb'(kg:configFingerprint )"[0-9a-f]+"')


def corpora(shared: Path) -> dict[str, Path]:
    """Name → input: the sample folder, the project's gold, then the shared dev sets."""
    out = {"articles": ROOT / "data" / "articles", "news": ROOT / "data" / "gold" / "news.jsonl"}
    for path in sorted(shared.glob("*.jsonl")):
        out[path.stem] = path
    return out


def _articles(gold: Path, folder: Path) -> Path:
    """A gold file's texts as the articles `kg eval` builds from them."""
    folder.mkdir(parents=True)
    for i, d in enumerate(load_gold(gold)):
        record = {"text": d.text, "title": d.title, "date": d.date, "url": d.url}
        (folder / f"{i:05d}.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    return folder


def build(source: Path, out: Path) -> bytes:
    """graph.ttl of a full build of ``source`` into ``out``."""
    with tempfile.TemporaryDirectory(prefix="kg-same-graph-") as tmp:
        inputs = _articles(source, Path(tmp) / "articles") if source.is_file() else source
        kg.build([inputs], out=out, full=True, prune=True)
    return (out / GRAPH).read_bytes()


def compare(reference: bytes, graph: bytes) -> str:
    """The verdict: same, same but the fingerprint, or the first line that differs."""
    if reference == graph:
        return "same"
    if _FINGERPRINT.sub(rb"\1", reference) == _FINGERPRINT.sub(rb"\1", graph):
        return "same but the fingerprint"
    ref_lines, lines = reference.splitlines(), graph.splitlines()
    for n, (a, b) in enumerate(zip(ref_lines, lines, strict=False), start=1):
        if a != b:
            return f"differs at line {n}: {a[:80]!r} → {b[:80]!r}"
    return f"differs in length: {len(ref_lines)} → {len(lines)} lines"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("save", "check"))
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "kg-same-graph")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--strict", action="store_true", help="the fingerprint must match too")
    args = ap.parse_args()
    ok = True
    for name, source in corpora(args.shared).items():
        saved = args.dir / name / GRAPH
        if args.action == "save":
            graph = build(source, args.dir / name)
            print(f"{name:<16} saved {saved} ({len(graph)} bytes)")
            continue
        if not saved.is_file():
            print(f"{name:<16} no reference at {saved}: run `save` first")
            ok = False
            continue
        with tempfile.TemporaryDirectory(prefix="kg-same-graph-") as tmp:
            verdict = compare(saved.read_bytes(), build(source, Path(tmp) / "out"))
        ok &= verdict == "same" or (verdict == "same but the fingerprint" and not args.strict)
        print(f"{name:<16} {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
