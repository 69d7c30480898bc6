"""End to end, the durable inbox: kill -9 mid-load, emergencies first, webhook limits, SIGTERM.

The real `enquiry-bot run` in a subprocess against the fake Bot API on 127.0.0.1, which, as
Telegram does, forgets an update once a later getUpdates offset confirms it. Small sizes (a few
hundred updates) and bounded waits; `benchmarks/faults.py` measures the same at full size.
"""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import httpx
from fake_bot_api import FakeBotApiServer, FakeTelegram, callback_update, text_update
from test_telegram_e2e import START_TIMEOUT, free_port, running_bot, stop, wait_for_port

QUESTIONS = ("how many arrests in op sceptre", "is live chat open", "/report")
EMERGENCY = "there is a man with a knife trying to get into my house right now"


def push_load(api: FakeTelegram, chats: int, first_chat: int = 1) -> None:
    """Each of `chats` chats asks the three QUESTIONS in turn."""
    for question in QUESTIONS:
        for chat in range(first_chat, first_chat + chats):
            api.push(text_update(chat, question))


def replies_per_chat(api: FakeTelegram, chats: range) -> dict[int, list[str]]:
    return {chat: [m["html"] for m in api.sent_to(chat)] for chat in chats}


async def test_kill_9_mid_load_loses_no_message(tmp_path: Path):
    api, chats = FakeTelegram(), range(1, 61)
    push_load(api, len(chats))
    async with FakeBotApiServer(api) as server:
        async with running_bot(server, tmp_path) as bot:
            await api.wait_until(lambda: len(api.sent) >= 40, START_TIMEOUT, "40 replies")
            bot.send_signal(signal.SIGKILL)
            await bot.wait()
        answered_before = len(api.sent)
        assert api.updates == [] or answered_before < len(chats) * 3  # confirmed or not, ...
        async with running_bot(server, tmp_path) as bot:  # ... nothing may be lost
            await api.wait_until(lambda: all(len(set(r)) == 3 for r in
                                             replies_per_chat(api, chats).values()),
                                 60, "a reply to every update after the restart")
            await stop(bot, tmp_path)
    replies = replies_per_chat(api, chats)
    duplicates = sum(len(r) - len(set(r)) for r in replies.values())
    assert duplicates <= 16  # at most the replies that were in progress at the kill
    assert answered_before < len(chats) * 3  # the kill really was mid-load


async def test_an_emergency_is_answered_before_a_queue_of_ordinary_messages(tmp_path: Path):
    api = FakeTelegram()
    async with FakeBotApiServer(api) as server, running_bot(server, tmp_path) as bot:
        await api.wait_until(lambda: api.commands is not None, START_TIMEOUT, "start-up")
        for chat in range(1, 241):
            api.push(text_update(chat, QUESTIONS[0]))
        api.push(text_update(5000, EMERGENCY))
        await api.wait_until(lambda: api.sent_to(5000), 20, "the 999 reply")
        position = next(i for i, m in enumerate(api.sent) if m["chat"]["id"] == 5000)
        await api.wait_until(lambda: len(api.sent) == 241, 30, "every other reply")
        await stop(bot, tmp_path)
    assert "999" in api.sent_to(5000)[0]["text"]
    assert position < 60  # it jumped the queue (about 240 ordinary replies were waiting)


async def test_sigterm_mid_load_stops_promptly_and_the_rest_is_answered_after(tmp_path: Path):
    api, chats = FakeTelegram(), range(1, 81)
    push_load(api, len(chats))
    async with FakeBotApiServer(api) as server:
        async with running_bot(server, tmp_path) as bot:
            await api.wait_until(lambda: len(api.sent) >= 30, START_TIMEOUT, "30 replies")
            started = time.monotonic()
            await stop(bot, tmp_path)  # asserts exit 0 within a few seconds
            assert time.monotonic() - started < 10
        assert len(api.sent) < len(chats) * 3
        async with running_bot(server, tmp_path) as bot:
            await api.wait_until(lambda: all(len(set(r)) == 3 for r in
                                             replies_per_chat(api, chats).values()),
                                 60, "a reply to every update after the restart")
            await stop(bot, tmp_path)
    replies = replies_per_chat(api, chats)
    assert sum(len(r) - len(set(r)) for r in replies.values()) == 0  # a clean stop: none twice


