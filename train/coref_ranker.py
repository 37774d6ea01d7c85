"""Learn the weights that rank a pronoun's antecedents (kg/nlp/coref_rank.py).

    python train/coref_ranker.py ../shared/corpora [--out data/lexicons/coref.yaml]

Runs kg's own pipeline, up to coreference, over the documents kg may learn from — GUM's
training genres and GAP, tune halves only — and watches every pronoun kg ranks: its
candidates (the chains agreement and binding allow, the nouns of no mention that compete
with "it" and "they") and their features. Gold says which candidates are right:
- GUM: the chain holding a mention of the pronoun's gold chain (a gold mention whose head
  lies inside the chain's mention); a pronoun that is no gold person, place or
  organisation (an "it" about a thing) is right to pick a thing;
- GAP: the chain holding the name the pronoun refers to (rows where it refers to neither
  name are left out).
Pronouns with no right candidate teach nothing and are left out. A conditional logit
(softmax over each pronoun's candidates, every right one counting) is fitted by full-batch
gradient descent from zero with L2, a fixed number of steps: the same data give the same
weights, written rounded to four decimals.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kg.eval.corpora import gap, gum
from kg.eval.corpora.model import CorpusDoc
from kg.eval.split import half
from kg.ingest import article_id
from kg.model import Article, Mention
from kg.nlp import coref
from kg.nlp.context import Context
from kg.nlp.coref_rank import FEATURES, Candidate, weights
from kg.nlp.extract import extract
from kg.nlp.steps import MENTION_STEPS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gum_heads import TRAINING_GENRES  # noqa: E402
from provenance import corpus_commit, kg_commit  # noqa: E402

STEPS_BEFORE_COREF = MENTION_STEPS[: MENTION_STEPS.index(coref.step)]
L2 = 0.01
RATE = 0.5
ROUNDS = 3000


@dataclass(slots=True)
class Seen:
    """The pronouns kg ranked in one document: span → candidates' spans and vectors."""

    pronouns: dict[tuple[int, int], list[tuple[list[tuple[int, int]], tuple[float, ...]]]] = field(
        default_factory=dict
    )


def watch(docs: list[CorpusDoc]) -> list[Seen]:
    """Run the pipeline over ``docs`` and record every ranking, in document order."""
    seen: list[Seen] = []

    def record(m: Mention, cands: list[Candidate], vectors: list[tuple[float, ...]]) -> None:
        spans = [_spans(c) for c in cands]
        seen[-1].pronouns[(m.start, m.end)] = list(zip(spans, vectors, strict=True))

    def step(ctx: Context) -> None:
        seen.append(Seen())
        ctx.mentions = coref.resolve(ctx.doc, ctx.mentions, ctx.starts, recorder=record)

    arts = [
        Article(article_id(d.text), d.text, f"{d.id}.txt", body=((0, len(d.text)),)) for d in docs
    ]
    for _ in extract(arts, steps=(*STEPS_BEFORE_COREF, step)):
        pass
    return seen


def _spans(c: Candidate) -> list[tuple[int, int]]:
    if c.chain is None:
        assert c.head is not None
        return [(c.head.idx, c.head.idx + len(c.head.text))]
    return [(x.start, x.end) for x in c.chain.mentions]  # type: ignore[attr-defined]


def _holds(span: tuple[int, int], head: tuple[int, int]) -> bool:
    return span[0] <= head[0] and head[1] <= span[1]


Group = tuple[list[tuple[float, ...]], list[bool]]


def gum_groups(doc: CorpusDoc, seen: Seen) -> list[Group]:
    gold = doc.all_mentions or []
    by_head = {g.head: g for g in gold}
    out = []
    for pron, cands in seen.pronouns.items():
        g = by_head.get(pron)
        if g is None:  # no person, place or organisation: a thing is right
            labels = [len(spans) == 1 and not _covers(gold, spans[0]) for spans, _ in cands]
            labels = [ok and _is_thing(c) for ok, c in zip(labels, cands, strict=True)]
        else:
            mates = [x.head for x in gold if x.chain == g.chain and x.head != g.head]
            labels = [
                any(_holds(s, h) for s in spans for h in mates if s[0] < pron[0])
                for spans, _ in cands
            ]
        if any(labels) and not all(labels):
            out.append(([v for _, v in cands], labels))
    return out


def _is_thing(cand: tuple[list[tuple[int, int]], tuple[float, ...]]) -> bool:
    return cand[1][FEATURES.index("thing")] == 1.0


