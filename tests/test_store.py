"""The enquiry log: what a row keeps (and never keeps), the chat hash and its secret, the schema,
feedback, retention, and a scripted session after which no personal detail is on disk."""

from __future__ import annotations

import io
import logging
import re
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from fake_bot_api import TOKEN, FakeTelegram, RecordingRequest, callback_update, text_update
from sqlite_utils import Database
from store_helpers import NOW, answer, database_files, found_on_disk
from telegram import Update

from bot.cli import main as cli_main
from bot.conversation import Conversation
from bot.engine import Engine
from bot.flood import FloodLimiter
from bot.service import EnquiryService
from bot.settings import Settings
from bot.store import EnquiryLog, open_enquiry_log
from bot.store.log import MAX_MESSAGE, SCHEMA_VERSION, secret_path
from bot.telegram_bot import build_application


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "enquiries.db"


def rows(path: Path) -> list[dict]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM enquiries ORDER BY id")]


def test_a_row_keeps_the_redacted_message_and_what_the_answer_was(db_path: Path) -> None:
    with EnquiryLog(db_path, hash_secret="s") as log:
        row_id = log.record(chat_id=42, message="call me on 07700 900123 about knives",
                            answer=answer("fact", topic="sceptre:knives", confidence=0.87),
                            channel="telegram", when=NOW)
    assert row_id == 1
    [row] = rows(db_path)
    assert row["message"] == "call me on [phone] about knives"
    assert (row["kind"], row["topic"], row["confidence"], row["answered"], row["channel"]) == (
        "fact", "sceptre:knives", 0.87, 1, "telegram")
    assert row["asked_at"] == "2026-03-02T10:30:00Z"
    assert row["helpful"] is None


def test_the_chat_is_kept_only_as_a_keyed_hash(db_path: Path) -> None:
    with EnquiryLog(db_path, hash_secret="secret-one") as log:
        for chat in (123456789, 123456789, 987654321):
            log.record(chat_id=chat, message="hello", answer=answer("smalltalk"),
                       channel="telegram", when=NOW)
    hashes = [r["chat"] for r in rows(db_path)]
    assert hashes[0] == hashes[1] != hashes[2]
    assert all(len(h) == 64 and "123456789" not in h for h in hashes)
    assert found_on_disk(["123456789", "987654321"], db_path) == {}
    with EnquiryLog(db_path, hash_secret="secret-two") as log:
        log.record(chat_id=123456789, message="hello", answer=answer("smalltalk"),
                   channel="telegram", when=NOW)
    assert rows(db_path)[-1]["chat"] not in hashes


def test_emergencies_and_crime_reports_keep_only_their_category(db_path: Path) -> None:
    with EnquiryLog(db_path, hash_secret="s") as log:
        log.record(chat_id=7, message="help my ex Darren is outside with a knife",
                   answer=answer("emergency", topic="violence"), channel="telegram", when=NOW)
        log.record(chat_id=7, message="I want to report my neighbour for dealing from his flat",
                   answer=answer("crime_report", topic="drugs"), channel="telegram", when=NOW)
    stored = rows(db_path)
    assert [(r["kind"], r["message"], r["topic"], r["chat"]) for r in stored] == [
        ("emergency", None, None, None), ("crime_report", None, None, None)]
    assert found_on_disk(["Darren", "knife", "neighbour", "dealing"], db_path) == {}


def test_a_long_message_is_cut_after_redaction(db_path: Path) -> None:
    message = "my number is 07700 900123 " + "and I want to know more " * 100
    with EnquiryLog(db_path, hash_secret="s") as log:
        log.record(chat_id=1, message=message, answer=answer(), channel="console", when=NOW)
    [row] = rows(db_path)
    assert row["message"].startswith("my number is [phone] and")
    assert len(row["message"]) == MAX_MESSAGE


def test_a_secret_is_generated_on_first_use_kept_private_and_reused(db_path: Path) -> None:
    with EnquiryLog(db_path) as log:
        log.record(chat_id=5, message="hi", answer=answer("smalltalk"), channel="telegram",
                   when=NOW)
    secret = secret_path(db_path)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert len(secret.read_text().strip()) == 64
    with EnquiryLog(db_path) as log:
        log.record(chat_id=5, message="hi", answer=answer("smalltalk"), channel="telegram",
                   when=NOW)
    first, second = rows(db_path)
    assert first["chat"] == second["chat"]
    assert secret.read_bytes().strip() not in b"".join(
        p.read_bytes() for p in database_files(db_path))


