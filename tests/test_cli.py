"""The `enquiry-bot` command line as other tools and people use it, in a subprocess: the
`ask --json` contract (one object per message, exact keys and types, conversations split by
blank lines, a fixed clock, another knowledge folder, thousands of messages in one process) and
the interactive `chat`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SUNDAY_11, WEDNESDAY_11

from bot import clock
from bot.conversation import Conversation
from bot.evaluation import load_cases, number_pattern
from bot.knowledge import default_knowledge_dir
from bot.render import to_text

ENQUIRIES = Path(__file__).parent / "enquiries"
CROSS_BORDER = "cross-border-april"
CROSS_BORDER_QUESTION = "how many arrests were made in the cross-border operation?"
CONTRACT_TYPES = {"answered": bool, "topic": (str, type(None)), "confidence": float,
                  "text": str, "html": str, "suggestions": list}


def figure(knowledge, op_id: str, metric: str, scope: str = "all"):
    op = next(op for op in knowledge.operations if op.id == op_id)
    return next(f for f in op.figures if f.metric == metric and f.scope == scope)


def shows(value: int | float, text: str) -> bool:
    """Whether `text` quotes `value` (15000 or 15,000, not inside 115,000)."""
    return re.search(number_pattern(value), text) is not None


def replies(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_contract(record: dict) -> None:
    assert set(record) == set(CONTRACT_TYPES), sorted(record)
    for key, kind in CONTRACT_TYPES.items():
        assert isinstance(record[key], kind), (key, record[key])
    assert 0.0 <= record["confidence"] <= 1.0
    assert record["text"].strip() and record["html"].strip()
    assert all(isinstance(s, str) and s for s in record["suggestions"])


# ------------------------------------------------------------------ ask --json


def test_a_question_gives_one_object_with_exactly_the_contract_keys(enquiry_bot, knowledge):
    [record] = replies(enquiry_bot("ask", "--json", CROSS_BORDER_QUESTION))
    assert_contract(record)
    assert record["answered"] is True
    assert shows(figure(knowledge, CROSS_BORDER, "arrests").value, record["text"])


def test_every_kind_of_message_keeps_the_contract(enquiry_bot):
    messages = [CROSS_BORDER_QUESTION, "someone is breaking into my neighbours house now",
                "crime stoppers number", "what's the weather like", "hello", "🙂🙂",
                "how many arrests in operation bluebird", "<b>bold</b> & co"]
    records = replies(enquiry_bot("ask", "--json", input="\n\n".join(messages) + "\n"))
    assert len(records) == len(messages)
    for record in records:
        assert_contract(record)
    assert "999" in records[1]["text"].splitlines()[0]  # the emergency: 999 first


def test_without_json_the_plain_answer_is_printed_with_its_source(enquiry_bot, knowledge):
    result = enquiry_bot("ask", "how", "many", "arrests", "in", "the", "cross-border",
                         "operation")  # several words are one question
    assert result.returncode == 0
    assert shows(figure(knowledge, CROSS_BORDER, "arrests").value, result.stdout)
    assert re.search(r"^Source: .+", result.stdout, re.M)


def test_consecutive_lines_are_one_conversation_and_a_blank_line_starts_another(
        enquiry_bot, knowledge):
    cash = figure(knowledge, CROSS_BORDER, "cash-seized").value
    # A line of spaces counts as blank, and Windows line endings are fine.
    stdin = (f"{CROSS_BORDER_QUESTION}\nand the cash?\n\nand the cash?\n\n"
             f"{CROSS_BORDER_QUESTION}\r\nand the cash?\r\n   \r\nand the cash?\r\n")
    records = replies(enquiry_bot("ask", "--json", input=stdin))
    assert len(records) == 6
    for first, follow_up, fresh in (records[:3], records[3:]):
        assert not shows(cash, first["text"])
        assert follow_up["answered"] and shows(cash, follow_up["text"])
        assert not shows(cash, fresh["text"])


@pytest.mark.parametrize(("now", "is_open"), [
    (WEDNESDAY_11, True),
    (SUNDAY_11, False),
])
def test_now_fixes_the_clock_for_live_chat(enquiry_bot, now, is_open):
    [record] = replies(enquiry_bot("ask", "--json", "--now", now, "is live chat open now?"))
    text = record["text"]
    assert record["answered"]
    if is_open:
        assert re.search(r"\bopen now\b", text, re.I) and "closed" not in text.lower()
    else:
        assert re.search(r"\bclosed\b", text, re.I) and not re.search(r"\bis open now", text)


@pytest.mark.parametrize("bad", ["tomorrow", "2026-13-01T10:00"])
def test_a_bad_now_is_a_clear_error_not_a_traceback(enquiry_bot, bad):
    result = enquiry_bot("ask", "--json", "--now", bad, "hello")
    assert result.returncode != 0
    assert "--now" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_given_knowledge_folder_is_the_one_used(enquiry_bot, knowledge, tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    path = next(folder.glob("operations/cross-border*.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bundled = figure(knowledge, CROSS_BORDER, "arrests").value
    changed = bundled * 10 + 7
    for fig in data["operation"]["figures"]:
        if fig["metric"] == "arrests" and fig["scope"] == "all":
            fig["value"] = changed
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    [record] = replies(enquiry_bot("ask", "--json", "--knowledge", str(folder),
                                   CROSS_BORDER_QUESTION))
    assert shows(changed, record["text"]) and not shows(bundled, record["text"])


def test_broken_knowledge_stops_ask_with_the_problem_named(enquiry_bot, tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    (folder / "operations" / "broken.yaml").write_text("operation: [\n", encoding="utf-8")
    result = enquiry_bot("ask", "--json", "--knowledge", str(folder), "hello")
    assert result.returncode == 1
    assert "operations/broken.yaml" in result.stderr and "Traceback" not in result.stderr


def test_thousands_of_messages_in_one_process(enquiry_bot):
    questions = [t.q for case in load_cases([ENQUIRIES]) for t in case.turns]
    lines: list[str] = []
    while len(lines) < 3000:
        lines += questions[: 3000 - len(lines)]
    # A blank line every tenth message: new conversations, and no reply of their own.
    stdin = "".join(q + "\n" + ("\n" if i % 10 == 9 else "") for i, q in enumerate(lines))
    result = enquiry_bot("ask", "--json", "--now", WEDNESDAY_11, input=stdin)
    records = replies(result)
    assert len(records) == 3000
    assert all(set(r) == set(CONTRACT_TYPES) for r in records)


# ------------------------------------------------------------------ chat


def test_chat_answers_a_number_picks_a_suggestion_and_quit_exits(enquiry_bot, engine,
                                                                knowledge):
    now = clock.parse_now(WEDNESDAY_11)
    conversation = Conversation()
    first = engine.answer(CROSS_BORDER_QUESTION, conversation, now)
    assert len(first.suggestions) >= 2
    picked = first.suggestions[1]
    expected = engine.answer(picked.query, conversation, now)
    result = enquiry_bot("chat", "--now", WEDNESDAY_11,
                         input=f"{CROSS_BORDER_QUESTION}\n2\n/quit\nnever read\n")
    assert result.returncode == 0, result.stderr
    replies_ = result.stdout.split("bot>")[1:]
    assert len(replies_) == 2  # the question, the suggestion; nothing after /quit
    assert shows(figure(knowledge, CROSS_BORDER, "arrests").value, replies_[0])
    assert re.search(r"^\s*Source: .+", replies_[0], re.M)
    assert f"[2] {picked.label}" in replies_[0]
    assert f"you> {picked.query}" in replies_[0]
    assert to_text(expected, limit=4096).splitlines()[1].strip() in replies_[1]


def test_chat_ends_cleanly_at_end_of_input(enquiry_bot):
    result = enquiry_bot("chat", input="hello\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "bot>" in result.stdout
