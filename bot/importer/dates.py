"""Dates and durations in a release: "between April 23 and 25", "On July 22", "Since June",
"three-day", "week-long".

A date without a year takes the release's year (the year before, if that would put it after
the release); with no release date it stays without a year (`--04-23`), as the models allow.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from bot.importer.numbers import WORD_VALUES
from bot.knowledge.models import Period, format_partial_date

_MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_NUMBERS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_NUMBERS["sept"] = 9

_M = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
      r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_Y = r"(?:19|20)\d{2}\b"
_WD = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_TO = r"\s*(?:and|to|until|till|-|–|—)\s*"

_RANGES = [
    re.compile(rf"{_WD}(?P<m1>{_M})\s+(?P<d1>{_D})(?:,?\s+(?P<y1>{_Y}))?{_TO}{_WD}"
               rf"(?:(?P<m2>{_M})\s+)?(?P<d2>{_D})(?:,?\s+(?P<y2>{_Y}))?"),
    re.compile(rf"{_WD}(?P<d1>{_D})(?:\s+(?P<m1>{_M}))?(?:\s+(?P<y1>{_Y}))?{_TO}{_WD}"
               rf"(?P<d2>{_D})\s+(?P<m2>{_M})(?:,?\s+(?P<y2>{_Y}))?"),
]
_SINGLES = [
    re.compile(rf"{_WD}(?P<d>{_D})\s+(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?"),
    re.compile(rf"{_WD}(?P<m>{_M})\s+(?P<d>{_D})(?:,?\s+(?P<y>{_Y}))?"),
]
_MONTH_YEAR = re.compile(rf"(?P<m>{_M})(?:\s+(?P<y>{_Y}))?")
_YEAR = re.compile(rf"\b{_Y}")
# "1947 people were arrested": a number like a year that counts something is no year
_COUNTS = re.compile(r"\s+(?:people|men|women|persons|[a-z]+s)\b(?!\s+(?:of|in)\b)")
_YEAR_CUE = re.compile(r"\b(?:in|of|since|from|to|until|during|by|and|before|after|between|"
                       r"year|summer|winter|spring|autumn|christmas|[-–/])\s*$", re.IGNORECASE)
SINCE = re.compile(rf"\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?P<m>{_M})"
                   rf"(?:\s+(?P<y>{_Y}))?", re.IGNORECASE)

_N = r"(?:\d+|a|one|" + "|".join(WORD_VALUES) + r")"
_DURATION = re.compile(
    r"\b(?P<action>day|week|weekend|month) of action\b"
    rf"|\b(?P<n>{_N})[- ](?P<u>day|week|month|hour|fortnight)s?(?:[- ]long)?\b(?! of action)"
    r"|\b(?P<long>day|week|month|fortnight)-long\b",
    re.IGNORECASE,
)


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` has dates, month names or years (their numbers are not figures)."""
    spans = []
    for pattern in [*_RANGES, *_SINGLES, _MONTH_YEAR]:
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    spans += [(m.start(), m.end()) for m in _YEAR.finditer(text) if not _COUNTS.match(
        text, m.end()) or _YEAR_CUE.search(text[:m.start()])]
    return spans


def operation_dates(texts: list[str], released: str | None) -> Period | None:
    """The first date range, or else the first single date, in `texts` (narrative only)."""
    return dates_and_source(texts, released)[0]


def dates_and_source(texts: list[str], released: str | None) -> tuple[Period | None, int]:
    """`operation_dates`, and the index of the text it found them in (-1 if none)."""
    for patterns in (_RANGES, _SINGLES):
        for index, text in enumerate(texts):
            text = SINCE.sub(" ", text)
            hits = [m for p in patterns for m in p.finditer(text)]
            if hits:
                m = min(hits, key=lambda h: h.start())
                if patterns is _RANGES:
                    end = _partial(m["d2"], m["m2"] or m["m1"], m["y2"] or m["y1"], released)
                    start = _partial(m["d1"], m["m1"] or m["m2"], m["y1"] or m["y2"], released,
                                     before=end)
                else:
                    start = end = _partial(m["d"], m["m"], m["y"], released)
                return Period(start=start, end=end, label=describe_dates(start, end)), index
    return None, -1


def since_period(text: str, released: str | None) -> Period | None:
    """'Since June' → from June (of the release's year) up to the release date."""
    m = SINCE.search(text)
    if not m:
        return None
    month = _MONTH_NUMBERS[m["m"].rstrip(".").lower()]
    year = _year_for(month, 1, m["y"], released)
    start = f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
    return Period(start=start, end=released, label=f"since {format_partial_date(start)}")


def describe_dates(start: str, end: str | None) -> str:
    """'on 22 July 2020', '13 to 19 May 2019', '23 to 25 April', '30 April to 2 May'."""
    if not end or end == start:
        return f"on {format_partial_date(start)}"
    a, b = format_partial_date(start).split(" "), format_partial_date(end).split(" ")
    if a[1:] == b[1:]:
        return f"{a[0]} to {' '.join(b)}"
    if len(a) == 3 and len(b) == 3 and a[2] == b[2]:
        return f"{' '.join(a[:2])} to {' '.join(b)}"
    return f"{' '.join(a)} to {' '.join(b)}"


def find_duration(texts: list[str]) -> str | None:
    """'three-day' → 'three days', 'week-long' → 'a week', 'day of action' → 'one day'."""
    for text in texts:
        m = _DURATION.search(text)
        if not m:
            continue
        if m["long"]:
            return f"a {m['long'].lower()}"
        if m["action"]:
            unit = m["action"].lower()
            return "one day" if unit == "day" else f"a {unit}"
        n, unit = m["n"].lower(), m["u"].lower()
        return f"a {unit}" if n in ("a", "one") else f"{n} {unit}s"
    return None


def _partial(day: str, month: str, year: str | None, released: str | None,
             before: str | None = None) -> str:
    d = int(re.sub(r"\D", "", day))
    mo = _MONTH_NUMBERS[month.rstrip(".").lower()]
    y = _year_for(mo, d, year, released)
    if before and not year and y and before[:4].isdigit() and (y, mo, d) > _ymd(before):
        y -= 1  # 28 December to 3 January: the start is in the year before
    return f"{y:04d}-{mo:02d}-{d:02d}" if y else f"--{mo:02d}-{d:02d}"


def _year_for(month: int, day: int, year: str | None, released: str | None) -> int | None:
    if year:
        return int(year)
    if not released:
        return None
    rel = date.fromisoformat(released)
    return rel.year - 1 if (month, day) > (rel.month, rel.day) else rel.year


def _ymd(value: str) -> tuple[int, int, int]:
    y, m, d = value.split("-")
    return int(y), int(m), int(d)


_CHRISTMAS = re.compile(r"\b(?:over|during|at|this|the)\s+(?:the\s+)?(?:christmas|festive)"
                        r"(?:\s+(?:period|season|holidays?|break))?\b", re.IGNORECASE)


def seasonal_period(texts: list[str], released: str | None) -> tuple[Period | None, int]:
    """'over Christmas', 'during the festive period' in a release dated in December or the
    weeks after: December of that Christmas. The text's index, or -1 if none says so."""
    if not released:
        return None, -1
    rel = date.fromisoformat(released)
    if rel.month not in (12, 1, 2):
        return None, -1
    year = rel.year if rel.month == 12 else rel.year - 1
    for index, text in enumerate(texts):
        if _CHRISTMAS.search(text):
            return Period(start=f"{year}-12", end=f"{year}-12",
                          label=f"over Christmas {year} (exact dates not given)"), index
    return None, -1
