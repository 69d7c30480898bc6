"""How long triage takes per message: it runs on every message, before anything else.

Measures bot.triage.triage on the labelled triage messages (typical) and on 20,000-character
messages built to provoke regex backtracking (worst case), against a baseline measured in the
same run: `normalise` alone on the same messages, the least any rule-based triage must do.
Prints median and p99 in milliseconds and the ratio to the baseline; asserts nothing.

    python -m benchmarks.triage_speed [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bot.cli.triage_eval import load_labelled
from bot.text import normalise
from bot.triage import triage

ROOT = Path(__file__).resolve().parent.parent
HUGE = 20_000
HOSTILE = [
    "knife " * (HUGE // 6), "a" * HUGE, "someone is " * (HUGE // 11), "my son " * (HUGE // 7),
    "missing " + "x " * (HUGE // 2), "is " * (HUGE // 3), "being " * (HUGE // 6),
    "fire in the " * (HUGE // 12), "how many " * (HUGE // 9), "help " * (HUGE // 5),
]


def timings(fn: Callable[[str], object], messages: list[str], repeat: int) -> list[float]:
    """Per-message times in ms: the best of `repeat` runs of each message."""
    out = []
    for message in messages:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            fn(message)
            best = min(best, time.perf_counter() - start)
        out.append(best * 1000)
    return out


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    typical = [c.message for c in load_labelled(ROOT / "tests" / "triage" / "labelled.yaml")]
    print(f"{'messages':<28}{'n':>5}{'median ms':>11}{'p99 ms':>9}{'x normalise':>13}")
    for name, messages in (("labelled (typical)", typical), ("20,000 chars (hostile)",
                                                              HOSTILE)):
        base = timings(normalise, messages, args.repeat)
        cost = timings(triage, messages, args.repeat)
        ratio = statistics.median(cost) / statistics.median(base)
        print(f"{name:<28}{len(messages):>5}{statistics.median(cost):>11.3f}"
              f"{p99(cost):>9.3f}{ratio:>13.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
