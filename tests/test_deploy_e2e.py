"""End to end, as a force would deploy it: the real `enquiry-bot run` in a subprocess against
the fake Bot API on 127.0.0.1, with the settings, entry point and health check the container
and the systemd unit use (see Dockerfile, deploy/).

It shows the description calls, reply lengths, links and where feedback buttons appear,
/healthz and /metrics answering in polling and webhook mode, a SIGHUP reload that swaps the
knowledge mid-conversation without losing a reply, a bad reload refused, and the editors'
commands refused to everyone else. Every wait is bounded; nothing leaves loopback.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from fake_bot_api import FakeBotApiServer, FakeTelegram, media_update, text_update
from test_admin import QUESTION, SCEPTRE, sceptre_arrests, set_sceptre_arrests
from test_deploy_kit import NOT_SETTINGS, compose, dockerfile_env
from test_telegram_e2e import (
    START_TIMEOUT,
    assert_all_valid,
    data_of,
    free_port,
    running_bot,
    stop,
    wait_for_port,
)

from bot.knowledge import default_knowledge_dir
from bot.settings import Settings

REPO = Path(__file__).resolve().parent.parent
EDITOR, PUBLIC = 4242, 77


def metric(text: str, name: str) -> float:
    """A sample's value from Prometheus text, 0 if absent."""
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def test_polling_deploy_health_metrics_reload_and_editors(tmp_path: Path):
    folder = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    api, port = FakeTelegram(), free_port()
    health = f"http://127.0.0.1:{port}"
    async with FakeBotApiServer(api) as server, running_bot(
        server, tmp_path, KNOWLEDGE_DIR=str(folder), HEALTH_PORT=str(port),
        ADMIN_CHAT_IDS=str(EDITOR), BOT_SHORT_DESCRIPTION="Essex Police enquiries. Call 999.",
    ) as bot, httpx.AsyncClient(timeout=5) as client:
        await api.wait_until(lambda: api.commands is not None, START_TIMEOUT, "set_my_commands")
        await wait_for_port(port, START_TIMEOUT)
        # the descriptions an empty chat shows, from the settings
        assert api.short_description == "Essex Police enquiries. Call 999."
        assert api.description and "999" in api.description
        response = await client.get(f"{health}/healthz")
        assert response.status_code == 200 and response.json()["status"] == "ok"

        async def ask(chat_id: int, body: dict) -> dict:
            before = len(api.sent_to(chat_id))
            api.push(body)
            await api.wait_until(lambda: len(api.sent_to(chat_id)) > before, 10, "a reply")
            return api.sent_to(chat_id)[-1]

        # phone-sized replies, links, and feedback buttons only under answers
        report = await ask(1, text_update(1, "/report"))
        assert len(report["text"]) <= 800
        assert 'href="https://crimestoppers-uk.org"' in report["html"]
        assert len((await ask(2, media_update(2, "sticker")))["text"]) <= 300
        assert len((await ask(3, media_update(3, "photo")))["text"]) <= 300
        assert len((await ask(4, text_update(4, "hi")))["text"]) <= 200
        assert data_of(api.sent_to(4)[-1], "fb:") == []
        emergency = await ask(5, text_update(5, "someone is breaking into my house right now"))
        assert data_of(emergency, "fb:") == []
        old = sceptre_arrests(folder)
        answer = await ask(PUBLIC, text_update(PUBLIC, QUESTION))
        assert f"{old} arrests" in answer["text"] and data_of(answer, "fb:")

        # editors' commands: refused to the public, answered to the editor
        for command in ("/stats", "/unanswered", "/reload"):
            refusal = await ask(6, text_update(6, command))
            assert "only for the force's editors" in refusal["text"]
        assert "Enquiries:" in (await ask(EDITOR, text_update(EDITOR, "/stats")))["text"]

        # SIGHUP reload mid-conversation, with updates arriving meanwhile: none lost
        set_sceptre_arrests(folder, old + 17)
        for chat in range(500, 520):
            api.push(text_update(chat, QUESTION))
        bot.send_signal(signal.SIGHUP)
        await api.wait_until(lambda: all(api.sent_to(c) for c in range(500, 520)), 15,
                             "a reply to each update sent during the reload")

        async def reloads(outcome: str) -> float:
            text = (await client.get(f"{health}/metrics")).text
            return metric(text, f'knowledge_reloads_total{{outcome="{outcome}"}}')

        for _ in range(200):  # the reload finishes within 10 s
            if await reloads("swapped") == 1:
                break
            await asyncio.sleep(0.05)
        assert await reloads("swapped") == 1
        follow_up = await ask(PUBLIC, text_update(PUBLIC, "and the arrests?"))
        assert f"{old + 17} arrests" in follow_up["text"]

        # a bad file: refused, the knowledge in use stays, the log names file and field
        path = folder / SCEPTRE
        path.write_text(path.read_text().replace(f"value: {old + 17}", "value: lots", 1))
        reply = await ask(EDITOR, text_update(EDITOR, "/reload"))
        assert "Reload refused" in reply["text"] and "operation-sceptre" in reply["text"]
        assert await reloads("refused") == 1
        assert f"{old + 17} arrests" in (await ask(PUBLIC, text_update(PUBLIC, QUESTION)))["text"]

        # a reply is counted just after Telegram has it: wait (bounded) for the last one
        for _ in range(100):
            text = (await client.get(f"{health}/metrics")).text
            if metric(text, "enquiry_reply_seconds_count") >= 28:
                break
            await asyncio.sleep(0.05)
        assert metric(text, "enquiry_emergencies_total") == 1
        assert metric(text, "enquiry_reply_seconds_count") == 28  # every reply but editors'
        assert metric(text, "update_queue_length") == 0
        log = await stop(bot, tmp_path, errors_expected=True)  # the refused reload is an ERROR
    assert "knowledge reload refused" in log and "value" in log
    assert_all_valid(api)


