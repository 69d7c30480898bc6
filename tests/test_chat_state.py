"""Conversations and suggestion buttons: kept across restarts, bounded in memory, expired."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.conversation import Conversation
from bot.store.chat_state import ChatStates
from bot.store.state import open_state_database

KEY = b"k" * 32


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_conversation_and_its_buttons_survive_a_restart(tmp_path: Path):
    states = ChatStates(open_state_database(tmp_path / "s.db"), KEY)
    conversation = states.conversation(7)
    conversation.discuss(["sceptre"])
    conversation.metric = "arrests"
    states.save(7, conversation)
    number = states.remember(7, "how much cash in op sceptre")
    states.db.close()

    again = ChatStates(open_state_database(tmp_path / "s.db"), KEY)
    assert again.conversation(7).operation_ids == ["sceptre"]
    assert again.conversation(7).metric == "arrests"
    assert again.recall(7, number) == "how much cash in op sceptre"
    assert again.recall(8, number) is None  # another chat's button


def test_no_chat_id_is_stored_in_clear(tmp_path: Path):
    states = ChatStates(open_state_database(tmp_path / "s.db"), KEY)
    states.save(987654321, Conversation(metric="arrests"))
    states.remember(987654321, "is live chat open")
    states.db.close()
    assert b"987654321" not in (tmp_path / "s.db").read_bytes()


def test_memory_holds_only_the_most_recent_chats():
    states = ChatStates(capacity=100)
    for chat in range(5000):
        states.save(chat, states.conversation(chat))
    assert len(states) == 100
    states.conversation(3).metric = "lost"  # read back from the database, not memory
    assert states.conversation(0).metric is None


def test_idle_conversations_start_afresh_and_old_buttons_expire():
    clock = Clock()
    states = ChatStates(idle=3600, button_age=7200, clock=clock)
    conversation = states.conversation(1)
    conversation.discuss(["sceptre"])
    states.save(1, conversation)
    number = states.remember(1, "arrests in op sceptre")
    clock.now += 3601
    assert states.conversation(1).operation_ids == []
    assert states.recall(1, number) == "arrests in op sceptre"
    clock.now += 3600
    assert states.recall(1, number) is None
    assert states.expire() >= 1
    assert states.db.execute("SELECT count(*) FROM suggestions").fetchone()[0] == 0


async def test_state_per_chat_stays_bounded_through_the_whole_pipeline(tmp_path: Path, engine):
    """Hundreds of one-message chats through the inbox, dispatcher and PTB Application: what
    stays in memory per chat is bounded (conversations), swept (flood) or never made (PTB's
    chat_data); the rest is on disk."""
    from fake_bot_api import TOKEN, FakeTelegram, RecordingRequest, text_update

    from bot.flood import FloodLimiter
    from bot.service import EnquiryService
    from bot.settings import Settings
    from bot.store.inbox import Inbox
    from bot.telegram_bot import build_application
    from bot.telegram_bot.dispatch import Dispatcher
    from bot.telegram_bot.retry import RetryingRateLimiter

    clock = Clock()
    state = open_state_database(tmp_path / "s.db")
    states = ChatStates(state, KEY, capacity=50)
    flood = FloodLimiter(clock=clock)
    api = FakeTelegram(check_html=False)
    app = build_application(
        Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN), EnquiryService(engine, flood=flood),
        request=RecordingRequest(api), chats=states,
        rate_limiter=RetryingRateLimiter(overall_max_rate=0, group_max_rate=0))
    inbox = Inbox(state, engine.is_emergency)
    async with app:
        dispatcher = Dispatcher(app, inbox)
        inbox.add({"update_id": chat, **text_update(chat, "how many arrests in op sceptre")}
                  for chat in range(1, 301))
        runner = asyncio.create_task(dispatcher.run())
        await api.wait_until(lambda: len(api.sent) == 300, 60, "300 answers")
        dispatcher.accepting = False
        runner.cancel()
    assert len(states) == 50 and len(app.chat_data) == 0 and inbox.pending() == 0
    # PTB's notes of every chat seen, for a persistence this bot doesn't use, are cleared
    assert not app._chat_ids_to_be_updated_in_persistence
    assert not app._user_ids_to_be_updated_in_persistence
    clock.now += 60
    flood.check("someone new")
    assert len(flood) == 1  # the 300 quiet chats were forgotten
    assert state.execute("SELECT count(*) FROM conversations").fetchone()[0] == 300


def test_a_database_fault_never_stops_a_conversation(tmp_path: Path, caplog):
    states = ChatStates(open_state_database(tmp_path / "s.db"), KEY)
    conversation = states.conversation(1)
    conversation.metric = "arrests"
    states.db.close()  # as if the disk went away
    states.save(1, conversation)
    assert states.conversation(1).metric == "arrests"  # still in memory
    assert states.conversation(2).metric is None
    number = states.remember(1, "is live chat open")
    assert states.recall(1, number) is None  # that button will say it has expired
    assert "chat state" in caplog.text
