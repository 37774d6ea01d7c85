"""Bad input: everything a messy news folder holds has a stated outcome and exit code.

Each case of the matrix writes real files into a folder and runs the real ``kg build``
on it. It states, for every input, whether it is processed or skipped and why (a
substring of the reason in OUT/manifest.json), the exit code, and for text that is read,
words that must survive decoding into the graph's ``kg:text``. A case that skips also
fails under ``--strict`` with exit code 3 and writes nothing. Every graph written is
parsed back by rdflib and by pyoxigraph.
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import pwd
import re
import shutil
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner, Result

import kg
from kg.cli import main
from kg.errors import InputError, UsageError
from kg.ingest import make_article, read_paths
from kg.ingest.readers import MAX_BYTES, RawArticle
from kg.model import Skipped
from kg.nlp.chunks import CHUNK_CHARS, chunk_bounds
from kg.nlp.extract import extract
from kg.nlp.pipeline import load_pipeline

KG_TEXT = rdflib.URIRef("https://w3id.org/kg/ontology#text")
MB = 1_000_000

# Prose that is surely an article (not furniture), with accented words to check decoding.
PROSE = (
    "The mayor of Zürich opened the new café on the lake shore on Monday. Hundreds of "
    "residents came to see the building, which took three years to finish.\n\n"
    "Engineers said the foundations had been reinforced after the floods of last spring. "
    "The council expects the café to draw visitors from across the canton.\n"
)
ASCII_PROSE = (
    "The harbour authority confirmed on Monday that the old pier will be demolished next "
    "spring. Engineers found that the wooden piles had rotted far beyond repair.\n"
)


def story(n: int) -> str:
    """A distinct article (its own id) that is still plain news prose."""
    return PROSE.replace("three years", f"{n + 2} years")


# --- how a case is run and checked ---------------------------------------------------------


def build(inputs: Path, out: Path, *options: str) -> Result:
    result = CliRunner().invoke(main, ["build", str(inputs), "--out", str(out), *options])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def manifest(out: Path, inputs: Path) -> dict[str, tuple[str, str]]:
    """input (relative to ``inputs``) → (status, reason) from OUT/manifest.json."""
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    prefix = str(inputs) + os.sep
    return {
        f["path"].removeprefix(prefix): (f["status"], f.get("reason", "")) for f in data["files"]
    }


def parse_both(graph_ttl: Path) -> rdflib.Graph:
    """The graph as rdflib reads it, after checking pyoxigraph reads the same number of
    triples: two independent Turtle parsers agree that the file is valid."""
    data = graph_ttl.read_bytes()
    g = rdflib.Graph().parse(data=data, format="turtle")
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)
    return g


def article_texts(g: rdflib.Graph) -> list[str]:
    return sorted(str(o) for o in g.objects(None, KG_TEXT))


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], None]  # writes the inputs into a folder
    expect: dict[str, str]  # input → "processed" or a substring of its skip reason
    code: int  # exit code of kg build
    survives: tuple[str, ...] = ()  # text the stored articles must contain
    big: bool = field(default=False)  # delete the inputs after the case (50 MB files)


def named(contents: dict[str, bytes | str]) -> Callable[[Path], None]:
    def make(d: Path) -> None:
        for name, data in contents.items():
            raw = data.encode("utf-8") if isinstance(data, str) else data
            (d / name).write_bytes(raw)

    return make


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"


def _elf() -> bytes:
    return b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00\x3e\x00" + bytes(range(1, 200))


def _utf8_with_bad_bytes() -> bytes:
    good = PROSE.encode("utf-8")
    middle = good.index(b"Hundreds")
    return good[:middle] + b"\xff\xfe\xc3(" + good[middle:]


def _huge(one_line: bool) -> Callable[[Path], None]:
    def make(d: Path) -> None:
        unit = ASCII_PROSE.replace("\n", " ") if one_line else ASCII_PROSE + "\n"
        with open(d / "dump.txt", "wb") as f:
            block = (unit * (MB // len(unit) + 1)).encode()[:MB]
            for _ in range(50):
                f.write(block)

    return make


NAV_ONLY_HTML = (
    "<!DOCTYPE html><html><head><title>Menu</title>"
    '<script>var a = "tracking-code-9911"; loadAds();</script></head><body>'
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
    '<li><a href="/sport">Sport</a></li></ul></nav>'
    '<script>document.write("advertisement-slot-2");</script></body></html>'
)


def _jsonl_with_bad_line(d: Path) -> None:
    lines = [json.dumps({"text": story(1)}), '{"text": "broken', json.dumps({"text": story(2)})]
    (d / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _duplicates(d: Path) -> None:
    (d / "a-first.txt").write_text(PROSE, encoding="utf-8")
    (d / "b-copy.txt").write_text("  " + PROSE.replace("\n\n", "\r\n\r\n"), encoding="utf-8")


def _symlink_loops(d: Path) -> None:
    (d / "good.txt").write_text(PROSE, encoding="utf-8")
    (d / "loop-a.txt").symlink_to(d / "loop-b.txt")
    (d / "loop-b.txt").symlink_to(d / "loop-a.txt")
    (d / "self.txt").symlink_to(d / "self.txt")
    (d / "dangling.txt").symlink_to(d / "nowhere.txt")


def _symlinked_folders(d: Path) -> None:
    (d / "story.txt").write_text(PROSE, encoding="utf-8")
    elsewhere = d.parent / f"{d.name}-elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other.txt").write_text(story(1), encoding="utf-8")
    (d / "linked").symlink_to(elsewhere, target_is_directory=True)
    (d / "up").symlink_to(d, target_is_directory=True)  # a loop back to the top


def _fifo(d: Path) -> None:
    (d / "story.txt").write_text(PROSE, encoding="utf-8")
    os.mkfifo(d / "pipe.txt")  # reading it would block for ever


def _odd_names(d: Path) -> None:
    for i, name in enumerate(["with space.txt", "new\nline.txt", "Zürich–Київ 東京.txt"]):
        (d / name).write_text(story(i), encoding="utf-8")
    # a Latin-1 file name: not UTF-8, so shown with its byte escaped
    with open(os.path.join(os.fsencode(d), b"caf\xe9.txt"), "wb") as f:
        f.write(story(3).encode())


def _traversal(d: Path) -> None:
    obj = {
        "id": "../../../escape",
        "title": "../../etc/passwd",
        "source": "/tmp/x/..",
        "text": PROSE,
    }
    (d / "feed.jsonl").write_text(json.dumps(obj) + "\n", encoding="utf-8")
    (d / "..hidden-dots.txt").write_text(story(1), encoding="utf-8")  # a dot-file: not read


CASES: dict[str, Case] = {
    "empty file": Case(named({"empty.txt": b""}), {"empty.txt": "empty file"}, 1),
    "whitespace only": Case(
        named({"blank.txt": b" \n\t\r\n ", "nbsp.md": "\u00a0\u2003\n"}),
        {"blank.txt": "whitespace only", "nbsp.md": "whitespace only"},
        1,
    ),
    "binary: PNG named .txt": Case(
        named({"photo.txt": _png()}), {"photo.txt": "binary file (PNG image)"}, 1
    ),
    "binary: gzip named .txt": Case(
        named({"feed.txt": gzip.compress(PROSE.encode(), mtime=0)}),
        {"feed.txt": "binary file (gzip archive)"},
        1,
    ),
    "binary: ELF named .json": Case(
        named({"run.json": _elf()}), {"run.json": "binary file (ELF executable)"}, 1
    ),
    "binary: no signature, no NUL": Case(
        named({"noise.txt": bytes(range(1, 256)) * 40}), {"noise.txt": "binary"}, 1
    ),
    "binary: a real .png": Case(
        named({"photo.png": _png()}), {"photo.png": "unsupported file type .png"}, 1
    ),
    "UTF-16 with BOM": Case(
        named({"bom.txt": PROSE.encode("utf-16")}), {"bom.txt": "processed"}, 0, ("Zürich",)
    ),
    "UTF-16 LE and BE without BOM": Case(
        named({"le.txt": PROSE.encode("utf-16-le"), "be.md": story(1).encode("utf-16-be")}),
        {"le.txt": "processed", "be.md": "processed"},
        0,
        ("Zürich", "café"),
    ),
    "Latin-1": Case(
        named({"latin1.txt": PROSE.encode("latin-1")}),
        {"latin1.txt": "processed"},
        0,
        ("Zürich", "café"),
    ),
    "Windows-1252": Case(
        named(
            {
                "cp1252.txt": (
                    "The “new” café cost €2 million – the mayor’s office said.\n" + PROSE
                ).encode("cp1252")
            }
        ),
        {"cp1252.txt": "processed"},
        0,
        ("“new” café cost €2 million – the mayor’s", "Zürich"),
    ),
    "Windows-1252 apostrophe in ASCII text": Case(
        named({"apos.txt": ASCII_PROSE.replace("wooden", "pier\x92s wooden").encode("latin-1")}),
        {"apos.txt": "processed"},
        0,
        ("pier’s wooden",),
    ),
    "invalid UTF-8 bytes inside UTF-8 text": Case(
        named({"corrupt.txt": _utf8_with_bad_bytes()}),
        {"corrupt.txt": "processed"},
        0,
        ("Zürich opened the new café", "Monday. ÿþÃ(Hundreds"),  # bad bytes read as cp1252
    ),
    "UTF-8 text with a pasted Windows-1252 quote": Case(
        named({"mixed.txt": PROSE.encode().replace(b"new", b"\x93new\x94")}),
        {"mixed.txt": "processed"},
        0,
        ("the “new” café", "Zürich"),
    ),
    "UTF-8 text, then zeroed blocks (half-written file)": Case(
        named({"half.txt": PROSE.encode() + b"\x00" * 4096}),
        {"half.txt": "processed"},
        0,
        ("Zürich",),
    ),
    "only NUL bytes": Case(named({"zeros.txt": b"\x00" * 4096}), {"zeros.txt": "NUL"}, 1),
    "50 MB text file": Case(
        _huge(one_line=False),
        {"dump.txt": f"over the --max-bytes limit of {MAX_BYTES}"},
        1,
        big=True,
    ),
    "50 MB single line": Case(
        _huge(one_line=True),
        {"dump.txt": f"over the --max-bytes limit of {MAX_BYTES}"},
        1,
        big=True,
    ),
    "HTML with only navigation and scripts": Case(
        named({"menu.html": NAV_ONLY_HTML}), {"menu.html": "HTML has no main text"}, 1
    ),
    "malformed JSON": Case(
        named({"broken.json": '{"text": "unterminated'}),
        {"broken.json": "malformed JSON (line 1, column 10)"},
        1,
    ),
    "JSON nested too deep": Case(
        named({"deep.json": "[" * 200_000}), {"deep.json": "malformed JSON (RecursionError"}, 1
    ),
    "JSON number too long for Python": Case(
        named({"num.json": '{"text": "x", "date": ' + "9" * 5000 + "}"}),
        {"num.json": "malformed JSON (ValueError"},
        1,
    ),
    "JSON with a lone surrogate escape": Case(
        named({"half-pair.json": json.dumps({"text": PROSE + "Cafe \ud800 owners.\n"})}),
        {"half-pair.json": "processed"},
        0,
        ("Cafe \ufffd owners.",),
    ),
    "JSONL with one bad line": Case(
        _jsonl_with_bad_line,
        {
            "feed.jsonl:1": "processed",
            "feed.jsonl:2": "malformed JSON line",
            "feed.jsonl:3": "processed",
        },
        1,
    ),
    "JSON missing text": Case(
        named({"no-text.json": json.dumps({"title": "Headline only"})}),
        {"no-text.json": 'JSON object has no "text" string'},
        1,
    ),
    "duplicate articles under different names": Case(
        _duplicates,
        {"a-first.txt": "processed", "b-copy.txt": "duplicate of {dir}/a-first.txt"},
        1,
    ),
    "symlink loops and a dangling symlink": Case(
        _symlink_loops,
        {
            "good.txt": "processed",
            "loop-a.txt": "symlink loop",
            "loop-b.txt": "symlink loop",
            "self.txt": "symlink loop",
            "dangling.txt": "broken symlink",
        },
        1,
    ),
    "symlinks to folders (one a loop)": Case(
        _symlinked_folders,
        {
            "story.txt": "processed",
            "linked": "symlink to a folder, not followed",
            "up": "symlink to a folder, not followed",
        },
        1,
    ),
    "FIFO named .txt": Case(
        _fifo, {"story.txt": "processed", "pipe.txt": "not a regular file (a FIFO)"}, 1
    ),
    "file names with spaces, newlines, non-ASCII, non-UTF-8 bytes": Case(
        _odd_names,
        {
            "with space.txt": "processed",
            "new\nline.txt": "processed",
            "Zürich–Київ 東京.txt": "processed",
            "caf\\xe9.txt": "processed",
        },
        0,
    ),
    "path traversal in JSONL id, title, source": Case(
        _traversal, {"feed.jsonl:1": "processed"}, 0, ("Zürich",)
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_matrix(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    case.make(inputs)
    try:
        if "processed" not in case.expect.values():
            # No article at all: refused, nothing written, unless --prune says go ahead.
            refused = build(inputs, out)
            assert refused.exit_code == 2, refused.output
            assert "no article found under the input paths" in refused.output
            assert not out.exists() or not any(out.glob("*.json"))
            result = build(inputs, out, "--prune")
        else:
            result = build(inputs, out)
        assert result.exit_code == case.code, result.output
        seen = manifest(out, inputs)
        assert sorted(seen) == sorted(case.expect)
        for path, want in case.expect.items():
            status, reason = seen[path]
            if want == "processed":
                assert status == "processed", (path, reason)
            else:
                assert status == "skipped" and want.format(dir=inputs) in reason, (path, reason)
        texts = article_texts(parse_both(out / "graph.ttl"))
        assert len(texts) == sum(w == "processed" for w in case.expect.values())
        for words in case.survives:
            assert any(words in t for t in texts), words
        if case.code == 1:
            strict = build(inputs, tmp_path / "strict", "--strict")
            assert strict.exit_code == 3, strict.output
            assert "--strict: skipped" in strict.output
            assert not (tmp_path / "strict" / "graph.ttl").exists()
            assert not (tmp_path / "strict" / "manifest.json").exists()
    finally:
        if case.big:
            shutil.rmtree(inputs)


# --- what is never touched -------------------------------------------------------------------


def test_article_fields_never_become_paths(tmp_path: Path) -> None:
    """Ids, titles and sources that look like paths are data: nothing is written outside
    OUT, and the article's IRI is its content hash."""
    inputs, out = tmp_path / "work" / "in", tmp_path / "work" / "out"
    inputs.mkdir(parents=True)
    _traversal(inputs)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert build(inputs, out).exit_code == 0
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    created = {str(p) for p in set(after) - set(before)}
    assert {c for c in created if not c.startswith("work/out/")} == {"work/out"}
    g = parse_both(out / "graph.ttl")
    article = rdflib.Namespace("https://w3id.org/kg/resource/article/")
    (iri,) = set(g.subjects(KG_TEXT, None))
    assert re.fullmatch(re.escape(str(article)) + "[0-9a-f]{16}", str(iri))
    titles = {str(o) for o in g.objects(iri, rdflib.DCTERMS.title)}
    assert titles == {"../../etc/passwd"}


