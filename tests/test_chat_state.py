"""Conversations and suggestion buttons: kept across restarts, bounded in memory, expired."""

from __future__ import annotations

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
