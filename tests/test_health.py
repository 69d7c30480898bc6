"""GET /healthz and GET /metrics: what a container's HEALTHCHECK and a Prometheus scrape see.

The server runs on the application's loop on 127.0.0.1 (a free port); updates go through the
real Application with the in-process fake Bot API. The subprocess end-to-end test in
test_deploy_e2e.py checks the same endpoints on the real `enquiry-bot run`.
"""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest
from fake_bot_api import TOKEN, FakeTelegram, RecordingRequest, callback_update, text_update
from telegram import Update

from bot.engine import Engine
from bot.knowledge import Knowledge, default_knowledge_dir, load_knowledge
from bot.service import EnquiryService
from bot.settings import Settings
from bot.store import EnquiryLog
from bot.telegram_bot import build_application
from bot.telegram_bot.health import Health, database_problem
from bot.telegram_bot.retry import RetryingRateLimiter


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(default_knowledge_dir())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# ------------------------------------------------------------------ the checks


def test_a_writable_database_and_its_folder_are_healthy(tmp_path: Path):
    assert database_problem(tmp_path / "not-yet.db") is None  # created on first write
    log = EnquiryLog(tmp_path / "enq.db")
    log.purge(30, __import__("bot.clock").clock.now())  # creates it
    assert database_problem(tmp_path / "enq.db") is None
    log.close()


def test_an_unwritable_database_is_named(tmp_path: Path):
    spoilt = tmp_path / "enq.db"
    spoilt.write_bytes(b"this is not a database" * 100)
    assert "not writable" in (database_problem(spoilt) or "")
    assert "does not exist" in (database_problem(tmp_path / "gone" / "enq.db") or "")


def test_telegram_not_reached_recently_is_a_problem(knowledge: Knowledge):
    clock = Clock()
    service = EnquiryService(Engine(knowledge))
    health = Health(lambda: service, stale_after=180, monotonic=clock)
    assert health.problems() == ["telegram: not reached since start-up"]
    health.telegram_reached()
    clock.now += 179
    assert health.problems() == []
    clock.now += 2
    assert health.problems() == ["telegram: last reached 181 s ago"]


# ------------------------------------------------------------------ over HTTP


class Running:
    def __init__(self, app, api: FakeTelegram, port: int):
        self.app, self.api, self.port = app, api, port
        self.update_id = 0

    async def send(self, body: dict) -> list[dict]:
        before = len(self.api.sent)
        self.update_id += 1
        await self.app.process_update(Update.de_json({"update_id": self.update_id, **body},
                                                     self.app.bot))
        return self.api.sent[before:]

    async def get(self, path: str) -> httpx.Response:
        async with httpx.AsyncClient() as client:
            return await client.get(f"http://127.0.0.1:{self.port}{path}", timeout=5)


@pytest.fixture
async def running(knowledge: Knowledge, tmp_path: Path):
    api, port = FakeTelegram(), free_port()
    settings = Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN,  # type: ignore[call-arg]
                        HEALTH_PORT=port, DATABASE_PATH=tmp_path / "enq.db")
    service = EnquiryService(Engine(knowledge), EnquiryLog(tmp_path / "enq.db"))
    app = build_application(settings, service, request=RecordingRequest(api),
                            rate_limiter=RetryingRateLimiter(attempts=1))
    async with app:
        await app.post_init(app)  # type: ignore[misc]
        try:
            yield Running(app, api, port)
        finally:
            await app.post_shutdown(app)  # type: ignore[misc]


async def test_healthz_is_200_when_all_is_well(running: Running):
    response = await running.get("/healthz")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ok" and response.json()["operations"] == 2


async def test_healthz_is_503_with_the_reason(running: Running, tmp_path: Path):
    await running.send(text_update(1, "hello"))  # creates the database
    (tmp_path / "enq.db").unlink()
    (tmp_path / "enq.db").mkdir()  # the database path is now a folder: not writable
    running.app.bot_data["health"].last_contact = None
    response = await running.get("/healthz")
    assert response.status_code == 503
    problems = response.json()["problems"]
    assert any(p.startswith("database:") for p in problems)
    assert "telegram: not reached since start-up" in problems


async def test_metrics_count_messages_answers_emergencies_and_feedback(running: Running):
    await running.send(text_update(1, "how many arrests in op sceptre"))
    await running.send(text_update(3, "what was the weather like on mars"))
    await running.send(text_update(2, "someone is breaking into my house right now"))
    answer = running.api.sent_to(1)[0]
    shown = {k: v for k, v in answer.items() if k != "html"}
    row = next(b["callback_data"] for r in answer["reply_markup"]["inline_keyboard"] for b in r
               if b["callback_data"].endswith(":n"))
    await running.send(callback_update(1, row, message=shown))
    response = await running.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    metrics = {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
               for line in response.text.splitlines() if line and not line.startswith("#")}
    assert metrics["enquiry_answered_total"] == 2
    assert metrics["enquiry_unanswered_total"] == 1
    assert metrics["enquiry_emergencies_total"] == 1
    assert metrics['enquiry_messages_total{kind="emergency"}'] == 1
    assert metrics["enquiry_reply_seconds_count"] == 3
    assert metrics['enquiry_feedback_total{verdict="not_helpful"}'] == 1
    assert metrics["update_queue_length"] == 0
    assert metrics["knowledge_operations"] == 2
    assert 'telegram_errors_total' in response.text


async def test_telegram_errors_are_counted(running: Running):
    running.api.inject("sendMessage", "server_error")
    await running.send(text_update(1, "how many arrests in op sceptre"))
    text = (await running.get("/metrics")).text
    assert 'telegram_errors_total{error="NetworkError"} 1.0' in text


async def test_unknown_paths_are_404(running: Running):
    assert (await running.get("/")).status_code == 404
    assert (await running.get("/healthz/../admin")).status_code == 404


async def test_a_quiet_bot_asks_telegram_and_counts_a_failure(running: Running):
    from types import SimpleNamespace

    from bot.telegram_bot.health import KEEPALIVE_SECONDS, keep_alive

    health = running.app.bot_data["health"]
    context = SimpleNamespace(bot=running.app.bot, bot_data=running.app.bot_data)
    health.last_contact -= KEEPALIVE_SECONDS + 1  # a quiet minute
    before = len(running.api.calls_of("getMe"))
    await keep_alive(context)  # type: ignore[arg-type]
    assert len(running.api.calls_of("getMe")) == before + 1 and health.quiet_for() < 1
    await keep_alive(context)  # type: ignore[arg-type]
    assert len(running.api.calls_of("getMe")) == before + 1  # not while Telegram is fresh
    health.last_contact -= KEEPALIVE_SECONDS + 1
    running.api.inject("getMe", "server_error")
    await keep_alive(context)  # type: ignore[arg-type]
    assert health.quiet_for() > KEEPALIVE_SECONDS
    metrics = running.app.bot_data["metrics"].registry.get_sample_value
    assert metrics("telegram_errors_total", {"error": "NetworkError"}) == 1
