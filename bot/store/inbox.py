"""The durable inbox: every Telegram update is stored here before Telegram is told it arrived.

An update is `pending` when stored, `working` while its reply is being made, and `done` once the
reply is sent; a done update keeps only its `update_id` (so that a re-sent one is ignored) and
is deleted after `KEEP_DONE` seconds. At start-up `recover` puts back whatever a crash left
`working`, and the queue hands out emergencies first, then the oldest update of each chat that
has nothing in progress, so that each chat is answered in order and chats run side by side.

Synchronous and small: the event loop calls it directly (each call is a short SQLite write).
Storing an update waits for the disk (`synchronous = FULL`: it survives a host crash before
Telegram is told); the other writes don't (`NORMAL`: a kill -9 loses none of them, a power cut
may lose the last "done" marks, whose updates are then answered twice rather than never).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

EMERGENCY, ORDINARY = 0, 1
KEEP_DONE = 2 * 86_400.0  # Telegram keeps an unconfirmed update for at most 24 hours


@dataclass(frozen=True)
class Stored:
    """An update handed out by the queue."""

    update_id: int
    chat_id: int | None
    priority: int
    body: dict[str, Any]
    attempts: int

    @property
    def emergency(self) -> bool:
        return self.priority == EMERGENCY


def chat_of(body: dict[str, Any]) -> int | None:
    """The chat an update (as Telegram's JSON) belongs to, if any."""
    for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
        if isinstance(body.get(key), dict):
            return (body[key].get("chat") or {}).get("id")
    query = body.get("callback_query")
    if isinstance(query, dict):
        message = query.get("message") or {}
        return (message.get("chat") or {}).get("id") or (query.get("from") or {}).get("id")
    return None


def words_of(body: dict[str, Any]) -> str:
    """What the person wrote in an update: a message's text or caption ('' if none)."""
    for key in ("message", "edited_message"):
        message = body.get(key)
        if isinstance(message, dict):
            return str(message.get("text") or message.get("caption") or "")
    return ""


class Inbox:
    """The `inbox` table of the state database; `is_emergency` triages an update's words."""

    def __init__(self, db: Database, is_emergency: Callable[[str], bool],
                 clock: Callable[[], float] = time.time):
        self.db = db
        self.is_emergency = is_emergency
        self.clock = clock

    def add(self, bodies: Iterable[dict[str, Any]]) -> list[int]:
        """Store updates (Telegram's JSON, each with its update_id) in one transaction; return
        the update_ids that were new (a re-sent update_id is ignored). Raises on a fault."""
        now, new = self.clock(), []
        rows = []
        for body in bodies:
            priority = EMERGENCY if self._triage(words_of(body)) else ORDINARY
            rows.append((int(body["update_id"]), chat_of(body), priority,
                         json.dumps(body, separators=(",", ":")), now))
        self.db.execute("PRAGMA synchronous = FULL")  # on the disk before Telegram forgets it
        with self.db.conn:
            self.db.execute("BEGIN IMMEDIATE")
            for row in rows:
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO inbox (update_id, chat_id, priority, state, body, "
                    "received_at) VALUES (?, ?, ?, 'pending', ?, ?)", row)
                if cursor.rowcount == 1:
                    new.append(row[0])
        self.db.execute("PRAGMA synchronous = NORMAL")
        return new

    def _triage(self, words: str) -> bool:
        try:
            return bool(words) and self.is_emergency(words)
        except Exception:  # noqa: BLE001 - an update is stored whatever its words do to triage
            return False

    def recover(self) -> int:
        """Put back updates a crash or stop left in progress; return how many wait now."""
        self.db.execute("UPDATE inbox SET state = 'pending' WHERE state = 'working'")
        self.purge()
        return self.pending()

    def claim(self, *, emergencies_only: bool = False, limit: int = 50) -> list[Stored]:
        """Take the next updates to answer and mark them `working`: emergencies first, then the
        oldest of each chat with nothing in progress."""
        sql = ("SELECT update_id, chat_id, priority, body, attempts FROM inbox "
               "WHERE state = 'pending' AND not_before <= ? AND (priority = 0 OR chat_id IS NULL "
               "OR chat_id NOT IN (SELECT chat_id FROM inbox WHERE state = 'working' "
               "AND chat_id IS NOT NULL)) ")
        if emergencies_only:
            sql += "AND priority = 0 "
        sql += "ORDER BY priority, update_id LIMIT ?"
        rows = self.db.execute(sql, [self.clock(), limit * 4]).fetchall()
        taken, chats = [], set()
        for update_id, chat_id, priority, body, attempts in rows:
            if priority != EMERGENCY and chat_id is not None:
                if chat_id in chats:
                    continue  # this chat's earlier update goes first
                chats.add(chat_id)
            taken.append(Stored(update_id, chat_id, priority, json.loads(body), attempts))
            if len(taken) == limit:
                break
        if taken:
            ids = [s.update_id for s in taken]
            self.db.execute(f"UPDATE inbox SET state = 'working' WHERE update_id IN "
                            f"({','.join('?' * len(ids))})", ids)
        return taken

    def done(self, update_id: int) -> None:
        """The reply was sent: forget the update's contents, keep its id."""
        self.db.execute("UPDATE inbox SET state = 'done', body = NULL, chat_id = NULL, "
                        "done_at = ? WHERE update_id = ?", [self.clock(), update_id])

    def retry_later(self, update_id: int, seconds: float) -> None:
        """The reply could not be sent: try again after `seconds` (or after a restart)."""
        self.db.execute("UPDATE inbox SET state = 'pending', attempts = attempts + 1, "
                        "not_before = ? WHERE update_id = ?", [self.clock() + seconds, update_id])

    def pending(self) -> int:
        """How many updates wait for a reply (in progress included)."""
        return self.db.execute(
            "SELECT count(*) FROM inbox WHERE state != 'done'").fetchone()[0]

    def purge(self) -> int:
        """Delete done updates older than KEEP_DONE, and empty the write-ahead log so that no
        blanked message lingers in it; return how many were deleted."""
        cutoff = self.clock() - KEEP_DONE
        deleted = self.db.execute("DELETE FROM inbox WHERE state = 'done' AND done_at < ?",
                                  [cutoff]).rowcount
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        return deleted
