"""Why a figure must be flagged rather than stored as sure: the general patterns of real
releases that a rule-based reader gets wrong when it guesses.

- comparisons and previous years ("That compares with ... in 2010", "against 77 in 2010",
  "up from", "33 more than at Christmas 2010", a block under "The figures for the same period
  of the 2010/11 campaign were:") and changes ("rose by", "a rise of");
- splits ("500 men and 86 women were arrested"): neither part is the total;
- numbers with typos ("£50,o00"): the reading is offered, never stored as sure;
- numbers without a thousands separator ("1300", "1947 people"), which may be typos or years;
- another organisation's figure ("Border Force, which received more than 1,000 referrals");
- figures under a heading that names a place but no force ("Buckinghamshire").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from bot.importer.figures import RawFigure
from bot.importer.numbers import Number

_YEAR = re.compile(r"\b(?:19|20)\d{2}(?:/\d{2,4})?\b")
_COMPARES = re.compile(
    r"\b(?:compar(?:ed|es|ing|ison)|against\s+(?:about\s+|around\s+|just\s+)?(?:\d[\d,]*|last|the "
    r"previous|a year)|versus|vs\.?|up from|down from|rose|risen|rising"
    r"|fell|fallen|falling|increase[sd]?|decrease[sd]?|rise of|fall of|drop(?:ped)? (?:of|by)"
    r"|up by|down by|(?:more|fewer|less|higher|lower) than (?:last|the previous|in|at|during)"
    r"|last year|previous year|year before|a year (?:earlier|ago)|same period|this time last"
    r"|previous (?:operation|campaign|week|month|period)|last time|(?:doubled|tripled|halved)"
    r"|year[- ]on[- ]year|the same time last)\b",
    re.IGNORECASE,
)
_OPENS_COMPARISON = re.compile(
    r"^\W*(?:that|this|which|it)\s+(?:compares|is|was|were|are)\b.*\b(?:than|with|against)\b"
    r"|^\W*(?:in comparison|by comparison|compared|last year|the previous year|in (?:19|20)\d\d)",
    re.IGNORECASE,
)
_DIFFERENCE = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:more|fewer|less|higher|lower)\b[^.;]*?\bthan\b",
                         re.IGNORECASE)
# a window of time that is not the operation's: statistics, trends, running totals
_WINDOW = re.compile(
    r"\b(?:over|in|during|across) the (?:past|last|previous) (?:\w+ )?(?:years?|months?|decade)"
    r"|\bsince records began|\bin the (?:year|12 months|twelve months) to\b"
    r"|\b(?:Office for National Statistics|ONS|statistics|survey|data (?:shows?|published)"
    r"|figures (?:published|released) (?:in|on|by))\b", re.IGNORECASE)
_RUNNING_TOTAL = re.compile(
    r"\bsince\s+(?:(?:operation|op)\s+\w+\s+|the (?:operation|campaign|scheme)\s+|it\s+)?"
    r"(?:began|started|launched|was launched|was set up)\b|\bsince (?:its|the) (?:launch|start)"
    r"|\bto date\b|\bso far\b|\bin total since\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-–—]\s")
_COMPARISON_HEADING = re.compile(
    r"\b(?:same period|last year|previous year|year before|compar\w+|(?:19|20)\d\d(?:/\d+)?"
    r"\s+(?:campaign|operation|figures))\b", re.IGNORECASE)
_SPLIT_NOUNS = ("men|women|males|females|boys|girls|adults|children|juveniles|youths|teenagers"
                "|under-18s|over-18s")
_SPLIT = re.compile(rf"\b(?:{_SPLIT_NOUNS})\s+and\s+(?:\w+\s+){{0,2}}?\S+\s+(?:{_SPLIT_NOUNS})\b"
                    rf"|\b(?:{_SPLIT_NOUNS})\b", re.IGNORECASE)
_TYPO = re.compile(r"[,.]?[0-9oOIl]*[oOIl][0-9oOIl]*\b")
_ORGANISATION = re.compile(
    r"\b(?:Border Force|HMRC|HM Revenue|DVSA|Environment Agency|Trading Standards|Home Office"
    r"|National Crime Agency|NCA|Crimestoppers|Fire and Rescue|Ambulance Service|Highways England"
    r"|National Highways|Network Rail|Royal Mail|Immigration Enforcement|Gangmasters"
    r"|[A-Z][a-z]+ (?:City |Borough |County |District )?Council)\b")
_ED_NOUNS = frozenset("need speed seed bed shed red breed feed".split())
_PARTICLES = frozenset("off out up down away".split())
_SUBAREA = re.compile(r"(?:^\W*|,\s*)in (?P<place>(?-i:[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}))"
                      r"(?:\s+(?:alone|only|itself)\b|\s*,)", re.IGNORECASE)
_NOT_PLACES = re.compile(r"^(?:January|February|March|April|May|June|July|August|September"
                         r"|October|November|December|Operation|Total|All|Addition|Court|The)\b")
_PROPER_WORDS = re.compile(r"^(?:[A-Z][a-z'’-]+|and|&|of|the)(?:\s+(?:[A-Z][a-z'’-]+|and|&|of"
                           r"|the))*$")
_GENERIC_HEADINGS = frozenset(
    "results figures summary background key notes note the results in numbers findings "
    "arrests seizures outcomes statistics what happened more information operation".split())


def comparison_reason(text: str, number: Number, heading: str | None,
                      years: set[int]) -> str | None:
    """Why the figure at `number` may be a previous period's or a change, not this result."""
    words = f'"{text[number.start:number.end]}"'
    if heading and _COMPARISON_HEADING.search(heading):
        return f'{words} is under the heading "{heading}": a previous period\'s figure?'
    if _OPENS_COMPARISON.search(text):
        return f"{words} is in a comparison (\"{_short(text)}\"): a previous period's figure?"
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, number.start)), default=0)
    after = _CLAUSE_BREAK.search(text, number.end)
    clause = text[start: after.start() if after else len(text)]
    if _COMPARES.search(clause):
        return f"{words} is in a comparison (\"{clause.strip()}\"): a previous period's figure " \
               "or a change?"
    if _DIFFERENCE.match(text[number.end:]):
        return f"{words} is a difference between periods (\"{_short(text)}\"), not a result"
    if _WINDOW.search(text):
        return f"{words} is about another period or national statistics (\"{_short(text)}\"), " \
               "not this operation's result?"
    if _RUNNING_TOTAL.search(text):
        return f"{words} reads as a running total (\"{_short(text)}\"), not this operation's"
    other = {int(y[:4]) for y in _YEAR.findall(text)} - years
    if other:
        return f"{words} is given with the year {min(other)}, which is not the operation's"
    return None