def _covers(gold: list, span: tuple[int, int]) -> bool:
    return any(_holds(span, g.head) for g in gold)


def gap_groups(doc: CorpusDoc, seen: Seen) -> list[Group]:
    out = []
    for pair in doc.pairs or []:
        if not pair.coref or pair.pronoun not in seen.pronouns:
            continue
        cands = seen.pronouns[pair.pronoun]
        labels = [
            any(s[0] < pair.name[1] and pair.name[0] < s[1] for s in spans) for spans, _ in cands
        ]
        if any(labels) and not all(labels):
            out.append(([v for _, v in cands], labels))
    return out


def fit(groups: list[Group]) -> np.ndarray:
    """The conditional logit's weights: maximise each pronoun's probability of a right
    candidate, by gradient descent from zero."""
    x = np.array([v for vs, _ in groups for v in vs], dtype=np.float64)
    y = np.array([lab for _, ls in groups for lab in ls], dtype=bool)
    sizes = np.array([len(vs) for vs, _ in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    w = np.zeros(x.shape[1])
    for _ in range(ROUNDS):
        s = x @ w
        s = s - np.repeat(np.maximum.reduceat(s, starts), sizes)
        e = np.exp(s)
        p = e / np.repeat(np.add.reduceat(e, starts), sizes)
        ey = np.where(y, e, 0.0)
        q = ey / np.repeat(np.add.reduceat(ey, starts), sizes)
        grad = x.T @ (p - q) / len(groups) + L2 * w
        w -= RATE * grad
    return w


def accuracy(groups: list[Group], w: np.ndarray) -> float:
    right = 0
    for vs, ls in groups:
        scores = np.array(vs) @ w
        right += bool(ls[int(np.argmax(scores))])
    return right / len(groups) if groups else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", type=Path)
    ap.add_argument("--out", type=Path, default=Path("data/lexicons/coref.yaml"))
    args = ap.parse_args()
    gum_docs = [
        d
        for d in gum.load(args.corpora / "gum")
        if d.extra.get("genre") in TRAINING_GENRES and half("gum", d.unit) == "tune"
    ]
    gap_docs = [d for d in gap.load(args.corpora / "gap") if half("gap", d.unit) == "tune"]
    print(f"watching {len(gum_docs)} GUM and {len(gap_docs)} GAP documents", file=sys.stderr)
    groups_gum = [
        g for d, s in zip(gum_docs, watch(gum_docs), strict=True) for g in gum_groups(d, s)
    ]
    groups_gap = [
        g for d, s in zip(gap_docs, watch(gap_docs), strict=True) for g in gap_groups(d, s)
    ]
    groups = groups_gum + groups_gap
    before = np.array(weights())
    print(
        f"accuracy of the weights in use: GUM {accuracy(groups_gum, before):.3f}, "
        f"GAP {accuracy(groups_gap, before):.3f}",
        file=sys.stderr,
    )
    w = fit(groups)
    counts = {
        "gum_pronouns": len(groups_gum),
        "gap_pronouns": len(groups_gap),
        "accuracy_gum": round(accuracy(groups_gum, w), 3),
        "accuracy_gap": round(accuracy(groups_gap, w), 3),
    }
    print(counts, file=sys.stderr)
    write(args.out, w, counts, args.corpora)


def write(out: Path, w: np.ndarray, counts: dict, corpora: Path) -> None:
    head = [
        "# The weights that rank a pronoun's antecedents (kg/nlp/coref_rank.py): a conditional",
        "# logit over each pronoun's candidates. Learned, not written by hand: `make models`",
        "# (train/coref_ranker.py). Do not edit.",
        f"#   GUM commit {corpus_commit(corpora, 'gum')} (Zeldes 2017,",
        "#     annotations CC BY 4.0), training genres "
        + ", ".join(sorted(TRAINING_GENRES))
        + ", tune half only;",
        f"#   GAP commit {corpus_commit(corpora, 'gap')} (Webster et al. 2018, Apache 2.0),",
        "#     development, validation and test files, tune half only, rows whose pronoun",
        "#     refers to one of the names.",
        f"#   Fit: full-batch gradient descent from zero, L2 {L2}, rate {RATE}, {ROUNDS} rounds.",
        f"#   kg commit {kg_commit()};",
        "#   " + ", ".join(f"{k} {v}" for k, v in counts.items()),
        "weights:",
    ]
    body = [f'  "{f}": {round(float(v), 4) + 0.0}' for f, v in zip(FEATURES, w, strict=True)]
    out.write_text("\n".join(head + body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
