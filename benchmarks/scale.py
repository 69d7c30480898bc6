"""How the engine's cost grows with the knowledge: 10, 100, 1,000 and 5,000 operations.

For each size, synthetic knowledge (benchmarks.synthetic) is written as YAML to a temporary
folder and measured in a fresh process, so that memory and start-up are the engine's alone:
start-up (imports + load + index), resident memory, answer p50 / p99 and accuracy on questions
about random operations (30 % with a typo in the operation's name). The bundled knowledge is
measured the same way for reference. Saves a table and a PNG plot of latency against size.

    python -m benchmarks.scale [--sizes 10 100 1000 5000] [--out FILE.md] [--plot FILE.png]
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
SIZES = [10, 100, 1000, 5000]
QUESTIONS = 1000
REPEAT = 3


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident memory (or its peak, VmHWM) in MB, from /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def measure(directory: Path, count: int) -> dict:
    """In this (fresh) process: load and index `directory`, then answer generated questions."""
    import re

    from benchmarks.report import median, percentile, time_each
    from benchmarks.synthetic import Question, questions
    from bot import clock
    from bot.conversation import Conversation
    from bot.engine import Engine
    from bot.knowledge import load_knowledge
    from bot.render import to_text

    imported = time.perf_counter()
    rss_before = rss_mb()
    knowledge = load_knowledge(directory)
    loaded = time.perf_counter()
    engine = Engine(knowledge)
    indexed = time.perf_counter()
    rss_after = rss_mb()

    asked = questions(knowledge, count)
    now = clock.now()

    def reply(question: Question) -> tuple[bool, str]:
        answer = engine.answer(question.q, Conversation(), now)
        return answer.answered, to_text(answer)

    replies, latencies = time_each(reply, asked, repeat=REPEAT)
    oks = [answered and all(re.search(rx, text, re.I) for rx in q.must)
           for (answered, text), q in zip(replies, asked, strict=True)]
    right = sum(oks)
    typos = sum(q.typo for q in asked)
    typo_right = sum(ok for ok, q in zip(oks, asked, strict=True) if q.typo)
    n = len(latencies)
    return {
        "operations": len(knowledge.operations),
        "figures": sum(len(op.figures) for op in knowledge.operations),
        "import_s": imported - START,
        "load_s": loaded - imported,
        "index_s": indexed - loaded,
        "startup_s": indexed - START,
        "rss_mb": rss_after,
        "rss_knowledge_mb": rss_after - rss_before,
        "peak_mb": rss_mb("VmHWM"),
        "p50_ms": median(latencies),
        "p99_ms": percentile(latencies, 99),
        "questions": n,
        "accuracy": right / n,
        "typo_accuracy": typo_right / typos if typos else float("nan"),
    }


def measure_in_subprocess(directory: Path, count: int) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.scale", "--measure", str(directory),
           "--count", str(count)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(f"measuring {directory} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[tuple[str, dict]]) -> str:
    from benchmarks.report import markdown_table

    return markdown_table(
        ["knowledge", "operations", "figures", "start-up s (import + load + index)",
         "RSS MB (knowledge + index)", "p50 ms", "p99 ms", "accuracy", "with a typo",
         "questions"],
        [[label, f"{r['operations']:,}", f"{r['figures']:,}",
          f"{r['startup_s']:.2f} ({r['import_s']:.2f} + {r['load_s']:.2f} + {r['index_s']:.2f})",
          f"{r['rss_mb']:.0f} ({r['rss_knowledge_mb']:+.0f})", f"{r['p50_ms']:.3f}",
          f"{r['p99_ms']:.3f}", f"{100 * r['accuracy']:.1f} %",
          f"{100 * r['typo_accuracy']:.1f} %", str(r["questions"])]
         for label, r in rows])


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib
    import matplotlib.ticker

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["operations"] for r in rows]
    fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=120)
    ax.plot(sizes, [r["p50_ms"] for r in rows], "o-", label="p50")
    ax.plot(sizes, [r["p99_ms"] for r in rows], "s-", label="p99")
    ax.set_xscale("log")
    ax.set_ylim(bottom=0, top=max(r["p99_ms"] for r in rows) * 1.3)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xlabel("operations in the knowledge")
    ax.set_ylabel("time to answer one message (ms)")
    ax.set_title("Engine latency against knowledge size")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=SIZES)
    ap.add_argument("--out", type=Path, default=None, help="also write the table here")
    ap.add_argument("--plot", type=Path, default=None, help="save a PNG plot here")
    ap.add_argument("--count", type=int, default=QUESTIONS, help="questions per size")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # child process mode
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.count)))
        return 0

    from benchmarks.report import machine_line, publish
    from benchmarks.synthetic import write_knowledge
    from bot.knowledge import default_knowledge_dir

    rows = [("bundled", measure_in_subprocess(default_knowledge_dir(), args.count))]
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"knowledge-{size}-") as tmp:
            write_knowledge(Path(tmp), size)
            rows.append((f"synthetic {size:,}", measure_in_subprocess(Path(tmp), args.count)))
        print(f"measured {size:,} operations", file=sys.stderr)
    lines = ["# Engine cost against knowledge size", "",
             f"Measured {machine_line()}, one process per size, one message at a time "
             f"(each the median of {REPEAT} runs).",
             "RSS is the whole process after loading and indexing (in brackets: what loading "
             "and indexing added). Questions ask for a figure of a random operation; right "
             "means answered with that figure and the operation's name.", "",
             table(rows)]
    if args.plot:
        plot([r for _, r in rows[1:]], args.plot)
        lines += ["", f"![latency against size]({args.plot.name})"]
    publish("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
