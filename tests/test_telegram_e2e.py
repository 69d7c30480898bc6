"""End to end: the real `enquiry-bot run` in a subprocess against a fake Bot API on 127.0.0.1.

Scripted conversations cover every kind of update the bot must answer, with 429, 500, timeout
and dropped-connection faults injected; the tests assert what Telegram would have received
(valid HTML, at most 4096 characters, a reply to every update) and a clean exit on SIGTERM.
Every wait is bounded; nothing leaves the loopback interface.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from pathlib import Path

import httpx
from fake_bot_api import (
    MEDIA,
    TOKEN,
    FakeBotApiServer,
    FakeTelegram,
    callback_update,
    media_update,
    mention_update,
    telegram_html_problems,
    text_update,
)

from bot.knowledge import default_knowledge_dir, load_knowledge
from bot.settings import Settings

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 20.0  # seconds for the bot to start (imports, knowledge, getMe)
STOP_TIMEOUT = 5.0  # "stops cleanly within a few seconds"
QUESTION = "how many arrests in op sceptre"


@asynccontextmanager
async def running_bot(server: FakeBotApiServer, workdir: Path,
                      **settings: str) -> AsyncIterator[asyncio.subprocess.Process]:
    """`enquiry-bot run` against `server`; killed at the end if a test left it running."""
    env = {k: v for k, v in os.environ.items() if k not in Settings.model_fields}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=server.base_url, TELEGRAM_TIMEOUT="1",
               KNOWLEDGE_DIR=str(REPO / "knowledge"), DATABASE_PATH=str(workdir / "enq.db"),
               LOG_LEVEL="DEBUG", HEALTH_PORT="0")
    env.update(settings)
    with open(workdir / "bot.log", "wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=workdir, env=env,
            stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log,
        )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def stop(process: asyncio.subprocess.Process, workdir: Path, *,
               errors_expected: bool = False) -> str:
    """SIGTERM; assert a clean exit within STOP_TIMEOUT, and no token (and unless expected, no
    error) in the log; return the log."""
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
    log = (workdir / "bot.log").read_text()
    assert code == 0, log[-3000:]
    assert time.monotonic() - started < STOP_TIMEOUT
    assert TOKEN not in log and TOKEN.replace(":", "%3A") not in log
    if not errors_expected:  # faults that were retried successfully are only warnings
        assert not re.search(r" (ERROR|CRITICAL) ", log), log[-3000:]
    return log


def assert_all_valid(api: FakeTelegram) -> None:
    assert api.refused == []  # nothing Telegram would have rejected
    for message in api.sent:
        assert telegram_html_problems(message["html"]) == []
        assert len(message["html"]) <= 4096


def data_of(message: dict, prefix: str) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row
            if b["callback_data"].startswith(prefix)]


def shown(message: dict) -> dict:
    return {k: v for k, v in message.items() if k != "html"}


async def test_polling_answers_every_kind_of_update_through_faults(tmp_path: Path):
    api = FakeTelegram()
    api.inject("getUpdates", "server_error")
    api.inject("getUpdates", "drop")
    async with FakeBotApiServer(api) as server, running_bot(server, tmp_path) as bot:
        await api.wait_until(lambda: api.commands is not None, START_TIMEOUT, "set_my_commands")

        # One chat per update, so that a lost reply shows as a silent chat.
        script = {
            1: text_update(1, "/start"),
            2: text_update(2, QUESTION),
            3: text_update(3, QUESTION, edited=True),
            4: text_update(4, "<b>arrests</b> & <script>x</script> **op** _sceptre_ [a](b) &amp;"),
            5: text_update(5, "how many were arrested " * 170),  # about 4,000 characters
            6: text_update(6, "/operations"),
            7: text_update(7, "/privacy"),
            8: text_update(8, "/nosuchcommand"),
            -1009: mention_update(-1009, QUESTION),
        }
        script |= {100 + i: media_update(100 + i, kind) for i, kind in enumerate(sorted(MEDIA))}
        silent_group = text_update(-1010, QUESTION)  # a group message not addressed to the bot

        # Faults on the first replies: 429, then 500, a hang past the timeout, a dropped
        # connection; and a slow answer to a button press.
        api.inject("sendMessage", "retry_after", seconds=1)
        api.inject("sendMessage", "server_error")
        api.inject("sendMessage", "hang", seconds=1.5)
        api.inject("sendMessage", "drop")
        api.inject("answerCallbackQuery", "slow", seconds=0.3)
        api.inject("answerCallbackQuery", "server_error")
        api.push(silent_group)
        for update in script.values():
            api.push(update)
        api.push(callback_update(9, "q:3"))  # a button from before a restart
        api.push(callback_update(10, "topic:gone"))  # a button this bot never made

        await api.wait_until(lambda: all(api.sent_to(c) for c in script)
                             and len(api.callback_answers) == 2, 30, "a reply to every update")

        # Buttons on the answers work when pressed.
        [answer] = api.sent_to(2)
        api.push(callback_update(2, data_of(answer, "q:")[0], message=shown(answer)))
        feedback = data_of(answer, "fb:")[0]  # "fb:<row id>:y": the enquiry log's row
        api.push(callback_update(2, feedback, message=shown(answer)))
        await api.wait_until(lambda: len(api.sent_to(2)) == 2 and len(api.callback_answers) == 4,
                             10, "the answers to the button presses")
        log = await stop(bot, tmp_path)

    assert_all_valid(api)
    assert api.sent_to(-1010) == []
    for chat in script:  # nothing lost, nothing sent twice
        htmls = [m["html"] for m in api.sent_to(chat)]
        assert htmls and len(set(htmls)) == len(htmls)
    knowledge = load_knowledge(default_knowledge_dir())
    emergency = next(c.contact for c in knowledge.reporting.channels if c.id == "emergency")
    assert emergency and emergency in api.sent_to(1)[0]["text"]
    assert len(data_of(api.sent_to(6)[0], "q:")) == len(knowledge.operations)
    # every kind of media gets one short reply fitted to it (see test_telegram_phone.py)
    assert all(len(api.sent_to(c)) == 1 and len(api.sent_to(c)[0]["text"]) <= 300
               for c in script if c >= 100)
    assert all(a.get("text") for a in api.callback_answers[:2])  # old buttons: a polite word
    assert api.edits and api.edits[0]["message_id"] == answer["message_id"]
    with closing(sqlite3.connect(tmp_path / "enq.db")) as db:
        helpful = db.execute("SELECT helpful FROM enquiries WHERE id = ?",
                             [int(feedback.split(":")[1])]).fetchone()
    assert helpful == (1,)
    assert "retry" in log and "Rate limit hit" in log  # the faults really happened


async def test_sigterm_during_an_outage_still_stops_promptly(tmp_path: Path):
    api = FakeTelegram()
    async with FakeBotApiServer(api) as server, running_bot(server, tmp_path) as bot:
        await api.wait_until(lambda: api.commands is not None, START_TIMEOUT, "set_my_commands")
        api.inject("sendMessage", "server_error", times=20)
        api.push(text_update(1, QUESTION))
        await api.wait_until(lambda: len(api.calls_of("sendMessage")) >= 2, 10, "a retry")
        log = await stop(bot, tmp_path, errors_expected=True)
    assert "error handling update" in log  # the lost reply is logged


async def test_a_token_telegram_refuses_is_one_line_and_exit_2(tmp_path: Path):
    api = FakeTelegram(token="654321:ANOTHER-token-the-server-knows")
    async with FakeBotApiServer(api) as server, running_bot(server, tmp_path) as bot:
        code = await asyncio.wait_for(bot.wait(), START_TIMEOUT)
    assert code == 2
    last = (tmp_path / "bot.log").read_text().strip().splitlines()[-1]
    assert "Telegram refused the token" in last and "TELEGRAM_BOT_TOKEN" in last


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_for_port(port: int, timeout: float) -> None:
    """Wait (bounded) until something listens on 127.0.0.1:`port`."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing listens on port {port} after {timeout} s") from None
            await asyncio.sleep(0.05)
        else:
            writer.close()
            await writer.wait_closed()
            return


