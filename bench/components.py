"""What kg's event, relation and quote components cost on top of its pipeline.

    python bench/components.py [PATHS...] [--repeat N]

Times, in one run on the same texts: kg's spaCy pipeline with the entity layer
(mentions only), then the same plus events, relations and quotes (a whole
Extraction, as a build makes it). The overhead of the second over the first is the
cost of the three components; the target is at most +25%.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import median_times, sample  # noqa: E402

from kg.nlp.steps import ENTITY_STEPS, STEPS  # noqa: E402


def main() -> None:
    articles, texts, repeat = sample(__doc__.splitlines()[0])
    b, f = median_times(articles, texts, repeat, ENTITY_STEPS, STEPS)
    print(f"articles                    {len(texts)}")
    print(f"pipeline + entities         {b:.3f} s (median of {repeat})")
    print(f"+ events, relations, quotes {f:.3f} s")
    print(f"components' cost            {100 * (f / b - 1):+.1f}%")


if __name__ == "__main__":
    main()
