"""What kg's events (triggers with their arguments, time and modality) cost in a build.

    python bench/events.py [PATHS...] [--repeat N]

Times, in one run on the same texts: raw spaCy (kg's pipeline, no steps), every step but
the events step, and every step (a whole Extraction, as a build makes it). The events'
cost is the third over the second; the target (issue 18) is at most +15%. Each is also
given as a ratio to raw spaCy.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import median_times, sample  # noqa: E402

from kg.nlp import events  # noqa: E402
from kg.nlp.steps import STEPS  # noqa: E402

WITHOUT_EVENTS = tuple(s for s in STEPS if s is not events.step)


def main() -> None:
    articles, texts, repeat = sample(__doc__.splitlines()[0])
    r, w, f = median_times(articles, texts, repeat, None, WITHOUT_EVENTS, STEPS)
    print(f"articles                  {len(texts)}")
    print(f"raw spaCy (nlp.pipe)      {r:.3f} s (median of {repeat})")
    print(f"every step but events     {w:.3f} s ({w / r:.2f} x raw)")
    print(f"every step                {f:.3f} s ({f / r:.2f} x raw)")
    print(f"events' cost              {100 * (f / w - 1):+.1f}% of the build without them")


if __name__ == "__main__":
    main()
