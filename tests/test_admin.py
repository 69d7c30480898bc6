"""Editors' commands (ADMIN_CHAT_IDS only) and knowledge reload without downtime.

Through the real Application with the in-process fake Bot API; the knowledge is a copy in
tmp_path that a test edits as an editor would. The subprocess test in test_deploy_e2e.py
reloads the real `enquiry-bot run` with SIGHUP.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path

import pytest
from fake_bot_api import TOKEN, FakeTelegram, RecordingRequest, text_update
from telegram import Update

from bot.engine import Engine
from bot.knowledge import default_knowledge_dir, load_knowledge
from bot.reload import reload_service
from bot.service import EnquiryService
from bot.settings import Settings
from bot.store import EnquiryLog
from bot.telegram_bot import build_application
from bot.telegram_bot.admin import REFUSED, reload_knowledge
from bot.telegram_bot.retry import RetryingRateLimiter

EDITOR = 4242
PUBLIC = 77
SCEPTRE = "operations/operation-sceptre-2020-07-28.yaml"
QUESTION = "how many arrests in op sceptre"


def sceptre_arrests(folder: Path) -> int:
    """The all-forces arrests figure of Operation Sceptre, as the YAML file has it."""
    text = (folder / SCEPTRE).read_text()
    return int(re.search(r"metric: arrests\n\s+value: (\d+)", text).group(1))  # type: ignore[union-attr]


def set_sceptre_arrests(folder: Path, value: int) -> None:
    path = folder / SCEPTRE
    path.write_text(re.sub(r"(metric: arrests\n\s+value: )\d+", rf"\g<1>{value}",
                           path.read_text(), count=1))


class Bot:
    def __init__(self, folder: Path, database: Path | None = None):
        self.api = FakeTelegram()
        settings = Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN,  # type: ignore[call-arg]
                            KNOWLEDGE_DIR=folder, ADMIN_CHAT_IDS=[EDITOR], HEALTH_PORT=0)
        log = EnquiryLog(database) if database else None
        service = EnquiryService(Engine(load_knowledge(folder)), log)
        self.app = build_application(settings, service, request=RecordingRequest(self.api),
                                     rate_limiter=RetryingRateLimiter(attempts=1))
        self.update_id = 0

    async def send(self, chat_id: int, text: str) -> str:
        before = len(self.api.sent)
        self.update_id += 1
        await self.app.process_update(Update.de_json(
            {"update_id": self.update_id, **text_update(chat_id, text)}, self.app.bot))
        return "\n".join(m["text"] for m in self.api.sent[before:])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), copy)
    return copy


@pytest.fixture
async def bot(folder: Path, tmp_path: Path):
    b = Bot(folder, tmp_path / "enq.db")
    async with b.app:
        yield b


# ------------------------------------------------------------------ only for editors


@pytest.mark.parametrize("command", ["/stats", "/unanswered", "/reload"])
async def test_editors_commands_are_refused_politely_to_everyone_else(
        bot: Bot, folder: Path, command: str):
    set_sceptre_arrests(folder, 999_999)
    reply = await bot.send(PUBLIC, command)
    assert reply == REFUSED
    assert "999999" not in await bot.send(PUBLIC, QUESTION)  # no reload happened


async def test_a_group_not_in_the_list_is_refused_too(bot: Bot):
    assert await bot.send(-100123, "/stats@enquiry_test_bot") == REFUSED


async def test_editors_menu_is_set_in_their_chat_only(bot: Bot):
    await bot.app.post_init(bot.app)  # type: ignore[misc]
    public = {c["command"] for c in bot.api.commands or []}
    editors = {c["command"] for c in bot.api.chat_commands[EDITOR]}
    assert {"stats", "unanswered", "reload"} <= editors and not public & {"stats", "reload"}


# ------------------------------------------------------------------ /stats and /unanswered


async def test_stats_and_unanswered_summarise_the_log(bot: Bot):
    await bot.send(PUBLIC, QUESTION)
    await bot.send(PUBLIC + 1, "what was the weather like on mars")
    await bot.send(PUBLIC + 2, "someone is breaking into my house right now")
    stats = await bot.send(EDITOR, "/stats")
    assert "Enquiries: 3" in stats and "Emergencies (999 first): 1" in stats
    assert len(stats) < 1000
    unanswered = await bot.send(EDITOR, "/unanswered")
    assert "weather like on mars" in unanswered
    assert "breaking into" not in unanswered  # emergencies are only ever counted


async def test_stats_without_a_log_says_so(folder: Path):
    b = Bot(folder)
    async with b.app:
        assert "no enquiry log" in await b.send(EDITOR, "/stats")


# ------------------------------------------------------------------ reload


async def test_reload_swaps_knowledge_mid_conversation(bot: Bot, folder: Path):
    old = sceptre_arrests(folder)
    assert f"{old} arrests" in await bot.send(PUBLIC, QUESTION)
    set_sceptre_arrests(folder, old + 17)
    assert f"{old} arrests" in await bot.send(PUBLIC, QUESTION)  # not until reloaded
    reply = await bot.send(EDITOR, "/reload")
    assert "Knowledge reloaded" in reply and "2 operations" in reply
    # the same conversation goes on: a follow-up still knows the operation
    follow_up = await bot.send(PUBLIC, "and the arrests?")
    assert f"{old + 17} arrests" in follow_up and "Sceptre" in follow_up


async def test_a_bad_reload_keeps_the_old_knowledge_and_names_file_and_field(
        bot: Bot, folder: Path):
    old = sceptre_arrests(folder)
    path = folder / SCEPTRE
    path.write_text(path.read_text().replace(f"value: {old}", "value: lots", 1))
    reply = await bot.send(EDITOR, "/reload")
    assert "Reload refused" in reply
    assert "operation-sceptre-2020-07-28.yaml" in reply and "value" in reply
    assert f"{old} arrests" in await bot.send(PUBLIC, QUESTION)
    metrics = bot.app.bot_data["metrics"].registry.get_sample_value
    assert metrics("knowledge_reloads_total", {"outcome": "refused"}) == 1


async def test_no_reply_is_lost_while_a_reload_runs(bot: Bot, folder: Path):
    old = sceptre_arrests(folder)
    set_sceptre_arrests(folder, old + 1)
    chats = range(1000, 1040)
    before = len(bot.api.sent)
    reload = asyncio.create_task(reload_knowledge(bot.app))
    replies = await asyncio.gather(*(bot.send(chat, QUESTION) for chat in chats))
    result = await reload
    assert result.swapped
    assert len(bot.api.sent) - before == len(chats)  # one reply to each, none lost
    # each reply is wholly from the old or the new knowledge
    assert all((f"{old} arrests" in r) != (f"{old + 1} arrests" in r) for r in replies)
    assert f"{old + 1} arrests" in await bot.send(chats[0], QUESTION)


def test_reload_service_refuses_a_missing_folder(folder: Path, tmp_path: Path):
    service = EnquiryService(Engine(load_knowledge(folder)))
    engine = service.engine
    result = reload_service(service, tmp_path / "nowhere")
    assert not result.swapped and service.engine is engine
    assert "nowhere" in result.summary()


async def test_a_reload_that_removes_the_operation_being_discussed_is_handled(
        bot: Bot, folder: Path):
    assert "Sceptre" in await bot.send(PUBLIC, QUESTION)
    (folder / SCEPTRE).unlink()
    assert "1 operation," in await bot.send(EDITOR, "/reload")
    follow_up = await bot.send(PUBLIC, "and the cash?")
    assert follow_up and "Sceptre" not in follow_up and "went wrong" not in follow_up
