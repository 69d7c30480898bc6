"""Telegram that reads well on a phone: short replies fitted to what was sent, each reporting
channel once with its link, /start and /help saying different things, feedback buttons only
where "was this helpful?" makes sense, and "not helpful" offering a person to talk to.

Driven through the real Application with the in-process fake Bot API (no network).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from fake_bot_api import TOKEN, FakeTelegram, RecordingRequest, media_update, text_update
from telegram import Update

from bot import clock
from bot.engine import Engine
from bot.knowledge import Knowledge, default_knowledge_dir, load_knowledge
from bot.service import EnquiryService
from bot.settings import Settings
from bot.telegram_bot import build_application
from bot.telegram_bot.retry import RetryingRateLimiter

REPORT_LIMIT = 800  # characters a person sees: about one phone screen
MEDIA_LIMIT = 300
GREETING_LIMIT = 200
OPEN = "2026-03-04T11:00:00"  # a Wednesday: Live Chat is open
CLOSED = "2026-03-08T11:00:00"  # a Sunday: closed


class Chat:
    """One application over the fake API; `send` returns what the bot sent for an update."""

    def __init__(self, knowledge: Knowledge, **settings: object):
        settings.setdefault("HEALTH_PORT", 0)  # no /healthz server in these tests
        self.api = FakeTelegram()
        config = Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN, **settings)  # type: ignore[call-arg]
        self.app = build_application(
            config, EnquiryService(Engine(knowledge)), request=RecordingRequest(self.api),
            rate_limiter=RetryingRateLimiter(attempts=2, first_delay=0.01, max_delay=0.01))
        self.update_id = 0

    async def send(self, body: dict) -> list[dict]:
        before = len(self.api.sent)
        self.update_id += 1
        await self.app.process_update(Update.de_json({"update_id": self.update_id, **body},
                                                     self.app.bot))
        return self.api.sent[before:]

    async def say(self, text: str, chat_id: int = 1) -> dict:
        sent = await self.send(text_update(chat_id, text))
        assert len(sent) == 1, sent
        return sent[0]


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(default_knowledge_dir())


@pytest.fixture
async def chat(knowledge: Knowledge):
    c = Chat(knowledge)
    async with c.app:
        yield c


def at(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    moment = clock.parse_now(when)
    monkeypatch.setattr(clock, "now", lambda: moment)


def feedback_buttons(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row if b["callback_data"][:3] == "fb:"]


def links(message: dict) -> list[str]:
    import re
    return re.findall(r'<a href="([^"]+)">', message["html"])


# ------------------------------------------------------------------ descriptions


async def test_description_and_short_description_are_set_at_start_up(knowledge: Knowledge):
    c = Chat(knowledge, BOT_DESCRIPTION="Essex Police enquiries. Emergency? Call 999.",
             BOT_SHORT_DESCRIPTION="Ask about operations. Not monitored.")
    async with c.app:
        await c.app.post_init(c.app)  # type: ignore[misc]
    assert c.api.description == "Essex Police enquiries. Emergency? Call 999."
    assert c.api.short_description == "Ask about operations. Not monitored."


async def test_a_refused_description_is_logged_not_fatal(knowledge: Knowledge, caplog):
    c = Chat(knowledge)
    c.api.inject("setMyDescription", "server_error", times=5)
    async with c.app:
        await c.app.post_init(c.app)  # type: ignore[misc]
        assert c.api.short_description  # the next call still happened
        assert (await c.say("hi"))["text"]  # and the bot still answers
    assert "could not set the bot's description" in caplog.text


def test_default_descriptions_say_automated_and_999():
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    for text in (settings.BOT_DESCRIPTION, settings.BOT_SHORT_DESCRIPTION):
        assert "999" in text and "not monitored" in text.lower()
    assert len(settings.BOT_SHORT_DESCRIPTION) <= 120 and len(settings.BOT_DESCRIPTION) <= 512


# ------------------------------------------------------------------ /start, /help, hi


async def test_start_greets_and_differs_from_help(chat: Chat):
    start, help_ = await chat.say("/start"), await chat.say("/help")
    assert start["text"] != help_["text"]
    assert start["text"].startswith("Hello")
    assert "automated" in start["text"] and "not monitored" in start["text"]
    assert "999" in start["text"].split("\n", 3)[3]  # within the first few lines
    assert "/help" in start["text"]
    # /help lists what can be asked, with the commands
    assert "for example" in help_["text"] and "how many" in help_["text"]
    for command in ("/report", "/livechat", "/operations", "/privacy"):
        assert command in help_["text"]


@pytest.mark.parametrize("hello", ["hi", "hello", "Hiya"])
async def test_hi_gets_a_short_reply_without_feedback_buttons(chat: Chat, hello: str):
    reply = await chat.say(hello)
    assert len(reply["text"]) <= GREETING_LIMIT
    assert "999" in reply["text"]
    assert feedback_buttons(reply) == []


# ------------------------------------------------------------------ /report


@pytest.mark.parametrize("when", [OPEN, CLOSED])
async def test_report_fits_a_phone_screen_with_each_channel_once(
        chat: Chat, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch, when: str):
    at(monkeypatch, when)
    reply = await chat.say("/report")
    text = reply["text"]
    assert len(text) <= REPORT_LIMIT, len(text)
    for channel in knowledge.reporting.channels:
        lines = [line for line in text.split("\n") if line.startswith(f"• {channel.name}:")]
        assert len(lines) == 1, (channel.name, text)
    assert ("open now" if when == OPEN else "closed now") in text
    assert "https://crimestoppers-uk.org" in links(reply)


async def test_a_channel_url_the_force_fills_in_becomes_a_link(tmp_path: Path):
    folder = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    data = yaml.safe_load((folder / "reporting.yaml").read_text())
    online = next(c for c in data["channels"] if c["id"] == "online")
    online["url"] = "https://www.example.police.uk/report"
    (folder / "reporting.yaml").write_text(yaml.safe_dump(data))
    c = Chat(load_knowledge(folder))
    async with c.app:
        report = await c.say("/report")
        photo = (await c.send(media_update(1, "photo")))[0]
    for message in (report, photo):
        assert "https://www.example.police.uk/report" in links(message)


def test_a_channel_url_that_is_not_https_is_refused(tmp_path: Path):
    from bot.knowledge import KnowledgeError

    folder = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    text = (folder / "reporting.yaml").read_text()
    (folder / "reporting.yaml").write_text(
        text.replace("url: https://crimestoppers-uk.org", "url: javascript:alert(1)"))
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(folder)
    assert "reporting.yaml" in str(raised.value) and "url" in str(raised.value)


# ------------------------------------------------------------------ media


async def test_a_sticker_gets_a_friendly_line_not_the_evidence_card(chat: Chat):
    reply = (await chat.send(media_update(1, "sticker")))[0]
    assert len(reply["text"]) <= MEDIA_LIMIT
    assert "evidence" not in reply["text"] and "/help" in reply["text"]


@pytest.mark.parametrize("kind", ["photo", "video", "video_note", "document"])
async def test_photos_and_videos_get_the_evidence_routes_briefly(
        chat: Chat, knowledge: Knowledge, kind: str):
    reply = (await chat.send(media_update(1, kind)))[0]
    assert len(reply["text"]) <= MEDIA_LIMIT
    for channel_id in ("online", "live-chat", "non-emergency"):
        assert knowledge.channel(channel_id).name in reply["text"]
    assert "999" in reply["text"]


@pytest.mark.parametrize("kind,words", [
    ("location", "location"), ("venue", "location"), ("contact", "contact details"),
    ("voice", "voice"), ("audio", "voice"), ("animation", "/help")])
async def test_other_media_get_a_line_that_fits_them(chat: Chat, kind: str, words: str):
    reply = (await chat.send(media_update(1, kind)))[0]
    assert len(reply["text"]) <= MEDIA_LIMIT
    assert words in reply["text"]


# ------------------------------------------------------------------ feedback


@pytest.mark.parametrize("text,buttons", [
    ("how many arrests in op sceptre", True),
    ("is live chat open", True),
    ("someone is breaking into my house right now", False),  # call 999: no "was this helpful?"
    ("thanks", False),
    ("hello", False),
])
async def test_feedback_buttons_only_under_answers(chat: Chat, text: str, buttons: bool):
    reply = await chat.say(text)
    assert bool(feedback_buttons(reply)) is buttons, reply["text"]


class CountingLog:
    def __init__(self) -> None:
        self.feedback: list[tuple[int, bool]] = []

    def record(self, **_: object) -> int:
        return 7

    def record_feedback(self, row_id: int, helpful: bool) -> None:
        self.feedback.append((row_id, helpful))


@pytest.mark.parametrize("when,state", [(OPEN, "open now"), (CLOSED, "closed now")])
async def test_not_helpful_offers_live_chat_with_its_state_and_101(
        knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch, when: str, state: str):
    from fake_bot_api import callback_update

    at(monkeypatch, when)
    c = Chat(knowledge)
    log = CountingLog()
    c.app.bot_data["service"].log = log
    async with c.app:
        answer = await c.say("how many arrests in op sceptre")
        shown = {k: v for k, v in answer.items() if k != "html"}
        sent = await c.send(callback_update(1, "fb:7:n", message=shown))
    assert log.feedback == [(7, False)]  # counted
    assert len(sent) == 1
    text = sent[0]["text"]
    assert "Live Chat" in text and state in text and "101" in text and "999" in text
    assert len(text) <= MEDIA_LIMIT


async def test_helpful_sends_nothing_more(knowledge: Knowledge):
    from fake_bot_api import callback_update

    c = Chat(knowledge)
    async with c.app:
        answer = await c.say("how many arrests in op sceptre")
        shown = {k: v for k, v in answer.items() if k != "html"}
        assert await c.send(callback_update(1, "fb:-:y", message=shown)) == []
