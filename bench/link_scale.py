"""How linking time grows with corpus size, as ratios to the 1k time of the same run.

    python bench/link_scale.py [PATHS...] [--sizes 1000,5000,10000] [--repeat N]
    python bench/link_scale.py --sizes 200,400 --repeat 1     # a quick run

Runs kg's real pipeline once over the sample corpus (data/articles) and builds a
synthetic corpus from its Extractions: each synthetic article copies a shuffled
selection of one real article's mentions. Gazetteer-linked mentions are kept as
they are; person, organisation and other unknown names are renamed. Names are
drawn from a Simon (preferential attachment) process, seeded: a new name with a
fixed probability, else a name already used, in proportion to how often it was
used. So names are Zipf-like (a few in many articles, most in one or two) and the
name space grows with the corpus. A new person is a real first name and a real
surname, the surname with a suffix once the real ones run out; a one-word
surname or first name stays tied to the full name of its article as in the real
text. Every mention is in a sentence of its own ("<name> said. ") so offsets
index the text. Events and relations are empty. The sizes are prefixes of one
synthetic stream of articles, so a smaller corpus is part of the larger one.

Only ``kg.link.link(extractions)`` is timed (the median of --repeat runs; one run
when the first takes over 30 s), with the gazetteer already loaded. The table gives
each size's time as a ratio to the 1k time (to the smallest size when 1000 is not
among --sizes), and that ratio divided by the n log n reference
(n/1000)·log2(n)/log2(1000): a value at or below ~1 means linking grows no worse
than n log n. The last line is the verdict, which allows 25% for timing noise.
"gc s" is the part of that time the cyclic garbage collector ran (it is counted in
seconds, as it would be in a build): its full collections scan every live object,
and a large corpus triggers more of them during one link.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import hashlib
import math
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from kg.gazetteer import load as load_gazetteer
from kg.ingest import read_paths
from kg.link.resolve import link
from kg.model import Article, Extraction, Mention
from kg.nlp.extract import extract

ROOT = Path(__file__).resolve().parent.parent
SEED = 0
PERSON_NEW = 0.4  # probability that a person is new to the corpus (the rest repeat)
OTHER_NEW = 0.3  # the same for organisations and other unknown names
KEEP = (0.5, 1.0)  # share of its real article's mentions a synthetic article keeps
SLOW = 30.0  # seconds: a size whose first run takes longer is run only once
NOISE = 1.25  # a normalised ratio up to this counts as "no worse than n log n"
_SYLLABLES = ("ka", "ro", "vi", "ne", "la", "mi", "to", "su", "de", "ba", "ri", "go", "ze", "pa")
_SUFFIXES = ("ov", "ski", "son", "ez", "ini", "ek", "ard", "ani", "ley", "berg", "ic", "ito")


class Simon:
    """Simon's model: a new item with probability ``new``, else a copy of a past draw."""

    def __init__(self, rng: random.Random, new: float) -> None:
        self.rng, self.new = rng, new
        self.history: list[int] = []
        self.count = 0

    def draw(self, exclude: set[int]) -> int:
        """An item, not one of ``exclude`` (those already in the article)."""
        item = None
        for _ in range(5):
            if not self.history or self.rng.random() < self.new:
                break
            pick = self.rng.choice(self.history)
            if pick not in exclude:
                item = pick
                break
        if item is None:
            item, self.count = self.count, self.count + 1
        self.history.append(item)
        exclude.add(item)
        return item


def _word(i: int, alphabet: tuple[str, ...], min_len: int) -> list[str]:
    """The i-th word over ``alphabet``, at least ``min_len`` letters of it, one-to-one; its
    letters least significant first, so that consecutive words differ in their first one."""
    b = len(alphabet)
    i += sum(b**k for k in range(1, min_len))  # skip the shorter words
    out = []
    while True:
        i, r = divmod(i, b)
        out.append(alphabet[r])
        if i == 0:
            return out
        i -= 1


