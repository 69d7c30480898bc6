"""The webhook server on its own (in this process, on 127.0.0.1): Telegram gets its 200 only
once the update is stored, and a 503 (so that it sends the update again) when it can't be."""

from __future__ import annotations

from pathlib import Path

import httpx
from fake_bot_api import text_update
from test_telegram_e2e import free_port

from bot.store.inbox import Inbox
from bot.store.state import open_state_database
from bot.telegram_bot.webhook import SECRET_HEADER, WebhookServer

SECRET = "hook_secret-1"


class BrokenInbox:
    def add(self, bodies):
        raise OSError("disk full")


async def post_to(inbox, body: dict, headers: dict[str, str]) -> int:
    port, stored = free_port(), []
    server = WebhookServer("/hook", inbox, lambda: stored.append(1), SECRET)
    server.start("127.0.0.1", port)
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.post(f"http://127.0.0.1:{port}/hook", json=body,
                                         headers=headers)
    finally:
        await server.stop()
    return response.status_code


async def test_an_update_that_cannot_be_stored_is_refused_so_telegram_resends_it(caplog):
    body = {"update_id": 1, **text_update(1, "how many arrests")}
    assert await post_to(BrokenInbox(), body, {SECRET_HEADER: SECRET}) == 503
    assert "could not store update 1" in caplog.text


async def test_only_an_update_with_the_secret_is_stored(tmp_path: Path):
    inbox = Inbox(open_state_database(tmp_path / "s.db"), lambda words: False)
    body = {"update_id": 5, **text_update(1, "how many arrests")}
    assert await post_to(inbox, body, {SECRET_HEADER: "wrong"}) == 403
    assert inbox.pending() == 0
    assert await post_to(inbox, body, {SECRET_HEADER: SECRET}) == 200
    assert inbox.pending() == 1  # stored by the time Telegram has its 200
