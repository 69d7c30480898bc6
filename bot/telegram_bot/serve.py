"""Serve Telegram through the durable inbox, from start-up to a clean stop.

    start    getMe (retried while Telegram is briefly away), the webhook set or removed, the
             command menu, then whatever the inbox holds from before (emergencies first)
    serve    long polling or the webhook stores updates; the dispatcher answers them
    stop     on SIGTERM or SIGINT: stop fetching, give replies in progress `grace` seconds,
             keep the rest for the next start, close; well within 10 seconds

This replaces `Application.run_polling` / `run_webhook`, whose updater confirms every update
to Telegram as soon as it is in memory (a kill then loses the whole backlog).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application

from bot.store.inbox import Inbox
from bot.telegram_bot.dispatch import Dispatcher
from bot.telegram_bot.polling import fetch_updates
from bot.telegram_bot.webhook import WebhookServer

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
BOOTSTRAP_RETRIES = 3
STOP_GRACE = 4.0  # seconds for replies in progress at a stop; the rest wait for the next start


@dataclass(frozen=True)
class Webhook:
    url: str
    secret: str
    listen: str
    port: int


async def with_retries(step: Callable[[], Awaitable[object]],
                       retries: int = BOOTSTRAP_RETRIES) -> None:
    """A start-up call (getMe, setWebhook...), retried with backoff while Telegram is away."""
    for attempt in range(retries + 1):
        try:
            await step()
            return
        except InvalidToken:
            raise
        except NetworkError as exc:
            if attempt == retries:
                raise
            log.warning("start-up: %s: %s; retrying", type(exc).__name__, exc)
            await asyncio.sleep(2 ** attempt)


async def serve(application: Application, inbox: Inbox, *, allowed_updates: Sequence[str],
                webhook: Webhook | None = None, poll_timeout: float = 10.0,
                concurrency: int = 16, grace: float = STOP_GRACE,
                stop: asyncio.Event | None = None) -> None:
    """Serve until `stop` is set (by default, until SIGTERM or SIGINT)."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    await with_retries(application.initialize)
    bot = application.bot
    if webhook is None:
        await with_retries(lambda: bot.delete_webhook(drop_pending_updates=False))
    else:
        await with_retries(lambda: bot.set_webhook(webhook.url, secret_token=webhook.secret,
                                                   allowed_updates=list(allowed_updates)))
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()

    waiting = inbox.recover()
    if waiting:
        log.info("%d updates from before the restart are being answered now", waiting)
    dispatcher = Dispatcher(application, inbox, concurrency=concurrency)
    tasks = [asyncio.create_task(dispatcher.run(), name="dispatcher")]
    server = None
    if webhook is None:
        log.info("serving by long polling")
        tasks.append(asyncio.create_task(
            fetch_updates(bot, inbox, dispatcher.wake, allowed_updates=allowed_updates,
                          poll_timeout=poll_timeout), name="polling"))
    else:
        server = WebhookServer(urlsplit(webhook.url).path, inbox, dispatcher.wake,
                               webhook.secret)
        server.start(webhook.listen, webhook.port)
        log.info("serving by webhook on %s:%d", webhook.listen, webhook.port)

    stopped = asyncio.create_task(stop.wait())
    await asyncio.wait([stopped, *tasks], return_when=asyncio.FIRST_COMPLETED)
    await _stop(application, dispatcher, tasks, server, grace)
    stopped.cancel()
    for task in tasks:  # a fetch loop that ended by itself (a refused token) says why
        if task.done() and not task.cancelled() and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]


async def _stop(application: Application, dispatcher: Dispatcher, tasks: list[asyncio.Task],
                server: WebhookServer | None, grace: float) -> None:
    log.info("stopping: no more updates are fetched")
    dispatcher.accepting = False
    for task in tasks:
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.gather(*tasks, return_exceptions=True)
    if server is not None:
        await server.stop()
    if application.running:
        await application.stop()  # the rate limiter stops retrying now
    cut_off = await dispatcher.finish(grace)
    if cut_off:
        log.info("%d replies were in progress; they are sent after the next start", cut_off)
    if application.post_stop is not None:
        await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)
