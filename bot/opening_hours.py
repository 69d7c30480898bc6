"""Is a service (Live Chat) open at a given instant, and when does it open next?

Hours are data (days, times, time zone, closed on public holidays); public holidays come from
the `holidays` package for the given country and subdivision (England: GB/ENG), substitute
days included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from bot.knowledge.models import OpeningHours

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Status:
    open: bool
    reason: str | None  # why closed: "weekend", "after hours", "before opening", a holiday name
    closes_at: datetime | None  # when open
    next_open: datetime | None  # when closed


def public_holidays(hours: OpeningHours, year: int) -> holidays.HolidayBase:
    """The public holidays that close the service, around `year` (cached)."""
    return _holidays(hours.holiday_country, hours.holiday_subdivision, year)


@lru_cache(maxsize=64)
def _holidays(country: str, subdivision: str | None, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, subdiv=subdivision, years=[year - 1, year, year + 1])


def holiday_name(hours: OpeningHours, day: date) -> str | None:
    if not hours.closed_on_public_holidays:
        return None
    return _holidays(hours.holiday_country, hours.holiday_subdivision, day.year).get(day)


def _is_service_day(hours: OpeningHours, day: date) -> bool:
    return WEEKDAYS[day.weekday()] in hours.days and holiday_name(hours, day) is None


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    """`moment` in the service's time zone; a naive one is taken as already in it (not as the
    machine's local time, which on a UTC server is an hour out all summer)."""
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)


def status(hours: OpeningHours, now: datetime) -> Status:
    """Open or closed at `now`; when closed, why and when it next opens."""
    tz = ZoneInfo(hours.timezone)
    local = _local(now, tz)
    today = local.date()
    opens = datetime.combine(today, hours.opens, tzinfo=tz)
    closes = datetime.combine(today, hours.closes, tzinfo=tz)
    if _is_service_day(hours, today) and opens <= local < closes:
        return Status(True, None, closes, None)
    if (name := holiday_name(hours, today)) is not None:
        reason = name  # named even on a weekend: "Boxing Day" reads better than "Saturday"
    elif WEEKDAYS[today.weekday()] not in hours.days:
        reason = "weekend" if today.weekday() >= 5 else f"closed on {WEEKDAYS[today.weekday()]}s"
    else:
        reason = "before opening" if local < opens else "after hours"
    return Status(False, reason, None, next_opening(hours, local))


def next_opening(hours: OpeningHours, after: datetime) -> datetime | None:
    """The first opening strictly after `after`, within 30 days (None if there is none)."""
    tz = ZoneInfo(hours.timezone)
    local = _local(after, tz)
    for offset in range(0, 30):
        day = local.date() + timedelta(days=offset)
        start = datetime.combine(day, hours.opens, tzinfo=tz)
        if start > local and _is_service_day(hours, day):
            return start
    return None


def format_time(t: time | datetime) -> str:
    """10:00 → '10am', 21:00 → '9pm', 9:30 → '9:30am'."""
    hour, minute = t.hour, t.minute
    suffix = "am" if hour < 12 else "pm"
    h12 = hour % 12 or 12
    return f"{h12}{suffix}" if minute == 0 else f"{h12}:{minute:02d}{suffix}"


def format_day(moment: datetime, now: datetime) -> str:
    """'today', 'tomorrow' or 'Monday 28 December'."""
    today = now.date() if now.tzinfo is None else now.astimezone(moment.tzinfo).date()
    days = (moment.date() - today).days
    if days == 0:
        return "today"
    if days == 1:
        return f"tomorrow ({moment.strftime('%A')} {moment.day} {moment.strftime('%B')})"
    return f"{moment.strftime('%A')} {moment.day} {moment.strftime('%B')}"


def describe_days(hours: OpeningHours) -> str:
    days = [d for d in WEEKDAYS if d in hours.days]
    idx = [WEEKDAYS.index(d) for d in days]
    if len(days) > 2 and idx == list(range(idx[0], idx[-1] + 1)):
        return f"{days[0].title()} to {days[-1].title()}"
    return ", ".join(d.title() for d in days)
