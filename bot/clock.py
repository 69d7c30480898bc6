"""The one clock: everything time-dependent asks here, and `--now` or a test can fix it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def parse_now(value: str) -> datetime:
    """Parse an ISO 8601 instant; a naive one is taken as UK local time."""
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"not an ISO 8601 date and time: {value!r}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment


def now() -> datetime:
    return datetime.now(LONDON)
