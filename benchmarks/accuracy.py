"""The engine against three usual FAQ-bot designs, in one process, on the same questions.

Questions: the single-turn cases of the project's question files (tests/enquiries/*.yaml),
judged by exactly the rules of `enquiry-bot eval`. Baselines are built from FAQ phrasings
generated from the same knowledge (benchmarks.faq); a baseline answers with the facts of the
entry it matched, and refuses below its cut-off. The rapidfuzz cut-off is the usual 60; the
TF-IDF and embedding cut-offs are swept and the best one for that baseline is reported, so the
comparison favours the baselines.

    python -m benchmarks.accuracy [--questions FILE…] [--out benchmarks/results/accuracy.md]
"""

from __future__ import annotations

import argparse
import html
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.baselines import Baseline, EmbeddingBaseline, FuzzyBaseline, TfidfBaseline
from benchmarks.faq import Entry, faq_entries
from benchmarks.report import (
    machine_line,
    markdown_table,
    median,
    percentile,
    publish,
    time_each,
)
from bot import clock
from bot.conversation import Conversation
from bot.engine import Engine
from bot.evaluation import Case, Reply, check_reply, evaluate, figure_patterns, load_cases
from bot.knowledge import Knowledge, default_knowledge_dir, load_knowledge
from bot.render import to_html, to_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = sorted((ROOT / "tests" / "enquiries").glob("*.yaml"))
REFUSAL = ("Sorry, I don't know that. For anything else call 101 or report online; "
           "in an emergency call 999.")
SWEEP = [round(0.05 * i, 2) for i in range(1, 20)]
REPEAT = 3


@dataclass
class Run:
    """One system's replies to the questions, and what each took."""

    name: str
    build_s: float
    replies: list[Reply]
    latencies_ms: list[float]
    cutoff: str = ""
    scores: dict[str, tuple[int, int]] = field(default_factory=dict)


def judge(cases: Sequence[Case], replies: Sequence[Reply], figures: list[str]
          ) -> dict[str, tuple[int, int]]:
    """Category → (passed, total), plus 'all'."""
    out: dict[str, list[int]] = {}
    for case, reply in zip(cases, replies, strict=True):
        ok = not check_reply(case.turns[0], reply, figures)
        for key in (case.category, "all"):
            out.setdefault(key, [0, 0])
            out[key][0] += ok
            out[key][1] += 1
    return {k: (p, t) for k, (p, t) in out.items()}


def run_engine(knowledge: Knowledge, cases: Sequence[Case], figures: list[str]) -> Run:
    start = time.perf_counter()
    engine = Engine(knowledge)
    build = time.perf_counter() - start
    now = clock.now()

    def reply(case: Case) -> Reply:
        answer = engine.answer(case.turns[0].q, Conversation(), case.now or now)
        return Reply(answer.answered, to_text(answer), to_html(answer))

    replies, latencies = time_each(reply, cases, repeat=REPEAT)
    return Run("engine", build, replies, latencies, "", judge(cases, replies, figures))


def baseline_reply(entry: Entry | None) -> Reply:
    if entry is None:
        return Reply(False, REFUSAL, html.escape(REFUSAL))
    return Reply(True, entry.text, html.escape(entry.text))


def run_baseline(kind: type[Baseline], entries: list[Entry], cases: Sequence[Case],
                 figures: list[str]) -> Run:
    start = time.perf_counter()
    baseline = kind(entries)
    build = time.perf_counter() - start
    hits, latencies = time_each(lambda case: baseline.best(case.turns[0].q), cases,
                                  repeat=REPEAT)

    def replies_at(cutoff: float) -> list[Reply]:
        return [baseline_reply(entries[i] if i is not None and s >= cutoff else None)
                for i, s in hits]

    cutoffs = SWEEP if kind.tunable else [kind.cutoff]
    best = max(cutoffs, key=lambda c: judge(cases, replies_at(c), figures)["all"][0])
    replies = replies_at(best)
    label = f"{best:g}" + (" (best of sweep)" if kind.tunable else "")
    return Run(kind.name, build, replies, latencies, label, judge(cases, replies, figures))


def rate(scores: dict[str, tuple[int, int]], key: str) -> str:
    passed, total = scores.get(key, (0, 0))
    return f"{100 * passed / total:.1f} % ({passed}/{total})" if total else "–"


def table(runs: list[Run]) -> str:
    engine = runs[0]
    e50, e99 = median(engine.latencies_ms), percentile(engine.latencies_ms, 99)
    rows = []
    for r in runs:
        p50, p99 = median(r.latencies_ms), percentile(r.latencies_ms, 99)
        speed = "1×" if r is engine else f"{p50 / e50:.1f}× / {p99 / e99:.1f}×"
        rows.append([r.name + (f", cut-off {r.cutoff}" if r.cutoff else ""),
                     rate(r.scores, "all"), rate(r.scores, "answers"),
                     rate(r.scores, "out-of-scope refused"), rate(r.scores, "emergencies"),
                     f"{p50:.3f}", f"{p99:.3f}", speed, f"{r.build_s:.2f}"])
    return markdown_table(
        ["system", "accuracy", "answers", "out-of-scope refused", "emergencies → 999",
         "p50 ms", "p99 ms", "engine faster (p50 / p99)", "build s"], rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--questions", nargs="+", type=Path, default=DEFAULT_QUESTIONS)
    ap.add_argument("--knowledge", type=Path, default=default_knowledge_dir())
    ap.add_argument("--out", type=Path, default=None, help="also write the table here")
    ap.add_argument("--no-embeddings", action="store_true",
                    help="skip the sentence-embedding baseline (no torch needed)")
    args = ap.parse_args(argv)

    knowledge = load_knowledge(args.knowledge)
    cases = load_cases(args.questions)
    single = [c for c in cases if not c.is_conversation]
    figures = figure_patterns(knowledge)
    entries = faq_entries(knowledge)

    runs = [run_engine(knowledge, single, figures)]
    kinds: list[type[Baseline]] = [FuzzyBaseline, TfidfBaseline]
    if not args.no_embeddings:
        kinds.append(EmbeddingBaseline)
    runs += [run_baseline(kind, entries, single, figures) for kind in kinds]

    follow = evaluate(Engine(knowledge), knowledge, [c for c in cases if c.is_conversation])
    lines = [
        "# Matching accuracy: engine vs. FAQ-bot baselines", "",
        f"Measured {machine_line()}.",
        f"{len(single)} single-turn enquiries from {', '.join(p.name for p in args.questions)}; "
        f"baselines match {sum(len(e.phrasings) for e in entries)} phrasings of "
        f"{len(entries)} FAQ entries generated from the same knowledge. Latency is per "
        f"message, one at a time, after a warm-up, the median of {REPEAT} runs; 'engine "
        "faster' is the baseline's time over the engine's. A refusal says 'in an emergency "
        "call 999', as the engine's does, so it counts for an emergency too.", "",
        table(runs), "",
        f"Follow-up conversations (engine only; the baselines keep no context): "
        f"{follow.passed}/{follow.total} passed.",
    ]
    publish("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
