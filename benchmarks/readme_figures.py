"""Write the README's measured speed figures from the files `make bench` leaves in
benchmarks/results/, so that no figure is ever copied by hand.

The block between the two markers in README.md is replaced; everything else is left alone.
`make bench` runs this last; `--check` exits 1 if the README and the results disagree (a test
runs it, so a hand edit or a forgotten re-run shows in `make test`).

    python -m benchmarks.readme_figures [--check] [--readme README.md] [--results DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = ("<!-- measured:start: written by `python -m benchmarks.readme_figures` from "
         "benchmarks/results/ (make bench runs it); do not edit by hand -->")
END = "<!-- measured:end -->"
MISSING = "not measured yet: run `make bench`"


def table(markdown: str) -> list[dict[str, str]]:
    """The first markdown table's rows, each as {header: cell}."""
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    if len(rows) < 3:
        return []
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows]
    return [dict(zip(cells[0], row, strict=False)) for row in cells[2:]]


def measured_when(markdown: str) -> str:
    """'2026-11-21 18:17 UTC, load average 1.3' from a results file's 'Measured …' line."""
    m = re.search(r"Measured ([\d-]+ [\d:]+ UTC);.*?load average ([\d.]+)", markdown)
    return f"measured {m.group(1)}, load average {m.group(2)}" if m else "date not recorded"


def column(row: dict[str, str], start: str) -> str:
    return next(v for k, v in row.items() if k.startswith(start))


def short_ms(text: str) -> str:
    return f"{float(text):.2f}"


def percent(cell: str) -> str:
    """'100.0 % (613/613)' → '100 %'; '33.4 % (205/613)' → '33.4 %'."""
    value = float(cell.split("%")[0])
    return f"{value:g} %" if value != 100 else "100 %"


def accuracy_block(path: Path) -> list[str]:
    head = ("**Against the usual ways of building such a bot**, on the same single-turn "
            "enquiries and the same knowledge")
    if not path.exists():
        return [f"{head}: {MISSING}."]
    text = path.read_text(encoding="utf-8")
    rows = table(text)
    asked = re.search(r"(\d[\d,]*) single-turn enquiries", text)
    lines = [f"{head} ({asked.group(1) if asked else '?'} of them; `{rel(path)}`, "
             f"{measured_when(text)}; the baselines' cut-offs are the best of a sweep):", "",
             "| system | accuracy | out-of-scope refused | p50 ms | p99 ms | engine faster "
             "(p50 / p99) |", "| --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        lines.append(f"| {row['system']} | {percent(row['accuracy'])} | "
                     f"{percent(column(row, 'out-of-scope'))} | {short_ms(row['p50 ms'])} | "
                     f"{short_ms(row['p99 ms'])} | {column(row, 'engine faster')} |")
    embedding = next((r for r in rows if "MiniLM" in r["system"]), None)
    if embedding:
        p50, _, p99 = column(embedding, "engine faster").partition(" / ")
        lines += ["", f"The engine is {round(float(p50.rstrip('×')))}× faster per query than "
                      f"the embedding baseline at the median and "
                      f"{round(float(p99.rstrip('×')))}× at p99."]
    follow = re.search(r"Follow-up conversations.*?(\d+/\d+) passed", text)
    if follow:
        lines.append(f"Follow-ups: {follow.group(1)} (the baselines keep no context).")
    return lines


def scale_block(path: Path) -> list[str]:
    """The scale study's summary table: start-up, memory and the worst p99 at each size (the
    per-kind figures stay in the results file)."""
    head = "**Cost as the knowledge grows** (the whole mix of messages at each size"
    if not path.exists():
        return [f"{head}): {MISSING}."]
    text = path.read_text(encoding="utf-8")
    first = text[text.index("|"):].split("\n\n", 1)[0] if "|" in text else ""
    lines = [f"{head}; `{rel(path)}`, {measured_when(text)}; CPU time, each message timed "
             "once on its first pass):", "",
             "| operations | warm start-up, CPU s | memory with Telegram | worst p99 ms | right |",
             "| --- | --- | --- | --- | --- |"]
    for row in table(first):
        ops = row["operations"] + (" (bundled)" if row["knowledge"] == "bundled" else "")
        warm = column(row, "start-up warm").rsplit("CPU", 1)[-1].strip()
        lines.append(f"| {ops} | {warm} | {column(row, 'RSS MB with Telegram')} MB | "
                     f"{row['worst p99 ms']} | {row['right']} |")
    return lines


