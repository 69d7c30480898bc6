"""The README's speed figures are the results files' figures: `make bench` rewrites them with
benchmarks/readme_figures.py, and this test fails if anyone edits them by hand or forgets."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.readme_figures import main

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def test_the_readme_agrees_with_the_results_files():
    assert main(["--check"]) == 0, "run `python -m benchmarks.readme_figures` (make bench does)"


def test_a_new_measurement_rewrites_the_readme_block_only(tmp_path: Path, capsys):
    readme, results = tmp_path / "README.md", tmp_path / "results"
    shutil.copy(ROOT / "README.md", readme)
    shutil.copytree(RESULTS, results)
    accuracy = results / "accuracy.md"
    row = next(line for line in accuracy.read_text().splitlines() if line.startswith("| engine"))
    cells = row.split("|")
    cells[7] = " 2.100 "  # p99 ms, as a re-run on a busy machine might measure
    accuracy.write_text(accuracy.read_text().replace(row, "|".join(cells)))
    args = ["--readme", str(readme), "--results", str(results)]
    assert main([*args, "--check"]) == 1
    assert main(args) == 0
    text = readme.read_text()
    assert "| 0.33 | 2.10 |" in text and main([*args, "--check"]) == 0
    before, after = (ROOT / "README.md").read_text(), text
    start = before.index("<!-- measured:start")
    assert after[:start] == before[:start]  # nothing outside the block changed
    end = "<!-- measured:end -->"
    assert after[after.index(end):] == before[before.index(end):]


def test_missing_results_say_so_instead_of_a_figure(tmp_path: Path):
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    (tmp_path / "empty").mkdir()
    assert main(["--readme", str(readme), "--results", str(tmp_path / "empty")]) == 0
    block = readme.read_text().split("<!-- measured:start")[1].split("<!-- measured:end")[0]
    assert block.count("not measured yet: run `make bench`") == 5  # one per results file
    assert "ms" not in block.replace("`make bench`", "")