async def test_webhook_stores_before_200_ignores_repeats_and_refuses_bad_bodies(tmp_path: Path):
    api, port, secret = FakeTelegram(), free_port(), "s3cret_Token-42"
    url = f"http://127.0.0.1:{port}/telegram-hook"
    header = {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with FakeBotApiServer(api) as server, running_bot(
        server, tmp_path, WEBHOOK_URL=url, WEBHOOK_SECRET=secret, WEBHOOK_PORT=str(port),
    ) as bot, httpx.AsyncClient(timeout=5) as client:
        await api.wait_until(lambda: api.webhook is not None, START_TIMEOUT, "setWebhook")
        await wait_for_port(port, START_TIMEOUT)

        update = {"update_id": 7, **text_update(1, QUESTIONS[0])}
        assert (await client.post(url, json=update, headers=header)).status_code == 200
        assert (await client.post(url, json=update, headers=header)).status_code == 200
        bad = [b"{not json", b"[1, 2]", b'{"update_id": "7"}', b"\xff\xfe"]
        for body in bad:
            assert (await client.post(url, content=body, headers=header)).status_code == 400
        too_big = b'{"update_id": 8, "x": "' + b"a" * 1_100_000 + b'"}'
        assert await status_of(client.post(url, content=too_big, headers=header)) == 413

        async def chunked():  # no Content-Length: the limit still holds while reading
            for _ in range(30):
                yield b"a" * 50_000

        assert await status_of(client.post(url, content=chunked(), headers=header)) in (400, 413)
        await api.wait_until(lambda: api.sent_to(1), 10, "the answer")
        await asyncio.sleep(0.5)  # time for a second answer, if the repeat were answered
        await stop(bot, tmp_path)
    assert len(api.sent_to(1)) == 1  # the re-sent update_id was not answered twice


async def status_of(request) -> int:
    """The status of a refused upload; the server may instead cut the connection before the
    client has finished sending (it reads no more than the limit), which counts as a 413."""
    try:
        return (await request).status_code
    except httpx.HTTPError:
        return 413


def data_of(message: dict, prefix: str) -> list[tuple[str, str]]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row
            if b["callback_data"].startswith(prefix)]


async def test_buttons_and_follow_ups_survive_a_restart(tmp_path: Path, tmp_path_factory):
    api, outside = FakeTelegram(), tmp_path_factory.mktemp("keys") / "hash.key"
    settings = {"LOG_HASH_KEY_FILE": str(outside), "REQUIRE_EXTERNAL_SECRET": "true"}
    async with FakeBotApiServer(api) as server:
        async with running_bot(server, tmp_path, **settings) as bot:
            api.push(text_update(1, "how much cash was seized in op sceptre"))
            api.push(text_update(2, "how many arrests in op sceptre"))
            await api.wait_until(lambda: api.sent_to(1) and api.sent_to(2), START_TIMEOUT,
                                 "the first answers")
            log = await stop(bot, tmp_path)
        assert f"chat-hash key: the key file {outside}" in log
        [cash] = api.sent_to(1)
        buttons = dict(data_of(cash, "q:"))
        async with running_bot(server, tmp_path, **settings) as bot:
            # a button from before the restart asks its own question, in its own chat only
            label, data = next((t, d) for t, d in buttons.items() if "rrest" in t)
            api.push(callback_update(1, data, message=cash))
            elsewhere = {**cash, "chat": {"id": 2, "type": "private", "first_name": "Pat"}}
            api.push(callback_update(2, data, message=elsewhere))
            api.push(text_update(2, "and the cash?"))  # a follow-up to before the restart
            await api.wait_until(lambda: len(api.sent_to(1)) == 2 and len(api.sent_to(2)) == 2
                                 and len(api.callback_answers) == 2, 15, "the answers")
            await stop(bot, tmp_path)
    pressed, typed = api.sent_to(1)[1], api.sent_to(2)[0]
    assert pressed["text"] == typed["text"]  # the same as asking "arrests in op sceptre"
    other_chat = [a for a in api.callback_answers if a.get("text")]
    assert len(other_chat) == 1 and "expired" in other_chat[0]["text"]
    follow_up = api.sent_to(2)[1]["text"]
    assert "Sceptre" in follow_up and "£" in follow_up
    assert outside.stat().st_mode & 0o077 == 0  # the key file is the owner's only
    assert not (tmp_path / "enq.db.secret").exists()


