"""Options and set-up shared by the commands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from bot import clock
from bot.engine import Engine
from bot.knowledge import Knowledge, KnowledgeError, default_knowledge_dir, load_knowledge
from bot.startup import start_engine


def add_knowledge_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge", metavar="DIR", type=Path, default=None,
        help="knowledge folder (default: $KNOWLEDGE_DIR or the bundled knowledge/)",
    )


def knowledge_dir(args: argparse.Namespace) -> Path:
    if getattr(args, "knowledge", None):
        return args.knowledge
    if os.environ.get("KNOWLEDGE_DIR"):
        return Path(os.environ["KNOWLEDGE_DIR"])
    return default_knowledge_dir()


def load_or_exit(args: argparse.Namespace) -> Knowledge:
    """Load the knowledge, or print every problem (file: field: message) and exit 1."""
    directory = knowledge_dir(args)
    try:
        return load_knowledge(directory)
    except KnowledgeError as exc:
        _exit_with_problems(directory, exc)


def data_dir() -> Path:
    """The data folder: $DATA_DIR, or var/ (the compiled knowledge cache goes in its cache/)."""
    return Path(os.environ.get("DATA_DIR") or "var")


def engine_or_exit(args: argparse.Namespace, data: Path | None = None) -> Engine:
    """The engine for the knowledge, from its compiled cache in the data folder when current
    (see bot.startup); print every problem of bad knowledge and exit 1."""
    directory = knowledge_dir(args)
    try:
        return start_engine(directory, cache_dir=(data or data_dir()) / "cache")
    except KnowledgeError as exc:
        _exit_with_problems(directory, exc)


def _exit_with_problems(directory: Path, exc: KnowledgeError) -> NoReturn:
    print(f"enquiry-bot: the knowledge in {directory} has problems:", file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem}", file=sys.stderr)
    raise SystemExit(1) from None


def add_now_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--now", metavar="ISO8601", type=_parse_now, default=None,
                        help="fix the clock, e.g. 2026-12-25T11:00:00+00:00")


def _parse_now(value: str) -> datetime:
    try:
        return clock.parse_now(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def number_between(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a number from `low` to `high` ('95%' is read as 95)."""

    def parse(value: str) -> float:
        try:
            number = float(value.rstrip("%"))
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be between {low:g} and {high:g}, got {value}")
        return number

    return parse
