"""The renderers: Telegram HTML that Telegram accepts whatever the knowledge or the person typed
(every piece of text escaped, only Telegram's tags, balanced, within 4096 characters), plain
text within 1500, and long messages split at line breaks into parts Telegram accepts."""

from __future__ import annotations

import html
import html.parser
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from html_check import assert_telegram_html, html_problems
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer import Answer, Span
from bot.conversation import Conversation
from bot.engine import Engine
from bot.evaluation import load_cases
from bot.knowledge import default_knowledge_dir, load_knowledge
from bot.render import PLAIN_LIMIT, TELEGRAM_LIMIT, split_message, to_html, to_text

ENQUIRIES = Path(__file__).parent / "enquiries"
NASTY = "<script>alert('x')</script> R&D <b>bold & <i>unclosed &amp; &lt; &#60; \"q\" 'a' >"

# Text as knowledge and people write it, markup characters included; one line each.
line_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\n\r"),
                    max_size=60) | st.sampled_from([NASTY, "&", "<", ">", "a & b < c > d"])
spans = st.builds(Span, text=line_text.filter(bool), bold=st.booleans(),
                  url=st.none() | st.sampled_from(["https://example.org/?a=1&b=<2>",
                                                   "https://crimestoppers-uk.org"]))
answers = st.builds(
    Answer, answered=st.booleans(), kind=st.just("fact"), confidence=st.just(0.9),
    title=line_text.filter(str.strip), body=st.lists(st.lists(spans, min_size=1, max_size=4),
                                                     max_size=12),
    sources=st.lists(line_text.filter(str.strip), max_size=3))


