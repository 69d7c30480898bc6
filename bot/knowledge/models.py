"""Typed knowledge: operations, their figures, people and sources, and reporting guidance.

Facts are data. An answer about a figure is composed from `Operation × Figure`, never from
question/answer strings, so a new press release in `knowledge/` needs no code change.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

_PARTIAL_DATE = re.compile(r"^(?:(?P<y>\d{4})|-)-(?P<m>\d{2})(?:-(?P<d>\d{2}))?$|^(?P<yo>\d{4})$")


def _check_partial_date(value: str) -> str:
    m = _PARTIAL_DATE.match(value)
    if not m:
        raise ValueError(
            "a date must be YYYY-MM-DD, YYYY-MM, YYYY, or --MM-DD when the year is not known"
        )
    if m["yo"]:
        return value
    month, day = int(m["m"]), m["d"]
    year = int(m["y"]) if m["y"] else 2000  # a leap year, so --02-29 is allowed
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1 to 12")
    if day is not None:
        date(year, month, int(day))  # raises ValueError for 31 April etc.
    return value


PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
"""A date that may lack its day or its year: 2020-07-22, 2020-06, 2020, or --04-23."""


def partial_date_parts(value: str) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of a partial date; None where the date does not say."""
    m = _PARTIAL_DATE.match(value)
    assert m, value
    if m["yo"]:
        return int(m["yo"]), None, None
    return (int(m["y"]) if m["y"] else None, int(m["m"]), int(m["d"]) if m["d"] else None)


def format_partial_date(value: str) -> str:
    """'2020-07-22' → '22 July 2020'; '--04-23' → '23 April'; '2020-06' → 'June 2020'."""
    year, month, day = partial_date_parts(value)
    parts = [str(day)] if day else []
    if month:
        parts.append(calendar.month_name[month])
    if year:
        parts.append(str(year))
    return " ".join(parts)


def format_range(start: str, end: str) -> str:
    """'--04-23'..'--04-25' → '23 to 25 April'; different months or years spelt out in full."""
    (y1, m1, d1), (y2, m2, d2) = partial_date_parts(start), partial_date_parts(end)
    if y1 == y2 and m1 == m2 and d1 and d2:
        return f"{d1} to {format_partial_date(end)}"
    if y1 == y2 and d1 and d2:
        return f"{d1} {calendar.month_name[m1]} to {format_partial_date(end)}"
    return f"{format_partial_date(start)} to {format_partial_date(end)}"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


