"""Small helpers the benchmarks share: percentiles, the machine's description, tables."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def percentile(values: list[float], pct: float) -> float:
    """The `pct` percentile (nearest rank) of `values`; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def time_each(fn: Callable[[T], R], items: Sequence[T], *, repeat: int = 3,
              warm_up: int = 20) -> tuple[list[R], list[float]]:
    """`fn` of each item, and each item's time in ms: the median of `repeat` runs, so that a
    hiccup of a busy machine does not pass for the cost of one question."""
    for item in items[:warm_up]:
        fn(item)
    results: list[R] = []
    runs: list[list[float]] = [[] for _ in items]
    for attempt in range(repeat):
        for i, item in enumerate(items):
            start = time.perf_counter()
            result = fn(item)
            runs[i].append((time.perf_counter() - start) * 1000)
            if attempt == 0:
                results.append(result)
    return results, [median(r) for r in runs]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_line() -> str:
    """When and where the figures were measured, for the README."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = f"; load average {os.getloadavg()[0]:.1f} at the start"  # other work skews times
    return (f"{when}; {cpu_model()}, {os.cpu_count()} cores; Python "
            f"{platform.python_version()} on {platform.system()} {platform.machine()}{load}")


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def publish(text: str, out: Path | None) -> None:
    """Print `text` and, when asked, write it to `out` (creating its folder)."""
    sys.stdout.write(text + "\n")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
