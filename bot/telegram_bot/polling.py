"""Long polling into the durable inbox: an update is stored before Telegram is told it arrived.

Telegram forgets every update below the `offset` of the next getUpdates call, so the offset
only moves past updates that are already in the inbox. If the inbox cannot store them (a disk
fault), the offset stays where it is and Telegram sends them again on the next call; a stop or
a kill between the two loses nothing either.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence

from telegram import Bot
from telegram.error import Conflict, InvalidToken, NetworkError

from bot.store.inbox import Inbox

log = logging.getLogger(__name__)

BATCH = 100  # updates per getUpdates (Telegram's maximum)
MAX_BACKOFF = 30.0  # seconds between attempts while Telegram (or the disk) is failing


async def fetch_updates(bot: Bot, inbox: Inbox, stored: Callable[[], None], *,
                        allowed_updates: Sequence[str], poll_timeout: float) -> None:
    """Fetch updates into `inbox` until cancelled, calling `stored()` after each batch."""
    offset: int | None = None  # the first call confirms nothing: Telegram resends what it has
    backoff = 1.0
    while True:
        try:
            updates = await bot.get_updates(offset=offset, limit=BATCH, timeout=poll_timeout,
                                            allowed_updates=list(allowed_updates))
        except InvalidToken:
            raise
        except Conflict as exc:
            log.error("Telegram says another copy of this bot is running with the same token "
                      "(%s); stop the other one", exc)
        except NetworkError as exc:
            log.warning("fetching updates: %s: %s; trying again in %g s",
                        type(exc).__name__, exc, backoff)
        else:
            if not updates:
                backoff = 1.0
                continue
            try:
                new = inbox.add(update.to_dict() for update in updates)
            except Exception:  # noqa: BLE001 - not confirmed, so Telegram keeps them for us
                log.exception("could not store %d updates; they stay with Telegram",
                              len(updates))
            else:
                offset = updates[-1].update_id + 1
                backoff = 1.0
                if new:
                    stored()
                continue
        await asyncio.sleep(backoff)
        backoff = min(MAX_BACKOFF, backoff * 2)
