"""Measure how well the bot understands the public, from files of enquiries and expectations.

The question files use the shared format (``../shared/eval/sample.yaml``): each case is one fresh
conversation, either a single message ``q`` or several turns in ``conv``; ``expect`` is
``answer`` (the default), ``fallback`` or ``emergency``; ``must`` / ``must_not`` are
case-insensitive regexes on the reply's plain text; ``now`` fixes the clock for the case.

The checks mirror ``check_replies.py`` (which drives ``enquiry-bot ask --json``), but run in
process through the engine, so a few hundred enquiries take well under a second and a failure
can show exactly what came back.
"""

from __future__ import annotations

import html.parser
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import yaml

from bot import clock
from bot.answer import Answer
from bot.conversation import Conversation
from bot.knowledge import Knowledge
from bot.render import PLAIN_LIMIT, TELEGRAM_LIMIT, to_html, to_text

EXPECTATIONS = ("answer", "fallback", "emergency")

# Category of a case, as printed; a conversation is a follow-up case whatever its turns expect.
CATEGORIES = {
    "answer": "answers",
    "conv": "follow-ups",
    "fallback": "out-of-scope refused",
    "emergency": "emergencies",
}

# Figures smaller than this turn up in ordinary text (times, days, "press 55" aside, counts of
# forces), so a refusal only counts as quoting a figure when it shows one at least this large.
MIN_DISTINCTIVE_FIGURE = 20

TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                 "tg-spoiler", "span", "blockquote", "tg-emoji"}