class Names:
    """Identity numbers → surface names, deterministic and one-to-one."""

    def __init__(self, real: list[Extraction]) -> None:
        people = sorted(
            {
                tuple(m.text.split())
                for x in real
                for m in x.mentions
                if _renamed(m) and m.cls == "Person" and " " in m.text
            }
        )
        self.firsts = sorted({p[0] for p in people})
        self.surnames = sorted({p[-1] for p in people})

    def person(self, i: int) -> tuple[str, str]:
        """(first name, surname) of person i: every i has its own surname."""
        base, extra = divmod(i, len(self.surnames))
        surname = self.surnames[extra]
        if base:
            surname += "".join(reversed(_word(base - 1, _SUFFIXES, 1)))
        first = self.firsts[(i * 7919 + base) % len(self.firsts)]
        return first, surname

    def stem(self, i: int) -> str:
        """A made-up proper name for organisation (or place) i."""
        return "".join(_word(i, _SYLLABLES, 2)).capitalize()


def _renamed(m: Mention) -> bool:
    return m.gazetteer_id is None and m.antecedent is None


def synthetic(real: list[Extraction], n: int) -> list[Extraction]:
    """n synthetic articles modelled on the real Extractions (see the module docstring)."""
    rng = random.Random(SEED)
    names = Names(real)
    persons, others = Simon(rng, PERSON_NEW), Simon(rng, OTHER_NEW)
    out = []
    for i in range(n):
        src = real[rng.randrange(len(real))]
        named = [m for m in src.mentions if m.antecedent is None]
        described: dict[tuple[int, int], list[Mention]] = {}
        for m in src.mentions:
            if m.antecedent is not None:
                described.setdefault(m.antecedent, []).append(m)
        keep = max(1, round(len(named) * rng.uniform(*KEEP)))
        chosen = rng.sample(named, keep)

        # Rename per article: one identity per real name, parts tied to their full name.
        used_p: set[int] = set()
        used_o: set[int] = set()
        rename: dict[str, str] = {}
        firsts: dict[str, str] = {}
        lasts: dict[str, str] = {}
        for text in sorted(
            {m.text for m in src.mentions if _renamed(m) and m.cls == "Person" and " " in m.text}
        ):
            first, last = names.person(persons.draw(used_p))
            rename[text] = f"{first} {last}"
            words = text.split()
            firsts.setdefault(words[0], first)
            lasts.setdefault(words[-1], last)
        for m in chosen:
            if not _renamed(m) or m.text in rename:
                continue
            if m.cls == "Person":
                word = m.text.split()[0]
                if word in lasts:
                    rename[m.text] = lasts[word]
                elif word in firsts:
                    rename[m.text] = firsts[word]
                else:
                    rename[m.text] = names.person(persons.draw(used_p))[1]
            else:
                rest = m.text.split()[1:]
                rename[m.text] = " ".join([names.stem(others.draw(used_o)), *rest])

        out.append(_article(i, chosen, rename, described))
    return out


def _article(
    i: int,
    chosen: list[Mention],
    rename: dict[str, str],
    described: dict[tuple[int, int], list[Mention]],
) -> Extraction:
    """Synthetic article i: one sentence per chosen mention, with its descriptions."""
    parts: list[str] = []
    mentions: list[Mention] = []
    sentences: list[tuple[int, int]] = []
    pos = 0

    def put(s: str) -> tuple[int, int]:
        nonlocal pos
        parts.append(s)
        pos += len(s)
        return pos - len(s), pos

    for m in chosen:
        sent = len(sentences)
        surface = rename.get(m.text, m.text)
        start, end = put(surface)
        mentions.append(dataclasses.replace(m, text=surface, start=start, end=end, sentence=sent))
        for d in described.get((m.start, m.end), []):
            put(", ")
            ds, de = put(d.text)
            mentions.append(
                dataclasses.replace(d, start=ds, end=de, sentence=sent, antecedent=(start, end))
            )
            put(",")
        sentences.append((start, put(" said.")[1]))
        put(" ")
    text = "".join(parts)
    article = Article(
        id=hashlib.sha256(f"kg-link-scale-{i}".encode()).hexdigest(),
        text=text,
        path=f"synthetic/{i}.txt",
        body=((0, len(text)),),
    )
    return Extraction(article=article, sentences=tuple(sentences), mentions=tuple(mentions))


