"""The editors' report on a seeded enquiry log: unanswered questions grouped by similarity
(largest first, with an example), the most asked topics with their feedback, three formats, and
nothing in any of them that identifies a person."""

from __future__ import annotations

import csv
import io
import json
import random
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from store_helpers import NOW, answer

from bot.cli import main as cli_main
from bot.store import EnquiryLog
from bot.store.report import RENDERERS, ReportError, group_similar, read_report

# Unanswered questions as people word them; each inner list is one question in several wordings,
# the first being the most common. Sizes 7, 4 and 2 people, then two single questions.
UNANSWERED = [
    ["how many arrests in kent"] * 4 + ["how many arrests were made in kent", "arrests kent?",
                                        "How many ARRESTS in Kent??"],
    ["where is my nearest police station"] * 2 + ["nearest police station?",
                                                  "police station near me"],
    ["lost my dog", "my dog is lost, call me on 07700 900123"],
    ["can I get a firearms licence"],
    ["is the police station open on sunday"],
]
PERSONAL = ["07700 900123", "Gwendolyn", "14 Acacia Avenue", "LB69 XMT", "CO1 1AA",
            "gwen@example.com"]


@pytest.fixture
def seeded_log(tmp_path: Path) -> Path:
    """A log of the last few weeks (and some older rows the report must leave out)."""
    path = tmp_path / "enquiries.db"
    rng = random.Random(3)
    with EnquiryLog(path, hash_secret="s") as log:
        def add(message: str, kind: str = "fallback", *, chat: int | None = None,
                days_ago: float = 1.0, **options: object) -> int | None:
            return log.record(chat_id=chat if chat is not None else rng.randrange(10**9),
                              message=message, answer=answer(kind, **options),  # type: ignore[arg-type]
                              channel="telegram", when=NOW - timedelta(days=days_ago))

        for wordings in UNANSWERED:
            for text in wordings:
                add(text)
        # Answered but unsure: counts as unanswered for the editors.
        add("what about the cross border thing with the drones", "fact", topic="cross-border",
            confidence=0.3)
        # Answered with confidence, with feedback: topics and shares.
        for n in range(6):
            row = add("how many arrests in operation sceptre", "fact", topic="sceptre:arrests",
                      confidence=0.95)
            log.record_feedback(row, helpful=n < 4)
        for n in range(3):
            row = add("what is 101 for", "guidance", topic="non-emergency", confidence=0.9)
            if n == 0:
                log.record_feedback(row, helpful=False)
        add("hello", "smalltalk", topic="greeting", confidence=1.0)
        # Personal details: redacted before storage, so the report cannot show them.
        add("my name is Gwendolyn, I live at 14 Acacia Avenue CO1 1AA, car LB69 XMT, "
            "gwen@example.com", "fallback", chat=555)
        # Never text in the report: emergencies, crime reports, unreadable input.
        add("help there is a man with a knife outside", "emergency")
        add("I want to report my neighbour", "crime_report")
        add("????", "invalid")
        # Outside a 30-day report.
        for _ in range(10):
            add("how do I complain about an officer", days_ago=45)
    return path


def test_unanswered_questions_are_grouped_largest_first_with_an_example(
        seeded_log: Path) -> None:
    report = read_report(seeded_log, days=30, now=NOW)
    counts = [(g.count, g.example) for g in report.groups]
    assert counts[:3] == [(7, "how many arrests in kent"),
                          (4, "where is my nearest police station"),
                          (2, "lost my dog")]
    assert [g.wordings for g in report.groups[:3]] == [3, 3, 2]  # "Kent??" is no new wording
    assert report.groups[0].people == 7
    examples = {g.example for g in report.groups}
    assert {"can I get a firearms licence", "is the police station open on sunday",
            "what about the cross border thing with the drones"} <= examples
    assert "how do I complain about an officer" not in examples  # older than 30 days
    assert not any(e in examples for e in ("hello", "what is 101 for", "????"))


def test_the_most_asked_topics_carry_their_feedback(seeded_log: Path) -> None:
    topics = read_report(seeded_log, days=30, now=NOW).topics
    assert [(t.topic, t.asked) for t in topics] == [
        ("sceptre:arrests", 6), ("non-emergency", 3), ("cross-border", 1), ("greeting", 1)]
    sceptre, non_emergency = topics[0], topics[1]
    assert (sceptre.helpful, sceptre.not_helpful, sceptre.helpful_share) == (4, 2, 0.667)
    assert (non_emergency.helpful, non_emergency.not_helpful) == (0, 1)
    assert non_emergency.helpful_share == 0.0
    assert topics[3].helpful_share is None