def test_a_secret_from_the_settings_is_never_written_to_disk(db_path: Path) -> None:
    with EnquiryLog(db_path, hash_secret="from-the-settings-0123") as log:
        log.record(chat_id=5, message="hi", answer=answer(), channel="telegram", when=NOW)
    assert not secret_path(db_path).exists()
    assert found_on_disk(["from-the-settings-0123"], db_path) == {}


def test_the_database_is_created_in_wal_mode_with_the_current_schema(db_path: Path) -> None:
    with EnquiryLog(db_path, hash_secret="s") as log:
        log.record(chat_id=1, message="hi", answer=answer(), channel="console", when=NOW)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    db = Database(db_path)
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db["enquiries"].count == 1
    db.close()


def test_reopening_keeps_earlier_rows(db_path: Path) -> None:
    for n in range(3):
        with EnquiryLog(db_path, hash_secret="s") as log:
            assert log.record(chat_id=n, message=f"question {n}", answer=answer(),
                              channel="console", when=NOW) == n + 1
    assert [r["message"] for r in rows(db_path)] == ["question 0", "question 1", "question 2"]


def test_a_database_from_a_newer_bot_is_left_alone(db_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db_path.read_bytes()
    with caplog.at_level(logging.WARNING, "bot.store"), EnquiryLog(
            db_path, hash_secret="s", retry_after=0) as log:
        ids = [log.record(chat_id=1, message="hi", answer=answer(), channel="console", when=NOW)
               for _ in range(3)]
    assert ids == [None, None, None]
    assert db_path.read_bytes() == before
    [message] = [r.getMessage() for r in caplog.records]
    assert "newer" in message


def test_feedback_is_kept_on_the_row_and_the_latest_verdict_wins(db_path: Path) -> None:
    with EnquiryLog(db_path, hash_secret="s") as log:
        first = log.record(chat_id=1, message="arrests?", answer=answer("fact"),
                           channel="telegram", when=NOW)
        second = log.record(chat_id=1, message="knives?", answer=answer("fact"),
                            channel="telegram", when=NOW)
        assert log.record_feedback(first, helpful=False)
        assert log.record_feedback(first, helpful=True)
        assert log.record_feedback(second, helpful=False)
        assert not log.record_feedback(999, helpful=True)
    assert [r["helpful"] for r in rows(db_path)] == [1, 0]


def test_retention_deletes_old_rows_and_keeps_new_ones(db_path: Path) -> None:
    with EnquiryLog(db_path, hash_secret="s") as log:
        for age in (45, 31, 30, 29, 1, 0):
            log.record(chat_id=1, message=f"{age} days ago", answer=answer(), channel="console",
                       when=NOW - timedelta(days=age, hours=-1))
        assert log.purge(30, NOW) == 2
        assert log.purge(30, NOW) == 0
    assert [r["message"] for r in rows(db_path)] == [
        "30 days ago", "29 days ago", "1 days ago", "0 days ago"]


def test_opening_the_log_applies_retention_at_start_up(db_path: Path) -> None:
    with EnquiryLog(db_path, hash_secret="s") as log:
        log.record(chat_id=1, message="old", answer=answer(), channel="console",
                   when=NOW - timedelta(days=8))
        log.record(chat_id=1, message="new", answer=answer(), channel="console", when=NOW)
    open_enquiry_log(db_path, hash_secret="s", retention_days=7, now=NOW).close()
    assert [r["message"] for r in rows(db_path)] == ["new"]


def test_the_service_records_each_enquiry_and_returns_its_row(engine: Engine,
                                                               db_path: Path) -> None:
    with EnquiryLog(db_path, hash_secret="s") as log:
        service = EnquiryService(engine, log)
        conversation = Conversation()
        results = [service.handle(text, conversation, chat_id=99, channel="telegram", now=NOW)
                   for text in ("how many arrests in operation sceptre", "what about knives")]
    assert [row_id for _, row_id in results] == [1, 2]
    stored = rows(db_path)
    assert [r["answered"] for r in stored] == [int(a.answered) for a, _ in results]
    assert [r["kind"] for r in stored] == [a.kind for a, _ in results]


# A scripted session of several people, as they would write to the bot on Telegram (chat ids as
# long as real ones, so that a chance run of digits in a key or a page is not taken for one).
SESSION = {
    7319058246: ["hi", "my name is Gwendolyn Featherstonehaugh and I live at 14 Acacia Avenue",
           "call me on 07700 900123 or email gwen.f@example.co.uk",
           "how many arrests were made in operation sceptre"],
    7319058257: ["someone is trying to break in at 27 Wisteria Lane RIGHT NOW",
           "my mobile is +44 7700 900987"],
    7319058268: ["a silver car LB69 XMT has been parked outside for a week",
           "the other one was reg P123 KRT",
           "I want to report drug dealing at 9 Kings Road CO1 1AA",
           "what's the postcode SW1A 2AA got to do with it"],
    1004: ["This is Bartholomew Quince, DOB 03/04/1971, my landline is (01632) 960 555",
           "my son Peregrine was arrested, how many were charged?", "thanks"],
}
PLANTED = ["Gwendolyn", "Featherstonehaugh", "14 Acacia Avenue", "07700 900123",
           "gwen.f@example.co.uk", "27 Wisteria Lane", "+44 7700 900987", "7700 900987",
           "LB69 XMT", "P123 KRT", "9 Kings Road", "CO1 1AA", "SW1A 2AA", "Bartholomew", "Quince",
           "03/04/1971", "(01632) 960 555", "960 555", "Peregrine"]


def test_no_personal_detail_is_anywhere_on_disk_after_a_session(engine: Engine,
                                                                 db_path: Path) -> None:
    log = EnquiryLog(db_path)
    service = EnquiryService(engine, log)
    for chat_id, messages in SESSION.items():
        conversation = Conversation()
        for minute, message in enumerate(messages):
            _, row_id = service.handle(message, conversation, chat_id=chat_id,
                                       channel="telegram", now=NOW + timedelta(minutes=minute))
            assert row_id is not None
    # The connection stays open, so the rows are still in the write-ahead log: search it too.
    assert {p.name for p in database_files(db_path)} >= {"enquiries.db", "enquiries.db-wal"}
    assert found_on_disk(PLANTED + [str(c) for c in SESSION], db_path) == {}
    assert len(rows(db_path)) == sum(len(m) for m in SESSION.values())
    log.close()
    assert found_on_disk(PLANTED, db_path) == {}


async def test_no_personal_detail_is_on_disk_after_telegram_conversations(
        engine: Engine, db_path: Path) -> None:
    """The issue's "done when": the same session through the real Telegram application."""
    api = FakeTelegram()
    log = EnquiryLog(db_path)
    settings = Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN)  # type: ignore[call-arg]
    app = build_application(settings, EnquiryService(engine, log, FloodLimiter()),
                            request=RecordingRequest(api))
    update_id = 0
    async with app:
        for chat_id, messages in SESSION.items():
            for message in messages:
                update_id += 1
                before = len(api.sent)
                await app.process_update(Update.de_json(
                    {"update_id": update_id, **text_update(chat_id, message)}, app.bot))
                assert len(api.sent) > before, f"no reply to {message!r}"
        # A "helpful" press reaches the row of the answer it was under ("fb:<row>:y").
        pressable = [(m, b["callback_data"]) for m in api.sent
                     for row in (m.get("reply_markup") or {}).get("inline_keyboard", [])
                     for b in row if re.fullmatch(r"fb:\d+:y", b.get("callback_data", ""))]
        assert pressable, "no answer carried feedback buttons with its row id"
        message, data = pressable[-1]
        update_id += 1
        shown = {k: v for k, v in message.items() if k != "html"}
        await app.process_update(Update.de_json(
            {"update_id": update_id, **callback_update(message["chat"]["id"], data,
                                                       message=shown)}, app.bot))
    stored = rows(db_path)
    assert len(stored) == sum(len(m) for m in SESSION.values())
    assert [r["helpful"] for r in stored if r["id"] == int(data.split(":")[1])] == [1]
    assert found_on_disk(PLANTED + [str(c) for c in SESSION], db_path) == {}
    log.close()


def test_the_byte_search_finds_a_value_that_is_there(db_path: Path) -> None:
    # Guards the test above: an unredacted value written to the log must be found.
    with EnquiryLog(db_path, hash_secret="s") as log:
        log.record(chat_id=1, message="hi", answer=answer(), channel="console", when=NOW)
        with sqlite3.connect(db_path) as conn:
            conn.execute("UPDATE enquiries SET message = 'gwen.f@example.co.uk'")
        assert found_on_disk(["gwen.f@example.co.uk"], db_path) == {
            "gwen.f@example.co.uk": ["enquiries.db-wal"]}


def test_the_console_chat_records_enquiries(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_PATH", str(db_path))
    monkeypatch.setattr("sys.stdin", io.StringIO(
        "how many arrests in operation sceptre\nmy number is 07700 900123\n/quit\n"))
    assert cli_main(["chat", "--now", "2026-03-02T10:30:00"]) == 0
    assert "bot>" in capsys.readouterr().out
    stored = rows(db_path)
    assert [r["channel"] for r in stored] == ["console", "console"]
    assert stored[1]["message"] == "my number is [phone]"