async def test_webhook_mode_serves_health_and_json_logs(tmp_path: Path):
    api, port, health_port = FakeTelegram(), free_port(), free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    async with FakeBotApiServer(api) as server, running_bot(
        server, tmp_path, WEBHOOK_URL=url, WEBHOOK_SECRET="s3cret", WEBHOOK_PORT=str(port),
        HEALTH_PORT=str(health_port), LOG_FORMAT="json",
    ) as bot, httpx.AsyncClient(timeout=5) as client:
        await wait_for_port(health_port, START_TIMEOUT)
        await wait_for_port(port, START_TIMEOUT)
        assert (await client.get(f"http://127.0.0.1:{health_port}/healthz")).status_code == 200
        body = {"update_id": 1, **text_update(1, QUESTION)}
        headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
        assert (await client.post(url, json=body, headers=headers)).status_code == 200
        await api.wait_until(lambda: api.sent_to(1), 10, "the answer")
        for _ in range(100):  # counted just after Telegram has the reply
            metrics = (await client.get(f"http://127.0.0.1:{health_port}/metrics")).text
            if metric(metrics, "enquiry_answered_total") == 1:
                break
            await asyncio.sleep(0.05)
        assert metric(metrics, "enquiry_answered_total") == 1
        log = await stop(bot, tmp_path)
    entries = [json.loads(line) for line in log.splitlines() if line.strip()]
    assert entries and all({"time", "level", "logger", "message"} <= e.keys() for e in entries)
    assert not [e for e in entries if e["level"] in ("ERROR", "CRITICAL")]


async def test_the_containers_settings_entry_point_and_health_check_outside_a_container(
        tmp_path: Path):
    """The image's ENV and the compose file's environment, with the paths moved into tmp_path
    and the listeners onto loopback: `enquiry-bot run` (its ENTRYPOINT and CMD) serves by
    webhook, and the HEALTHCHECK command (`python -m bot.healthcheck`) says healthy, then
    unhealthy once the bot has stopped."""
    dockerfile = (REPO / "Dockerfile").read_text()
    assert re.search(r'HEALTHCHECK .*\n?.*CMD \["python", "-m", "bot.healthcheck"\]', dockerfile)
    env = {**dockerfile_env(), **compose()["services"]["bot"]["environment"]}
    env = {k: v for k, v in env.items() if k not in NOT_SETTINGS}
    shutil.copytree(default_knowledge_dir(), tmp_path / "knowledge")
    (tmp_path / "data").mkdir()
    env["KNOWLEDGE_DIR"] = str(tmp_path / env["KNOWLEDGE_DIR"].lstrip("/"))
    env["DATABASE_PATH"] = str(tmp_path / env["DATABASE_PATH"].lstrip("/"))
    assert env.pop("HEALTH_HOST") == env.pop("WEBHOOK_LISTEN") == "0.0.0.0"
    env.update(HEALTH_HOST="127.0.0.1", WEBHOOK_LISTEN="127.0.0.1",  # loopback only in tests
               HEALTH_PORT=str(free_port()), WEBHOOK_PORT=str(free_port()))
    hook = f"http://127.0.0.1:{env['WEBHOOK_PORT']}/telegram/a-long-random-path"
    env.update(WEBHOOK_URL=hook, WEBHOOK_SECRET="s3cret")
    health_env = {**{k: v for k, v in os.environ.items() if k not in Settings.model_fields},
                  **env}

    def healthcheck() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "bot.healthcheck"], env=health_env,
                              cwd=tmp_path, capture_output=True, text=True, timeout=30)

    api = FakeTelegram()
    async with FakeBotApiServer(api) as server, running_bot(server, tmp_path, **env) as bot:
        await wait_for_port(int(env["HEALTH_PORT"]), START_TIMEOUT)
        await api.wait_until(lambda: api.webhook is not None, START_TIMEOUT, "setWebhook")
        assert api.webhook is not None and api.webhook["url"] == hook
        ok = await asyncio.to_thread(healthcheck)
        assert ok.returncode == 0, ok.stderr
        assert json.loads(ok.stdout)["status"] == "ok"
        await stop(bot, tmp_path)
    assert json.loads((tmp_path / "bot.log").read_text().splitlines()[0])  # LOG_FORMAT=json
    assert (tmp_path / "data" / "enquiries.db").exists()
    down = await asyncio.to_thread(healthcheck)
    assert down.returncode == 1 and "not answering" in down.stderr
