"""The enquiry log: one SQLite row per enquiry, holding nothing that identifies a person.

A row keeps when it was asked, a keyed hash of the chat (HMAC-SHA256, so the same chat can be
counted once without its id being stored), the channel, what kind of answer it got, the topic,
the engine's confidence, whether it was answered, the helpful / not helpful feedback, and the
message *after* redaction. Emergencies and crime reports (`Answer.sensitive`) keep only their
category: no text, no chat hash, no topic.

The log never stands between a person and an answer. A locked, read-only, full, corrupt or
missing database is logged once, the enquiry goes unrecorded, and the log tries to open the
database again on a later call (at most every `retry_after` seconds) so that writing resumes by
itself once the fault is cleared. One `EnquiryLog` may be shared between threads.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from bot.answer import Answer
from bot.clock import LONDON
from bot.store.redact import redact

logger = logging.getLogger("bot.store")

T = TypeVar("T")

TABLE = "enquiries"
MAX_MESSAGE = 500  # characters of redacted text kept per enquiry
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # UTC, so that text order is time order


class SchemaTooNew(sqlite3.DatabaseError):
    """The database was written by a newer version of the bot; it is left untouched."""


def _create_enquiries(db: Database) -> None:
    db[TABLE].create(
        {"id": int, "asked_at": str, "chat": str, "channel": str, "kind": str, "topic": str,
         "confidence": float, "answered": int, "message": str, "helpful": int},
        pk="id", not_null={"asked_at", "channel", "kind", "confidence", "answered"},
    )
    db[TABLE].create_index(["asked_at"])


# Migration n takes a database from schema version n to n + 1. Append, never edit.
MIGRATIONS: tuple[Callable[[Database], None], ...] = (_create_enquiries,)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: Database) -> int:
    """Bring the schema up to SCHEMA_VERSION (kept in `PRAGMA user_version`); return it."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"schema version {version} is newer than this bot's "
                           f"{SCHEMA_VERSION}; upgrade the bot or use another DATABASE_PATH")
    for number in range(version, SCHEMA_VERSION):
        with db.atomic():
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
    return SCHEMA_VERSION


def secret_path(database: Path) -> Path:
    """Where the generated hash secret is kept: beside the database."""
    return database.with_name(database.name + ".secret")


def load_or_create_secret(path: Path) -> bytes:
    """The secret in `path`, created (random, mode 0600) if there is none yet."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_hex(32) + "\n")
    secret = path.read_bytes().strip()
    if not secret:
        raise ValueError(f"the hash secret file {path} is empty")
    return secret


def utc_text(moment: datetime) -> str:
    """`moment` as stored: UTC text; a naive time is taken as UK local time, as elsewhere."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def _describe(exc: BaseException) -> str:
    name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return f"{exc} ({name})"