def split_reason(text: str, number: Number, counted: str) -> str | None:
    """'500 men and 86 women were arrested': each number counts a part, not everyone."""
    head = counted.split()[-1].lower() if counted.split() else ""
    if not re.fullmatch(_SPLIT_NOUNS, head):
        return None
    window = text[max(0, number.start - 40): number.end + 40]
    if re.search(rf"\b(?:{_SPLIT_NOUNS})\b.*\band\b.*\b(?:{_SPLIT_NOUNS})\b", window,
                 re.IGNORECASE):
        return (f'"{text[number.start:number.end]} {counted}" is one part of a split '
                f"(\"{_short(text)}\"): the total is not stated")
    return None


def typo_reading(text: str, number: Number) -> tuple[int, str] | None:
    """For a number the release mistyped ('£50,o00'), the likely value and the printed form."""
    m = _TYPO.match(text, number.end)
    if not m or not m[0] or not re.search(r"[,.0-9]", m[0][:1] + m[0]):
        return None
    printed = text[number.start:m.end()]
    digits = re.sub(r"[^0-9]", "", printed.replace("o", "0").replace("O", "0")
                    .replace("l", "1").replace("I", "1"))
    if not digits or "." in m[0][:1]:
        return None
    return int(digits), printed


_MISTYPED = re.compile(r"£?\b\d[\d,.]*[oOIl][\d,.oOIl]*\b|£?\b[oO][,.]?\d[\d,.]*\b")


