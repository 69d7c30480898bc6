"""Bad input: whatever arrives (nothing, junk, 20,000 characters, other scripts, markup, null
bytes), the person gets a clear reply Telegram can send, never an exception or a traceback,
both from the engine and from `enquiry-bot ask`."""

from __future__ import annotations

import json
import re

import pytest
from html_check import html_problems
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation import Conversation
from bot.evaluation import figure_patterns
from bot.render import PLAIN_LIMIT, to_html, to_text

SCEPTRE = "sceptre-2020-07"
QUESTION = "how many arrests in op sceptre"

# Messages with nothing the bot can read: an honest "couldn't read that", no figure.
UNREADABLE = {
    "empty": "",
    "whitespace": " \t  \u00a0\u3000 ",
    "control characters": "\x01\x02\x03\x07\x08\x7f\x1f",
    "null bytes only": "\x00\x00\x00",
    "emoji only": "🚓👮‍♀️🤔❓🙂",
    "punctuation only": "?!?!...,,,;;",
    "markdown only": "**__~~``~~__**",
    "Cyrillic": "сколько арестов было во время операции",
    "Arabic": "كم عدد الاعتقالات في العملية",
    "Chinese": "行动中有多少人被捕？",
}
# A question wrapped in junk: the question is still answered.
WRAPPED = {
    "HTML": "<b>how many arrests</b> in <i>op sceptre</i>?",
    "Markdown": "**how many arrests** in _op sceptre_? `now`",
    "control characters": "how\x07 many\x1b[0m arrests in op\x0b sceptre",
    "null bytes": "how many\x00 arrests in\x00 op sceptre",
    "20,000 characters": (QUESTION + " please, ") * (20_000 // len(QUESTION + " please, ")),
}
# Other oddities: any clear reply will do.
ODD = {
    "20,000 characters of junk": ("qwzx plork " * 2000)[:20_000],
    "very long single word": "a" * 10_000,
    "long word of a name": "sceptre" * 1_000,
    "script tag": "<script>alert(document.cookie)</script>",
    "unclosed markup": "<b><i>how <a href='x'>many",
    "SQL": "'; DROP TABLE enquiries; -- how many arrests",
    "SQL always-true": "1' OR '1'='1",
    "only digits": "12345678901234567890",
    "combining marks": "h̷̛o̸w̵ m̶a̴n̸y̷ a̷r̸r̸e̶s̷t̸s",
    "right-to-left override": "\u202ehow many arrests",
    "lone surrogate": "hello \udcff there",
}


def assert_clear_reply(answer) -> None:
    text, markup = to_text(answer), to_html(answer)
    assert text.strip() and len(text) <= PLAIN_LIMIT
    assert html_problems(markup) == [], markup
    assert answer.title.strip()


@pytest.mark.parametrize("message", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_messages_get_an_honest_reply_without_figures(engine, knowledge, now,
                                                                 message):
    answer = engine.answer(message, Conversation(), now)
    assert_clear_reply(answer)
    assert answer.answered is False and not answer.figures
    assert not any(re.search(p, to_text(answer)) for p in figure_patterns(knowledge))


@pytest.mark.parametrize("message", WRAPPED.values(), ids=WRAPPED.keys())
def test_a_question_wrapped_in_junk_is_still_answered(engine, knowledge, now, message):
    answer = engine.answer(message, Conversation(), now)
    assert_clear_reply(answer)
    assert answer.answered
    op = next(op for op in knowledge.operations if op.id == SCEPTRE)
    expected = {(SCEPTRE, "arrests", f.scope, f.value) for f in op.figures
                if f.metric == "arrests" and f.scope == "all"}
    assert expected <= {(f.operation_id, f.metric, f.scope, f.value) for f in answer.figures}


@pytest.mark.parametrize("message", ODD.values(), ids=ODD.keys())
def test_odd_messages_get_a_clear_reply(engine, now, message):
    assert_clear_reply(engine.answer(message, Conversation(), now))


def test_junk_in_the_middle_of_a_conversation_does_not_lose_it(engine, knowledge, now):
    conversation = Conversation()
    engine.answer(QUESTION, conversation, now)
    for junk in ("🙂", "", "сколько", "\x00"):
        engine.answer(junk, conversation, now)
    answer = engine.answer("and the cash?", conversation, now)
    assert answer.answered
    assert {f.operation_id for f in answer.figures} == {SCEPTRE}
    assert {f.metric for f in answer.figures} == {"cash-seized"}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300) | st.text(st.characters(codec="utf-8"), max_size=300)
       .map(lambda t: t + " how many arrests"))
def test_any_text_at_all_gets_a_clear_reply(engine, now, message):
    assert_clear_reply(engine.answer(message, Conversation(), now))


# ------------------------------------------------------------------ the command line


def test_the_command_line_replies_clearly_to_every_bad_input(enquiry_bot):
    # One message per line: a message cannot hold a line break, and blank lines only separate
    # conversations, so those are put to the command as an argument below.
    lines = [m for m in {**UNREADABLE, **WRAPPED, **ODD}.values()
             if m.strip() and "\n" not in m and "\r" not in m and "\udcff" not in m]
    result = enquiry_bot("ask", "--json", input="\n\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(lines)
    for record in records:
        assert record["text"].strip() and html_problems(record["html"]) == []


@pytest.mark.parametrize("message", ["", "   "])
def test_an_empty_question_on_the_command_line_gets_a_clear_reply(enquiry_bot, message):
    result = enquiry_bot("ask", "--json", message)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["answered"] is False and record["text"].strip()


# regression: one Windows-1252 byte used to end the run with a UnicodeDecodeError
def test_input_that_is_not_utf8_does_not_end_the_run(enquiry_bot):
    stdin = "how much cash was seized, in £ please\nand the arrests?\n".encode("cp1252")
    result = enquiry_bot("ask", "--json", input=stdin)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 2