async def test_webhook_refuses_updates_without_the_secret(tmp_path: Path):
    api, port, secret = FakeTelegram(), free_port(), "s3cret_Token-42"
    url = f"http://127.0.0.1:{port}/telegram-hook"
    async with FakeBotApiServer(api) as server, running_bot(
        server, tmp_path, WEBHOOK_URL=url, WEBHOOK_SECRET=secret, WEBHOOK_PORT=str(port),
        WEBHOOK_LISTEN="127.0.0.1",
    ) as bot, httpx.AsyncClient(timeout=5) as client:
        await api.wait_until(lambda: api.webhook is not None and api.commands is not None,
                             START_TIMEOUT, "setWebhook")
        assert api.webhook["url"] == url and api.webhook["secret_token"] == secret
        await wait_for_port(port, START_TIMEOUT)  # PTB sets the webhook, then starts listening

        async def post(chat_id: int, headers: dict[str, str]) -> int:
            body = {"update_id": chat_id, **text_update(chat_id, QUESTION)}
            return (await client.post(url, json=body, headers=headers)).status_code

        header = "X-Telegram-Bot-Api-Secret-Token"
        assert await post(1, {}) == 403
        assert await post(2, {header: "guess"}) == 403
        assert await post(3, {header: secret}) == 200
        # Updates are handled in order, so once 3 is answered, 1 and 2 would have been too.
        await api.wait_until(lambda: api.sent_to(3), 10, "the answer to the accepted update")
        await stop(bot, tmp_path)
    assert api.sent_to(1) == [] and api.sent_to(2) == []
    assert_all_valid(api)
