"""The durable inbox's queue: what is answered next, what is kept, what is forgotten."""

from __future__ import annotations

from pathlib import Path

from fake_bot_api import callback_update, text_update

from bot.store.inbox import Inbox
from bot.store.state import open_state_database

EMERGENCY = "he has a knife and is trying to get in right now"


def make_inbox(path: Path) -> Inbox:
    return Inbox(open_state_database(path), lambda words: "knife" in words)


def add(inbox: Inbox, update_id: int, chat: int, text: str) -> list[int]:
    return inbox.add([{"update_id": update_id, **text_update(chat, text)}])


def test_emergencies_come_first_and_each_chat_in_order(tmp_path: Path):
    inbox = make_inbox(tmp_path / "s.db")
    add(inbox, 1, 10, "first from 10")
    add(inbox, 2, 10, "second from 10")
    add(inbox, 3, 20, "first from 20")
    add(inbox, 4, 30, EMERGENCY)
    taken = inbox.claim(limit=10)
    assert [s.update_id for s in taken] == [4, 1, 3]  # 2 waits for 1, same chat
    assert inbox.claim(limit=10) == []  # chat 10 is busy, nothing else waits
    inbox.done(1)
    assert [s.update_id for s in inbox.claim(limit=10)] == [2]


def test_an_emergency_is_not_held_behind_its_own_chat(tmp_path: Path):
    inbox = make_inbox(tmp_path / "s.db")
    add(inbox, 1, 10, "how many arrests")
    assert [s.update_id for s in inbox.claim(limit=1)] == [1]
    add(inbox, 2, 10, EMERGENCY)
    assert [s.update_id for s in inbox.claim(emergencies_only=True)] == [2]


def test_a_repeated_update_id_is_ignored(tmp_path: Path):
    inbox = make_inbox(tmp_path / "s.db")
    assert add(inbox, 5, 10, "hello") == [5]
    assert add(inbox, 5, 10, "hello") == []
    inbox.claim()
    inbox.done(5)
    assert add(inbox, 5, 10, "hello") == []  # still remembered once answered


def test_done_updates_keep_no_words_and_no_chat(tmp_path: Path):
    inbox = make_inbox(tmp_path / "s.db")
    add(inbox, 1, 4242, "my number is 07700 900123")
    inbox.claim()
    inbox.done(1)
    row = inbox.db.execute("SELECT chat_id, body FROM inbox").fetchone()
    assert row == (None, None)
    assert b"07700 900123" not in (tmp_path / "s.db").read_bytes()


def test_a_restart_puts_back_what_was_in_progress(tmp_path: Path):
    inbox = make_inbox(tmp_path / "s.db")
    add(inbox, 1, 10, "a")
    add(inbox, 2, 11, "b")
    inbox.claim()
    inbox.db.close()
    again = make_inbox(tmp_path / "s.db")
    assert again.recover() == 2
    assert sorted(s.update_id for s in again.claim()) == [1, 2]


def test_a_failed_reply_waits_before_it_is_tried_again(tmp_path: Path):
    now = [1000.0]
    inbox = Inbox(open_state_database(tmp_path / "s.db"), lambda w: False, clock=lambda: now[0])
    add(inbox, 1, 10, "a")
    inbox.claim()
    inbox.retry_later(1, 30)
    assert inbox.claim() == []
    now[0] += 31
    [again] = inbox.claim()
    assert again.attempts == 1


def test_button_presses_are_queued_under_their_chat(tmp_path: Path):
    inbox = make_inbox(tmp_path / "s.db")
    inbox.add([{"update_id": 1, **callback_update(77, "q:1")}])
    [stored] = inbox.claim()
    assert stored.chat_id == 77 and not stored.emergency