# --- names that would break IRIs or Turtle ---------------------------------------------------

EVIL_TEXTS = [
    'Officials in Moscow said Vladimir <Putin> met Emmanuel "Macron" in Paris on Monday.\n\n'
    "The leader of Back\\slash Party, John O'Neil\\Smith, spoke in Berlin.\n",
    "The spokesman for the Free Sy\u200frian Army, Ahmed al-\u202eRashid, said Damascus\x01 "
    "would fall.\n\nGeneral Mark\u0007 Milley\u200b visited Kyiv\u200e and Odessa.\n",
    'The party <Ghad> "El-Thawra" said on Tuesday that Ayman Nour\\Nour would run. Police in '
    'Cairo<br> arrested members of "Kifaya>".\n',
]
# What a kg resource IRI may contain: readable slugs, hex and offsets, nothing to escape.
READABLE_IRI = re.compile(r"https://w3id\.org/kg/resource/[a-z]+(?:/[A-Za-z0-9._-]+)*")


def test_names_with_quotes_brackets_backslashes_controls_and_rtl_marks(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for i, text in enumerate(EVIL_TEXTS):
        meta = {"title": f'<script>"{i}"\\\n\x1b[31m\u202e', "source": 'A <b>"Gazette"</b>\\'}
        (inputs / f"{i}.json").write_text(json.dumps({**meta, "text": text}), encoding="utf-8")
    assert build(inputs, out).exit_code == 0
    g = parse_both(out / "graph.ttl")
    kgr = "https://w3id.org/kg/resource/"
    iris = {str(t) for triple in g for t in triple if isinstance(t, rdflib.URIRef)}
    ours = sorted(i for i in iris if i.startswith(kgr))
    assert ours and [i for i in ours if not READABLE_IRI.fullmatch(i)] == []
    labels = {str(o) for o in g.objects(None, rdflib.SKOS.prefLabel)}
    forms = {
        str(o) for o in g.objects(None, rdflib.URIRef("https://w3id.org/kg/ontology#surfaceForm"))
    }
    odd = {c for s in labels | forms for c in s if c in '<>"\\\x01\x07\u200e\u200f\u202e'}
    assert len(odd) >= 4, odd  # the awkward characters really reached names in the graph
    titles = {str(o) for o in g.objects(None, rdflib.DCTERMS.title)}
    assert titles == {f'<script>"{i}"\\\n\x1b[31m\u202e' for i in range(len(EVIL_TEXTS))}
    assert kg.query(g, "SELECT ?p WHERE { ?p a kg:Person }")  # and it is still queryable


# --- unreadable files ------------------------------------------------------------------------


def _unprivileged(fn: Callable[[], int]) -> int:
    """``fn()`` without the power to read every file: as root (where chmod 000 stops
    nothing) in a forked child that has dropped to ``nobody``. Returns its exit status."""
    if os.geteuid() != 0:
        return fn()
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root and there is no 'nobody' user to drop to")
    project = Path(kg.__file__).resolve().parent.parent
    closed = [d for d in (project, *project.parents) if not d.stat().st_mode & 0o001]
    if closed:  # a build reads the project's data files (link overrides, gazetteer, lexicons)
        pytest.skip(f"'nobody' cannot reach this checkout's data files ({closed[-1]} is private)")
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            code = fn()
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_unreadable_file_is_skipped_with_its_reason() -> None:
    top = Path(tempfile.mkdtemp(prefix="kg-unreadable-"))  # pytest's tmp is root-only
    top.chmod(0o755)
    inputs, out = top / "in", top / "out"
    inputs.mkdir(mode=0o755)
    (inputs / "empty.txt").write_bytes(b"")
    build(inputs, top / "warm", "--prune")  # loads in this process what the build needs
    (inputs / "empty.txt").unlink()
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    secret = inputs / "secret.txt"
    secret.write_text(PROSE, encoding="utf-8")
    secret.chmod(0o000)
    try:
        assert _unprivileged(lambda: build(inputs, out, "--prune").exit_code) == 1
        assert manifest(out, inputs) == {"secret.txt": ("skipped", "unreadable: Permission denied")}
        graph = (out / "graph.ttl").read_bytes()
        assert _unprivileged(lambda: build(inputs, out, "--strict").exit_code) == 3
        assert (out / "graph.ttl").read_bytes() == graph
    finally:
        shutil.rmtree(top)


# --- exit codes ------------------------------------------------------------------------------


def test_exit_codes_0_1_2_3_4_and_the_previous_graph_is_kept(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "story.txt").write_text(PROSE, encoding="utf-8")
    assert build(inputs, out).exit_code == 0

    (inputs / "empty.txt").write_bytes(b"")
    skipped = build(inputs, out)
    assert skipped.exit_code == 1
    assert "1 skipped" in skipped.output and "empty.txt: empty file" in skipped.output
    graph, listing = (out / "graph.ttl").read_bytes(), (out / "manifest.json").read_bytes()

    def kept() -> bool:
        return (out / "graph.ttl").read_bytes() == graph and (
            out / "manifest.json"
        ).read_bytes() == listing

    strict = build(inputs, out, "--strict")
    assert strict.exit_code == 3
    assert "--strict: skipped" in strict.output and "empty.txt: empty file" in strict.output
    assert kept()

    for bad in (["--max-bytes", "0"], ["--max-bytes", "ten"], ["--no-such-option"]):
        assert build(inputs, out, *bad).exit_code == 2, bad
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert build(inputs, not_a_folder).exit_code == 2
    assert kept()

    with open(out / ".kg.lock", "a") as held:  # another build is writing to OUT
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        busy = build(inputs, out)
    assert busy.exit_code == 4
    assert "another build" in busy.output
    assert kept()


def test_strict_and_max_bytes_in_the_library(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError) as e:
        kg.build([tmp_path], out=tmp_path / "out", strict=True)
    assert e.value.exit_code == 3 and "empty.txt: empty file" in str(e.value)
    assert not (tmp_path / "out" / "graph.ttl").exists()
    with pytest.raises(UsageError):
        kg.build([tmp_path], out=tmp_path / "out", max_bytes=0)


# --- size limit and long articles ------------------------------------------------------------


def test_max_bytes_option_names_its_limit_and_raising_it_lets_the_file_in(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "story.txt").write_text(PROSE, encoding="utf-8")
    small = build(inputs, tmp_path / "a", "--max-bytes", "100", "--prune")
    assert small.exit_code == 1
    assert "over the --max-bytes limit of 100" in small.output
    assert build(inputs, tmp_path / "b", "--max-bytes", str(len(PROSE.encode()))).exit_code == 0


def test_a_3_mb_article_is_read_whole_once_the_limit_allows_it(tmp_path: Path) -> None:
    f = tmp_path / "long.txt"
    text = "".join(story(i) + "\n" for i in range(3 * MB // len(PROSE)))
    f.write_text(text, encoding="utf-8")
    size = f.stat().st_size
    assert 3 * MB - len(PROSE) * 2 < size < 4 * MB
    assert read_paths([f], max_bytes=MB) == (
        [],
        [Skipped(str(f), f"too large ({size} bytes): over the --max-bytes limit of {MB}")],
    )
    (article,), skipped = read_paths([f], max_bytes=4 * MB)
    assert skipped == [] and article.text == text


def test_chunks_tile_the_text_and_prefer_paragraph_then_sentence_breaks() -> None:
    paragraphs = "\n\n".join(story(i) for i in range(40))
    one_line = paragraphs.replace("\n", " ")
    no_spaces = "x" * 2500
    for text in (paragraphs, one_line, no_spaces):
        bounds = chunk_bounds(text, 1000)
        assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
        assert all(0 < e - s <= 1000 for s, e in bounds)
    assert all(paragraphs[e - 1] == "\n" for _, e in chunk_bounds(paragraphs, 1000)[:-1])
    assert all(one_line[e - 2] in ".!? " for _, e in chunk_bounds(one_line, 1000)[:-1])
    assert CHUNK_CHARS < load_pipeline().max_length


def test_a_long_article_goes_through_spacy_in_chunks_with_exact_offsets() -> None:
    """Chunked at 600 characters (the real limit is 100,000, far below spaCy's 1,000,000):
    the mentions are those of the whole text, and every offset indexes the original."""
    tail = "\n\nIn Strasbourg, Angela Merkel met Emmanuel Macron on Friday to discuss the talks.\n"
    text = "\n\n".join(story(i) for i in range(12)) + tail
    article = make_article(RawArticle(text=text, where="long.txt"))
    (whole,) = extract([article])
    (chunked,) = extract([article], chunk_chars=600)
    assert len(chunk_bounds(text, 600)) > 5
    assert chunked.mentions == whole.mentions and chunked.sentences == whole.sentences
    assert all(text[m.start : m.end] == m.text for m in chunked.mentions)
    assert {"Angela Merkel", "Emmanuel Macron"} <= {
        m.text for m in chunked.mentions if m.start > len(text) - len(tail)
    }