def numbers(line: str) -> list[str]:
    return re.findall(r"\d[\d,]*\.?\d*", line)


def telegram_line(path: Path) -> str:
    head = "**Telegram**"
    if not path.exists():
        return f"{head}: {MISSING}."
    text = path.read_text(encoding="utf-8")
    base = next((numbers(line) for line in text.splitlines() if line.startswith("baseline")), [])
    full = next((numbers(line) for line in text.splitlines() if line.startswith("full")), [])
    if len(base) < 3 or len(full) < 3:
        return f"{head}: `{rel(path)}` has no figures; run `make bench`."
    return (f"{head} (`{rel(path)}`, {measured_when(text)}): {full[-3]} updates/s through "
            f"the whole python-telegram-bot pipeline with no network (p50 {full[-2]} ms, "
            f"p99 {full[-1]} ms), against {base[-3]}/s for the engine and renderer alone in "
            "the same run; Telegram allows a bot about 30 messages a second.")


def triage_line(path: Path) -> str:
    head = "**Triage**"
    if not path.exists():
        return f"{head}: {MISSING}."
    text = path.read_text(encoding="utf-8")
    rows = {line.split("  ")[0]: numbers(line.split("  ", 1)[1])
            for line in text.splitlines() if line.startswith(("labelled", "20,000"))}
    typical = next((v for k, v in rows.items() if k.startswith("labelled")), None)
    hostile = next((v for k, v in rows.items() if k.startswith("20,000")), None)
    if not typical or not hostile:
        return f"{head}: `{rel(path)}` has no figures; run `make bench`."
    return (f"{head} (`{rel(path)}`, {measured_when(text)}): {typical[1]} ms a message at "
            f"the median (it runs first on every message), {typical[2]} ms at p99; "
            f"{hostile[1]} ms median and {hostile[2]} ms p99 on hostile 20,000-character input.")


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return path.name


def faults_block(path: Path) -> list[str]:
    """The fault benchmark's findings (kill -9, the emergency behind a queue, SIGTERM, slow
    sends, memory per chat), one bullet a line of the results file."""
    head = "**Faults** (the real bot against the fake Bot API on 127.0.0.1"
    if not path.exists():
        return [f"{head}): {MISSING}."]
    text = path.read_text(encoding="utf-8")
    found = [line.strip() for line in text.splitlines()
             if ":" in line and not line.startswith(("Measured", "Fault benchmark"))]
    return [f"{head}; `{rel(path)}`, {measured_when(text)}):", ""] + [f"- {f}" for f in found]


def block(results: Path) -> str:
    lines = [START, ""]
    lines += accuracy_block(results / "accuracy.md") + [""]
    lines += scale_block(results / "scale.md") + [""]
    lines += [telegram_line(results / "telegram_throughput.txt"), "",
              triage_line(results / "triage_speed.txt"), ""]
    lines += faults_block(results / "faults.txt") + ["", END]
    return "\n".join(lines)


def replace_block(readme: str, new_block: str) -> str:
    start, end = readme.find(START.split(":", 2)[0] + ":start"), readme.find(END)
    if start < 0 or end < 0:
        raise SystemExit(f"README has no measured block ({START[:22]}… … {END})")
    return readme[:start] + new_block + readme[end + len(END):]


def stamp() -> str:
    """'Measured 2026-12-02 17:05 UTC; 2 cores; Python 3.11.7; load average 1.3 at the start.'
    for results files whose benchmark prints no such line (make bench puts it first)."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    cpu = platform.processor() or platform.machine()
    return (f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {cpu}, {os.cpu_count()} cores; "
            f"Python {platform.python_version()}; load average {load:.1f} at the start.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--stamp", action="store_true",
                        help="print the line saying when and under what load, then exit")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the README's figures differ from the results files")
    args = parser.parse_args(argv)
    if args.stamp:
        print(stamp())
        return 0
    readme = args.readme.read_text(encoding="utf-8")
    updated = replace_block(readme, block(args.results))
    if args.check:
        if updated != readme:
            print(f"{args.readme}: the measured figures differ from {args.results}; run "
                  "`python -m benchmarks.readme_figures` (make bench does)", file=sys.stderr)
            return 1
        return 0
    if updated != readme:
        args.readme.write_text(updated, encoding="utf-8")
        print(f"{args.readme}: measured figures updated from {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