class _Visible(html.parser.HTMLParser):
    """The text a reader sees in Telegram: tags removed, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(markup: str) -> str:
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def expected_lines(answer: Answer) -> list[str]:
    lead = "".join(s.text for s in answer.lead())
    lines = ([f"⚠️ {lead}"] if lead else []) + [answer.title]
    lines += ["".join(s.text for s in line) for line in answer.body]
    return lines + (["Source: " + "; ".join(answer.sources)] if answer.sources else [])


def make(title: str = "Title", lines: list[list[Span]] | None = None,
         sources: list[str] | None = None) -> Answer:
    return Answer(answered=True, kind="fact", confidence=1.0, title=title, body=lines or [],
                  sources=sources or [])


# ------------------------------------------------------------------ to_html


@settings(max_examples=100, deadline=None)
@given(answers)
def test_html_escapes_every_piece_of_text_and_shows_it_unchanged(answer):
    markup = to_html(answer, limit=sys.maxsize)
    assert html_problems(markup) == [], markup
    assert visible(markup).split("\n") == expected_lines(answer)


@settings(max_examples=100, deadline=None)
@given(answers, st.integers(min_value=1, max_value=600))
def test_html_that_must_be_shortened_drops_whole_lines_and_stays_valid(answer, limit):
    full = to_html(answer, limit=sys.maxsize).split("\n")
    limit = max(limit, max(map(len, full)))  # shortening works in whole lines
    markup = to_html(answer, limit=limit)
    assert len(markup) <= limit
    assert html_problems(markup) == [] or len(markup) > TELEGRAM_LIMIT
    kept = markup.split("\n")
    assert kept[0] == full[0]  # the first line (the 999 line, else the title) always stays
    assert all(line in full for line in kept)


def test_a_huge_answer_fits_one_telegram_message_and_one_plain_reply():
    body = [[Span(text=f"Line {i} & <more> ", bold=i % 2 == 0),
             Span(text="link", url="https://example.org/?a=1&b=2")] for i in range(3000)]
    answer = make("Huge <answer> & more", body, ["Publisher & <Co>"])
    markup = to_html(answer)
    assert len(markup) <= TELEGRAM_LIMIT
    assert_telegram_html(markup)
    assert len(to_text(answer)) <= PLAIN_LIMIT
    assert to_text(answer).startswith("Huge <answer> & more")


# regression: a single over-long line used to be cut mid-tag and mid-entity
def test_a_single_line_longer_than_the_limit_still_gives_valid_html():
    assert_telegram_html(to_html(make("A & B " * 1000)))


# ------------------------------------------------------------------ to_text


@settings(max_examples=100, deadline=None)
@given(answers)
def test_plain_text_is_never_longer_than_a_reply_may_be(answer):
    assert len(to_text(answer)) <= PLAIN_LIMIT


def test_plain_text_keeps_markup_characters_as_typed_and_shows_link_addresses():
    answer = make(NASTY, [[Span(text="Crimestoppers", url="https://crimestoppers-uk.org")]],
                  ["R&D <News>"])
    text = to_text(answer)
    assert text.splitlines()[0] == NASTY
    assert "https://crimestoppers-uk.org" in text
    assert text.splitlines()[-1] == "Source: R&D <News>"


# ------------------------------------------------------------------ split_message


@settings(max_examples=100, deadline=None)
@given(st.lists(answers, min_size=1, max_size=5), st.integers(min_value=60, max_value=4096))
def test_split_parts_fit_are_valid_and_rejoin_to_the_original(batch, limit):
    lines = [line for a in batch for line in to_html(a, limit=sys.maxsize).split("\n")]
    lines = [line for line in lines if len(line) <= limit]
    markup = "\n".join(lines)
    chunks = split_message(markup, limit)
    assert all(len(c) <= limit for c in chunks)
    for chunk in chunks:
        assert html_problems(chunk) == [], chunk
    if all(line.strip() for line in lines):
        assert "\n".join(chunks) == markup
    else:  # a blank line where a part ends may go: nothing visible is lost
        assert [x for x in "\n".join(chunks).split("\n") if x.strip()] == \
               [x for x in lines if x.strip()]


def test_a_long_telegram_reply_is_split_at_line_breaks():
    answer = make("Title", [[Span(text=f"line {i} & <x>", bold=True)] for i in range(1000)])
    markup = to_html(answer, limit=sys.maxsize)
    chunks = split_message(markup)
    assert len(chunks) > 1
    assert all(len(c) <= TELEGRAM_LIMIT for c in chunks)
    assert "\n".join(chunks) == markup
    for chunk in chunks:
        assert_telegram_html(chunk)


# regression: a line longer than a message used to be split inside its <b>…</b>
def test_a_single_line_longer_than_a_message_is_split_into_valid_parts():
    markup = to_html(make("T", [[Span(text="word & " * 1000, bold=True)]]), limit=sys.maxsize)
    for chunk in split_message(markup):
        assert_telegram_html(chunk)


# ------------------------------------------------------------------ real answers


@pytest.fixture(scope="module")
def markup_knowledge(tmp_path_factory):
    """The bundled knowledge with <, > and & in names, summaries, figures and sources."""
    folder = tmp_path_factory.mktemp("knowledge") / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    path = next(folder.glob("operations/cross-border*.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    op = data["operation"]
    op["name"] = "Operation <Tango> & Cash"
    op["summary"] = "Cars & vans <b>unclosed, R&D <script>x</script>. " + op["summary"]
    op["area"] = "A12 & A127 <east>"
    op["figures"][0]["what"] = "arrests <by> ten & more forces"
    op["people"][0]["part"] = "led the <response> & more"
    data["source"]["publisher"] = "R&D <News> & Co"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_knowledge(folder)


@pytest.mark.parametrize("message", [
    "tell me about operation tango", "how many arrests in the april operation",
    "where was the april operation", "who is Emma Patterson", "what operations do you know",
    "how many arrests", "when was op tango"])
def test_markup_in_the_knowledge_is_escaped_in_real_answers(markup_knowledge, now, message):
    answer = Engine(markup_knowledge).answer(message, Conversation(), now)
    markup = to_html(answer)
    assert_telegram_html(markup)
    assert "<script>" not in markup and "<Tango>" not in markup and "<News>" not in markup
    shown = visible(markup)
    assert "&" in shown or "<" in shown, shown  # the knowledge text shows as written


def test_markup_the_person_types_is_escaped(engine, now):
    for message in [NASTY, "how many arrests in operation <b>sceptre</b> & co?",
                    "what about operation R&D", "<a href='x'>101</a>", "tell me about <<>>"]:
        assert_telegram_html(to_html(engine.answer(message, Conversation(), now)))


def test_every_reply_to_the_project_enquiries_is_sendable(engine, now):
    for case in load_cases([ENQUIRIES]):
        conversation = Conversation()
        for turn in case.turns:
            answer = engine.answer(turn.q, conversation, case.now or now)
            assert len(to_text(answer)) <= PLAIN_LIMIT, turn.q
            assert html_problems(to_html(answer)) == [], turn.q
            assert html.unescape(visible(to_html(answer))).strip(), turn.q
