"""What kg's events (triggers with their arguments, time and modality) cost in a build.

    python bench/events.py [PATHS...] [--repeat N]

Times, in one run on the same texts: raw spaCy (kg's pipeline, no steps), every step but
the events step, and every step (a whole Extraction, as a build makes it). The events'
cost is the third over the second; the target (issue 18) is at most +15%. Each is also
given as a ratio to raw spaCy.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import sample, time_steps  # noqa: E402

from kg.nlp import events  # noqa: E402
from kg.nlp.steps import STEPS  # noqa: E402

WITHOUT_EVENTS = tuple(s for s in STEPS if s is not events.step)


def main() -> None:
    articles, texts, repeat = sample(__doc__.splitlines()[0])
    time_steps(articles[:2], texts[:2], STEPS)  # warm the pipeline, gazetteer and lexicons
    raw, without, full = [], [], []
    for _ in range(repeat):
        raw.append(time_steps(articles, texts, None))
        without.append(time_steps(articles, texts, WITHOUT_EVENTS))
        full.append(time_steps(articles, texts, STEPS))
    r, w, f = (statistics.median(x) for x in (raw, without, full))
    print(f"articles                  {len(texts)}")
    print(f"raw spaCy (nlp.pipe)      {r:.3f} s (median of {repeat})")
    print(f"every step but events     {w:.3f} s ({w / r:.2f} x raw)")
    print(f"every step                {f:.3f} s ({f / r:.2f} x raw)")
    print(f"events' cost              {100 * (f / w - 1):+.1f}% of the build without them")


if __name__ == "__main__":
    main()
