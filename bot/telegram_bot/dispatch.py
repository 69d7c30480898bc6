"""Answer what waits in the durable inbox: emergencies first, chats side by side, each in order.

The `Dispatcher` takes updates from the `Inbox` and runs each through the Application's
handlers (`process_update`) in a task of its own. Emergencies are started as soon as they are
stored, whatever else is in progress, and their replies skip the rate limiter's queue (see
`retry.PRIORITY`); ordinary updates run at most `concurrency` at a time, one per chat.

An update is marked done once its handler has finished. If the reply could not be sent because
Telegram was unreachable (even after the rate limiter's retries), it goes back to the queue for
a later try, or to the next start-up if the bot is stopping. A task cut off by a stop leaves its
update in progress, and `Inbox.recover` puts it back at the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from contextvars import ContextVar
from dataclasses import dataclass

from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import Application, ContextTypes

from bot.store.inbox import Inbox, Stored
from bot.telegram_bot.retry import PRIORITY

log = logging.getLogger(__name__)

RETRY_DELAY = 20.0  # seconds before an update whose reply failed is tried again (× attempts)
MAX_ATTEMPTS = 4  # then it is given up (the error handler has apologised)
WAKE_EVERY = 1.0  # seconds: look at the queue at least this often (retries fall due)
PURGE_EVERY = 3600.0  # seconds between deletions of long-done updates' ids


@dataclass
class Outcome:
    error: BaseException | None = None


_OUTCOME: ContextVar[Outcome | None] = ContextVar("update_outcome", default=None)


async def note_failure(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Error handler: tell the dispatcher (if it is the caller) that the handler failed."""
    outcome = _OUTCOME.get()
    if outcome is not None:
        outcome.error = context.error


def forget_persistence_marks(application: Application) -> None:
    """PTB notes every chat and user id it sees for its persistence, and without persistence
    never clears the note: memory that grows with every new chat. Clear it."""
    if application.persistence is None:
        for name in ("_chat_ids_to_be_updated_in_persistence",
                     "_user_ids_to_be_updated_in_persistence"):
            marks = getattr(application, name, None)
            if isinstance(marks, set):
                marks.clear()


def worth_retrying(error: BaseException | None) -> bool:
    """Whether the reply failed only because Telegram could not be reached in time."""
    return isinstance(error, RetryAfter) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest))


class Dispatcher:
    def __init__(self, application: Application, inbox: Inbox, *, concurrency: int = 16,
                 retry_delay: float = RETRY_DELAY, max_attempts: int = MAX_ATTEMPTS):
        self.application = application
        self.inbox = inbox
        self.concurrency = concurrency
        self.retry_delay = retry_delay
        self.max_attempts = max_attempts
        self.accepting = True  # False once stopping: failures then wait for the next start
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task] = set()
        self._ordinary = 0
        self._purge_at = 0.0

    def wake(self) -> None:
        """Look at the queue now (new updates were stored)."""
        self._wake.set()

    async def run(self) -> None:
        """Start updates as they come, until cancelled or no longer `accepting`."""
        while self.accepting:
            self._wake.clear()
            try:
                self._start_what_is_due()
            except Exception:  # noqa: BLE001 - a database fault: try again shortly
                log.exception("could not read the inbox")
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(WAKE_EVERY):
                    await self._wake.wait()

    def _start_what_is_due(self) -> None:
        if not self.accepting:
            return
        now = asyncio.get_running_loop().time()
        if now >= self._purge_at:
            self._purge_at = now + PURGE_EVERY
            self.inbox.purge()
        for stored in self.inbox.claim(emergencies_only=True, limit=100):
            self._start(stored)
        free = self.concurrency - self._ordinary
        if free > 0:
            for stored in self.inbox.claim(limit=free):
                self._start(stored)

    def _start(self, stored: Stored) -> None:
        if not stored.emergency:
            self._ordinary += 1
        task = asyncio.create_task(self._answer(stored), name=f"update-{stored.update_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _answer(self, stored: Stored) -> None:
        PRIORITY.set(stored.emergency)
        outcome = Outcome()
        _OUTCOME.set(outcome)
        try:
            update = Update.de_json(stored.body, self.application.bot)
            await self.application.process_update(update)
            forget_persistence_marks(self.application)
        except Exception as exc:  # noqa: BLE001 - a malformed update is logged, not retried
            log.exception("could not handle update %s", stored.update_id)
            outcome.error = exc
        finally:
            if not stored.emergency:
                self._ordinary -= 1
            self._wake.set()
        self._settle(stored, outcome.error)

    def _settle(self, stored: Stored, error: BaseException | None) -> None:
        try:
            if worth_retrying(error) and (not self.accepting
                                          or stored.attempts + 1 < self.max_attempts):
                delay = 0.0 if not self.accepting else self.retry_delay * (stored.attempts + 1)
                self.inbox.retry_later(stored.update_id, delay)
                log.warning("update %s not answered (%s); %s", stored.update_id,
                            type(error).__name__,
                            "kept for the next start" if not self.accepting
                            else f"trying again in {delay:g} s")
            else:
                self.inbox.done(stored.update_id)
        except Exception:  # noqa: BLE001 - left in progress; recovered at the next start
            log.exception("could not mark update %s in the inbox", stored.update_id)

    @property
    def in_progress(self) -> int:
        return len(self._tasks)

    async def finish(self, grace: float) -> int:
        """Stop taking updates; wait up to `grace` seconds for those in progress, then cut
        them off (they are answered after the next start). Return how many were cut off."""
        self.accepting = False
        tasks = set(self._tasks)
        if tasks:
            await asyncio.wait(tasks, timeout=grace)
        late = [t for t in tasks if not t.done()]
        for task in late:
            task.cancel()
        if late:
            await asyncio.gather(*late, return_exceptions=True)
        return len(late)
