"""Helpers shared by the enquiry log's tests: answers to record and a byte search of the files."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from bot.answer import Answer, Kind
from bot.clock import LONDON

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=LONDON)


def answer(kind: Kind = "fallback", *, answered: bool | None = None, topic: str | None = None,
           confidence: float = 0.2, sensitive: bool | None = None) -> Answer:
    """An answer of `kind` as the engine would give it (wording is irrelevant to the log)."""
    if answered is None:
        answered = kind not in ("fallback", "invalid")
    if sensitive is None:
        sensitive = kind in ("emergency", "crime_report")
    return Answer(answered=answered, kind=kind, topic=topic, confidence=confidence,
                  title="An answer", sensitive=sensitive)


def database_files(database: Path) -> list[Path]:
    """The database and every file SQLite keeps beside it (-wal, -shm, -journal)."""
    return sorted(p for p in database.parent.glob(database.name + "*")
                  if not p.name.endswith(".secret"))


def found_on_disk(values: Iterable[str], database: Path) -> dict[str, list[str]]:
    """Which `values` occur, in UTF-8 or UTF-16 or without spaces, in which database files."""
    files = {p.name: p.read_bytes() for p in database_files(database)}
    found: dict[str, list[str]] = {}
    for value in values:
        forms = {value, value.replace(" ", ""), value.lower(), value.upper()}
        needles = {form.encode(enc) for form in forms for enc in ("utf-8", "utf-16-le")}
        where = [name for name, data in files.items() if any(n in data for n in needles)]
        if where:
            found[value] = where
    return found
