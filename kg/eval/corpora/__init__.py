"""The public corpora kg is scored on, one loader per published format.

Each entry names the corpus as the scoreboard shows it, where it lies relative to the
corpora folder (`../shared/corpora/`), the loader that reads it, and the tasks it scores.
See docs/evaluation.md for what every task measures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.eval.corpora import docred, dwie, ecbplus, gap, gum, polnear, uner, wikievents
from kg.eval.gold import GoldDoc, load_gold


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    path: str  # relative to the corpora folder
    load: Callable[[Path], Sequence[GoldDoc]]
    tasks: tuple[str, ...]
    attribution: str  # whose it is, and its licence (docs/evaluation.md has the full text)


CORPORA = (
    Corpus(
        "gum",
        "gum",
        gum.load,
        ("names", "linking", "mentions", "coref"),
        "GUM (Zeldes 2017) and GENTLE (Aoyama et al. 2023), annotations CC BY 4.0",
    ),
    Corpus(
        "dwie-dev",
        "dwie-dev",
        dwie.load,
        ("names", "linking", "relations"),
        "DWIE (Zaporojets et al. 2021), GPL-3.0; texts Deutsche Welle",
    ),
    Corpus(
        "uner-pud",
        "uner-pud",
        uner.load,
        ("names",),
        "Universal NER English PUD (Mayhew et al. 2024), CC BY-SA 3.0",
    ),
    Corpus(
        "gap",
        "gap",
        gap.load,
        ("pronouns",),
        "GAP (Webster et al. 2018), Apache 2.0; texts Wikipedia",
    ),
    Corpus(
        "wikievents",
        "wikievents",
        wikievents.load,
        ("events",),
        "WikiEvents dev (Li, Ji and Han 2021), MIT",
    ),
    Corpus(
        "ecbplus",
        "ecbplus",
        ecbplus.load,
        ("actions",),
        "ECB+ topics 1-35 (Cybulska and Vossen 2014), annotations CC BY 3.0",
    ),
    Corpus(
        "re-docred",
        "re-docred",
        docred.load,
        ("relations",),
        "Re-DocRED dev (Tan et al. 2022) and DocRED (Yao et al. 2019), MIT",
    ),
    Corpus(
        "polnear-dev",
        "polnear-dev",
        polnear.load,
        ("quotes",),
        "PolNeAR dev (Newell, Margolin and Ruths 2018), no licence stated",
    ),
    Corpus(
        "gum-news-dev",
        "../eval/gum-news-dev.jsonl",
        load_gold,
        ("names", "linking"),
        "GUM news (Wikinews, CC BY 2.5; annotations CC BY 4.0)",
    ),
    Corpus(
        "re3d-dev",
        "../eval/re3d-dev.jsonl",
        load_gold,
        ("re3d",),
        "re3d (Dstl), per-source licences (../shared/eval/README.md)",
    ),
)


def by_name(names: Sequence[str] | None = None) -> list[Corpus]:
    """The corpora to run: all, or those named (in the registry's order)."""
    if not names:
        return list(CORPORA)
    known = {c.name for c in CORPORA}
    unknown = sorted(set(names) - known)
    if unknown:
        from kg.errors import UsageError

        raise UsageError(f"unknown corpus {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return [c for c in CORPORA if c.name in names]