async def test_require_external_secret_refuses_a_key_in_the_data_folder(tmp_path: Path):
    api = FakeTelegram()
    async with FakeBotApiServer(api) as server, running_bot(
        server, tmp_path, REQUIRE_EXTERNAL_SECRET="1") as bot:
        code = await asyncio.wait_for(bot.wait(), START_TIMEOUT)
    assert code == 2
    last = (tmp_path / "bot.log").read_text().strip().splitlines()[-1]
    assert "REQUIRE_EXTERNAL_SECRET" in last and "LOG_HASH_KEY_FILE" in last
    assert not (tmp_path / "enq.db.secret").exists() and api.sent == []


async def test_messages_written_while_the_bot_was_down_are_all_answered(tmp_path: Path):
    api, now = FakeTelegram(), int(time.time())
    for i in range(30):  # thirty messages over the last ten minutes, one chat
        api.push(text_update(1, QUESTIONS[i % 2], date=now - 600 + 20 * i))
    async with FakeBotApiServer(api) as server, running_bot(server, tmp_path) as bot:
        await api.wait_until(lambda: len(api.sent_to(1)) == 30, 30, "thirty answers")
        await stop(bot, tmp_path)
    assert not any("slow down" in m["text"].lower() for m in api.sent)


async def test_a_send_telegram_is_slow_to_answer_is_not_sent_twice(tmp_path: Path):
    """Telegram delivers, but answers after the request timeout: resending it would show the
    person the same reply twice (every one did, before), so the answer is awaited longer."""
    api = FakeTelegram()
    api.inject("sendMessage", "slow", seconds=1.5, times=3)  # TELEGRAM_TIMEOUT is 1 s
    async with FakeBotApiServer(api) as server, running_bot(server, tmp_path) as bot:
        for chat in (1, 2, 3):
            api.push(text_update(chat, QUESTIONS[0]))
        await api.wait_until(lambda: all(api.sent_to(c) for c in (1, 2, 3)), 20, "answers")
        await asyncio.sleep(2)  # a resent copy would land by now
        await stop(bot, tmp_path)
    assert [len(api.sent_to(c)) for c in (1, 2, 3)] == [1, 1, 1]


async def test_one_slow_send_does_not_hold_up_other_chats(tmp_path: Path):
    api = FakeTelegram()
    async with FakeBotApiServer(api) as server, running_bot(server, tmp_path) as bot:
        await api.wait_until(lambda: api.commands is not None, START_TIMEOUT, "start-up")
        api.inject("sendMessage", "slow", seconds=2.5)  # the first reply: slow, not failed
        for chat in range(1, 11):
            api.push(text_update(chat, QUESTIONS[0]))
        await api.wait_until(lambda: len(api.sent) == 10, 20, "ten answers")
        await stop(bot, tmp_path)
    assert [m["chat"]["id"] for m in api.sent][-1] == 1  # the others did not wait for it
