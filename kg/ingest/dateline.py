"""The date an article gives itself in a dateline or byline, for files that carry no date.

A text or Markdown file has no metadata, but news copied from a page usually keeps the line that
dates it, and relative dates in the text ("yesterday", "on Tuesday") can only be placed against
the report's date. `dateline_date` finds that line. The rule (README, Inputs):

- Where: the first LINES non-blank lines of the text. Markdown marks (``#``, ``>``, ``*``, ``_``)
  are ignored. A dateline may open a paragraph of any length; the other forms are lines of at
  most SHORT_LINE characters.
- Forms, each with a date that names its year, tried on each line from the top:
  1. a dateline: a place, a comma, the date, a dash: "HAMBURG, March 4, 2024 —",
     "Berlin, Germany, 4 March 2024 –", "WASHINGTON (Reuters), March 4, 2024 -";
  2. Published, Posted, First published or Dated (maybe "by" someone, "on" or a colon), the
     date: "Published 4 March 2024", "Posted by AP on: 2024-03-04 10:00";
  3. a byline: "By", one or more capitalised names (joined by commas, "and" or "&"), a
     separator (| · • , / : a dash or "on"), the date: "By Jane Doe | March 4, 2024",
     "By Jane Doe, Staff Writer, 2024-03-04";
  4. a line that is only a date, maybe with its weekday and a time: "Monday, March 4, 2024".
- Dates: "March 4, 2024", "Mar. 4, 2024", "March 4 2024", "4 March 2024", "2024-03-04" (a time
  may follow: "2024-03-04T10:00Z"), each maybe after a weekday ("Monday, "). Numeric dates with
  slashes (03/04/2024) are not read: they name different days in different countries.
- What wins: the file's own date (a JSON "date" field; an HTML page's metadata) always; else
  the first line from the top in one of the forms. "Updated" and "Modified" lines never count:
  they date an edit, not the report. No line in a form: no date, as before.

The text is only read: an article's text, offsets and id are the same with or without a date.
"""

from __future__ import annotations

import re
from datetime import date

LINES = 5  # non-blank lines looked at, from the top
SHORT_LINE = 200  # longest line read as a Published, byline or date-only line

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE = re.compile(
    _WEEKDAY
    + rf"""(?:
      (?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})
    | (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})
    | (?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})
    )(?!\d)""",
    re.IGNORECASE | re.VERBOSE,
)
_TIME = re.compile(
    r"(?:[T\s,]+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?\s*$",
    re.IGNORECASE,
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_PLACE_WORDS = rf"[{_UPPER}][\w.'’-]*(?:\s+(?:[{_UPPER}][\w.'’-]*|of|de|la|am|upon)){{0,3}}"
_DATELINE = re.compile(rf"(?:{_PLACE_WORDS})(?:,\s*{_PLACE_WORDS})?(?:\s*\([^()]{{1,40}}\))?,\s*$")
_DASH = re.compile(r"^(?:\s*\([^()]{1,40}\))?\s*(?:—|–|--?)(?:\s|$)")
_PUBLISHED = re.compile(
    r"(?:first\s+)?(?:published|posted|dated)(?:\s+by\s+[^,|]{1,60}?)?(?:\s+(?:on|at))?\s*[:,|]?\s*",
    re.IGNORECASE,
)
_EDITED = re.compile(r"^(?:last\s+)?(?:updated|modified|edited)\b", re.IGNORECASE)
_PARTICLES = "al|bin|da|de|del|der|di|du|la|le|staff|van|von"  # lower-case words in a byline
_NAME = rf"[{_UPPER}][\w.'’-]*(?:\s+(?:[{_UPPER}][\w.'’-]*|{_PARTICLES})){{0,4}}"
_BYLINE = re.compile(
    rf"(?:BY|By|by)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*\s*(?:[|·•,/:—–-]|\son)\s*"
)
_MARKS = re.compile(r"[*_]+|^[#>\s]+")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def dateline_date(text: str) -> str | None:
    """The ISO date (YYYY-MM-DD) of the first dateline or byline in the first lines, or None."""
    seen = 0
    for raw in text.splitlines():
        line = _MARKS.sub("", raw).strip()
        if not line:
            continue
        found = _line_date(line)
        if found is not None:
            return found
        seen += 1
        if seen == LINES:
            return None
    return None


def _line_date(line: str) -> str | None:
    """The date of one line in one of the four forms, or None."""
    if _EDITED.match(line):
        return None
    m = _DATE.search(line)
    if m is None:
        return None
    before, after = line[: m.start()], line[m.end() :]
    if _DATELINE.fullmatch(before) and _DASH.match(after):
        return _iso(m)
    if len(line) > SHORT_LINE:
        return None
    if _PUBLISHED.fullmatch(before):
        return _iso(m)
    if _BYLINE.fullmatch(before):
        return _iso(m)
    if not before.strip() and _TIME.fullmatch(after):
        return _iso(m)
    return None


def _iso(m: re.Match[str]) -> str | None:
    """The match as YYYY-MM-DD, or None for a day no calendar has (February 30)."""
    k = next(k for k in "123" if m[f"y{k}"])
    year, month, day = m[f"y{k}"], m[f"m{k}"], m[f"d{k}"]
    number = int(month) if month.isdigit() else _MONTHS.index(month[:3].lower()) + 1
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None