def test_the_period_counts_every_enquiry_in_it(seeded_log: Path) -> None:
    report = read_report(seeded_log, days=30, now=NOW)
    assert report.enquiries == sum(map(len, UNANSWERED)) + 1 + 6 + 3 + 1 + 1 + 3
    assert report.by_kind["emergency"] == report.by_kind["crime_report"] == 1
    assert read_report(seeded_log, days=60, now=NOW).enquiries == report.enquiries + 10


def test_csv_and_json_carry_the_same_report(seeded_log: Path) -> None:
    report = read_report(seeded_log, days=30, now=NOW)
    rows = list(csv.DictReader(io.StringIO(RENDERERS["csv"](report))))
    groups = [r for r in rows if r["section"] == "unanswered"]
    topics = [r for r in rows if r["section"] == "topic"]
    assert [(int(r["count"]), r["example"]) for r in groups] == [
        (g.count, g.example) for g in report.groups]
    assert topics[0]["topic"] == "sceptre:arrests"
    assert float(topics[0]["helpful_share"]) == pytest.approx(0.667)
    data = json.loads(RENDERERS["json"](report))
    assert data["groups"][0] == {"count": 7, "people": 7, "wordings": 3,
                                 "example": "how many arrests in kent"}
    assert data["topics"][0]["helpful_share"] == 0.667
    assert (data["since"], data["until"], data["days"]) == ("2026-01-31", "2026-03-02", 30)


def test_the_text_report_lists_groups_in_order(seeded_log: Path) -> None:
    text = RENDERERS["text"](read_report(seeded_log, days=30, now=NOW))
    positions = [text.index(g[0]) for g in UNANSWERED[:3]]
    assert positions == sorted(positions)
    assert "sceptre:arrests" in text and "67% helpful" in text


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_nothing_in_the_report_identifies_a_person(seeded_log: Path, fmt: str) -> None:
    output = RENDERERS[fmt](read_report(seeded_log, days=30, now=NOW))
    for value in PERSONAL:
        assert value.lower() not in output.lower()
    assert "knife" not in output and "neighbour" not in output
    with sqlite3.connect(seeded_log) as conn:
        hashes = [h for (h,) in conn.execute("SELECT chat FROM enquiries WHERE chat NOT NULL")]
    assert hashes and not any(h[:12] in output for h in hashes)


def test_the_report_sees_rows_the_running_bot_has_not_checkpointed(tmp_path: Path) -> None:
    path = tmp_path / "enquiries.db"
    with EnquiryLog(path, hash_secret="s") as log:
        log.record(chat_id=1, message="are there any drones", answer=answer(),
                   channel="telegram", when=NOW)
        assert path.with_name("enquiries.db-wal").stat().st_size > 0
        [group] = read_report(path, days=30, now=NOW).groups
    assert group.example == "are there any drones"


def test_grouping_keeps_a_single_word_from_swallowing_longer_questions() -> None:
    groups = group_similar([("police", None), ("police", None),
                            ("is the police station open on sunday", None)])
    assert [(g.count, g.example) for g in groups] == [
        (2, "police"), (1, "is the police station open on sunday")]


def test_the_command_prints_the_report(seeded_log: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_PATH", str(seeded_log))
    assert cli_main(["report", "--format", "json", "--now", "2026-03-02T10:30:00"]) == 0
    assert json.loads(capsys.readouterr().out)["groups"][0]["count"] == 7
    assert cli_main(["report", "--days", "7", "--database", str(seeded_log),
                     "--now", "2026-03-02T10:30:00"]) == 0
    assert "how many arrests in kent" in capsys.readouterr().out


@pytest.mark.parametrize("contents", [None, b"not a database at all" * 100],
                         ids=["missing", "garbage"])
def test_the_command_explains_a_missing_or_unreadable_log(
        tmp_path: Path, contents: bytes | None, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "enquiries.db"
    if contents is not None:
        path.write_bytes(contents)
    assert cli_main(["report", "--database", str(path)]) == 1
    error = capsys.readouterr().err
    assert str(path) in error and "Traceback" not in error
    with pytest.raises(ReportError):
        read_report(path, days=30, now=NOW)


def test_the_command_refuses_a_period_of_no_days(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli_main(["report", "--days", "0"])
    assert exit_.value.code == 2
    assert "--days" in capsys.readouterr().err
