"""`enquiry-bot triage-eval`: how well triage separates emergencies from everything else.

Reads labelled files (YAML with two lists, `emergency` and `not_emergency`, of messages as the
public types them), answers each message as the bot would (`bot.safety.respond`), and prints
recall (emergencies whose reply starts with 999: the card or the 999 line), how many of them got
the card, card false alarms (non-emergencies whose answer was replaced by the card), the 999-line
rate on non-emergencies, and every mistake. A missed emergency is the costly error, so the
default bar is recall 100 % with at most 2 % card false alarms.
Exit 0 when the bar is met (or with --report-only), 1 when not, 2 when a file is malformed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot import clock
from bot.cli.common import add_knowledge_option, load_or_exit, number_between
from bot.conversation import Conversation
from bot.engine import Engine
from bot.knowledge.loader import default_knowledge_dir, load_knowledge
from bot.render import to_text
from bot.safety import respond

HELP = "score triage on labelled files (emergency / not_emergency); exit 1 below the bar"

LABELS = ("emergency", "not_emergency")


class LabelledFileError(ValueError):
    """A labelled file that can't be read; `problems` names each one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Labelled:
    message: str
    emergency: bool


@dataclass
class Score:
    """Counts over a set of labelled messages, and the ones triage got wrong."""

    emergencies: int = 0
    others: int = 0
    cards: int = 0  # emergencies that got the 999 card itself
    lines: int = 0  # non-emergencies answered with a 999 line first (unsure replies included)
    missed: list[str] = field(default_factory=list)
    false_alarms: list[tuple[str, str]] = field(default_factory=list)  # (message, reason)

    @property
    def recall(self) -> float:
        return 1.0 - len(self.missed) / self.emergencies if self.emergencies else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.others if self.others else 0.0

    def meets(self, min_recall: float, max_false_alarms: float) -> bool:
        return self.recall >= min_recall and self.false_alarm_rate <= max_false_alarms


def load_labelled(path: Path) -> list[Labelled]:
    """The messages of one labelled file, in file order."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LabelledFileError([f"{path}: {exc}"]) from None
    if not isinstance(data, dict):
        raise LabelledFileError([f"{path}: expected a mapping with {' and '.join(LABELS)}"])
    problems = [f"{path}: unknown key {key!r} (expected {' or '.join(LABELS)})"
                for key in data if key not in LABELS]
    cases: list[Labelled] = []
    for label in LABELS:
        messages = data.get(label) or []
        if not isinstance(messages, list):
            problems.append(f"{path}: {label}: expected a list of messages")
            continue
        for i, message in enumerate(messages, 1):
            if not isinstance(message, str) or not message.strip():
                problems.append(f"{path}: {label} #{i}: expected a non-empty string")
            else:
                cases.append(Labelled(message, label == "emergency"))
    if not cases and not problems:
        problems.append(f"{path}: no messages")
    if problems:
        raise LabelledFileError(problems)
    return cases


def score(cases: list[Labelled], engine: Engine | None = None) -> Score:
    """Answer every case as the bot would, each in a fresh conversation."""
    engine = engine or Engine(load_knowledge(default_knowledge_dir()))
    result = Score()
    now = clock.now()
    for case in cases:
        answer = respond(engine, case.message, Conversation(), now)
        card = answer.kind == "emergency"
        first = to_text(answer).split("\n", 1)[0]
        if case.emergency:
            result.emergencies += 1
            result.cards += card
            if "999" not in first:
                result.missed.append(case.message)
        else:
            result.others += 1
            if card:
                result.false_alarms.append((case.message, engine.triage(case.message).reason
                                            or ""))
            elif "999" in first:
                result.lines += 1
    return result


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="labelled files (YAML with emergency and not_emergency lists)")
    percent = number_between(0, 100)
    parser.add_argument("--min-recall", type=percent, default=100.0, metavar="PERCENT",
                        help="share of emergencies that must go to 999 (default 100)")
    parser.add_argument("--max-false-alarms", type=percent, default=2.0, metavar="PERCENT",
                        help="most non-emergencies that may go to 999 (default 2)")
    parser.add_argument("--report-only", action="store_true",
                        help="print the figures but always exit 0 (for held-out sets)")
    add_knowledge_option(parser)


def run(args: argparse.Namespace) -> int:
    per_file: list[tuple[Path, Score]] = []
    problems: list[str] = []
    engine = Engine(load_or_exit(args))
    for path in args.files:
        try:
            per_file.append((path, score(load_labelled(path), engine)))
        except LabelledFileError as exc:
            problems += exc.problems
    if problems:
        print("enquiry-bot triage-eval: the labelled files have problems:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    total = Score()
    for path, result in per_file:
        print(format_score(str(path), result))
        total.emergencies += result.emergencies
        total.others += result.others
        total.cards += result.cards
        total.lines += result.lines
        total.missed += result.missed
        total.false_alarms += result.false_alarms
    min_recall, max_false = args.min_recall / 100, args.max_false_alarms / 100
    ok = total.meets(min_recall, max_false)
    if args.report_only:
        print("(report only: held-out figures, not a pass/fail bar)")
        return 0
    verdict = "PASS" if ok else "FAIL"
    print(f"{verdict} (needs recall >= {args.min_recall:g} % and false alarms <= "
          f"{args.max_false_alarms:g} %)")
    return 0 if ok else 1


def format_score(name: str, result: Score) -> str:
    """The figures for one file, then each missed emergency and each false alarm."""
    caught = result.emergencies - len(result.missed)
    def pct(n: int, of: int) -> str:
        return f"{n:>4}/{of:<4} {100 * n / of if of else 0:6.1f} %"

    lines = [
        f"triage {name}",
        f"  recall        {pct(caught, result.emergencies)}  (emergencies: 999 first)",
        f"  card          {pct(result.cards, result.emergencies)}  (emergencies: the 999 card)",
        f"  false alarms  {pct(len(result.false_alarms), result.others)}"
        "  (non-emergencies: card instead of their answer)",
        f"  999 line      {pct(result.lines, result.others)}"
        "  (non-emergencies: 999 line first, unsure replies included)",
    ]
    lines += [f"  MISSED emergency: {message!r}" for message in result.missed]
    lines += [f"  FALSE ALARM: {message!r} (matched {reason!r})"
              for message, reason in result.false_alarms]
    return "\n".join(lines)
