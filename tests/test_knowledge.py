"""The knowledge: the bundled files load and hold what the releases say, and `enquiry-bot check`
explains a damaged knowledge folder precisely (the file and the field of every problem) instead
of letting the bot start with it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bot.cli import main as cli_main
from bot.knowledge import Knowledge, KnowledgeError, default_knowledge_dir, load_knowledge

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SCEPTRE = "operations/operation-sceptre-2020-07-28.yaml"
CROSS_BORDER = "operations/cross-border-operation-april.yaml"


# ------------------------------------------------------------------ the bundled knowledge


def test_the_bundled_knowledge_holds_both_operations_with_their_sources(knowledge: Knowledge):
    assert len(knowledge.operations) >= 2
    for op in knowledge.operations:
        assert op.figures, f"{op.id} has no figures"
        assert op.id in knowledge.sources
        assert set(op.forces) <= set(knowledge.forces)


def test_every_figure_the_releases_print_in_digits_is_in_the_knowledge(knowledge: Knowledge):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    values = {fig.value for op in knowledge.operations for fig in op.figures}
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        # Drop what is not a figure: dates, years, clock times and phone numbers.
        text = re.sub(r"\d{4}-\d\d-\d\d|\b(?:April|July|June) \d+(?: and \d+)?|\b(?:19|20)\d\d\b"
                      r"|\d+(?:am|pm)|0800 555 111|\b101\b", " ", text)
        for number in re.findall(r"\d[\d,]*\d|\d", text):
            value = int(number.replace(",", ""))
            if value >= 10:
                assert value in values, f"{number} from {seed.name} is not in the knowledge"


def test_the_reporting_guidance_has_every_channel_the_public_is_told_about(knowledge: Knowledge):
    channels = {c.id: c for c in knowledge.reporting.channels}
    assert channels["emergency"].contact == "999"
    assert channels["non-emergency"].contact == "101"
    stoppers = next(c for c in channels.values() if "crimestoppers" in c.name.lower())
    assert stoppers.anonymous
    assert "0800 555 111" in stoppers.contact and "crimestoppers-uk.org" in stoppers.contact
    assert any("online" in c.name.lower() for c in channels.values())
    live_chat = next(c for c in channels.values() if c.hours)
    assert live_chat.hours.closed_on_public_holidays
    assert live_chat.devices and live_chat.answered_by and live_chat.how


def test_live_chat_hours_match_the_release(knowledge: Knowledge):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    text = (SEEDS / "cross-border-operation-april.txt").read_text(encoding="utf-8")
    opens, closes = map(int, re.search(r"(\d+)am-(\d+)pm", text).groups())
    hours = next(c.hours for c in knowledge.reporting.channels if c.hours)
    assert (hours.opens.hour, hours.closes.hour) == (opens, closes + 12)
    assert hours.days == ["monday", "tuesday", "wednesday", "thursday", "friday"]


def test_check_accepts_the_bundled_knowledge_and_summarises_it(enquiry_bot, knowledge):
    result = enquiry_bot("check")
    assert result.returncode == 0, result.stderr
    figures = sum(len(op.figures) for op in knowledge.operations)
    assert "OK" in result.stdout
    assert f"{len(knowledge.operations)} operations" in result.stdout
    assert f"{figures} figures" in result.stdout


# ------------------------------------------------------------------ damaged knowledge


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A private copy of the bundled knowledge to damage."""
    target = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), target)
    return target


def edit(folder: Path, rel: str, change: Callable[[dict], None]) -> None:
    """Load a knowledge file, change its data, write it back."""
    path = folder / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _set_figure(index: int, key: str, value: object) -> Callable[[dict], None]:
    return lambda d: d["operation"]["figures"][index].__setitem__(key, value)


def _write(rel: str, text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / rel).write_text(text, encoding="utf-8")


# Each damage: how to do it, then the file and the field (or line) the error must name.
DAMAGES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "figure value not a number": (
        lambda f: edit(f, SCEPTRE, _set_figure(0, "value", "lots")),
        SCEPTRE, "operation.figures.0.value"),
    "missing summary": (
        lambda f: edit(f, CROSS_BORDER, lambda d: d["operation"].pop("summary")),
        CROSS_BORDER, "operation.summary"),
    "unknown force in a figure's scope": (
        lambda f: edit(f, SCEPTRE, _set_figure(1, "scope", "atlantis")),
        SCEPTRE, "operation.figures.1.scope"),
    "duplicate operation id": (
        lambda f: shutil.copy(f / SCEPTRE, f / "operations/zz-copy.yaml"),
        "operations/zz-copy.yaml", "operation.id"),
    "invalid YAML": (
        _write("operations/broken.yaml", "operation:\n  id: broken\n  name: [unclosed\n"),
        "operations/broken.yaml", "line "),
    "impossible date": (
        lambda f: edit(f, SCEPTRE, lambda d: d["operation"]["dates"].update(start="2020-13-40")),
        SCEPTRE, "operation.dates.start"),
    "unknown key in an operation file": (
        lambda f: edit(f, CROSS_BORDER, lambda d: d.update(headline="Forces join up")),
        CROSS_BORDER, "headline"),
    "file of unknown top-level keys": (
        _write("notes.yaml", "colour: blue\nsize: 3\n"),
        "notes.yaml", "(top level)"),
    "file with only a comment": (
        _write("operations/placeholder.yaml", "# to be written\n"),
        "operations/placeholder.yaml", "(top level)"),
    "empty file": (
        _write("operations/empty.yaml", ""),
        "operations/empty.yaml", "(top level)"),
}

# regression: an empty (zero-byte) file used to be skipped silently and passed check
@pytest.mark.parametrize("damage", list(DAMAGES))
def test_check_names_the_file_and_field_of_damaged_knowledge(damage, copy, capsys):
    do, rel, field = DAMAGES[damage]
    do(copy)
    with pytest.raises(SystemExit) as exited:
        cli_main(["check", "--knowledge", str(copy)])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert any(line.strip().startswith(f"{rel}: {field}") for line in err.splitlines()), err
    assert "Traceback" not in err


def test_every_problem_is_reported_in_one_run(copy):
    # Problems in different files, each found without the others being fixed first.
    together = ["figure value not a number", "missing summary", "invalid YAML",
                "file of unknown top-level keys", "file with only a comment"]
    for name in together:
        DAMAGES[name][0](copy)
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(copy)
    reported = "\n".join(raised.value.problems)
    for name in together:
        _, rel, field = DAMAGES[name]
        assert f"{rel}: {field}" in reported, name


def test_check_of_damaged_knowledge_exits_1_from_the_command_line(enquiry_bot, copy):
    edit(copy, SCEPTRE, _set_figure(0, "value", "lots"))
    result = enquiry_bot("check", "--knowledge", str(copy))
    assert result.returncode == 1
    assert f"{SCEPTRE}: operation.figures.0.value" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_missing_knowledge_folder_is_a_clear_error(enquiry_bot, tmp_path):
    result = enquiry_bot("check", "--knowledge", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr
