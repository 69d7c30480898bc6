"""GET /healthz and GET /metrics on HEALTH_HOST:HEALTH_PORT, in polling and webhook mode alike.

/healthz answers 200 when the knowledge is loaded, the enquiry log's database is writable and
Telegram was reached recently, and 503 naming each problem otherwise (JSON either way), so a
container's HEALTHCHECK, systemd or a load balancer can act on it. /metrics is Prometheus's text
format (see bot.metrics).

The server is tornado's, which python-telegram-bot's webhook mode already uses: it runs on the
application's own event loop, started in `post_init` and stopped in `post_shutdown`, so it
needs no thread. "Telegram reached" is any update received, any reply sent, or a getMe that the
keep-alive job sends when the bot has been quiet for a minute.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.metrics import CONTENT_TYPE, Metrics
from bot.service import EnquiryService

log = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 60.0  # a getMe when nothing was heard from Telegram for this long
STALE_SECONDS = 180.0  # /healthz fails when Telegram was last reached longer ago than this


def database_problem(path: Path) -> str | None:
    """Why the enquiry log's database can't be written now, or None if it can.

    Takes SQLite's write lock and releases it without writing (BEGIN IMMEDIATE; ROLLBACK), so
    a read-only file, a full or read-only disk or a lock held too long all show here."""
    if not path.exists():
        folder = path.parent if path.parent.exists() else None
        if folder is None:
            return f"database folder {path.parent} does not exist"
        probe = folder / f".healthz-{time.monotonic_ns()}"
        try:
            probe.touch()
            probe.unlink()
        except OSError as exc:
            return f"database folder {folder} is not writable: {exc.strerror or exc}"
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=1.0)
    except sqlite3.Error as exc:
        return f"database {path} cannot be opened for writing: {exc}"
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        return f"database {path} is not writable: {exc}"
    finally:
        conn.close()
    return None


class Health:
    """What /healthz checks: the knowledge, the database, and when Telegram was last reached."""

    def __init__(self, service: Callable[[], EnquiryService], *,
                 stale_after: float = STALE_SECONDS,
                 monotonic: Callable[[], float] = time.monotonic):
        self._service = service
        self.stale_after = stale_after
        self._monotonic = monotonic
        self.last_contact: float | None = None

    def telegram_reached(self) -> None:
        self.last_contact = self._monotonic()

    def quiet_for(self) -> float:
        """Seconds since Telegram was last reached (infinity if never)."""
        if self.last_contact is None:
            return float("inf")
        return self._monotonic() - self.last_contact

    def problems(self) -> list[str]:
        """Everything wrong now, each as one sentence; empty when healthy."""
        found = []
        engine = getattr(self._service(), "engine", None)
        if engine is None or not engine.k.operations:
            found.append("knowledge: no operations loaded")
        database = getattr(self._service().log, "path", None)  # the enquiry log's, if any
        problem = database_problem(Path(database)) if database is not None else None
        if problem:
            found.append(f"database: {problem}")
        quiet = self.quiet_for()
        if quiet == float("inf"):
            found.append("telegram: not reached since start-up")
        elif quiet > self.stale_after:
            found.append(f"telegram: last reached {quiet:.0f} s ago")
        return found

    def status(self) -> tuple[int, dict]:
        problems = self.problems()
        engine = getattr(self._service(), "engine", None)
        body = {"status": "unhealthy" if problems else "ok", "problems": problems,
                "operations": len(engine.k.operations) if engine is not None else 0,
                "telegram_last_reached_s": None if self.last_contact is None
                else round(self.quiet_for(), 1)}
        return (503 if problems else 200), body


class HealthzHandler(tornado.web.RequestHandler):
    def initialize(self, health: Health) -> None:
        self.health = health

    async def get(self) -> None:
        code, body = await asyncio.to_thread(self.health.status)  # the database check blocks
        self.set_status(code)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body) + "\n")


class MetricsHandler(tornado.web.RequestHandler):
    def initialize(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def get(self) -> None:
        self.set_header("Content-Type", CONTENT_TYPE)
        self.finish(self.metrics.render())


def make_web_app(health: Health, metrics: Metrics) -> tornado.web.Application:
    return tornado.web.Application([
        (r"/healthz", HealthzHandler, {"health": health}),
        (r"/metrics", MetricsHandler, {"metrics": metrics}),
    ])


def attach(application: Application) -> None:
    """Create the metrics and health state in `bot_data` (before the application starts)."""
    metrics = Metrics()
    metrics.measure_queue(application.update_queue.qsize)
    application.bot_data["metrics"] = metrics
    application.bot_data["health"] = Health(lambda: application.bot_data["service"])


async def start_server(application: Application, host: str, port: int) -> None:
    """Serve /healthz and /metrics (port 0: not at all); a busy port is logged, not fatal."""
    health: Health = application.bot_data["health"]
    metrics: Metrics = application.bot_data["metrics"]
    health.telegram_reached()  # post_init runs after getMe succeeded
    metrics.operations.set(len(application.bot_data["service"].engine.k.operations))
    if port == 0:
        return
    try:
        sock = socket.create_server((host, port))  # closed again if it can't bind
    except OSError as exc:
        log.error("health and metrics server could not listen on %s:%d: %s", host, port, exc)
        return
    sock.setblocking(False)
    server = tornado.httpserver.HTTPServer(make_web_app(health, metrics))
    server.add_sockets([sock])
    application.bot_data["health_server"] = server
    log.info("health on http://%s:%d/healthz, metrics on /metrics", host, port)


async def stop_server(application: Application) -> None:
    server = application.bot_data.pop("health_server", None)
    if server is not None:
        server.stop()
        await server.close_all_connections()


async def note_update(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any update means Telegram reached us (runs first, in group -1, for every update)."""
    health = context.bot_data.get("health")
    if health is not None and isinstance(update, Update):
        health.telegram_reached()


async def keep_alive(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask Telegram getMe if nothing was heard from it for a while (a job)."""
    health: Health = context.bot_data["health"]
    if health.quiet_for() < KEEPALIVE_SECONDS:
        return
    try:
        await context.bot.get_me()
    except TelegramError as exc:
        context.bot_data["metrics"].observe_telegram_error(exc)
        log.warning("Telegram not reachable: %s: %s", type(exc).__name__, exc)
        return
    health.telegram_reached()
