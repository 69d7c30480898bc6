"""Faults the public would notice: kill -9 mid-load, an emergency behind a queue, SIGTERM,
slow sends, and memory as the number of chats grows.

Everything runs on 127.0.0.1 against the tests' fake Bot API (`tests/fake_bot_api.py`), which
behaves as Telegram does where it matters here: a getUpdates offset confirms every earlier
update and confirmed updates never come back. The bot is the real `enquiry-bot run` in a
subprocess (killed with SIGKILL, stopped with SIGTERM), except for the memory study, which
drives the same inbox, dispatcher and PTB Application in this process with no network and no
rate limit (at Telegram's 30 messages a second, 50,000 chats would take half an hour). Every
wait is bounded; the run stops by itself.

    python -m benchmarks.faults [--updates 3000 --kill-after 500 --queue 600 --slow 20
                                 --chats 50000 --baseline-chats 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the fake Bot API
from fake_bot_api import FakeBotApiServer, FakeTelegram, text_update  # noqa: E402

from bot.settings import Settings  # noqa: E402

QUESTIONS = ("how many arrests in op sceptre", "is live chat open", "/report")
EMERGENCY = "there is a man with a knife trying to get into my house right now"
ORDINARY = QUESTIONS[0]


# ---------------------------------------------------------------------------- the bot process

async def start_bot(server: FakeBotApiServer, workdir: Path,
                    **settings: str) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if k not in Settings.model_fields}
    env.update(TELEGRAM_BOT_TOKEN=server.api.token, TELEGRAM_BASE_URL=server.base_url,
               TELEGRAM_TIMEOUT="2", KNOWLEDGE_DIR=str(ROOT / "knowledge"),
               DATABASE_PATH=str(workdir / "enq.db"), LOG_LEVEL="INFO")
    env.update(settings)
    with open(workdir / "bot.log", "ab") as log:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=workdir, env=env,
            stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log)


async def wait_for(condition: Callable[[], object], timeout: float) -> float | None:
    """Seconds until `condition()` held, or None if it did not within `timeout`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            return None
        await asyncio.sleep(0.01)
    return time.monotonic() - started


async def terminate(bot: asyncio.subprocess.Process, timeout: float = 15.0) -> float | None:
    """SIGTERM; seconds until the process exited with 0 (None: it didn't, and was killed)."""
    started = time.monotonic()
    bot.send_signal(signal.SIGTERM)
    try:
        code = await asyncio.wait_for(bot.wait(), timeout)
    except TimeoutError:
        bot.kill()
        await bot.wait()
        return None
    return time.monotonic() - started if code == 0 else None


