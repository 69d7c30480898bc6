"""Shared fixtures: the bundled knowledge and one engine built from it (the engine only reads
its knowledge, so one instance serves every test), a fixed clock, and the `enquiry-bot` command
line run in a subprocess exactly as a user or another tool runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from bot import clock
from bot.engine import Engine
from bot.knowledge import Knowledge, default_knowledge_dir, load_knowledge

# A Wednesday at 11:00 UK time, in a week with no public holiday: Live Chat is open.
WEDNESDAY_11 = "2026-03-04T11:00:00"
# A Sunday at 11:00 UK time: Live Chat is closed.
SUNDAY_11 = "2026-03-08T11:00:00"

CLI_TIMEOUT = 60  # seconds; a hung command fails its test instead of hanging the run


def _enquiry_bot_command() -> list[str]:
    """The installed console script beside this interpreter (.venv/bin/enquiry-bot)."""
    script = Path(sys.executable).parent / "enquiry-bot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge(default_knowledge_dir())


@pytest.fixture(scope="session")
def engine(knowledge: Knowledge) -> Engine:
    return Engine(knowledge)


@pytest.fixture(scope="session")
def now() -> datetime:
    return clock.parse_now(WEDNESDAY_11)


EnquiryBot = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def enquiry_bot(tmp_path: Path) -> EnquiryBot:
    """Run `enquiry-bot ARGS...` with `input` (text, or bytes as given) on stdin; returns the
    completed process, with text output unless `input` was bytes.

    It runs in an empty folder with no .env, no KNOWLEDGE_DIR and its enquiry log in tmp_path,
    so the project's own files and settings never leak in or get written to. Standard streams
    are strict UTF-8, as under a UTF-8 locale such as en_GB.UTF-8.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("KNOWLEDGE_DIR", "DATABASE_PATH")}
    env["DATABASE_PATH"] = str(tmp_path / "enquiries.db")
    env["PYTHONIOENCODING"] = "utf-8"
    workdir = tmp_path / "cwd"
    workdir.mkdir(exist_ok=True)

    def run(*args: str, input: str | bytes | None = None) -> subprocess.CompletedProcess:
        text = {} if isinstance(input, bytes) else {"encoding": "utf-8"}
        return subprocess.run(_enquiry_bot_command() + list(args), input=input,
                              capture_output=True, cwd=workdir, env=env, timeout=CLI_TIMEOUT,
                              **text)

    return run
