"""Editors on Telegram: an ADMIN_CHAT_IDS chat sends a release (text or .txt) and gets its
draft's summary with the flagged items; buttons accept and publish; nobody else can. Real
updates through the real Application, a recording request for the network."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fake_bot_api import (
    TOKEN,
    FakeTelegram,
    RecordingRequest,
    _ok,
    callback_update,
    text_update,
)
from telegram import Update
from telegram.ext import Application

from bot.conversation import Conversation
from bot.engine import Engine
from bot.importer.draft import list_drafts
from bot.knowledge import default_knowledge_dir, load_knowledge
from bot.service import EnquiryService
from bot.settings import Settings
from bot.telegram_bot import build_application
from bot.telegram_bot.editors import NOT_AN_EDITOR

EDITOR, PUBLIC = 7, 8
RELEASE = ("date 2011-09-30 Rural crime crackdown\n"
           "Lancashire Constabulary ran Operation Firecrest from 19 to 23 September.\n"
           "Officers seized over £50,o00 of cash and stolen property during the operation.\n"
           "In all, 21 people were arrested.\n"
           "If you have information, call Lancashire Constabulary on 101.\n")


class FilesTelegram(FakeTelegram):
    """The fake Bot API, with files that getFile describes and the request downloads."""

    files: dict[str, bytes]

    def _m_getfile(self, params: dict):
        return _ok({"file_id": params["file_id"], "file_unique_id": "u1",
                    "file_size": len(self.files[params["file_id"]]),
                    "file_path": f"documents/{params['file_id']}.txt"})


class FilesRequest(RecordingRequest):
    async def do_request(self, url, method, request_data=None, **kwargs):
        path = urlsplit(url).path
        if "/file/bot" in path:
            file_id = path.rsplit("/", 1)[-1].removesuffix(".txt")
            return 200, self.api.files[file_id]
        return await super().do_request(url, method, request_data, **kwargs)


@pytest.fixture
async def editor_bot(tmp_path: Path):
    folder = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    api = FilesTelegram()
    api.files = {"release-1": RELEASE.encode()}
    service = EnquiryService(Engine(load_knowledge(folder)))
    config = Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN,  # type: ignore[call-arg]
                      ADMIN_CHAT_IDS=f"{EDITOR}", KNOWLEDGE_DIR=folder)
    app = build_application(config, service, request=FilesRequest(api))
    async with app:
        yield app, api, folder, service


UPDATE_IDS = iter(range(1, 10**6))


async def send(app: Application, api: FakeTelegram, body: dict) -> list:
    """Process one update; the messages the bot sent because of it."""
    before = len(api.sent)
    update = Update.de_json({"update_id": next(UPDATE_IDS), **body}, app.bot)
    await app.process_update(update)
    return api.sent[before:]


def document_update(chat_id: int, file_id: str, name: str) -> dict:
    body = text_update(chat_id, "x")
    message = body["message"]
    message.pop("text")
    message["document"] = {"file_id": file_id, "file_unique_id": "u1", "file_name": name,
                           "mime_type": "text/plain", "file_size": 400}
    return body


def buttons(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row]


async def test_an_editor_sends_a_txt_release_accepts_and_publishes(editor_bot, now) -> None:
    app, api, folder, service = editor_bot
    sent = await send(app, api, document_update(EDITOR, "release-1", "firecrest.txt"))
    [summary] = sent
    assert "Operation Firecrest" in summary["text"] and "flagged" in summary["text"]
    assert "£50,o00" in summary["text"]  # the typo is shown, not hidden
    assert len(list_drafts(folder)) == 1
    data = buttons(summary)
    assert all(len(d.encode()) <= 64 for d in data)
    accept = next(d for d in data if d.startswith("ed:accept"))
    publish = next(d for d in data if d.startswith("ed:publish"))
    shown = {k: v for k, v in summary.items() if k != "html"}
    await send(app, api, callback_update(EDITOR, accept, message=shown))
    [done] = await send(app, api, callback_update(EDITOR, publish, message=shown))
    assert "Published" in done["text"] and "now answers" in done["text"]
    assert not list_drafts(folder)
    answer = service.engine.answer("How many people were arrested in Operation Firecrest?",
                                   Conversation(), now)
    assert "21" in answer.plain_body()


async def test_publish_sure_only_from_text_leaves_the_typo_out(editor_bot, now) -> None:
    app, api, folder, service = editor_bot
    [summary] = await send(app, api, text_update(EDITOR, "/release " + RELEASE))
    sure = next(d for d in buttons(summary) if d.startswith("ed:sure"))
    shown = {k: v for k, v in summary.items() if k != "html"}
    [done] = await send(app, api, callback_update(EDITOR, sure, message=shown))
    assert "Left out: figure 0" in done["text"]
    op = next(o for o in service.engine.k.operations if o.name == "Operation Firecrest")
    assert 50000 not in {f.value for f in op.figures} and 21 in {f.value for f in op.figures}


async def test_nobody_else_can_import_or_press_the_buttons(editor_bot) -> None:
    app, api, folder, _ = editor_bot
    sent = await send(app, api, text_update(PUBLIC, "/release " + RELEASE))
    assert not list_drafts(folder)
    assert all("Draft" not in m["text"] for m in sent)
    [summary] = await send(app, api, text_update(EDITOR, "/release " + RELEASE))
    publish = next(d for d in buttons(summary) if d.startswith("ed:publish"))
    before = len(api.sent)
    await send(app, api, callback_update(PUBLIC, publish))
    assert any(a.get("text") == NOT_AN_EDITOR for a in api.calls_of("answerCallbackQuery"))
    assert len(api.sent) == before and len(list_drafts(folder)) == 1