def describe(exts: list[Extraction]) -> str:
    """How often person names repeat across articles, to judge the synthetic corpus."""
    df = Counter(
        name
        for x in exts
        for name in {m.text for m in x.mentions if m.cls == "Person" and " " in m.text}
    )
    once = sum(1 for c in df.values() if c == 1)
    return (
        f"{len(df)} distinct full person names, {once / len(df):.0%} in one article, "
        f"{sum(1 for c in df.values() if c >= 10)} in 10+, most frequent in {max(df.values())}"
    )


class GcClock:
    """Seconds the cyclic garbage collector ran while this clock was installed."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start

    def __enter__(self) -> GcClock:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def time_link(exts: list[Extraction], repeat: int) -> tuple[float, float, int, int]:
    """(median seconds, GC seconds of the median run, runs, entities) of link(exts)."""
    runs: list[tuple[float, float]] = []
    entities = 0
    for _ in range(repeat):
        gc.collect()
        with GcClock() as gc_clock:
            t = time.perf_counter()
            result = link(exts)
            seconds = time.perf_counter() - t
        runs.append((seconds, gc_clock.seconds))
        entities = len(result.entities)
        if runs[0][0] > SLOW:
            break
    runs.sort()
    seconds, gc_seconds = runs[len(runs) // 2]
    return statistics.median(s for s, _ in runs), gc_seconds, len(runs), entities


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "articles")])
    ap.add_argument("--sizes", default="1000,5000,10000", help="comma-separated article counts")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or sizes[0] < 2:
        ap.error("--sizes needs article counts of at least 2")

    articles, _ = read_paths(args.paths)
    real = list(extract(articles))
    real_mentions = sum(len(x.mentions) for x in real)
    t = time.perf_counter()
    corpus = synthetic(real, sizes[-1])
    made = time.perf_counter() - t
    load_gazetteer()
    link(real)  # warm: gazetteer, lexicons, caches

    print(f"real corpus         {len(real)} articles, {real_mentions} mentions")
    print(f"synthetic corpus    {sizes[-1]} articles in {made:.1f} s (seed {SEED})")
    print(f"                    {describe(corpus)}")
    base = 1000 if 1000 in sizes else sizes[0]
    rows = []
    for n in sizes:
        exts = corpus[:n]
        seconds, gc_seconds, runs, entities = time_link(exts, args.repeat)
        mentions = sum(len(x.mentions) for x in exts)
        rows.append((n, mentions, entities, seconds, gc_seconds, runs))
    base_s = next(r[3] for r in rows if r[0] == base)

    print()
    print(
        f"{'size':>7} {'mentions':>9} {'entities':>9} {'seconds':>9} {'gc s':>7} {'runs':>4} "
        f"{'ratio':>7} {'/nlogn':>7}"
    )
    worst = 0.0
    for n, mentions, entities, seconds, gc_seconds, runs in rows:
        ratio = seconds / base_s
        nlogn = (n / base) * math.log2(n) / math.log2(base)
        norm = ratio / nlogn
        if n > base:
            worst = max(worst, norm)
        print(
            f"{n:>7} {mentions:>9} {entities:>9} {seconds:>9.3f} {gc_seconds:>7.3f} {runs:>4} "
            f"{ratio:>7.2f} {norm:>7.2f}"
        )
    print()
    if worst <= NOISE:
        print("linking grows no worse than n log n")
    else:
        print(f"linking grows faster than n log n: {worst:.2f}")


if __name__ == "__main__":
    main()
