"""Dates as the text gives them → xsd lexical forms, relative ones resolved against the
article's date (the report time): "last week", "on Friday", "two days ago", "in May".

Values: "YYYY" (gYear), "YYYY-MM" (gYearMonth), "YYYY-MM-DD" (date), or an interval
"YYYY-MM-DD/YYYY-MM-DD" for a span of days ("last week"). None when the text is not
a date kg can place (no report date for a relative one, or a vague one: "recently").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_YEAR = re.compile(r"^(?:in\s+)?((?:1[5-9]|20)\d\d)$", re.IGNORECASE)
_FORMATS = ("%B %d, %Y", "%d %B %Y", "%A, %B %d, %Y", "%B %d %Y", "%Y-%m-%d", "%B %Y")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
]  # fmt: skip
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
_AGO = re.compile(r"^(\w+)\s+(day|week|month|year)s?\s+ago$")
_DIGIT = re.compile(r"\d")
_LEAD = re.compile(r"^(?:on|in|at|during|since|by|earlier|late|early)\s+", re.IGNORECASE)


def report_date(value: str | None) -> date | None:
    """The article's date, from the ISO form readers give ("2023-05-15T10:00:00Z")."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(d: date, months: int) -> tuple[int, int]:
    n = d.year * 12 + d.month - 1 + months
    return n // 12, n % 12 + 1


def _strptime(text: str, formats: tuple[str, ...]) -> tuple[str, datetime] | None:
    """The first of ``formats`` that parses ``text``, and what it gives. Each format
    holds a number, so a text without a digit is not tried: a failed strptime is slow."""
    if _DIGIT.search(text) is None:
        return None
    for fmt in formats:
        try:
            return fmt, datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _relative(t: str, ref: date) -> str | None:
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return ref.isoformat()
    if t in ("yesterday", "last night"):
        return (ref - timedelta(days=1)).isoformat()
    if t == "tomorrow":
        return (ref + timedelta(days=1)).isoformat()
    if t in ("last week", "the previous week", "the past week"):
        monday = ref - timedelta(days=ref.weekday() + 7)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    if t == "this week":
        monday = ref - timedelta(days=ref.weekday())
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    if t in ("last month", "the previous month"):
        return _month(*_shift_month(ref, -1))
    if t in ("this month", "earlier this month"):
        return _month(ref.year, ref.month)
    if t in ("last year", "the previous year"):
        return f"{ref.year - 1:04d}"
    if t in ("this year", "earlier this year"):
        return f"{ref.year:04d}"
    words = t.split()
    if words and words[-1] in _WEEKDAYS and len(words) <= 2:
        # news tells of the past: "on Friday" is the latest Friday up to the report date
        day = _WEEKDAYS.index(words[-1])
        back = (ref.weekday() - day) % 7
        if words[0] == "next":
            return (ref + timedelta(days=(day - ref.weekday()) % 7 or 7)).isoformat()
        if words[0] == "last" and back == 0:
            back = 7
        return (ref - timedelta(days=back)).isoformat()
    if words and words[-1] in _MONTHS and len(words) <= 2:
        month = _MONTHS.index(words[-1]) + 1
        year = ref.year - 1 if month > ref.month or words[0] == "last" else ref.year
        return _month(year, month)
    m = _AGO.match(t)
    if m and m.group(1) in _NUMBERS | {str(i): i for i in range(1, 100)}:
        n = _NUMBERS.get(m.group(1)) or int(m.group(1))
        unit = m.group(2)
        if unit == "day":
            return (ref - timedelta(days=n)).isoformat()
        if unit == "week":
            return (ref - timedelta(weeks=n)).isoformat()
        if unit == "month":
            return _month(*_shift_month(ref, -n))
        return f"{ref.year - n:04d}"
    # "May 18" without a year: that day in the year that puts it closest to the report date
    # (news tells of last week's events and of next week's plans alike)
    found = _strptime(t, ("%B %d", "%d %B"))
    if found is not None:
        md = found[1]
        if md.month == 2 and md.day == 29:
            return None
        days = [date(ref.year + k, md.month, md.day) for k in (-1, 0, 1)]
        return min(days, key=lambda d: (abs((d - ref).days), d)).isoformat()
    return None


def normalise_date(text: str, report: date | None = None) -> str | None:
    """The xsd lexical form of a date phrase; relative phrases need ``report``."""
    t = re.sub(r"\s+", " ", text.strip().lower().rstrip(".,"))
    t = t.removeprefix("the ") if t.startswith("the ") and "previous" not in t else t
    m = _YEAR.match(t)
    if m:
        return m.group(1)
    plain = _LEAD.sub("", t) if not t.startswith(("earlier this", "the previous")) else t
    found = _strptime(plain, _FORMATS)
    if found is not None:
        fmt, parsed = found
        return _month(parsed.year, parsed.month) if fmt == "%B %Y" else parsed.date().isoformat()
    if report is None:
        return None
    return _relative(t, report) or _relative(plain, report)
