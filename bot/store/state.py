"""The bot's working state (SQLite, beside the enquiry log): the inbox, conversations, buttons.

A sibling file of the enquiry log in the data folder (`state_path`), so that the log's
retention, reporting and fault handling stay as they are. Unlike the log, this database must not
silently drop writes: an update that cannot be stored is not confirmed to Telegram, which then
sends it again. Storing an update waits for the disk, so it survives a host crash too.

    inbox          one row per Telegram update until its reply is sent (then blanked)
    conversations  what each chat's conversation is about (topic only), keyed by a chat hash
    suggestions    the question behind each suggestion button, keyed by the button's number
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from bot.store.log import SchemaTooNew


def state_path(database: Path) -> Path:
    """Where the working state is kept: beside the enquiry log, `<name>.state.db`."""
    return database.with_name(database.stem + ".state.db")


def _create_tables(db: Database) -> None:
    db.execute("""
        CREATE TABLE inbox (
            update_id INTEGER PRIMARY KEY,
            chat_id INTEGER,          -- to keep each chat in order; NULL once done
            priority INTEGER NOT NULL, -- 0 emergency, 1 everything else
            state TEXT NOT NULL,       -- pending | working | done
            body TEXT,                 -- the update's JSON; NULL once done
            received_at REAL NOT NULL,
            done_at REAL,
            attempts INTEGER NOT NULL DEFAULT 0,
            not_before REAL NOT NULL DEFAULT 0
        )""")
    db.execute("CREATE INDEX inbox_queue ON inbox (state, priority, update_id)")
    db.execute("CREATE INDEX inbox_chat ON inbox (state, chat_id)")
    db.execute("""
        CREATE TABLE conversations (
            chat TEXT PRIMARY KEY,     -- keyed hash of the chat id
            state TEXT NOT NULL,       -- the Conversation as JSON (topics, never words)
            updated_at REAL NOT NULL
        )""")
    db.execute("CREATE INDEX conversations_age ON conversations (updated_at)")
    db.execute("""
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chat TEXT NOT NULL,        -- keyed hash: a button works only in its own chat
            query TEXT NOT NULL,       -- the engine's suggested question (never the person's)
            created_at REAL NOT NULL
        )""")
    db.execute("CREATE INDEX suggestions_age ON suggestions (created_at)")


# Migration n takes the state database from version n to n + 1. Append, never edit.
MIGRATIONS: tuple[Callable[[Database], None], ...] = (_create_tables,)


def open_state_database(path: str | Path) -> Database:
    """The state database at `path` (created owner-only, with its folder, if missing)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    db = Database(conn, execute_plugins=False)
    try:
        db.execute("PRAGMA secure_delete = ON")  # a blanked update leaves no trace in the file
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise SchemaTooNew(f"{path}: schema version {version} is newer than this bot's")
        for number in range(version, len(MIGRATIONS)):
            with db.conn:
                db.execute("BEGIN")
                MIGRATIONS[number](db)
                db.execute(f"PRAGMA user_version = {number + 1}")
        db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")  # the inbox asks for FULL when it stores
    except BaseException:
        conn.close()
        raise
    return db


def memory_state_database() -> Database:
    """A throw-away state database (tests, the console)."""
    db = Database(sqlite3.connect(":memory:", isolation_level=None), execute_plugins=False)
    for migration in MIGRATIONS:
        migration(db)
    return db


def chat_hash(key: bytes, chat_id: int | str) -> str:
    """The keyed hash a chat is stored under (the same as the enquiry log's)."""
    return hmac.new(key, str(chat_id).encode(), hashlib.sha256).hexdigest()