NonEmpty = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Period(Model):
    """When something happened or what time a figure covers."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    label: str | None = None

    def years(self) -> set[int]:
        found = set()
        for d in (self.start, self.end):
            if d:
                y = partial_date_parts(d)[0]
                if y:
                    found.add(y)
        if len(found) == 2:
            found = set(range(min(found), max(found) + 1))
        return found

    def months(self) -> set[int]:
        """The months the period touches, walking from start to end (across a year end)."""
        ends = [partial_date_parts(d) for d in (self.start, self.end) if d]
        ends = [(y, m) for y, m, _ in ends if m]
        if not ends:
            return set()
        (y1, m1), (y2, m2) = ends[0], ends[-1]
        # with the years, count the months between; without, November to February wraps
        span = (y2 - y1) * 12 + (m2 - m1) if y1 and y2 else (m2 - m1) % 12
        if span < 0:
            return {m1, m2}
        return {(m1 - 1 + i) % 12 + 1 for i in range(min(span, 11) + 1)}

    def describe(self) -> str:
        if self.label:
            return self.label
        if self.start and self.end and self.start != self.end:
            return format_range(self.start, self.end)
        if self.start:
            return format_partial_date(self.start)
        if self.end:
            return f"up to {format_partial_date(self.end)}"
        return ""


class Source(Model):
    publisher: NonEmpty
    title: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    note: str | None = None

    def describe(self) -> str:
        parts = [self.publisher]
        if self.title:
            parts.append(f"“{self.title}”")
        parts.append(format_partial_date(self.date) if self.date
                     else "publication date not given")
        return ", ".join(parts)


class Force(Model):
    id: Slug
    name: NonEmpty
    short: str | None = None
    aliases: list[str] = []


class Metric(Model):
    """A kind of figure: what was counted, and the words the public uses for it."""

    id: Slug
    label: NonEmpty
    unit: Literal["count", "GBP", "hours"] = "count"
    terms: list[str] = []


Qualifier = Literal["exact", "more_than", "nearly", "about", "at_least", "up_to", "fewer_than"]


class Figure(Model):
    metric: Slug
    value: int | float
    qualifier: Qualifier = "exact"
    scope: str | None = Field(
        default=None, description="'all' for every force together, a force id, or None if unsaid"
    )
    period: Period | None = None
    what: str | None = Field(default=None, description="what exactly was counted, in words")
    detail: str | None = None


class Unit(Model):
    name: NonEmpty
    short: str | None = None
    aliases: list[str] = []
    force: str | None = None
    part: str | None = None


class Person(Model):
    name: NonEmpty
    rank: str | None = None
    role: str | None = None
    force: str | None = None
    part: str | None = None
    said: list[str] = []


class Operation(Model):
    id: Slug
    name: NonEmpty
    aliases: list[str] = []
    summary: NonEmpty
    focus: list[str] = []
    area: str | None = None
    dates: Period | None = None
    duration: str | None = None
    lead_force: str | None = None
    forces: list[str] = []
    units: list[Unit] = []
    methods: list[str] = []
    figures: list[Figure] = []
    people: list[Person] = []
    appeal: str | None = None


class OperationFile(Model):
    """One knowledge file: one operation as one release reported it.

    A release may name forces or count things that no other file knows: it can define them
    here, so that importing it needs no edit of the shared files.
    """

    operation: Operation
    source: Source
    forces: list[Force] = []
    metrics: list[Metric] = []


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class OpeningHours(Model):
    timezone: str = "Europe/London"
    days: list[Weekday]
    opens: time
    closes: time
    closed_on_public_holidays: bool = True
    holiday_country: str = "GB"
    holiday_subdivision: str | None = "ENG"

    @model_validator(mode="after")
    def _opens_before_closes(self) -> OpeningHours:
        if self.opens >= self.closes:
            raise ValueError("opens must be before closes")
        return self


class Channel(Model):
    id: Slug
    name: NonEmpty
    terms: list[str] = []
    contact: str | None = None
    use_when: str | None = None
    how: list[str] = []
    anonymous: bool = False
    devices: list[str] = []
    answered_by: str | None = None
    hours: OpeningHours | None = None
    # The channel's web page, shown as a link; only a real address (the force fills its own in).
    url: Annotated[str, Field(pattern=r"^https://[^\s<>\"]+$")] | None = None


class Situation(Model):
    id: Slug
    name: NonEmpty
    channels: list[Slug]


class Reporting(Model):
    force: str | None = None
    channels: list[Channel]
    situations: list[Situation] = []


class ForcesFile(Model):
    forces: list[Force]


class MetricsFile(Model):
    metrics: list[Metric]


class Knowledge(Model):
    """Everything the bot knows, validated and cross-checked."""

    operations: list[Operation]
    sources: dict[str, Source]  # operation id → source
    forces: dict[str, Force]
    metrics: dict[str, Metric]
    reporting: Reporting

    def channel(self, channel_id: str) -> Channel:
        return next(c for c in self.reporting.channels if c.id == channel_id)

    def has_channel(self, channel_id: str) -> bool:
        return any(c.id == channel_id for c in self.reporting.channels)

    def force_name(self, force_id: str | None) -> str:
        if force_id is None:
            return ""
        force = self.forces.get(force_id)
        return force.name if force else force_id

    def metric(self, metric_id: str) -> Metric:
        known = self.metrics.get(metric_id)
        return known or Metric(id=metric_id, label=metric_id.replace("-", " "))
