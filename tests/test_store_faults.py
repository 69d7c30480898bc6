"""Database faults, each made for real: the bot keeps answering, the failure is logged once,
and recording resumes by itself once the fault is cleared.

Mechanisms: a second sqlite3 connection holding BEGIN IMMEDIATE / EXCLUSIVE (locked); the
immutable attribute (`chattr +i`, which binds root too; plain chmod 0444 when not root) for a
read-only file; random bytes and a damaged database (corrupt); `max_bytes` (SQLite's
max_page_count) and, where mounting is permitted, a real tmpfs filled to the last byte (full);
a folder that cannot be created or is deleted under the bot (missing folder).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from store_helpers import NOW, answer

from bot.answer import Answer
from bot.conversation import Conversation
from bot.engine import Engine
from bot.render import to_html, to_text
from bot.service import EnquiryService
from bot.store import EnquiryLog

QUESTIONS = ["how many arrests in operation sceptre", "call me on 07700 900123",
             "what is 101 for", "hello", "how many knives were handed in"]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "enquiries.db"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def make_log(path: Path, **options: object) -> EnquiryLog:
    options = {"hash_secret": "s", "busy_timeout": 0.05, "retry_after": 0, **options}
    return EnquiryLog(path, **options)  # type: ignore[arg-type]


def ask_all(service: EnquiryService, questions: list[str] = QUESTIONS,
            before_each: Callable[[], object] = lambda: None) -> list[int | None]:
    """Put each question to the service; every one must get a renderable answer."""
    row_ids = []
    conversation = Conversation()
    for text in questions:
        before_each()
        answer, row_id = service.handle(text, conversation, chat_id=1, channel="telegram",
                                        now=NOW)
        assert isinstance(answer, Answer) and answer.title
        assert to_text(answer) and to_html(answer)
        row_ids.append(row_id)
    return row_ids


def failures(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "bot.store" and r.levelno >= logging.ERROR]


def recoveries(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "bot.store" and "writable again" in r.getMessage()]


def count_rows(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM enquiries").fetchone()[0]


def seeded(path: Path, rows: int = 3) -> Path:
    """A healthy log database with `rows` enquiries, closed."""
    with make_log(path) as log:
        for n in range(rows):
            log.record(chat_id=n, message=f"question {n}", answer=answer(), channel="console",
                       when=NOW)
    return path


def check_fault_and_recovery(service: EnquiryService, caplog: pytest.LogCaptureFixture,
                             clear: contextlib.AbstractContextManager,
                             keep_up: Callable[[], object] = lambda: None) -> None:
    """While `clear` is held the fault is there (`keep_up` renews it before each message);
    it is cleared when `clear` exits."""
    with caplog.at_level(logging.INFO, "bot.store"):
        with clear:
            assert ask_all(service, before_each=keep_up) == [None] * len(QUESTIONS)
            assert ask_all(service, before_each=keep_up) == [None] * len(QUESTIONS)
            [message] = failures(caplog)  # logged once, not per message
            assert "still answered" in message
        assert None not in ask_all(service)
        [back] = recoveries(caplog)
        assert f"{2 * len(QUESTIONS)} enquiries went unrecorded" in back
        assert len(failures(caplog)) == 1


# ------------------------------------------------------------------------------------ locked


@pytest.mark.parametrize("begin", ["BEGIN IMMEDIATE", "BEGIN EXCLUSIVE"])
def test_a_database_locked_by_another_writer(engine: Engine, db_path: Path, begin: str,
                                             caplog: pytest.LogCaptureFixture) -> None:
    seeded(db_path)

    @contextlib.contextmanager
    def locked() -> Iterator[None]:
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute(begin)
        other.execute("INSERT INTO enquiries (asked_at, channel, kind, confidence, answered) "
                      "VALUES ('2026-01-01T00:00:00Z', 'other', 'fact', 1, 1)")
        try:
            yield
        finally:
            other.execute("COMMIT")
            other.close()

    with make_log(db_path) as log:
        check_fault_and_recovery(EnquiryService(engine, log), caplog, locked())
    assert count_rows(db_path) == 3 + 1 + len(QUESTIONS)


def test_after_a_fault_the_database_is_tried_again_only_after_a_pause(
        engine: Engine, db_path: Path) -> None:
    seeded(db_path)
    clock = Clock()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    with make_log(db_path, retry_after=30, monotonic=clock) as log:
        service = EnquiryService(engine, log)
        assert ask_all(service, QUESTIONS[:1]) == [None]
        other.execute("COMMIT")
        clock.now = 29.0  # the database is fine again, but not tried yet
        assert ask_all(service, QUESTIONS[:1]) == [None]
        clock.now = 30.0
        assert None not in ask_all(service, QUESTIONS[:1])
    other.close()


# ------------------------------------------------------------------------------------ read-only


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make `path` read-only for this process, root included, for the duration."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o600)
        return
    chattr = shutil.which("chattr")
    done = chattr and subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode
    if not chattr or done != 0:
        pytest.skip("running as root and the immutable attribute (chattr +i) is not available")
    try:
        with pytest.raises(PermissionError):  # the fault is real: not even root may write
            path.open("ab").close()
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_a_read_only_database(engine: Engine, db_path: Path,
                              caplog: pytest.LogCaptureFixture) -> None:
    seeded(db_path)
    before = db_path.read_bytes()

    @contextlib.contextmanager
    def fault() -> Iterator[None]:
        with read_only(db_path):
            yield
            assert db_path.read_bytes() == before

    with make_log(db_path) as log:
        check_fault_and_recovery(EnquiryService(engine, log), caplog, fault())
    assert count_rows(db_path) == 3 + len(QUESTIONS)


# ------------------------------------------------------------------------------------ corrupt


def garbage(path: Path) -> None:
    path.write_bytes(random.Random(5).randbytes(16384))


def damaged(path: Path) -> None:
    """A real log database whose pages after the first are overwritten: the header is fine."""
    seeded(path, rows=200)
    data = bytearray(path.read_bytes())
    data[4096:] = random.Random(7).randbytes(len(data) - 4096)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("spoil", [garbage, damaged], ids=["garbage bytes", "damaged pages"])
def test_a_corrupt_database_is_never_overwritten(engine: Engine, db_path: Path, spoil,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    spoil(db_path)
    spoilt = db_path.read_bytes()
    kept = db_path.with_name("enquiries.db.corrupt")

    @contextlib.contextmanager
    def fault() -> Iterator[None]:
        yield
        assert db_path.read_bytes() == spoilt  # evidence left for the operator
        db_path.rename(kept)  # what the operator does: move it aside

    with make_log(db_path) as log:
        check_fault_and_recovery(EnquiryService(engine, log), caplog, fault())
    assert count_rows(db_path) == len(QUESTIONS)
    assert kept.read_bytes() == spoilt


# ------------------------------------------------------------------------------------ full


def test_a_full_database(engine: Engine, db_path: Path,
                         caplog: pytest.LogCaptureFixture) -> None:
    cap = 5 * 4096  # room for the schema and a page or two of rows
    with make_log(db_path, max_bytes=cap) as filler:
        recorded = 0
        while filler.record(chat_id=1, message="question", answer=answer(), channel="console",
                            when=NOW) is not None:
            recorded += 1
            assert recorded < 1000, "the size cap never filled"
    assert recorded > 5
    caplog.clear()

    @contextlib.contextmanager
    def fault() -> Iterator[None]:
        yield
        with contextlib.closing(sqlite3.connect(db_path)) as other, other:
            other.execute("DELETE FROM enquiries WHERE id <= ?", [recorded // 2])  # space freed

    with make_log(db_path, max_bytes=cap) as log:
        check_fault_and_recovery(EnquiryService(engine, log), caplog, fault())


@contextlib.contextmanager
def tiny_file_system(where: Path, size: str = "256k") -> Iterator[Path]:
    """A real tmpfs of `size` mounted at `where` (skips the test where mounting is refused)."""
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                              str(where)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def fill(filler: Path) -> None:
    """Append to `filler` until the file system is full."""
    with filler.open("ab", buffering=0) as file:
        try:
            while True:
                file.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        with contextlib.suppress(OSError):
            while True:
                file.write(b"\0")


def test_a_full_file_system(engine: Engine, tmp_path: Path,
                            caplog: pytest.LogCaptureFixture) -> None:
    with tiny_file_system(tmp_path / "disk") as disk:
        db_path = disk / "enquiries.db"
        filler = disk / "filler"

        @contextlib.contextmanager
        def fault() -> Iterator[None]:
            yield
            filler.unlink()  # space freed

        with make_log(db_path) as log:
            service = EnquiryService(engine, log)
            assert None not in ask_all(service)
            # Whatever SQLite frees when it closes its connection is filled again at once.
            check_fault_and_recovery(service, caplog, fault(), keep_up=lambda: fill(filler))
        assert count_rows(db_path) == 2 * len(QUESTIONS)


# ------------------------------------------------------------------------------------ missing


def test_a_folder_that_cannot_be_created(engine: Engine, tmp_path: Path,
                                         caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "var"
    blocker.write_text("a file where the folder should be\n")

    @contextlib.contextmanager
    def fault() -> Iterator[None]:
        yield
        blocker.unlink()

    with make_log(blocker / "enquiries.db") as log:
        check_fault_and_recovery(EnquiryService(engine, log), caplog, fault())
    assert count_rows(blocker / "enquiries.db") == len(QUESTIONS)


def test_a_folder_deleted_under_the_bot_is_made_again(engine: Engine, db_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    with make_log(db_path) as log:
        service = EnquiryService(engine, log)
        assert None not in ask_all(service)
        shutil.rmtree(db_path.parent)
        # Rows must reach a file on disk, not the deleted one the connection still holds.
        assert None not in ask_all(service)
        assert count_rows(db_path) == len(QUESTIONS)
    assert failures(caplog) == []


# ------------------------------------------------------------------------------------ all calls


def test_feedback_and_retention_never_raise_either(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage(db_path)
    with make_log(db_path) as log:
        assert log.record_feedback(1, helpful=True) is False
        assert log.purge(30, NOW) is None
