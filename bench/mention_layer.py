"""What the mention layer (nominals, pronouns, coreference, speakers) costs.

    python bench/mention_layer.py [PATHS...] [--repeat N]

Times, in one run on the same texts: raw `nlp.pipe` of kg's pipeline, then the pipeline with
every NLP step (kg/nlp/steps.py) but the mention layer, then with all of them. Prints each as
a ratio to raw `nlp.pipe` and the layer's cost over the steps without it; the target is at
most +15% of the NLP stage.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import median_times, sample  # noqa: E402

from kg.nlp import coref, nominals, pronouns, speakers  # noqa: E402
from kg.nlp.steps import STEPS  # noqa: E402

LAYER = {nominals.step, pronouns.step, coref.step, speakers.step}


def main() -> None:
    articles, texts, repeat = sample(__doc__.splitlines()[0])
    without = tuple(s for s in STEPS if s not in LAYER)
    r, b, f = median_times(articles, texts, repeat, None, without, STEPS)
    print(f"articles                     {len(texts)}")
    print(f"raw nlp.pipe                 {r:.3f} s (median of {repeat})")
    print(f"steps without mention layer  {b:.3f} s  ({b / r:.3f} × raw)")
    print(f"all steps                    {f:.3f} s  ({f / r:.3f} × raw)")
    print(f"mention layer's cost         {100 * (f / b - 1):+.1f}%")


if __name__ == "__main__":
    main()
