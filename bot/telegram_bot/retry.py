"""Every Bot API request (except getUpdates) is throttled and retried here.

PTB's `AIORateLimiter` keeps under Telegram's flood limits and waits out a 429 `RetryAfter`, but
it passes a 5xx, a timeout or a dropped connection (all `NetworkError`) straight to the handler,
and PTB does not retry them anywhere else (see its wiki, "Handling network errors"). The reply
would be lost, so this subclass retries those with bounded exponential backoff. `BadRequest` is
also a `NetworkError` in PTB, but retrying a request Telegram refused cannot help, so it is not.

Once the application has been running and stops (SIGTERM), nothing more is retried, so that
the bot exits within seconds even while Telegram is failing; a reply caught in that is lost.

Delivery is at least once: a timed-out request may have reached Telegram, and its retry can
then show the person the same message twice. A duplicate is better than a lost reply here.
getUpdates bypasses the rate limiter; PTB's polling loop retries it itself.

A reply to an emergency (`PRIORITY` set in the task that sends it, see `dispatch.py`) skips
the limiter's queues: the 999 reply never waits behind other chats' ordinary replies. It still
honours a 429's retry_after, which is Telegram's own instruction.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

# True in a task answering an emergency: its requests skip the rate limiter's queues.
PRIORITY: ContextVar[bool] = ContextVar("reply_priority", default=False)


class RetryingRateLimiter(AIORateLimiter):
    """`AIORateLimiter` that also retries 5xx, timeouts and dropped connections.

    Waits `first_delay`, then twice as long each time up to `max_delay`, for at most `attempts`
    tries in all; then the error goes to the application's error handler.
    """

    def __init__(self, *, attempts: int = 6, first_delay: float = 0.5, max_delay: float = 8.0,
                 **limits: Any):
        limits.setdefault("max_retries", 3)
        super().__init__(**limits)
        self.attempts = max(1, attempts)
        self.first_delay = first_delay
        self.max_delay = max_delay
        self._is_running: Callable[[], bool] = lambda: True
        self._has_run = False

    def stop_retrying_when_stopped(self, is_running: Callable[[], bool]) -> None:
        """Give up retrying once `is_running()` has been true and is false again (shutdown)."""
        self._is_running = is_running

    def _stopping(self) -> bool:
        running = self._is_running()
        self._has_run = self._has_run or running
        return self._has_run and not running

    async def _pause(self, seconds: float) -> None:
        """Sleep `seconds`, cut short if the application starts stopping meanwhile."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not self._stopping() and (left := deadline - loop.time()) > 0:
            await asyncio.sleep(min(0.1, left))

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        self._stopping()  # notes that the application is running
        if PRIORITY.get():  # without a chat id the limiter queues it behind no one
            data = {k: v for k, v in data.items() if k != "chat_id"}
        delay = self.first_delay
        for attempt in range(1, self.attempts + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise
            except NetworkError as exc:
                if attempt == self.attempts or self._stopping():
                    raise
                log.warning("%s failed (%s: %s); retry %d of %d in %.1f s", endpoint,
                            type(exc).__name__, exc, attempt, self.attempts - 1, delay)
                await self._pause(delay)
                delay = min(self.max_delay, delay * 2)
        raise AssertionError("unreachable")  # pragma: no cover