def push_load(api: FakeTelegram, updates: int) -> int:
    """`updates` updates: each chat asks the three QUESTIONS in turn; return the chat count."""
    chats = max(1, updates // len(QUESTIONS))
    for question in QUESTIONS:
        for chat in range(1, chats + 1):
            api.push(text_update(chat, question))
    return chats


def lost_and_duplicates(api: FakeTelegram, chats: int) -> tuple[int, int]:
    """Updates never answered, and replies sent more than once, over chats 1..`chats`."""
    seen: dict[int, list[str]] = {}
    for message in api.sent:
        seen.setdefault(message["chat"]["id"], []).append(message["html"])
    lost = sum(len(QUESTIONS) - len(set(seen.get(c, []))) for c in range(1, chats + 1))
    duplicates = sum(len(r) - len(set(r)) for r in seen.values())
    return lost, duplicates


def all_answered(api: FakeTelegram, chats: int) -> Callable[[], bool]:
    return lambda: len(api.sent) >= chats * len(QUESTIONS) and \
        lost_and_duplicates(api, chats)[0] == 0


def drain_time(updates: int) -> float:
    return updates / 25 + 60  # Telegram's ~30 replies a second, with room to spare


# ---------------------------------------------------------------------------- the faults

async def kill_9(workdir: Path, updates: int, kill_after: int) -> str:
    api = FakeTelegram(check_html=False)
    chats = push_load(api, updates)
    async with FakeBotApiServer(api) as server:
        bot = await start_bot(server, workdir)
        await wait_for(lambda: len(api.sent) >= kill_after, drain_time(kill_after))
        bot.send_signal(signal.SIGKILL)
        await bot.wait()
        before, confirmed = len(api.sent), chats * len(QUESTIONS) - len(api.updates)
        bot = await start_bot(server, workdir)
        await wait_for(all_answered(api, chats), drain_time(updates))
        await terminate(bot)
    lost, duplicates = lost_and_duplicates(api, chats)
    return (f"kill -9 after {before:,} of {chats * 3:,} replies ({confirmed:,} updates already "
            f"confirmed to Telegram): lost after the restart {lost}, duplicates {duplicates}")


async def emergency_behind_a_queue(workdir: Path, queue: int) -> str:
    api = FakeTelegram(check_html=False)
    async with FakeBotApiServer(api) as server:
        bot = await start_bot(server, workdir)
        await wait_for(lambda: api.commands is not None, 60)
        for chat in range(1, queue + 1):
            api.push(text_update(chat, ORDINARY))
        emergency_chat, after_chat = queue + 1, queue + 2
        api.push(text_update(emergency_chat, EMERGENCY))
        api.push(text_update(after_chat, ORDINARY))  # the baseline: sent at the same moment
        emergency = await wait_for(lambda: api.sent_to(emergency_chat), drain_time(queue))
        ordinary = await wait_for(lambda: api.sent_to(after_chat), drain_time(queue))
        await terminate(bot)
    replies = api.sent_to(emergency_chat)
    said_999 = bool(replies) and "999" in replies[0]["text"]
    ordinary = (ordinary or 0) + (emergency or 0)
    return (f"emergency behind a queue of {queue} ordinary messages: 999 reply after "
            f"{_seconds(emergency)} (999 first: {'yes' if said_999 else 'NO'}); an ordinary "
            f"message sent with it: {ordinary:.1f} s")


async def sigterm_mid_load(workdir: Path, updates: int, stop_after: int) -> str:
    api = FakeTelegram(check_html=False)
    chats = push_load(api, updates)
    async with FakeBotApiServer(api) as server:
        bot = await start_bot(server, workdir)
        await wait_for(lambda: len(api.sent) >= stop_after, drain_time(stop_after))
        exit_time = await terminate(bot)
        before = len(api.sent)
        bot = await start_bot(server, workdir)
        await wait_for(all_answered(api, chats), drain_time(updates))
        await terminate(bot)
    lost, duplicates = lost_and_duplicates(api, chats)
    exited = f"exited cleanly in {exit_time:.2f} s" if exit_time is not None else "DID NOT EXIT"
    return (f"SIGTERM after {before:,} of {chats * 3:,} replies: {exited}; lost after the "
            f"restart {lost}, duplicates {duplicates}")


async def slow_sends(workdir: Path, count: int) -> str:
    """Sends answered only after the client's timeout: each one is a possible duplicate."""
    lines = []
    for factor in (1.5, 4.0):  # within the 3x patience for an answer, then beyond it
        api = FakeTelegram(check_html=False)
        api.inject("sendMessage", "slow", seconds=factor, times=count)  # TELEGRAM_TIMEOUT=1
        run_dir = workdir / f"x{factor:g}"  # a fresh inbox: the fake's update_ids restart at 1
        run_dir.mkdir()
        async with FakeBotApiServer(api) as server:
            bot = await start_bot(server, run_dir, TELEGRAM_TIMEOUT="1")
            for chat in range(1, count + 1):
                api.push(text_update(chat, ORDINARY))
            await wait_for(lambda api=api: all(api.sent_to(c) for c in range(1, count + 1)), 120)
            await asyncio.sleep(factor + 1)  # let late deliveries land
            await terminate(bot)
        duplicates = len(api.sent) - len({m["chat"]["id"] for m in api.sent})
        lines.append(f"{duplicates} duplicates of {count} sends answered after {factor:g}x "
                     "TELEGRAM_TIMEOUT")
    return "slow Telegram: " + "; ".join(lines)


def _seconds(value: float | None) -> str:
    return "NEVER (timed out)" if value is None else f"{value:.2f} s"


# ---------------------------------------------------------------------------- memory

def memory(chats: int, baseline_chats: int) -> str:
    """RSS from 1,000 to `chats` one-message chats, each measurement in a fresh process; the
    baseline keeps every conversation in memory, as the bot did before (to `baseline_chats`)."""
    from benchmarks.faults_memory import FIRST, measure_in_subprocess

    bounded = measure_in_subprocess(chats, unbounded=False)
    unbounded = measure_in_subprocess(baseline_chats, unbounded=True)

    def per_thousand(pair: tuple[float, float], last: int) -> float:
        return (pair[1] - pair[0]) / max(1, last - FIRST) * 1000

    return (f"memory (RSS) from {FIRST:,} to {chats:,} one-message chats: {bounded[0]:.1f} -> "
            f"{bounded[1]:.1f} MB ({bounded[1] - bounded[0]:+.1f} MB, "
            f"{per_thousand(bounded, chats):.3f} MB per 1,000 chats); baseline with every "
            f"conversation kept in memory, as before, to {baseline_chats:,} chats: "
            f"{unbounded[0]:.1f} -> {unbounded[1]:.1f} MB ({unbounded[1] - unbounded[0]:+.1f} "
            f"MB, {per_thousand(unbounded, baseline_chats):.3f} MB per 1,000 chats)")


# ---------------------------------------------------------------------------- main

async def run_all(args: argparse.Namespace) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        for name, step in (
            ("kill", lambda d: kill_9(d, args.updates, args.kill_after)),
            ("emergency", lambda d: emergency_behind_a_queue(d, args.queue)),
            ("sigterm", lambda d: sigterm_mid_load(d, args.queue, args.queue // 6)),
            ("slow", lambda d: slow_sends(d, args.slow)),
        ):
            workdir = Path(tmp) / name
            workdir.mkdir()
            lines.append(await step(workdir))
            print(lines[-1], flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=3000)
    parser.add_argument("--kill-after", type=int, default=500)
    parser.add_argument("--queue", type=int, default=600)
    parser.add_argument("--slow", type=int, default=20)
    parser.add_argument("--chats", type=int, default=50_000)
    parser.add_argument("--baseline-chats", type=int, default=10_000)
    args = parser.parse_args(argv)
    print(f"Fault benchmark: the real bot against the fake Bot API on 127.0.0.1 "
          f"(Python {platform.python_version()}, {os.cpu_count()} cores)", flush=True)
    asyncio.run(run_all(args))
    with contextlib.suppress(KeyboardInterrupt):
        print(memory(args.chats, args.baseline_chats), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
