"""Flood limiting per chat: one "slow down", then silence until the chat is back under the
limit; other chats are never affected."""

from __future__ import annotations

import pytest

from bot.flood import SLOW_DOWN, FloodLimiter, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def send(limiter: FloodLimiter, clock: Clock, chat: int, count: int,
         every: float = 0.1) -> list[Verdict]:
    verdicts = []
    for _ in range(count):
        verdicts.append(limiter.check(chat))
        clock.now += every
    return verdicts


def test_more_than_twenty_in_ten_seconds_gets_one_slow_down_then_silence(clock: Clock) -> None:
    limiter = FloodLimiter(limit=20, window=10, clock=clock)
    verdicts = send(limiter, clock, chat=1, count=30)
    assert verdicts[:20] == [Verdict.ANSWER] * 20
    assert verdicts[20] == Verdict.SLOW_DOWN
    assert verdicts[21:] == [Verdict.IGNORE] * 9


def test_other_chats_are_answered_during_a_flood(clock: Clock) -> None:
    limiter = FloodLimiter(clock=clock)
    send(limiter, clock, chat=1, count=25)
    assert send(limiter, clock, chat=2, count=20) == [Verdict.ANSWER] * 20
    assert limiter.check(1) == Verdict.IGNORE


def test_the_chat_is_answered_again_once_the_window_has_passed(clock: Clock) -> None:
    limiter = FloodLimiter(clock=clock)
    send(limiter, clock, chat=1, count=25)
    clock.now += 10
    assert limiter.check(1) == Verdict.ANSWER
    # A new flood is a new episode: one more polite reply, not silence from the start.
    verdicts = send(limiter, clock, chat=1, count=25, every=0.01)
    assert verdicts.count(Verdict.SLOW_DOWN) == 1


def test_a_flood_that_keeps_going_stays_silenced(clock: Clock) -> None:
    limiter = FloodLimiter(clock=clock)
    verdicts = send(limiter, clock, chat=1, count=600, every=0.1)  # a minute of 10 a second
    assert verdicts.count(Verdict.SLOW_DOWN) == 1
    assert verdicts.count(Verdict.ANSWER) == 20


def test_a_brisk_but_steady_conversation_is_never_limited(clock: Clock) -> None:
    limiter = FloodLimiter(clock=clock)
    assert set(send(limiter, clock, chat=1, count=200, every=0.5)) == {Verdict.ANSWER}


def test_quiet_chats_are_forgotten(clock: Clock) -> None:
    limiter = FloodLimiter(clock=clock)
    for chat in range(1000):
        limiter.check(chat)
    clock.now += 11
    limiter.check("someone new")
    assert len(limiter) == 1


def test_the_slow_down_reply_still_points_to_999() -> None:
    assert "999" in SLOW_DOWN


@pytest.mark.parametrize(("limit", "window"), [(0, 10), (20, 0)])
def test_a_limit_that_makes_no_sense_is_refused(limit: int, window: float) -> None:
    with pytest.raises(ValueError, match="limit"):
        FloodLimiter(limit=limit, window=window)


def test_a_backlog_counts_by_when_each_message_was_written(clock: Clock) -> None:
    """Thirty messages written over ten minutes while the bot was down, handled in a second
    after the restart: none is a flood (before, 9 were dropped silently)."""
    limiter = FloodLimiter(limit=20, window=10, clock=clock)
    written = [clock.now - 600 + 20 * i for i in range(30)]
    verdicts = []
    for at in written:
        verdicts.append(limiter.check(1, at=at))
        clock.now += 0.03
    assert verdicts == [Verdict.ANSWER] * 30


def test_a_flood_written_while_the_bot_was_down_is_still_a_flood(clock: Clock) -> None:
    limiter = FloodLimiter(limit=20, window=10, clock=clock)
    verdicts = [limiter.check(1, at=clock.now - 300 + 0.1 * i) for i in range(25)]
    assert verdicts[:20] == [Verdict.ANSWER] * 20 and verdicts[20] == Verdict.SLOW_DOWN
