"""Memory as the number of chats grows: one message from each of N chats, through the real
inbox, dispatcher, PTB Application, engine, enquiry log and chat state, in one process with no
network (the tests' in-process fake Bot API) and no rate limit. Prints the RSS after 1,000 chats
and after N; `--unbounded` keeps every conversation in memory, as the bot did before.

    python -m benchmarks.faults_memory --chats 50000 [--unbounded]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.faults import QUESTIONS, ROOT
from bot.engine import Engine
from bot.flood import FloodLimiter
from bot.knowledge import default_knowledge_dir, load_knowledge
from bot.service import EnquiryService
from bot.settings import Settings
from bot.store import open_enquiry_log
from bot.store.chat_state import CAPACITY, ChatStates
from bot.store.inbox import Inbox
from bot.store.state import open_state_database
from bot.telegram_bot import build_application
from bot.telegram_bot.dispatch import Dispatcher
from bot.telegram_bot.retry import RetryingRateLimiter

sys.path.insert(0, str(ROOT / "tests"))  # the fake Bot API
from fake_bot_api import TOKEN, FakeTelegram, RecordingRequest, text_update  # noqa: E402

BATCH = 100  # updates stored at a time, as one getUpdates brings them
FIRST = 1000


def rss_mb() -> float:
    """This process's resident memory, in MB (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 1e6


async def feed(inbox: Inbox, dispatcher: Dispatcher, api: FakeTelegram, first: int,
               last: int, next_id: list[int]) -> None:
    for start in range(first, last + 1, BATCH):
        bodies = []
        for chat in range(start, min(last, start + BATCH - 1) + 1):
            next_id[0] += 1
            bodies.append({"update_id": next_id[0],
                           **text_update(chat, QUESTIONS[chat % len(QUESTIONS)])})
        inbox.add(bodies)
        dispatcher.wake()
        while inbox.pending() > BATCH:  # as fast as it is answered, no faster
            await asyncio.sleep(0.01)
        api.sent.clear()  # the fake's own records are not the bot's memory
        api.calls.clear()
    while inbox.pending():
        await asyncio.sleep(0.01)


async def measure(chats: int, unbounded: bool) -> tuple[float, float]:
    engine = Engine(load_knowledge(default_knowledge_dir()))
    with tempfile.TemporaryDirectory(prefix="faults-memory-") as tmp:
        log = open_enquiry_log(Path(tmp) / "enq.db", hash_secret="benchmark")
        service = EnquiryService(engine, log, FloodLimiter())
        state = open_state_database(Path(tmp) / "enq.state.db")
        states = ChatStates(state, b"benchmark-key", capacity=10**9 if unbounded else CAPACITY)
        api = FakeTelegram(check_html=False)
        app = build_application(
            Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN), service,  # type: ignore[call-arg]
            request=RecordingRequest(api), chats=states,
            rate_limiter=RetryingRateLimiter(overall_max_rate=0, group_max_rate=0))
        inbox = Inbox(state, engine.is_emergency)
        async with app:
            dispatcher = Dispatcher(app, inbox)
            task = asyncio.create_task(dispatcher.run())
            next_id = [0]
            await feed(inbox, dispatcher, api, 1, FIRST, next_id)
            gc.collect()
            at_first = rss_mb()
            await feed(inbox, dispatcher, api, FIRST + 1, chats, next_id)
            gc.collect()
            at_last = rss_mb()
            dispatcher.accepting = False
            task.cancel()
        log.close()
        state.close()
    return at_first, at_last


def measure_in_subprocess(chats: int, *, unbounded: bool) -> tuple[float, float]:
    """`measure` in a fresh interpreter, so that one run's memory does not colour the other."""
    command = [sys.executable, "-m", "benchmarks.faults_memory", "--chats", str(chats)]
    if unbounded:
        command.append("--unbounded")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800,
                          check=True)
    first, last = done.stdout.split()[-2:]
    return float(first), float(last)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=50_000)
    parser.add_argument("--unbounded", action="store_true")
    args = parser.parse_args(argv)
    first, last = asyncio.run(measure(max(args.chats, FIRST), args.unbounded))
    print(f"{first:.1f} {last:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
