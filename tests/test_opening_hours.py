"""Live Chat open-now: the hours in the knowledge (Monday to Friday, 10am to 9pm UK time, closed
on England's bank holidays, substitute days included) at instants where it is easy to get wrong:
the minute either side of opening and closing, weekends, Christmas, Easter and the May and
August bank holidays, substitute days, and both daylight-saving changes (instants given in UTC).

Holidays as the `holidays` package gives them for England (checked when this was written):
2026-12-28 Boxing Day (observed); 2027-12-27/28 and 2032-12-27/28 Christmas and Boxing Day
(observed); 2028-01-03 New Year's Day (observed); Summer bank holiday the last Monday of August.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot import clock, opening_hours
from bot.conversation import Conversation
from bot.knowledge.models import OpeningHours
from bot.render import to_text

LONDON = ZoneInfo("Europe/London")
LIVE_CHAT = OpeningHours(
    timezone="Europe/London",
    days=["monday", "tuesday", "wednesday", "thursday", "friday"],
    opens=time(10), closes=time(21),
    closed_on_public_holidays=True, holiday_country="GB", holiday_subdivision="ENG",
)
OPEN = "open"

# (instant, expected): expected is OPEN, or (why closed, next opening). An instant without an
# offset is UK local time; "why" is weekend, before, after or holiday.
CASES: list[tuple[str, str | tuple[str, str]]] = [
    # an ordinary week (Wednesday 4 March 2026), the minute either side of each edge
    ("2026-03-02T15:30", OPEN),
    ("2026-03-04T11:00", OPEN),
    ("2026-03-04T00:00", ("before", "2026-03-04T10:00")),
    ("2026-03-04T09:59", ("before", "2026-03-04T10:00")),
    ("2026-03-04T09:59:59", ("before", "2026-03-04T10:00")),
    ("2026-03-04T10:00", OPEN),
    ("2026-03-04T20:59", OPEN),
    ("2026-03-04T20:59:59", OPEN),
    ("2026-03-04T21:00", ("after", "2026-03-05T10:00")),
    ("2026-03-04T23:59", ("after", "2026-03-05T10:00")),
    # Friday evening to Monday morning
    ("2026-03-06T20:59", OPEN),
    ("2026-03-06T21:00", ("after", "2026-03-09T10:00")),
    ("2026-03-07T12:00", ("weekend", "2026-03-09T10:00")),
    ("2026-03-08T11:00", ("weekend", "2026-03-09T10:00")),
    ("2026-03-09T09:59", ("before", "2026-03-09T10:00")),
    # clocks go forward (Sunday 29 March 2026): 10:00 BST on Monday is 09:00 UTC
    ("2026-03-27T20:59", OPEN),
    ("2026-03-29T01:30Z", ("weekend", "2026-03-30T09:00Z")),
    ("2026-03-30T08:59Z", ("before", "2026-03-30T09:00Z")),
    ("2026-03-30T09:00Z", OPEN),
    ("2026-03-30T19:59Z", OPEN),
    ("2026-03-30T20:00Z", ("after", "2026-03-31T09:00Z")),
    # clocks go back (Sunday 25 October 2026): 10:00 GMT on Monday is 10:00 UTC
    ("2026-10-23T20:30+01:00", OPEN),
    ("2026-10-25T01:30Z", ("weekend", "2026-10-26T10:00Z")),
    ("2026-10-26T09:00Z", ("before", "2026-10-26T10:00Z")),
    ("2026-10-26T09:59Z", ("before", "2026-10-26T10:00Z")),
    ("2026-10-26T10:00Z", OPEN),
    ("2026-10-26T20:59Z", OPEN),
    ("2026-10-26T21:00Z", ("after", "2026-10-27T10:00Z")),
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April
    ("2026-04-02T20:59", OPEN),
    ("2026-04-02T21:00", ("after", "2026-04-07T10:00")),
    ("2026-04-03T12:00", ("holiday", "2026-04-07T10:00")),
    ("2026-04-06T12:00", ("holiday", "2026-04-07T10:00")),
    ("2026-04-07T10:00", OPEN),
    # May: Early May bank holiday 4 May, Spring bank holiday 25 May
    ("2026-05-01T21:00", ("after", "2026-05-05T10:00")),
    ("2026-05-04T11:00", ("holiday", "2026-05-05T10:00")),
    ("2026-05-22T20:00", OPEN),
    ("2026-05-25T15:00", ("holiday", "2026-05-26T10:00")),
    # Summer: England's is 31 August; Scotland's (3 August) is an ordinary day here
    ("2026-08-03T12:00", OPEN),
    ("2026-08-28T21:00", ("after", "2026-09-01T10:00")),
    ("2026-08-31T12:00", ("holiday", "2026-09-01T10:00")),
    # Christmas 2026: Friday 25, Saturday 26, Boxing Day (observed) Monday 28
    ("2026-12-24T20:59", OPEN),
    ("2026-12-24T21:00", ("after", "2026-12-29T10:00")),
    ("2026-12-25T12:00", ("holiday", "2026-12-29T10:00")),
    ("2026-12-26T12:00", ("holiday", "2026-12-29T10:00")),
    ("2026-12-28T12:00", ("holiday", "2026-12-29T10:00")),
    ("2026-12-29T10:00", OPEN),
    ("2026-12-31T20:00", OPEN),
    # New Year's Day 2027 is a Friday
    ("2026-12-31T21:00", ("after", "2027-01-04T10:00")),
    ("2027-01-01T12:00", ("holiday", "2027-01-04T10:00")),
    # Christmas 2027 falls on a weekend: Monday 27 and Tuesday 28 are substitute days, and
    # New Year's Day 2028 (a Saturday) moves to Monday 3 January
    ("2027-12-24T12:00", OPEN),
    ("2027-12-24T21:00", ("after", "2027-12-29T10:00")),
    ("2027-12-27T11:00", ("holiday", "2027-12-29T10:00")),
    ("2027-12-28T11:00", ("holiday", "2027-12-29T10:00")),
    ("2027-12-31T21:00", ("after", "2028-01-04T10:00")),
    ("2028-01-03T12:00", ("holiday", "2028-01-04T10:00")),
    # 2032 repeats 2027's pattern; and Christmas 2025 (Thursday and Friday)
    ("2032-12-27T10:00", ("holiday", "2032-12-29T10:00")),
    ("2032-12-28T20:00", ("holiday", "2032-12-29T10:00")),
    ("2032-12-29T10:00", OPEN),
    ("2025-12-26T12:00", ("holiday", "2025-12-29T10:00")),
]


def at(value: str) -> datetime:
    return clock.parse_now(value)


def test_the_table_is_long_enough():
    assert len(CASES) >= 48


def test_the_knowledge_has_the_hours_this_table_assumes(knowledge):
    [hours] = [c.hours for c in knowledge.reporting.channels if c.hours]
    assert hours == LIVE_CHAT


@pytest.mark.parametrize(("instant", "expected"), CASES, ids=[c[0] for c in CASES])
def test_open_or_closed(instant, expected):
    state = opening_hours.status(LIVE_CHAT, at(instant))
    if expected == OPEN:
        assert state.open
        assert state.closes_at is not None
        local = at(instant).astimezone(LONDON)
        assert state.closes_at == datetime.combine(local.date(), time(21), tzinfo=LONDON)
        return
    why, next_open = expected
    assert not state.open
    assert state.next_open == at(next_open)
    assert state.next_open.astimezone(LONDON).time() == time(10)
    if why == "holiday":
        assert state.reason == opening_hours.holiday_name(LIVE_CHAT, at(instant).date())
        assert state.reason
    else:
        assert state.reason == {"before": "before opening", "after": "after hours",
                                "weekend": "weekend"}[why]


def test_a_naive_instant_is_uk_time_not_the_machines():
    # Regression: a naive instant was read as the machine's time (UTC on a server), so at
    # 09:30 BST on a summer weekday it said open.
    assert not opening_hours.status(LIVE_CHAT, datetime(2026, 6, 3, 9, 30)).open
    assert opening_hours.status(LIVE_CHAT, datetime(2026, 6, 3, 20, 30)).open


@pytest.mark.parametrize(("clock_time", "text"), [
    (time(10), "10am"), (time(21), "9pm"), (time(9, 30), "9:30am"), (time(12), "12pm"),
    (time(0), "12am"), (time(12, 5), "12:05pm"),
])
def test_format_time(clock_time, text):
    assert opening_hours.format_time(clock_time) == text


def test_format_day():
    now = at("2026-12-24T21:00")
    assert opening_hours.format_day(at("2026-12-24T22:00"), now) == "today"
    assert opening_hours.format_day(at("2026-12-25T10:00"), now).startswith("tomorrow")
    assert opening_hours.format_day(at("2026-12-29T10:00"), now) == "Tuesday 29 December"


# ------------------------------------------------------------------ the bot's answer
ASKED = ["is live chat open?", "is live chat open now", "livechat open?"]
# A dozen instants from the table, through the engine: open, each kind of closed, both
# daylight-saving changes, substitute days.
ANSWERED = [c for c in CASES if c[0] in {
    "2026-03-04T10:00", "2026-03-04T20:59", "2026-03-30T09:00Z", "2026-03-04T09:59",
    "2026-03-04T21:00", "2026-03-07T12:00", "2026-03-30T08:59Z", "2026-10-26T09:00Z",
    "2026-04-06T12:00", "2026-12-25T12:00", "2026-12-28T12:00", "2027-12-27T11:00",
    "2027-12-31T21:00", "2026-08-31T12:00",
}]


def expected_opening(next_open: datetime, now: datetime) -> str:
    """How the answer should name the next opening: 'today at 10am', 'Tuesday 29 December…'."""
    local, today = next_open.astimezone(LONDON), now.astimezone(LONDON).date()
    if local.date() == today:
        return r"today at 10am"
    return rf"{local:%A} {local.day} {local:%B}\)? at 10am"


def check_live_chat_answer(text: str, instant: str, expected: str | tuple[str, str]) -> None:
    flat = " ".join(text.split())
    if expected == OPEN:
        assert "open now, until 9pm" in flat, flat
        assert "closed now" not in flat, flat
        return
    _, next_open = expected
    assert "closed now" in flat and "open now" not in flat, flat
    assert re.search(r"opens again .{0,30}" + expected_opening(at(next_open), at(instant)),
                     flat), flat
    assert "101" in flat and "report online" in flat, flat


def test_the_answers_cover_a_dozen_instants():
    assert len(ANSWERED) >= 12


@pytest.mark.parametrize(("instant", "expected"), ANSWERED, ids=[c[0] for c in ANSWERED])
def test_is_live_chat_open_answer(engine, instant, expected):
    for question in ASKED:
        answer = engine.answer(question, Conversation(), at(instant))
        check_live_chat_answer(to_text(answer), instant, expected)


# Through the real command line: one process per --now, as a user would run it.
CLI_INSTANTS = ["2026-03-04T20:59", "2026-03-30T08:59Z", "2026-12-28T12:00",
                "2027-12-31T21:00"]


@pytest.mark.parametrize("instant", CLI_INSTANTS)
def test_is_live_chat_open_through_the_cli(enquiry_bot, instant):
    expected = dict(CASES)[instant]
    result = enquiry_bot("ask", "--now", instant, "is live chat open?")
    assert result.returncode == 0, result.stderr
    check_live_chat_answer(result.stdout, instant, expected)