class EnquiryLog:
    """Records enquiries in the SQLite database at `path` (created, with its folder, if missing).

    `hash_secret` keys the chat hash; without one a secret is generated on first use and kept
    beside the database. `busy_timeout` is how long a write waits for another writer's lock;
    `max_bytes` caps the database's size (writing then fails as on a full disk); `monotonic` is
    the clock for `retry_after`, injectable for tests.
    """

    def __init__(self, path: str | Path, *, hash_secret: str | bytes | None = None,
                 busy_timeout: float = 0.25, retry_after: float = 10.0,
                 max_bytes: int | None = None,
                 monotonic: Callable[[], float] = time.monotonic):
        self.path = Path(path)
        self._secret = hash_secret.encode() if isinstance(hash_secret, str) else hash_secret
        self.busy_timeout = busy_timeout
        self.retry_after = retry_after
        self.max_bytes = max_bytes
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._db: Database | None = None
        self._key: bytes | None = None
        self._inode: tuple[int, int] | None = None
        self._retry_at = float("-inf")
        self._failing = False
        self._unrecorded = 0

    # ------------------------------------------------------------------ the protocol

    def record(self, *, chat_id: int | str, message: str, answer: Answer, channel: str,
               when: datetime) -> int | None:
        """Store one enquiry (redacted); return its row id, or None if it could not be stored."""

        def insert(db: Database) -> int | None:
            row = self._row(chat_id=chat_id, message=message, answer=answer, channel=channel,
                            when=when)
            return db[TABLE].insert(row).last_pk

        return self._write(insert)

    def record_feedback(self, row_id: int, helpful: bool) -> bool:
        """Keep the person's verdict on the answer in row `row_id`; True if it was stored."""

        def update(db: Database) -> bool:
            cursor = db.execute(f"UPDATE {TABLE} SET helpful = ? WHERE id = ?",
                                [int(helpful), int(row_id)])
            return cursor.rowcount == 1

        return bool(self._write(update))

    def purge(self, older_than_days: int, now: datetime) -> int | None:
        """Delete enquiries older than `older_than_days`; return how many, or None on a fault."""
        cutoff = utc_text(now - timedelta(days=older_than_days))

        def delete(db: Database) -> int:
            deleted = db.execute(f"DELETE FROM {TABLE} WHERE asked_at < ?", [cutoff]).rowcount
            if deleted:  # don't leave the deleted rows' pages in the write-ahead log
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            return deleted

        return self._write(delete)

    def close(self) -> None:
        with self._lock:
            self._close()

    def __enter__(self) -> EnquiryLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ rows

    def _row(self, *, chat_id: int | str, message: str, answer: Answer, channel: str,
             when: datetime) -> dict[str, object]:
        row: dict[str, object] = {
            "asked_at": utc_text(when), "channel": channel, "kind": answer.kind,
            "confidence": round(float(answer.confidence), 3), "answered": int(answer.answered),
            "chat": None, "topic": None, "message": None,
        }
        if not answer.sensitive:
            assert self._key is not None
            row["chat"] = hmac.new(self._key, str(chat_id).encode(), hashlib.sha256).hexdigest()
            row["topic"] = answer.topic
            row["message"] = redact(message)[:MAX_MESSAGE]
        return row

    # ------------------------------------------------------------------ faults

    def _write(self, action: Callable[[Database], T]) -> T | None:
        """Run `action` on the open database; on any fault log once and return None."""
        with self._lock:
            try:
                db = self._ensure_open()
                if db is None:
                    self._unrecorded += 1
                    return None
                result = action(db)
            except Exception as exc:  # noqa: BLE001 - the log must never stop an answer
                self._fault(exc)
                return None
            if self._failing:
                logger.warning("enquiry log %s is writable again (%d enquiries went unrecorded)",
                               self.path, self._unrecorded)
                self._failing, self._unrecorded = False, 0
            return result

    def _fault(self, exc: Exception) -> None:
        self._unrecorded += 1
        self._close()
        self._retry_at = self._monotonic() + self.retry_after
        if not self._failing:
            self._failing = True
            logger.error("enquiry log %s unavailable: %s; enquiries are still answered but not "
                         "recorded until it is back (retrying every %g s)",
                         self.path, _describe(exc), self.retry_after,
                         exc_info=not isinstance(exc, (sqlite3.Error, OSError)))

    def _ensure_open(self) -> Database | None:
        if self._db is not None and self._same_file():
            return self._db
        self._close()
        if self._monotonic() < self._retry_at:
            return None
        self._open()
        return self._db

    def _same_file(self) -> bool:
        """False when the database file was deleted or replaced under the open connection."""
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == self._inode

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._key = self._secret or load_or_create_secret(secret_path(self.path))
        if not self.path.exists():  # owner-only; SQLite gives the -wal and -shm files the same
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        st = os.stat(self.path)
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout, check_same_thread=False)
        try:
            db = Database(conn, execute_plugins=False)
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA secure_delete = ON")
            if self.max_bytes is not None:
                page_size = db.execute("PRAGMA page_size").fetchone()[0]
                db.execute(f"PRAGMA max_page_count = {max(1, self.max_bytes // page_size)}")
            migrate(db)  # first: a newer bot's database is not touched, not even to enable WAL
            db.enable_wal()
        except BaseException:
            conn.close()
            raise
        self._db, self._inode = db, (st.st_dev, st.st_ino)

    def _close(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            with contextlib.suppress(sqlite3.Error):
                db.close()
