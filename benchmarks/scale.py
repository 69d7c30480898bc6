"""How the engine's cost grows with the knowledge: the bundled 2 operations, then 100, 1,000
and 5,000 synthetic ones.

For each size, synthetic knowledge (benchmarks.synthetic) is written as YAML to a temporary
folder and measured in fresh processes, so that memory and start-up are the engine's alone:

- start-up cold (no compiled cache yet: read the YAML, validate, build the indexes, write the
  cache) and warm (a second process that finds the cache), each as imports + load + index;
- the whole mix of messages (benchmarks.mix: figures, refusals, "who said", other facts,
  follow-ups, reporting, emergencies), each message timed once, on its first pass, in the
  warm process; p50 and p99 per kind, and how many replies were right;
- resident memory after loading, and again with the Telegram stack imported (as `enquiry-bot
  run` has it), and the peak.

Saves a table and a PNG plot of p99 per kind against size.

    python -m benchmarks.scale [--sizes 100 1000 5000] [--count N] [--out F.md] [--plot F.png]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START = time.perf_counter()

ROOT = Path(__file__).resolve().parent.parent
SIZES = [100, 1000, 5000]
PER_KIND = 200
WARM_UP = ("hello", "how many arrests?", "is live chat open")  # lazy imports, not the engine


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident memory (or its peak, VmHWM) in MB, from /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def measure(directory: Path, cache: Path | None, per_kind: int, startup_only: bool) -> dict:
    """In this (fresh) process: start the engine on `directory` as the commands do (from the
    compiled cache in `cache` when it is there), then answer the mix."""
    from bot.startup import start_engine

    imported = time.perf_counter()
    engine = start_engine(directory, cache)
    started = time.perf_counter()
    knowledge = engine.k
    result = {"operations": len(knowledge.operations),
              "figures": sum(len(op.figures) for op in knowledge.operations),
              "import_s": imported - START, "knowledge_s": started - imported,
              "startup_s": started - START, "startup_cpu_s": time.process_time()}
    if startup_only:
        return result
    result["rss_mb"] = rss_mb()
    result.update(answer_mix(engine, knowledge, per_kind))
    # numpy is no dependency of the bot: matplotlib (for the plot) brings it into the bench's
    # venv, and sqlite-utils imports it when it is there (~11 MB a deployment never pays)
    sys.modules.setdefault("numpy", None)  # type: ignore[assignment]
    import telegram.ext  # noqa: F401 - the stack `enquiry-bot run` adds

    import bot.telegram_bot  # noqa: F401

    result["rss_telegram_mb"] = rss_mb()
    result["peak_mb"] = rss_mb("VmHWM")
    return result


def answer_mix(engine, knowledge, per_kind: int) -> dict:
    import re

    from benchmarks.mix import KINDS, mix
    from benchmarks.report import median, percentile
    from bot import clock
    from bot.conversation import Conversation
    from bot.render import to_text

    now = clock.now()
    for text in WARM_UP:
        engine.answer(text, Conversation(), now)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    walls: dict[str, list[float]] = {kind: [] for kind in KINDS}
    right: dict[str, int] = dict.fromkeys(KINDS, 0)
    for message in mix(knowledge, per_kind):
        conversation = Conversation()
        for turn in message.setup:
            engine.answer(turn, conversation, now)
        start, cpu = time.perf_counter(), time.thread_time()
        answer = engine.answer(message.text, conversation, now)
        times[message.kind].append((time.thread_time() - cpu) * 1000)
        walls[message.kind].append((time.perf_counter() - start) * 1000)
        right[message.kind] += _is_right(message, answer, to_text(answer), re)
    return {"kinds": {kind: {"p50_ms": median(t), "p99_ms": percentile(t, 99),
                             "max_ms": max(t), "n": len(t), "right": right[kind],
                             "wall_p50_ms": median(walls[kind]),
                             "wall_p99_ms": percentile(walls[kind], 99)}
                      for kind, t in times.items()}}


def _is_right(message, answer, text: str, re) -> bool:
    if message.emergency:
        return answer.kind == "emergency"
    if message.answered is not None and answer.answered != message.answered:
        return False
    return all(re.search(rx, text, re.I) for rx in message.must)


def child(directory: Path, cache: Path, per_kind: int, startup_only: bool = False) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.scale", "--measure", str(directory),
           "--cache", str(cache), "--count", str(per_kind)]
    if startup_only:
        cmd.append("--startup-only")
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=3600)
    if out.returncode != 0:
        raise RuntimeError(f"measuring {directory} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_size(directory: Path, per_kind: int) -> dict:
    """Start-up cold, then warm with the mix, each in a fresh process, one cache folder."""
    with tempfile.TemporaryDirectory(prefix="scale-cache-") as cache:
        cold = child(directory, Path(cache), per_kind, startup_only=True)
        warm = child(directory, Path(cache), per_kind)
    warm["cold"] = cold
    return warm


def _startup(r: dict) -> str:
    return (f"{r['startup_s']:.2f} ({r['import_s']:.2f} + {r['knowledge_s']:.2f}); "
            f"CPU {r['startup_cpu_s']:.2f}")


def tables(rows: list[tuple[str, dict]]) -> str:
    from benchmarks.mix import KINDS
    from benchmarks.report import markdown_table

    base = max(k["p99_ms"] for k in rows[0][1]["kinds"].values())
    summary = markdown_table(
        ["knowledge", "operations", "figures",
         "start-up cold s (imports + knowledge and indexes); CPU s", "start-up warm s",
         "RSS MB", "RSS MB with Telegram", "peak MB", "worst p99 ms", "× bundled", "right"],
        [[label, f"{r['operations']:,}", f"{r['figures']:,}", _startup(r["cold"]), _startup(r),
          f"{r['rss_mb']:.0f}", f"{r['rss_telegram_mb']:.0f}", f"{r['peak_mb']:.0f}",
          f"{worst(r):.2f} ({worst_kind(r)})", f"{worst(r) / base:.1f}",
          f"{sum(k['right'] for k in r['kinds'].values())}/"
          f"{sum(k['n'] for k in r['kinds'].values())}"]
         for label, r in rows])
    latency = markdown_table(
        ["knowledge", *KINDS],
        [[label, *(f"{r['kinds'][k]['p50_ms']:.2f} / {r['kinds'][k]['p99_ms']:.2f}"
                   for k in KINDS)] for label, r in rows])
    right = markdown_table(
        ["knowledge", *KINDS],
        [[label, *(f"{r['kinds'][k]['right']}/{r['kinds'][k]['n']}" for k in KINDS)]
         for label, r in rows])
    wall = markdown_table(
        ["knowledge", *KINDS],
        [[label, *(f"{r['kinds'][k]['wall_p50_ms']:.2f} / {r['kinds'][k]['wall_p99_ms']:.2f}"
                   for k in KINDS)] for label, r in rows])
    return "\n\n".join([summary, "p50 / p99 ms per kind of message, CPU time of the answering "
                        "thread (each message timed once):", latency,
                        "The same in wall-clock time (includes waiting for the CPU while other "
                        "processes run):", wall, "Right replies per kind:", right])


def worst_kind(r: dict) -> str:
    return max(r["kinds"], key=lambda k: r["kinds"][k]["p99_ms"])


def worst(r: dict) -> float:
    return r["kinds"][worst_kind(r)]["p99_ms"]


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib
    import matplotlib.ticker

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from benchmarks.mix import KINDS

    sizes = [r["operations"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.4), dpi=120)
    for kind in KINDS:
        ax.plot(sizes, [r["kinds"][kind]["p99_ms"] for r in rows], "o-", label=kind)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xlabel("operations in the knowledge")
    ax.set_ylabel("p99 time to answer one message (ms)")
    ax.set_title("p99 per kind of message against knowledge size")
    ax.grid(True, alpha=0.3, which="both")
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=SIZES)
    ap.add_argument("--out", type=Path, default=None, help="also write the table here")
    ap.add_argument("--plot", type=Path, default=None, help="save a PNG plot here")
    ap.add_argument("--count", type=int, default=PER_KIND, help="messages per kind and size")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # child process mode
    ap.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--startup-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.cache, args.count, args.startup_only)))
        return 0

    from benchmarks.report import machine_line, publish
    from benchmarks.synthetic import write_knowledge
    from bot.knowledge import default_knowledge_dir

    rows = [("bundled", measure_size(default_knowledge_dir(), args.count))]
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"knowledge-{size}-") as tmp:
            write_knowledge(Path(tmp), size)
            rows.append((f"synthetic {size:,}", measure_size(Path(tmp), args.count)))
        print(f"measured {size:,} operations", file=sys.stderr)
    lines = ["# Engine cost against knowledge size", "",
             f"Measured {machine_line()}; each size in fresh processes: one cold start (no "
             f"compiled cache), then a warm start that answers {args.count} messages of each "
             "kind, shuffled, each timed once on its first pass (after warming up on "
             f"{len(WARM_UP)} unrelated messages). A follow-up's first turn is not timed.",
             "Start-up is imports + loading the knowledge and building the engine's indexes "
             "(bot.startup.start_engine, as the commands start), in wall-clock seconds, then "
             "the CPU seconds the process used (what it costs, whatever else the machine "
             "runs). RSS "
             "is the whole process after loading, then with python-telegram-bot and the bot's "
             "Telegram front end imported; peak is the most it held. × bundled: the worst "
             "p99 against the bundled knowledge's worst p99 in the same run.", "",
             tables(rows)]
    if args.plot:
        plot([r for _, r in rows], args.plot)
        lines += ["", f"![p99 per kind against size]({args.plot.name})"]
    publish("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
