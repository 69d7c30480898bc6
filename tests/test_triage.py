"""Triage: every emergency in the labelled set goes to 999, almost nothing else does, and
no message, however long or odd, can make triage hang."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.triage_eval import LabelledFileError, load_labelled, score
from bot.triage import triage

TRIAGE_DIR = Path(__file__).parent / "triage"
LABELLED = TRIAGE_DIR / "labelled.yaml"


@pytest.fixture(scope="module")
def labelled_score():
    return score(load_labelled(LABELLED))


def test_labelled_set_is_big_enough_on_both_sides(labelled_score):
    assert labelled_score.emergencies >= 130
    assert labelled_score.others >= 130


def test_every_labelled_emergency_goes_to_999(labelled_score):
    assert labelled_score.missed == []


def test_at_most_two_percent_false_alarms(labelled_score):
    assert labelled_score.false_alarm_rate <= 0.02, labelled_score.false_alarms


@pytest.mark.parametrize("message", [
    "knife " * 4000,
    "a" * 20_000,
    "someone is " * 2000,
    "how many " * 2500 + "knives",
    ("i am " + "very " * 3000 + "scared ") * 2,
    "missing " + "x " * 9000 + "child",
    "!" * 20_000,
    "\u202e" * 20_000 + "help",
])
def test_a_huge_message_is_triaged(message):
    assert len(message) >= 20_000 or message.count(" ") > 2000
    assert triage(message).category in ("emergency", "crime_report", "none")


def test_danger_at_the_start_of_a_huge_message_is_still_caught():
    message = "someone is stabbing my neighbour outside " + "please hurry " * 2000
    assert triage(message).category == "emergency"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "set.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_triage_eval_prints_figures_and_misses(tmp_path, capsys):
    path = _write(tmp_path, 'emergency:\n  - "what time is it"\n  - "someone is stabbing a '
                            'man outside"\nnot_emergency:\n  - "hello"\n')
    assert main(["triage-eval", str(path)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"recall +1/2 +50\.0 %", out)
    assert re.search(r"false alarms +0/1 +0\.0 %", out)
    assert "MISSED emergency: 'what time is it'" in out
    assert "FAIL" in out


def test_triage_eval_report_only_never_fails(tmp_path, capsys):
    path = _write(tmp_path, 'emergency:\n  - "what time is it"\nnot_emergency:\n  - "hi"\n')
    assert main(["triage-eval", "--report-only", str(path)]) == 0
    assert "MISSED emergency" in capsys.readouterr().out


def test_triage_eval_names_problems_in_a_malformed_file(tmp_path, capsys):
    path = _write(tmp_path, "emergencies:\n  - hi\nnot_emergency: 3\n")
    assert main(["triage-eval", str(path)]) == 2
    err = capsys.readouterr().err
    assert "unknown key 'emergencies'" in err
    assert "not_emergency: expected a list" in err


def test_load_labelled_rejects_blank_messages(tmp_path):
    path = _write(tmp_path, 'emergency:\n  - ""\n')
    with pytest.raises(LabelledFileError, match="emergency #1: expected a non-empty string"):
        load_labelled(path)
