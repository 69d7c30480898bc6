"""Handler tests: real updates through the real Application, a recording request for a network.

Each test drives `await app.process_update(update)` inside `async with app:`; what the bot
"sent" is what the in-process fake Bot API accepted (it refuses invalid HTML as Telegram does).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from fake_bot_api import (
    BOT_USERNAME,
    TOKEN,
    FakeTelegram,
    RecordingRequest,
    callback_update,
    media_update,
    mention_update,
    message_json,
    telegram_html_problems,
    text_update,
)
from telegram import Update
from telegram.error import Conflict, NetworkError
from telegram.ext import Application

from bot import clock
from bot.answer import Answer, Suggestion, spans
from bot.conversation import Conversation
from bot.engine import Engine
from bot.flood import FloodLimiter
from bot.knowledge import Knowledge, default_knowledge_dir, load_knowledge
from bot.render import to_html
from bot.service import EnquiryService
from bot.settings import Settings
from bot.telegram_bot import COMMANDS, build_application
from bot.telegram_bot.application import set_command_menu
from bot.telegram_bot.handlers import SORRY, TEXT_ONLY, UNKNOWN_COMMAND
from bot.telegram_bot.retry import RetryingRateLimiter

QUESTION = "how many arrests in op sceptre"


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(default_knowledge_dir())


@dataclass
class Harness:
    app: Application
    api: FakeTelegram
    update_id: int = 0

    async def send(self, body: dict) -> list[dict]:
        """Process one update; return the messages the bot sent because of it."""
        before = len(self.api.sent)
        self.update_id += 1
        update = Update.de_json({"update_id": self.update_id, **body}, self.app.bot)
        await self.app.process_update(update)
        return self.api.sent[before:]

    async def press(self, chat_id: int, message: dict, data: str) -> list[dict]:
        """Press the button carrying `data` under a message the bot sent."""
        shown = {k: v for k, v in message.items() if k != "html"}
        return await self.send(callback_update(chat_id, data, message=shown))


def make_app(service: EnquiryService, api: FakeTelegram, **settings: object) -> Application:
    config = Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN, **settings)  # type: ignore[call-arg]
    fast_retries = RetryingRateLimiter(attempts=4, first_delay=0.01, max_delay=0.02)
    return build_application(config, service, request=RecordingRequest(api),
                             rate_limiter=fast_retries)


@pytest.fixture
async def bot(knowledge: Knowledge):
    api = FakeTelegram()
    app = make_app(EnquiryService(Engine(knowledge)), api)
    async with app:
        yield Harness(app, api)


def buttons(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row]


def assert_valid(messages: list[dict]) -> None:
    assert messages, "the bot sent nothing"
    for m in messages:
        assert telegram_html_problems(m["html"]) == []
        assert len(m["html"]) <= 4096
        assert all(len(data.encode()) <= 64 for data in buttons(m))


def emergency_number(knowledge: Knowledge) -> str:
    return next(c.contact for c in knowledge.reporting.channels if c.id == "emergency") or ""


# ------------------------------------------------------------------ commands


async def test_start_says_automated_not_monitored_and_999(bot: Harness, knowledge: Knowledge):
    sent = await bot.send(text_update(1, "/start"))
    assert_valid(sent)
    text = " ".join(m["text"] for m in sent).lower()
    assert emergency_number(knowledge) in text
    assert "automated" in text and "not monitored" in text
    assert not any(b.startswith("fb:") for m in sent for b in buttons(m))


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
async def test_every_command_answers_in_valid_html(bot: Harness, name: str):
    sent = await bot.send(text_update(5, f"/{name}"))
    assert_valid(sent)
    expected = bot.app.bot_data["service"].engine.command(name, clock.now())
    assert sent[0]["html"].startswith(to_html(expected).split("\n")[0])


async def test_privacy_states_the_configured_retention(knowledge: Knowledge):
    api = FakeTelegram()
    async with make_app(EnquiryService(Engine(knowledge)), api, LOG_RETENTION_DAYS=17) as app:
        await Harness(app, api).send(text_update(1, "/privacy"))
    assert "17 days" in api.sent[-1]["text"]


async def test_operations_come_as_buttons_that_answer_when_pressed(bot: Harness,
                                                                   knowledge: Knowledge):
    [listing] = await bot.send(text_update(1, "/operations"))
    pressable = [b for b in buttons(listing) if b.startswith("q:")]
    assert len(pressable) == len(knowledge.operations)
    sent = await bot.press(1, listing, pressable[0])
    assert_valid(sent)
    assert bot.api.callback_answers[-1].get("text") is None  # answered, silently
    assert knowledge.operations[0].name.lower() in sent[0]["text"].lower()


async def test_command_menu_is_set_at_start_up(bot: Harness):
    await set_command_menu(bot.app)
    assert [c["command"] for c in bot.api.commands or []] == [name for name, _ in COMMANDS]


async def test_unknown_command_and_non_text_point_to_help(bot: Harness):
    [reply] = await bot.send(text_update(1, "/arrestme"))
    assert reply["html"] == UNKNOWN_COMMAND
    [reply] = await bot.send({"message": message_json(1, dice={"emoji": "🎲", "value": 3})})
    assert reply["html"] == TEXT_ONLY


# ------------------------------------------------------------------ answers and buttons


async def test_answer_has_suggestions_and_feedback_buttons(bot: Harness):
    sent = await bot.send(text_update(1, QUESTION))
    assert_valid(sent)
    data = buttons(sent[-1])
    assert data[-2:] == ["fb:-:y", "fb:-:n"]  # no enquiry log here, so no row id
    assert any(b.startswith("q:") for b in data)
    assert all(not buttons(m) for m in sent[:-1])


async def test_pressing_a_suggestion_is_the_same_as_typing_it(bot: Harness):
    [first] = await bot.send(text_update(1, QUESTION))
    [same] = await bot.send(text_update(2, QUESTION))
    number = int(buttons(first)[0][2:])
    query = bot.app.bot_data["chats"].recall(2, int(buttons(same)[0][2:]))
    pressed = await bot.press(1, first, f"q:{number}")
    typed = await bot.send(text_update(2, query))
    assert [m["html"] for m in pressed] == [m["html"] for m in typed]


async def test_follow_up_context_is_per_chat(bot: Harness, knowledge: Knowledge):
    engine, now, follow_up = Engine(knowledge), clock.now(), "and the cash?"
    in_context = Conversation()
    engine.answer(QUESTION, in_context, now)
    with_context = to_html(engine.answer(follow_up, in_context, now))
    without_context = to_html(engine.answer(follow_up, Conversation(), now))
    assert with_context != without_context  # otherwise this test shows nothing

    await bot.send(text_update(1, QUESTION))
    [in_chat_1] = await bot.send(text_update(1, follow_up))
    [in_chat_2] = await bot.send(text_update(2, follow_up))
    assert in_chat_1["html"] == with_context
    assert in_chat_2["html"] == without_context


@pytest.mark.parametrize("data", ["q:987654", "q:1", "fb:12:y", "topic:old", "nonsense"])
async def test_old_or_unknown_buttons_are_answered_politely(bot: Harness, data: str):
    sent = await bot.send(callback_update(1, data))  # a button under an old message
    assert sent == []
    [answer] = bot.api.callback_answers
    assert answer["text"]  # a short explanation, shown to the person


async def test_a_button_pressed_long_ago_is_still_answered(bot: Harness):
    """Behind a backlog (after a restart) Telegram no longer accepts the press's acknowledgement,
    but the question it asks is answered all the same."""
    [first] = await bot.send(text_update(1, QUESTION))
    press = callback_update(1, buttons(first)[0], message={k: v for k, v in first.items()
                                                            if k != "html"})
    bot.api.callback_answers.append({"callback_query_id": press["callback_query"]["id"]})
    sent = await bot.send(press)  # the fake refuses it: "query is too old"
    assert len(sent) == 1 and sent[0]["text"] != SORRY
    assert bot.api.refused and bot.api.refused[-1][0] == "answerCallbackQuery"


class StubLog:
    """An enquiry log that hands out row ids and remembers feedback and purges."""

    def __init__(self):
        self.feedback: list[tuple[int, bool]] = []
        self.purged: list[int] = []

    def purge(self, older_than_days: int, now: object) -> int:
        self.purged.append(older_than_days)
        return 0

    def record(self, **kwargs: object) -> int:
        return 41

    def record_feedback(self, row_id: int, helpful: bool) -> None:
        self.feedback.append((row_id, helpful))


async def test_feedback_is_recorded_once_and_its_buttons_removed(knowledge: Knowledge):
    api, log = FakeTelegram(), StubLog()
    async with make_app(EnquiryService(Engine(knowledge), log), api) as app:
        harness = Harness(app, api)
        [answer] = await harness.send(text_update(1, QUESTION))
        assert buttons(answer)[-2:] == ["fb:41:y", "fb:41:n"]
        forged = dict(answer, reply_markup={"inline_keyboard": [[
            {"text": "x", "callback_data": "fb:7:n"}]]})
        await harness.press(1, forged, "fb:40:n")  # not a button on that message
        await harness.press(1, answer, "fb:41:n")
    assert log.feedback == [(41, False)]
    assert len(api.callback_answers) == 2 and all(a.get("text") for a in api.callback_answers)
    [edit] = api.edits
    kept = [b["callback_data"] for row in edit["reply_markup"]["inline_keyboard"] for b in row]
    assert kept == [b for b in buttons(answer) if not b.startswith("fb:")]


# ------------------------------------------------------------------ everything a person sends


@pytest.mark.parametrize("kind", ["photo", "video", "video_note", "document"])
async def test_media_gets_how_to_submit_footage(bot: Harness, kind: str):
    sent = await bot.send(media_update(1, kind))
    assert_valid(sent)
    knowledge = bot.app.bot_data["service"].engine.k
    text = sent[0]["text"]
    assert "can't receive evidence" in text
    # how to submit footage instead: the reporting channels from the knowledge, and 999
    for channel_id in ("online", "live-chat", "non-emergency"):
        assert knowledge.channel(channel_id).name in text
    assert "footage" in text and "999" in text


async def test_edited_message_is_answered(bot: Harness):
    sent = await bot.send(text_update(1, QUESTION, edited=True))
    assert_valid(sent)
    assert buttons(sent[-1])[-1] == "fb:-:n"


@pytest.mark.parametrize("text", [
    "<b>how many</b> arrests & <script>alert(1)</script> in <a href='x'>op sceptre</a>?",
    "**how many** _arrests_ in `op sceptre`? [link](http://example.org) <<>> &amp; &#0;",
    "how many arrests " * 240,  # about 4,000 characters
    "</b></i><pre>" * 300,
])
async def test_html_markdown_and_very_long_text_get_valid_replies(bot: Harness, text: str):
    assert_valid(await bot.send(text_update(1, text)))
    assert bot.api.refused == []


class LongEngine(Engine):
    """An engine whose every answer is far longer than one Telegram message."""

    def answer(self, message: str, conversation: Conversation, now) -> Answer:
        body = [spans(f"Line {i}: <fact> & more fact text to make the line long enough.")
                for i in range(300)]
        return Answer(answered=True, kind="fact", confidence=1.0, title="Long", body=body,
                      suggestions=[Suggestion(label="More", query="more")])


async def test_long_answers_are_split_with_buttons_under_the_last(knowledge: Knowledge):
    api = FakeTelegram()
    async with make_app(EnquiryService(LongEngine(knowledge)), api) as app:
        sent = await Harness(app, api).send(text_update(1, "tell me everything"))
    assert len(sent) > 1
    assert_valid(sent)
    assert all(not buttons(m) for m in sent[:-1]) and buttons(sent[-1])
    text = "\n".join(m["text"] for m in sent)
    assert all(f"Line {i}: <fact> & more" in text for i in range(300))


# ------------------------------------------------------------------ groups


async def test_in_groups_only_mentions_and_commands_are_answered(bot: Harness):
    group = -100
    assert await bot.send(text_update(group, QUESTION)) == []
    assert await bot.send(media_update(group, "photo")) == []
    assert await bot.send(text_update(group, "/help@some_other_bot")) == []
    assert await bot.send(text_update(group, "/nosuchcommand")) == []

    mentioned = await bot.send(mention_update(group, QUESTION))
    [private] = await bot.send(text_update(7, QUESTION))
    assert_valid(mentioned)
    assert mentioned[0]["html"] == private["html"]  # the mention is not part of the question
    quoted = bot.api.calls_of("sendMessage")[-2]
    assert quoted["reply_parameters"]["allow_sending_without_reply"] is True
    assert_valid(await bot.send(text_update(group, f"/help@{BOT_USERNAME}")))


# ------------------------------------------------------------------ faults


@pytest.mark.parametrize("kind", ["server_error", "drop", "hang"])
async def test_failed_sends_are_retried_and_delivered_once(bot: Harness, kind: str):
    bot.api.inject("sendMessage", kind, times=2)
    sent = await bot.send(text_update(1, QUESTION))
    assert len(sent) == 1
    assert len(bot.api.calls_of("sendMessage")) == 3


async def test_after_too_many_failures_it_apologises_and_keeps_serving(bot: Harness,
                                                                        caplog):
    bot.api.inject("sendMessage", "server_error", times=4)  # as many as the attempts
    with caplog.at_level(logging.ERROR):
        sent = await bot.send(text_update(1, QUESTION))
    assert [m["text"] for m in sent] == [SORRY]
    assert any("error handling update" in r.message for r in caplog.records)
    assert_valid(await bot.send(text_update(1, QUESTION)))


async def test_a_second_copy_of_the_bot_is_named_plainly_in_the_log(bot: Harness, caplog):
    with caplog.at_level(logging.WARNING):
        await bot.app.process_error(None, Conflict("terminated by other getUpdates request"))
        await bot.app.process_error(None, NetworkError("Bad Gateway"))
    conflict, outage = caplog.records
    assert "another copy of this bot" in conflict.message and conflict.exc_info is None
    assert outage.levelno == logging.WARNING and outage.exc_info is None


class BrokenService(EnquiryService):
    def handle(self, *args, **kwargs):
        raise RuntimeError("engine bug")


async def test_a_failing_handler_apologises_and_the_bot_carries_on(knowledge: Knowledge,
                                                                   caplog):
    api = FakeTelegram()
    async with make_app(BrokenService(Engine(knowledge)), api) as app:
        harness = Harness(app, api)
        with caplog.at_level(logging.ERROR):
            [apology] = await harness.send(text_update(1, QUESTION))
        assert apology["text"] == SORRY
        assert_valid(await harness.send(text_update(1, "/help")))


async def test_old_enquiries_are_purged_daily(knowledge: Knowledge):
    log = StubLog()
    app = make_app(EnquiryService(Engine(knowledge), log), FakeTelegram(), LOG_RETENTION_DAYS=9)
    [job] = app.job_queue.get_jobs_by_name("retention")
    assert job.trigger.interval.days == 1
    async with app:
        await job.run(app)
    assert log.purged == [9]


def test_throughput_benchmark_runs_and_every_reply_is_valid():
    done = subprocess.run([sys.executable, "-m", "benchmarks.telegram_throughput", "--updates",
                           "300"], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "full PTB pipeline" in done.stdout
    assert "0 with invalid HTML, 0 refused" in done.stdout


async def test_a_flooding_chat_is_told_once_to_slow_down_and_others_are_unaffected(
        knowledge: Knowledge):
    """More than 20 messages in 10 s: one polite 'slow down', then silence, other chats fine."""
    ticks = iter(i * 0.01 for i in range(10_000))  # 100 messages a second
    api = FakeTelegram()
    service = EnquiryService(Engine(knowledge), flood=FloodLimiter(clock=lambda: next(ticks)))
    app = make_app(service, api)
    async with app:
        harness = Harness(app, api)
        replies = [await harness.send(text_update(1, QUESTION)) for _ in range(30)]
        other = await harness.send(text_update(2, QUESTION))
    assert [len(r) for r in replies] == [1] * 21 + [0] * 9
    assert "slow down" in replies[20][0]["text"].lower()
    assert "999" in replies[20][0]["text"]
    assert len(other) == 1 and "slow down" not in other[0]["text"].lower()


async def test_an_emergency_typed_mid_flood_still_gets_999(knowledge: Knowledge):
    ticks = iter(i * 0.01 for i in range(10_000))
    api = FakeTelegram()
    service = EnquiryService(Engine(knowledge), flood=FloodLimiter(clock=lambda: next(ticks)))
    app = make_app(service, api)
    async with app:
        harness = Harness(app, api)
        for _ in range(25):
            await harness.send(text_update(1, QUESTION))
        sent = await harness.send(text_update(1, "someone is breaking into my house right now"))
    assert len(sent) == 1 and "999" in sent[0]["text"]


async def test_a_photo_caption_describing_danger_gets_999_first(bot: Harness):
    caption = "he's outside my door with a knife now"
    sent = await bot.send(media_update(1, "photo", caption=caption))
    assert_valid(sent)
    assert "999" in sent[0]["text"] and "can't receive evidence" not in sent[0]["text"]


async def test_words_after_a_command_describing_danger_get_999_first(bot: Harness):
    sent = await bot.send(text_update(1, "/report someone is breaking into my house right now"))
    assert_valid(sent)
    assert sent[0]["text"].startswith("Call 999")
