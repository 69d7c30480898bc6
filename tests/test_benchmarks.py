"""The benchmarks still run against the current knowledge schema and engine (small sizes only;
they print figures, and no test here asserts a time)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_module(module: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_scale_benchmark_loads_synthetic_knowledge_through_the_real_loader(tmp_path):
    out = tmp_path / "scale.md"
    done = run_module("benchmarks.scale", "--sizes", "10", "--count", "10", "--out", str(out))
    assert done.returncode == 0, done.stderr
    table = out.read_text(encoding="utf-8")
    assert "| bundled |" in table and "| synthetic 10 | 10 |" in table
    # every kind of message is timed, and whether its replies were right is counted
    assert "| knowledge | figures | refusals | who said | facts | follow-ups | reporting | " \
        "emergencies |" in table
    assert table.count("10/10") + table.count("9/10") >= 7


@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None,
                    reason="needs the bench extra (scikit-learn)")
def test_accuracy_benchmark_compares_engine_and_baselines_on_the_same_questions(tmp_path):
    out = tmp_path / "accuracy.md"
    done = run_module("benchmarks.accuracy", "--no-embeddings", "--out", str(out))
    assert done.returncode == 0, done.stderr
    table = out.read_text(encoding="utf-8")
    for system in ("| engine |", "rapidfuzz WRatio, cut-off 60", "TF-IDF cosine"):
        assert system in table


def test_fault_benchmark_memory_study_drives_the_real_pipeline():
    done = run_module("benchmarks.faults_memory", "--chats", "1100")
    assert done.returncode == 0, done.stderr
    first, last = (float(v) for v in done.stdout.split()[-2:])
    assert first > 0 and last > 0  # RSS after 1,000 and after 1,100 chats, in MB
