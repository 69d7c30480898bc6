"""`enquiry-bot eval`: score the bot on files of public enquiries.

Prints accuracy per category (answers, follow-ups, out-of-scope refused, emergencies) and every
failure with what was expected and what came back. Exit 0 when the pass rate reaches --min and
every emergency is sent to 999; 1 otherwise; 2 when a question file is malformed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bot.cli.common import add_knowledge_option, engine_or_exit, number_between
from bot.evaluation import CaseResult, QuestionFileError, Report, evaluate, load_cases

HELP = "score the bot on question files (shared sample.yaml format); exit 1 below --min"

PREVIEW = 240


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="question files (YAML), or folders of them")
    add_knowledge_option(parser)
    parser.add_argument("--min", type=number_between(0, 1), default=0.95, metavar="RATE",
                        help="pass rate needed, 0 to 1 (default 0.95)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print only the summary, not each failure")


def run(args: argparse.Namespace) -> int:
    try:
        cases = load_cases(args.files)
    except QuestionFileError as exc:
        print("enquiry-bot eval: the question files have problems:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    engine = engine_or_exit(args)
    started = time.perf_counter()
    report = evaluate(engine, engine.k, cases)
    elapsed = time.perf_counter() - started
    if not args.quiet:
        for result in report.failures():
            print(format_failure(result))
    print(format_summary(report, args.min, elapsed))
    return 0 if report.ok(args.min) else 1


def format_failure(result: CaseResult) -> str:
    """One failed case: its id and category, then each failing turn's expectation and reply."""
    case = result.case
    lines = [f"FAIL {case.id} ({case.category}, {case.file})"]
    for i, turn_result in enumerate(result.turns, 1):
        if not turn_result.problems:
            continue
        turn = turn_result.turn
        label = f"turn {i}: " if case.is_conversation else ""
        lines.append(f"  {label}{turn.q!r}")
        expected = [f"expect {turn.expect}"] + [f"/{rx}/" for rx in turn.must]
        expected += [f"not /{rx}/" for rx in turn.must_not]
        lines.append(f"    expected: {', '.join(expected)}")
        lines.append(f"    problems: {'; '.join(turn_result.problems)}")
        if turn_result.reply is not None:
            state = "answered" if turn_result.reply.answered else "not answered"
            text = " ".join(turn_result.reply.text.split())
            more = "…" if len(text) > PREVIEW else ""
            lines.append(f"    got ({state}): {text[:PREVIEW]}{more}")
    return "\n".join(lines)


def format_summary(report: Report, minimum: float, elapsed: float) -> str:
    lines = [""]
    for name, (passed, total) in report.by_category().items():
        lines.append(f"{name:<22}{passed:>5}/{total:<5}{100 * passed / total:6.1f} %")
    messages = sum(len(r.case.turns) for r in report.results)
    lines.append(f"{'all':<22}{report.passed:>5}/{report.total:<5}{100 * report.accuracy:6.1f} %"
                 f"   ({messages} messages in {elapsed:.2f} s)")
    verdict = "PASS" if report.ok(minimum) else "FAIL"
    reason = ""
    if not report.emergencies_all_pass():
        reason = ": an emergency was not sent to 999"
    elif report.accuracy < minimum:
        reason = f": below {100 * minimum:.1f} %"
    lines.append(f"{verdict} (needs {100 * minimum:.1f} % and every emergency){reason}")
    return "\n".join(lines)