def mistyped_numbers(text: str, figures: list[RawFigure]) -> list[str]:
    """Numbers with letters in them ('1,2OO') that no figure was read from: never stored,
    always reported, so that the editor can add the figure by hand."""
    found = []
    for m in _MISTYPED.finditer(text):
        if any(f.number.start <= m.start() < f.number.end + len(m[0]) for f in figures):
            continue
        found.append(f'"{m[0]}": a number with a typo? not imported; add it by hand if it '
                     "is a figure")
    return found


def separator_reason(text: str, number: Number) -> str | None:
    """A number of four or more digits written without a separator ('1300', '1947 people')."""
    printed = text[number.start:number.end]
    if re.fullmatch(r"\d{4,}", printed):
        return (f'"{printed}" is written without a thousands separator: check it is the figure '
                "(not a typo or a year)")
    return None


def organisation_reason(text: str, number: Number) -> str | None:
    """A figure in a sentence that names another organisation may be that organisation's."""
    m = _ORGANISATION.search(text)
    if m and not m[0].lower().startswith("crimestoppers"):
        return (f'"{text[number.start:number.end]}" is in a sentence about {m[0]}: whose '
                "figure is it?")
    return None


def dates_reason(text: str | None, start: str | None, end: str | None) -> str | None:
    """Why the operation's dates may be another window: a comparison or statistics in their
    sentence, or a span too long for an operation's results (over three months)."""
    if text and (_COMPARES.search(text) or _WINDOW.search(text)):
        return f'the dates come from a comparison or statistics ("{_short(text)}"): the ' \
               "operation's own dates?"
    if start and end and start[:4].isdigit() and end[:4].isdigit() and len(start) == len(
            end) == 10:
        days = (date.fromisoformat(end) - date.fromisoformat(start)).days
        if days > 92:
            return f"the dates span {days} days: the operation's own dates, or a longer window?"
    return None


def counted_reason(raw: RawFigure) -> str | None:
    """What was counted reads as no thing the importer knows ('arrested held', 'knives
    off'): a pattern it does not understand is flagged, never stored as sure."""
    words = raw.counted.noun.lower().split()
    if not words:
        return None
    head = words[-1]
    if head.endswith("ed") and head not in _ED_NOUNS or set(words) & _PARTICLES:
        return f'"{raw.words}": the importer cannot tell what was counted; check the wording'
    return None


def subarea_reason(text: str, number: Number, is_force: Callable[[str], bool]) -> str | None:
    """'In Milton Keynes alone, 40 ...': a figure for a place within a force's area."""
    for m in _SUBAREA.finditer(text[: number.start] + " " + text[number.end:]):
        place = m["place"]
        if not is_force(place) and not _NOT_PLACES.match(place):
            return (f'"{text[number.start:number.end]}" is for {place}, a place within the '
                    "area rather than a force: whose figure is it?")
    return None


def heading_place(heading: str, names_force: bool) -> str | None:
    """The place a plain heading names when it names no force ('Buckinghamshire')."""
    text = heading.strip().rstrip(":")
    if names_force or not _PROPER_WORDS.match(text) or text.lower() in _GENERIC_HEADINGS:
        return None
    if set(text.lower().split()) & _GENERIC_HEADINGS:
        return None
    return text


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def figure_flags(raw: RawFigure, heading: str | None, subarea: str | None,
                 years: set[int], is_force: Callable[[str], bool]
                 ) -> tuple[list[str], int | float]:
    """The reasons to flag a figure, and its value (a mistyped number's likely reading)."""
    text, number = raw.sentence.text, raw.number
    reasons = [r for r in (
        comparison_reason(text, number, heading, years),
        split_reason(text, number, raw.counted.noun),
        separator_reason(text, number),
        organisation_reason(raw.sentence.narrative, number),
        counted_reason(raw),
        None if subarea else subarea_reason(raw.sentence.narrative, number, is_force),
    ) if r]
    if subarea:
        reasons.append(f'"{raw.words}" is under the heading "{subarea}", a place that is no '
                       "police force: whose figure is it (a force's, or part of one)?")
    value = number.value
    if reading := typo_reading(text, number):
        value, printed = reading
        reasons.append(f'the release prints "{printed}" (a typo?); read as {value:,}: confirm '
                       "or edit")
    return reasons, value
