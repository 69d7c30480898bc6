"""`enquiry-bot eval` and the evaluation it runs: what a maintainer sees when the bot misreads
the public, and the guarantees of the harness (fresh conversations, per-case clock, emergencies
that cannot be averaged away)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from bot.answer import Answer, spans
from bot.cli import main
from bot.conversation import Conversation
from bot.evaluation import (
    CATEGORIES,
    evaluate,
    figure_patterns,
    load_cases,
    telegram_html_problems,
)
from bot.knowledge import default_knowledge_dir, load_knowledge

ENQUIRIES = Path(__file__).parent / "enquiries"


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge(default_knowledge_dir())


def write(tmp_path: Path, text: str, name: str = "q.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class Scripted:
    """Stands in for the engine: replies from a script and records every call."""

    def __init__(self, reply=None):
        self.calls: list[tuple[str, Conversation, datetime]] = []
        self.reply = reply or (lambda message: answer(True, "Call 101."))

    def answer(self, message: str, conversation: Conversation, now: datetime) -> Answer:
        self.calls.append((message, conversation, now))
        conversation.turns += 1
        return self.reply(message)


def answer(answered: bool, text: str) -> Answer:
    return Answer(answered=answered, kind="fact" if answered else "fallback", confidence=1.0,
                  title="", body=[spans(text)])


WRONG_AND_REFUSED = r"""
- id: t-wrong
  q: how many arrests were made in the cross-border operation?
  must: ['\b999999\b']
- id: t-film
  q: recommend a good film
  expect: fallback
"""


def test_a_wrong_expectation_fails_the_run_and_names_the_case(tmp_path, capsys):
    code = main(["eval", str(write(tmp_path, WRONG_AND_REFUSED))])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL t-wrong" in out
    assert r"/\b999999\b/" in out  # what was expected
    assert "got (" in out  # and what came back
    assert "FAIL t-film" not in out
    assert re.search(r"answers\s+0/1", out)


def test_the_threshold_decides_the_exit_code(tmp_path, capsys):
    path = str(write(tmp_path, WRONG_AND_REFUSED))
    assert main(["eval", path, "--min", "0.5", "-q"]) == 0
    assert main(["eval", path, "--min", "0.95", "-q"]) == 1
    out = capsys.readouterr().out
    assert "FAIL t-wrong" not in out  # --quiet: summary only
    assert "below 95.0 %" in out


def test_a_failed_emergency_fails_the_run_whatever_the_rate(knowledge, tmp_path):
    many = "".join(f"- id: a{i}\n  q: question {i}\n  must: ['101']\n" for i in range(30))
    cases = load_cases([write(tmp_path, many + "- id: e\n  q: he has a knife\n"
                                               "  expect: emergency\n")])
    report = evaluate(Scripted(), knowledge, cases)
    assert report.accuracy > 0.95
    assert not report.emergencies_all_pass()
    assert not report.ok(0.0)
    assert [r.case.id for r in report.failures()] == ["e"]


def test_each_case_is_a_fresh_conversation_with_turns_in_order_and_its_own_clock(
        knowledge, tmp_path):
    cases = load_cases([write(tmp_path, """
- id: c1
  now: '2026-11-28T12:00:00+00:00'
  conv:
    - q: first
    - q: second
- id: c2
  q: third
""")])
    engine = Scripted()
    fixed = datetime.fromisoformat("2026-11-25T11:00:00+00:00")
    evaluate(engine, knowledge, cases, now=fixed)
    messages = [m for m, _, _ in engine.calls]
    conversations = [c for _, c, _ in engine.calls]
    assert messages == ["first", "second", "third"]
    assert conversations[0] is conversations[1] and conversations[2] is not conversations[0]
    assert conversations[2].turns == 1  # nothing carried over from the first case
    assert [n.isoformat() for _, _, n in engine.calls] == [
        "2026-11-28T12:00:00+00:00", "2026-11-28T12:00:00+00:00", fixed.isoformat()]


def test_a_refusal_that_quotes_a_published_figure_fails(knowledge, tmp_path):
    biggest = max(f.value for op in knowledge.operations for f in op.figures)
    engine = Scripted(lambda m: answer(False, f"I don't know, but about {biggest:,} maybe."))
    cases = load_cases([write(tmp_path, "- id: f\n  q: anything\n  expect: fallback\n")])
    (result,) = evaluate(engine, knowledge, cases).results
    assert not result.passed
    assert any("figure" in p for p in result.turns[0].problems)


def test_an_engine_crash_is_a_failed_case_not_a_crashed_run(knowledge, tmp_path):
    def boom(message: str) -> Answer:
        raise ValueError("bad input")

    cases = load_cases([write(tmp_path, "- id: x\n  q: '<b>'\n- id: y\n  q: fine\n")])
    report = evaluate(Scripted(boom), knowledge, cases)
    assert report.total == 2 and report.passed == 0
    assert report.results[0].turns[0].problems == ["raised ValueError: bad input"]


def test_a_malformed_question_file_is_explained_not_a_traceback(tmp_path, capsys):
    bad = write(tmp_path, r"""
- id: no-question
  expect: answer
- id: bad-regex
  q: hello
  must: ['(unclosed']
- id: odd-expect
  q: hello
  expect: maybe
- id: dup
  q: one
""")
    dup = write(tmp_path, "- id: dup\n  q: two\n", name="other.yaml")
    code = main(["eval", str(bad), str(dup), str(tmp_path / "missing.yaml")])
    err = capsys.readouterr().err
    assert code == 2
    for needle in ("no-question", "bad-regex", "odd-expect", "dup: id already used",
                   "missing.yaml: (file): not found"):
        assert needle in err
    assert "Traceback" not in err


def test_markup_telegram_would_reject_is_reported():
    assert telegram_html_problems("<b>215</b> arrests &amp; <a href='x'>source</a>") == []
    assert telegram_html_problems("<div>x</div>")
    assert telegram_html_problems("<b>unclosed")
    assert telegram_html_problems("cash & drugs")


def test_the_project_question_set_is_well_formed_and_covers_every_figure(knowledge):
    cases = load_cases([ENQUIRIES])
    assert sum(len(c.turns) for c in cases) >= 300
    assert {c.category for c in cases} == set(CATEGORIES.values())
    musts = [rx for c in cases for t in c.turns for rx in t.must]
    for op in knowledge.operations:
        for fig in op.figures:
            shown = f"{fig.value:,}"
            assert any(re.search(rx, shown, re.I) for rx in musts), (
                f"no enquiry checks {op.name}: {fig.metric} {shown}")


def test_refusals_are_checked_for_the_large_figures_in_any_common_spelling(knowledge):
    patterns = figure_patterns(knowledge)
    large = [f.value for op in knowledge.operations for f in op.figures if f.value >= 1000]
    assert large, "the bundled knowledge has a figure in the thousands"
    value = large[0]
    for spelling in (f"£{value:,}", f"{value}", f"more than {value:,}."):
        assert any(re.search(p, spelling) for p in patterns), spelling
    for harmless in ("call 0800 555 111", f"1{value}", "Monday to Friday, 10am to 9pm"):
        assert not any(re.search(p, harmless) for p in patterns), harmless
