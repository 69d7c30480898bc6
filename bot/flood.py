"""Per-chat flood limiting, so one chat sending messages in a loop cannot tie up the bot.

A chat that sends more than `limit` messages within `window` seconds gets one polite "slow down"
reply and then silence (no engine, no log, no reply) until it is back under the limit; every
message it sends meanwhile counts, so a flood that keeps going stays silenced. Other chats are
never affected. Pure and synchronous with an injectable clock: the front end decides what to do
with each verdict (see `FloodLimiter.check`).

A message counts at the time it was *sent* when the front end knows it (`check(..., at=...)`,
Telegram's message date), not when it is handled: thirty messages written over ten minutes
while the bot was down are not a flood when they are all answered in the minute after a restart.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable
from enum import StrEnum

SLOW_DOWN = ("You're sending messages faster than I can answer, so I'll pause for a few "
             "seconds. Please wait a moment, then ask again. If you're in danger now, call 999.")


class Verdict(StrEnum):
    ANSWER = "answer"  # handle the message as usual
    SLOW_DOWN = "slow_down"  # reply with SLOW_DOWN, and do nothing else
    IGNORE = "ignore"  # do nothing at all


class FloodLimiter:
    """Counts each chat's messages over a sliding window of `window` seconds."""

    def __init__(self, limit: int = 20, window: float = 10.0,
                 clock: Callable[[], float] = time.time):
        if limit < 1 or window <= 0:
            raise ValueError("limit must be at least 1 and window more than 0 seconds")
        self.limit = limit
        self.window = window
        self._clock = clock
        # The latest limit + 1 arrival times are all it takes to know whether a chat is over.
        self._arrivals: dict[Hashable, deque[float]] = {}
        self._warned: set[Hashable] = set()
        self._next_sweep = clock() + window

    def check(self, chat_id: Hashable, at: float | None = None) -> Verdict:
        """Note a message from `chat_id`, sent at `at` (seconds on the same clock, e.g. a
        Telegram message date; now if not given), and say what to do with it."""
        clock_now = self._clock()
        if clock_now >= self._next_sweep:
            self._sweep(clock_now)
        now = clock_now if at is None else min(float(at), clock_now)
        arrivals = self._arrivals.get(chat_id)
        if arrivals is None:
            arrivals = self._arrivals[chat_id] = deque(maxlen=self.limit + 1)
        arrivals.append(now)
        flooding = len(arrivals) > self.limit and now - arrivals[0] < self.window
        if not flooding:
            self._warned.discard(chat_id)
            return Verdict.ANSWER
        if chat_id in self._warned:
            return Verdict.IGNORE
        self._warned.add(chat_id)
        return Verdict.SLOW_DOWN

    def __len__(self) -> int:
        """How many chats are being tracked (idle ones are forgotten)."""
        return len(self._arrivals)

    def _sweep(self, now: float) -> None:
        """Forget chats that have been quiet for a whole window."""
        quiet = [chat for chat, times in self._arrivals.items() if now - times[-1] >= self.window]
        for chat in quiet:
            del self._arrivals[chat]
            self._warned.discard(chat)
        self._next_sweep = now + self.window
