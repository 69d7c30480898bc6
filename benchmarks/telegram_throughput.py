"""Updates per second and latency per update through the full PTB pipeline, with no network.

Each update goes from Bot API JSON (`Update.de_json`) through `Application.process_update`:
handler matching, the engine, rendering, keyboards, and `sendMessage` / `answerCallbackQuery`
through PTB's `ExtBot`, the bot's `RetryingRateLimiter` (flood limits off: they cap a real bot
at Telegram's ~30 messages/s by design) and the request layer, into the tests' in-process fake
Bot API (`tests/fake_bot_api.py`, `RecordingRequest`), which also checks every message is valid
Telegram HTML. The baseline, measured in the same run on the same messages, is the engine and
the HTML renderer alone (`EnquiryService.handle` + `to_html`), i.e. what the bot would cost
without Telegram. Checking the HTML, as Telegram would, is done after the timing: it is
Telegram's work, not the bot's.

The messages are the project's public enquiry set (tests/enquiries/public.yaml), mixed with
commands, media, edited messages and button presses, over 100 chats, on one core if possible.
Times are this process's CPU time per update, so other work on the machine does not count.

    python -m benchmarks.telegram_throughput [--updates 5000] [--log]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from telegram import Update
from telegram.ext import Application

from bot import clock
from bot.conversation import Conversation
from bot.engine import Engine
from bot.knowledge import default_knowledge_dir, load_knowledge
from bot.render import to_html
from bot.service import EnquiryService
from bot.settings import Settings
from bot.store import open_enquiry_log
from bot.telegram_bot import build_application
from bot.telegram_bot.retry import RetryingRateLimiter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # its fake Bot API
from fake_bot_api import (  # noqa: E402
    MEDIA,
    TOKEN,
    FakeTelegram,
    RecordingRequest,
    callback_update,
    media_update,
    telegram_html_problems,
    text_update,
)

ROOT = Path(__file__).resolve().parent.parent
# CPU time of this process: what an update costs, not what other processes on a shared machine
# took from us meanwhile (nanosecond resolution on Linux).
CLOCK = time.process_time
CHATS = 100
WARM_UP = 200
COMMANDS = ["/start", "/help", "/report", "/livechat", "/operations", "/privacy"]


def public_messages() -> list[str]:
    """Every message of the public enquiry set, in order."""
    cases = yaml.safe_load((ROOT / "tests/enquiries/public.yaml").read_text())
    messages: list[str] = []
    for case in cases:
        if "q" in case:
            messages.append(str(case["q"]))
        for turn in case.get("conv", []):
            messages.append(str(turn["q"] if isinstance(turn, dict) else turn))
    return [m for m in messages if m.strip()]


def update_mix(messages: list[str], count: int, seed: int = 0) -> list[dict]:
    """`count` updates: 80 % questions, 5 % each commands, media, edits and button presses."""
    rng = random.Random(seed)
    media = sorted(MEDIA)
    updates = []
    for update_id in range(1, count + 1):
        chat, roll = rng.randint(1, CHATS), rng.random()
        if roll < 0.80:
            body = text_update(chat, messages[update_id % len(messages)])
        elif roll < 0.85:
            body = text_update(chat, rng.choice(COMMANDS))
        elif roll < 0.90:
            body = media_update(chat, rng.choice(media))
        elif roll < 0.95:
            body = text_update(chat, rng.choice(messages), edited=True)
        else:
            body = callback_update(chat, f"q:{rng.randint(1, 50)}")
        updates.append({"update_id": update_id, **body})
    return updates


def summary(name: str, seconds: list[float]) -> tuple[str, float, float]:
    per_s = len(seconds) / sum(seconds)
    cuts = statistics.quantiles(seconds, n=100)
    p50, p99 = cuts[49] * 1000, cuts[98] * 1000
    print(f"{name:<34} {per_s:>10,.0f} {p50:>9.3f} {p99:>9.3f}")
    return name, per_s, p50


def engine_alone(service: EnquiryService, messages: list[str], count: int) -> list[float]:
    conversations = [Conversation() for _ in range(CHATS)]
    times = []
    for i in range(count):
        start = CLOCK()
        answer, _ = service.handle(messages[i % len(messages)], conversations[i % CHATS],
                                   chat_id=i % CHATS, channel="telegram", now=clock.now())
        to_html(answer)
        times.append(CLOCK() - start)
    return times[WARM_UP:]


async def through_ptb(app: Application, updates: list[dict]) -> list[float]:
    times = []
    async with app:
        for body in updates:
            start = CLOCK()
            await app.process_update(Update.de_json(body, app.bot))
            times.append(CLOCK() - start)
    return times[WARM_UP:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=5000, help="updates to time")
    parser.add_argument("--log", action="store_true",
                        help="record enquiries in an enquiry log in a temporary folder")
    args = parser.parse_args(argv)
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if cores:
        os.sched_setaffinity(0, {min(cores)})
    try:
        return measure(max(args.updates, WARM_UP + 100), with_log=args.log)
    finally:
        if cores:
            os.sched_setaffinity(0, cores)


def measure(count: int, *, with_log: bool) -> int:

    engine = Engine(load_knowledge(default_knowledge_dir()))
    messages = public_messages()
    settings = Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN)  # type: ignore[call-arg]
    with tempfile.TemporaryDirectory() as folder:
        log = open_enquiry_log(Path(folder) / "enquiries.db") if with_log else None
        api = FakeTelegram(check_html=False)  # checked below, after timing
        unthrottled = RetryingRateLimiter(overall_max_rate=0, group_max_rate=0)
        app = build_application(settings, EnquiryService(engine, log),
                                request=RecordingRequest(api), rate_limiter=unthrottled)
        baseline = engine_alone(EnquiryService(engine, log), messages, count)
        pipeline = asyncio.run(through_ptb(app, update_mix(messages, count)))
        if log is not None:
            log.close()

    invalid = sum(1 for m in api.sent if telegram_html_problems(m["html"]))
    print(f"{len(pipeline)} timed updates after {WARM_UP} warm-up, {CHATS} chats, "
          f"{len(messages)} public messages, enquiry log {'on' if with_log else 'off'}, "
          f"CPU {os.sched_getaffinity(0) if hasattr(os, 'sched_getaffinity') else '?'}")
    print(f"{'':<34} {'per s':>10} {'p50 ms':>9} {'p99 ms':>9}")
    _, base_rate, base_p50 = summary("baseline: engine + HTML alone", baseline)
    _, rate, p50 = summary("full PTB pipeline, no network", pipeline)
    print(f"pipeline / baseline throughput: {rate / base_rate:.2f}; PTB's share of the median "
          f"update: {p50 - base_p50:.3f} ms; goal 1,000 updates/s: "
          f"{'met' if rate >= 1000 else 'NOT met'}")
    print(f"Bot API calls: {len(api.calls)} ({len(api.sent)} messages sent, {invalid} with "
          f"invalid HTML, {len(api.refused)} refused)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