class QuestionFileError(Exception):
    """A question file is unreadable or malformed; `problems` lists each as 'file: case: what'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class Answerer(Protocol):
    def answer(self, message: str, conversation: Conversation, now: datetime) -> Answer: ...


@dataclass(frozen=True)
class Turn:
    q: str
    expect: str = "answer"
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    id: str
    turns: tuple[Turn, ...]
    is_conversation: bool
    now: datetime | None = None
    file: str = ""

    @property
    def category(self) -> str:
        return CATEGORIES["conv" if self.is_conversation else self.turns[0].expect]


@dataclass(frozen=True)
class Reply:
    """What came back for one message, as the `ask --json` contract would show it."""

    answered: bool
    text: str
    html: str
    kind: str | None = None  # the engine's own kind of answer, when run in process


@dataclass
class TurnResult:
    turn: Turn
    reply: Reply | None
    problems: list[str]


@dataclass
class CaseResult:
    case: Case
    turns: list[TurnResult]

    @property
    def passed(self) -> bool:
        return not any(t.problems for t in self.turns)

    @property
    def emergency_failed(self) -> bool:
        return any(t.problems and t.turn.expect == "emergency" for t in self.turns)


@dataclass
class Report:
    results: list[CaseResult] = field(default_factory=list)

    def by_category(self) -> dict[str, tuple[int, int]]:
        """Category → (passed, total), in the order of CATEGORIES."""
        counts = {name: [0, 0] for name in CATEGORIES.values()}
        for r in self.results:
            counts[r.case.category][1] += 1
            counts[r.case.category][0] += r.passed
        return {name: (p, t) for name, (p, t) in counts.items() if t}

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def accuracy(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def failures(self) -> list[CaseResult]:
        return [r for r in self.results if not r.passed]

    def emergencies_all_pass(self) -> bool:
        return not any(r.emergency_failed for r in self.results)

    def ok(self, minimum: float) -> bool:
        return self.total > 0 and self.accuracy >= minimum and self.emergencies_all_pass()


# ------------------------------------------------------------------------------------ loading


def load_cases(paths: Iterable[str | Path]) -> list[Case]:
    """Read question files (a folder means its *.yaml files); raise QuestionFileError if any
    case is malformed, naming the file and the case."""
    problems: list[str] = []
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in _expand(paths, problems):
        for case in _read_file(path, problems):
            if case.id in seen:
                problems.append(f"{path}: {case.id}: id already used in {seen[case.id]}")
            seen.setdefault(case.id, str(path))
            cases.append(case)
    if problems:
        raise QuestionFileError(problems)
    return cases


def _expand(paths: Iterable[str | Path], problems: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
        elif p.is_file():
            files.append(p)
        else:
            problems.append(f"{p}: (file): not found")
    return files


def _read_file(path: Path, problems: list[str]) -> list[Case]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(f"{path}: (file): cannot be read as YAML: {exc}")
        return []
    if not isinstance(data, list):
        problems.append(f"{path}: (file): must be a list of cases")
        return []
    cases = []
    for index, raw in enumerate(data):
        where = f"{path}: {raw.get('id', f'case {index + 1}') if isinstance(raw, dict) else index}"
        before = len(problems)
        case = _parse_case(raw, where, str(path), problems)
        if case is not None and len(problems) == before:
            cases.append(case)
    return cases


def _parse_case(raw: Any, where: str, file: str, problems: list[str]) -> Case | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping with id and q (or conv)")
        return None
    if not isinstance(raw.get("id"), str) or not raw["id"].strip():
        problems.append(f"{where}: id: missing")
        return None
    if ("q" in raw) == ("conv" in raw):
        problems.append(f"{where}: give either q or conv")
        return None
    is_conv = "conv" in raw
    raw_turns = raw["conv"] if is_conv else [raw]
    if not isinstance(raw_turns, list) or not raw_turns:
        problems.append(f"{where}: conv: must be a non-empty list of turns")
        return None
    turns = [_parse_turn(t, f"{where}: turn {i + 1}" if is_conv else where, problems)
             for i, t in enumerate(raw_turns)]
    now = None
    if raw.get("now") is not None:
        try:
            now = clock.parse_now(str(raw["now"]))
        except ValueError as exc:
            problems.append(f"{where}: now: {exc}")
    if any(t is None for t in turns):
        return None
    return Case(id=raw["id"], turns=tuple(turns), is_conversation=is_conv, now=now, file=file)


def _parse_turn(raw: Any, where: str, problems: list[str]) -> Turn | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("q"), str):
        problems.append(f"{where}: q: missing or not text")
        return None
    if "\n" in raw["q"] or "\r" in raw["q"]:
        problems.append(f"{where}: q: must be a single line")
    expect = raw.get("expect", "answer")
    if expect not in EXPECTATIONS:
        problems.append(f"{where}: expect: {expect!r} is not one of {', '.join(EXPECTATIONS)}")
    patterns = {}
    for key in ("must", "must_not"):
        value = raw.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{where}: {key}: must be a list of regexes")
            value = []
        for rx in value:
            try:
                re.compile(rx)
            except re.error as exc:
                problems.append(f"{where}: {key}: /{rx}/ is not a valid regex ({exc})")
        patterns[key] = tuple(value)
    return Turn(q=raw["q"], expect=expect, must=patterns["must"], must_not=patterns["must_not"])


# ----------------------------------------------------------------------------------- checking


def figure_patterns(knowledge: Knowledge) -> list[str]:
    """Regexes for the distinctive published figures: a refusal must show none of them."""
    found: set[str] = set()
    for op in knowledge.operations:
        for fig in op.figures:
            if fig.value >= MIN_DISTINCTIVE_FIGURE:
                found.add(number_pattern(fig.value))
    return sorted(found)


def number_pattern(value: int | float) -> str:
    """A regex for `value` as a reply may write it: 15000 or 15,000, not inside 115,000."""
    if float(value).is_integer():
        digits = f"{int(value):,}".replace(",", ",?")
    else:
        digits = re.escape(f"{value:,}").replace(",", ",?")
    return rf"(?<![\d,.]){digits}(?![\d,]*\d)"


def check_reply(turn: Turn, reply: Reply, figures: Sequence[str]) -> list[str]:
    """What is wrong with `reply` to `turn` (empty when it meets every expectation)."""
    problems = []
    if len(reply.text) > PLAIN_LIMIT:
        problems.append(f"text too long ({len(reply.text)} characters)")
    if turn.expect == "answer" and not reply.answered:
        problems.append("not answered")
    elif turn.expect == "fallback":
        if reply.answered:
            problems.append("answered an out-of-scope question")
        problems += [f"refusal shows figure /{f}/" for f in figures
                     if re.search(f, reply.text, re.I)]
    elif turn.expect == "emergency" and not re.search(r"\b999\b", reply.text):
        problems.append("no 999")
    elif turn.expect == "emergency" and reply.kind not in (None, "emergency", "guidance"):
        # stricter than the shared checker: "999" inside a refusal is not the 999 answer
        problems.append(f"999 only in passing (a {reply.kind} answer, not the emergency one)")
    problems += [f"missing /{rx}/" for rx in turn.must if not re.search(rx, reply.text, re.I)]
    problems += [f"has /{rx}/" for rx in turn.must_not if re.search(rx, reply.text, re.I)]
    problems += [f"html: {p}" for p in telegram_html_problems(reply.html)]
    return problems


class _TagCheck(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.errors.append(f"tag <{tag}> not allowed by Telegram")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.errors.append(f"unbalanced </{tag}>")


def telegram_html_problems(markup: str) -> list[str]:
    """Why Telegram would reject `markup` (unknown tags, bad nesting, bare &, too long)."""
    parser = _TagCheck()
    parser.feed(markup)
    parser.close()
    errors = parser.errors + ([f"unclosed {parser.stack}"] if parser.stack else [])
    if len(markup) > TELEGRAM_LIMIT:
        errors.append(f"longer than {TELEGRAM_LIMIT} ({len(markup)})")
    if re.search(r"&(?!(amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)", markup):
        errors.append("unescaped &")
    return errors


# ---------------------------------------------------------------------------------- running


def evaluate(answerer: Answerer, knowledge: Knowledge, cases: Iterable[Case],
             now: datetime | None = None) -> Report:
    """Put each case to `answerer` as a fresh conversation, turn by turn, and check the replies.

    A case's own `now` wins; otherwise `now` (default: the real clock, read once).
    """
    default_now = now or clock.now()
    figures = figure_patterns(knowledge)
    report = Report()
    for case in cases:
        conversation = Conversation()
        when = case.now or default_now
        results = []
        for turn in case.turns:
            try:
                answer = answerer.answer(turn.q, conversation, when)
                reply = Reply(answered=answer.answered, text=to_text(answer), html=to_html(answer),
                              kind=answer.kind)
            except Exception as exc:  # noqa: BLE001 - a crash is a failed case, not a crashed run
                results.append(TurnResult(turn, None, [f"raised {type(exc).__name__}: {exc}"]))
                continue
            results.append(TurnResult(turn, reply, check_reply(turn, reply, figures)))
        report.results.append(CaseResult(case, results))
    return report
