"""Per-chat state that survives a restart and stays bounded however many people write.

Each chat's `Conversation` (what it is about: operation ids, metric, force; never the person's
words) and the question behind each suggestion button live in the state database, keyed by a
keyed hash of the chat id. Only the `capacity` most recently active conversations are also
kept in memory. A conversation idle for `idle` seconds starts afresh; a button older than
`button_age` seconds says it has expired. `expire` deletes both from the disk.

A button's callback data carries its row number ("q:<n>"), and a press is answered only in the
chat the button was made for, so after a restart a button still asks its own question.
A database fault never stops an answer: it is logged, the conversation carries on in memory, and
a button made meanwhile says it has expired when pressed.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import secrets
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from bot.conversation import Conversation
from bot.store.state import chat_hash, memory_state_database

logger = logging.getLogger("bot.store")

IDLE = 12 * 3600.0  # a conversation quiet this long is forgotten
BUTTON_AGE = 7 * 86_400.0  # a suggestion button this old has expired
CAPACITY = 1000  # conversations kept in memory (the rest are read from disk when needed)
FIELDS = {f.name for f in dataclasses.fields(Conversation)}


class ChatStates:
    def __init__(self, db: Database | None = None, key: bytes | None = None, *,
                 capacity: int = CAPACITY, idle: float = IDLE, button_age: float = BUTTON_AGE,
                 clock: Callable[[], float] = time.time):
        self.db = db if db is not None else memory_state_database()
        self.key = key or secrets.token_bytes(32)  # a throw-away key for a throw-away store
        self.capacity = capacity
        self.idle = idle
        self.button_age = button_age
        self.clock = clock
        self._recent: OrderedDict[str, tuple[Conversation, float]] = OrderedDict()

    def conversation(self, chat_id: int | str) -> Conversation:
        """The chat's conversation (a fresh one if it has none or was idle too long)."""
        chat = chat_hash(self.key, chat_id)
        now = self.clock()
        if chat in self._recent:
            conversation, seen = self._recent.pop(chat)
        else:
            row = self._query("SELECT state, updated_at FROM conversations WHERE chat = ?",
                              [chat])
            conversation, seen = (_load(row[0]), row[1]) if row else (Conversation(), now)
        if now - seen > self.idle:
            conversation = Conversation()
        self._keep(chat, conversation, now)
        return conversation

    def save(self, chat_id: int | str, conversation: Conversation) -> None:
        """Store the chat's conversation as it is now."""
        chat, now = chat_hash(self.key, chat_id), self.clock()
        self._recent.pop(chat, None)
        self._keep(chat, conversation, now)
        state = json.dumps(dataclasses.asdict(conversation), separators=(",", ":"))
        self._write("INSERT OR REPLACE INTO conversations (chat, state, updated_at) "
                    "VALUES (?, ?, ?)", [chat, state, now])

    def remember(self, chat_id: int | str, query: str) -> int:
        """Keep a suggestion's query; return the number its button carries."""
        row_id = self._write("INSERT INTO suggestions (chat, query, created_at) VALUES (?, ?, ?)",
                             [chat_hash(self.key, chat_id), query, self.clock()])
        return row_id or 0  # 0 is never a row: the button says it has expired

    def recall(self, chat_id: int | str, number: int) -> str | None:
        """The query behind button `number` pressed in this chat; None if it has expired."""
        row = self._query(
            "SELECT query FROM suggestions WHERE id = ? AND chat = ? AND created_at >= ?",
            [number, chat_hash(self.key, chat_id), self.clock() - self.button_age])
        return row[0] if row else None

    def suggestions(self, chat_id: int | str) -> ChatSuggestions:
        return ChatSuggestions(self, chat_id)

    def expire(self) -> int:
        """Forget idle conversations and old buttons on disk and in memory; return how many."""
        now = self.clock()
        for chat in [c for c, (_, seen) in self._recent.items() if now - seen > self.idle]:
            del self._recent[chat]
        gone = self.db.execute("DELETE FROM conversations WHERE updated_at < ?",
                               [now - self.idle]).rowcount
        return gone + self.db.execute("DELETE FROM suggestions WHERE created_at < ?",
                                      [now - self.button_age]).rowcount

    def __len__(self) -> int:
        """Conversations held in memory."""
        return len(self._recent)

    def _query(self, sql: str, params: list[Any]) -> tuple | None:
        try:
            return self.db.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            logger.error("chat state unavailable (%s): carrying on without it", exc)
            return None

    def _write(self, sql: str, params: list[Any]) -> int | None:
        try:
            return self.db.execute(sql, params).lastrowid
        except sqlite3.Error as exc:
            logger.error("chat state not saved (%s): carrying on in memory", exc)
            return None

    def _keep(self, chat: str, conversation: Conversation, seen: float) -> None:
        self._recent[chat] = (conversation, seen)
        while len(self._recent) > self.capacity:
            self._recent.popitem(last=False)


@dataclasses.dataclass
class ChatSuggestions:
    """One chat's suggestion buttons, as `keyboards.answer_keyboard` uses them."""

    states: ChatStates
    chat_id: int | str

    def remember(self, query: str) -> int:
        return self.states.remember(self.chat_id, query)

    def recall(self, number: int) -> str | None:
        return self.states.recall(self.chat_id, number)


def _load(text: str) -> Conversation:
    """A stored conversation; fields a newer or older bot wrote are ignored."""
    try:
        data = json.loads(text)
        return Conversation(**{k: v for k, v in data.items() if k in FIELDS})
    except (ValueError, TypeError):
        return Conversation()
