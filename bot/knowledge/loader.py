"""Load `knowledge/` from YAML, validate it, and cross-check its references.

Every problem is reported with the file and the field, e.g.
``operations/sceptre.yaml: operation.figures.2.value: Input should be a valid number``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.knowledge.models import (
    Force,
    ForcesFile,
    Knowledge,
    Metric,
    MetricsFile,
    OperationFile,
    Reporting,
)

MAX_FILE_BYTES = 2_000_000
# libyaml's C parser when PyYAML has it (about ten times faster on large knowledge folders)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeError(Exception):
    """The knowledge folder has problems; `problems` lists each as 'file: field: message'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _field(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(top level)"


def _read_yaml(path: Path, rel: str, problems: list[str]) -> Any:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(f"{rel}: (file): larger than {MAX_FILE_BYTES} bytes")
            return None
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
    except UnicodeDecodeError:
        problems.append(f"{rel}: (file): not UTF-8 text")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        problems.append(f"{rel}: {where}: not valid YAML ({getattr(exc, 'problem', exc)})")
    return None


def _validate(model: type, data: Any, rel: str, problems: list[str]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(f"{rel}: {_field(err['loc'])}: {err['msg']}")
    return None


def load_knowledge(directory: str | Path) -> Knowledge:
    """Read every *.yaml file below `directory`; raise KnowledgeError listing all problems."""
    root = Path(directory)
    if not root.is_dir():
        raise KnowledgeError([f"{root}: (folder): not found or not a folder"])
    problems: list[str] = []
    forces: dict[str, tuple[Force, str]] = {}
    metrics: dict[str, tuple[Metric, str]] = {}
    op_files: list[tuple[OperationFile, str]] = []
    reporting: tuple[Reporting, str] | None = None
    reporting_files = 0

    def add_force(force: Force, rel: str, field: str) -> None:
        if force.id in forces and forces[force.id][0] != force:
            problems.append(f"{rel}: {field}: force id '{force.id}' already defined in "
                            f"{forces[force.id][1]} differently")
        forces.setdefault(force.id, (force, rel))

    def add_metric(metric: Metric, rel: str, field: str) -> None:
        if metric.id in metrics and metrics[metric.id][0] != metric:
            problems.append(f"{rel}: {field}: metric id '{metric.id}' already defined in "
                            f"{metrics[metric.id][1]} differently")
        metrics.setdefault(metric.id, (metric, rel))

    paths = knowledge_files(root)
    if not paths:
        raise KnowledgeError([f"{root}: (folder): no .yaml files"])
    for path in paths:
        rel = str(path.relative_to(root))
        data = _read_yaml(path, rel, problems)
        if data is None:
            if not any(p.startswith(rel + ":") for p in problems):
                problems.append(f"{rel}: (top level): the file is empty or holds no data")
            continue
        if not isinstance(data, dict):
            problems.append(f"{rel}: (top level): expected a mapping of fields")
            continue
        if "operation" in data:
            parsed = _validate(OperationFile, data, rel, problems)
            if parsed:
                op_files.append((parsed, rel))
                for i, f in enumerate(parsed.forces):
                    add_force(f, rel, f"forces.{i}.id")
                for i, m in enumerate(parsed.metrics):
                    add_metric(m, rel, f"metrics.{i}.id")
        elif "channels" in data:
            reporting_files += 1
            parsed = _validate(Reporting, data, rel, problems)
            if parsed:
                if reporting:
                    problems.append(f"{rel}: channels: reporting guidance already in "
                                    f"{reporting[1]}")
                reporting = (parsed, rel)
        elif "forces" in data:
            parsed = _validate(ForcesFile, data, rel, problems)
            for i, f in enumerate(parsed.forces if parsed else []):
                add_force(f, rel, f"forces.{i}.id")
        elif "metrics" in data:
            parsed = _validate(MetricsFile, data, rel, problems)
            for i, m in enumerate(parsed.metrics if parsed else []):
                add_metric(m, rel, f"metrics.{i}.id")
        else:
            keys = ", ".join(sorted(map(str, data))) or "nothing"
            problems.append(f"{rel}: (top level): expected one of operation, channels, forces, "
                            f"metrics; found {keys}")

    seen_ops: dict[str, str] = {}
    for op_file, rel in op_files:
        op = op_file.operation
        if op.id in seen_ops:
            problems.append(f"{rel}: operation.id: '{op.id}' is also used by {seen_ops[op.id]}")
        seen_ops[op.id] = rel
        refs = [("operation.lead_force", op.lead_force)]
        refs += [(f"operation.forces.{i}", f) for i, f in enumerate(op.forces)]
        refs += [(f"operation.figures.{i}.scope", fig.scope) for i, fig in enumerate(op.figures)
                 if fig.scope != "all"]
        refs += [(f"operation.units.{i}.force", u.force) for i, u in enumerate(op.units)]
        refs += [(f"operation.people.{i}.force", p.force) for i, p in enumerate(op.people)]
        for field, ref in refs:
            if ref is not None and ref not in forces:
                problems.append(f"{rel}: {field}: unknown force '{ref}' (define it in forces.yaml "
                                f"or in this file's forces list)")
        for i, fig in enumerate(op.figures):
            if fig.metric not in metrics and not fig.what:
                problems.append(f"{rel}: operation.figures.{i}.metric: unknown metric "
                                f"'{fig.metric}' and no 'what' saying what was counted")

    if reporting is None:
        if not reporting_files:
                problems.append(f"{root}: (folder): no reporting guidance (a file with "
                                "'channels')")
    else:
        rep, rel = reporting
        ids = {c.id for c in rep.channels}
        for i, sit in enumerate(rep.situations):
            for j, cid in enumerate(sit.channels):
                if cid not in ids:
                    problems.append(f"{rel}: situations.{i}.channels.{j}: unknown channel '{cid}'")
        for field in ("emergency", "non-emergency"):
            if field not in ids:
                problems.append(f"{rel}: channels: no channel with id '{field}'")
    if problems:
        raise KnowledgeError(problems)
    assert reporting is not None
    return Knowledge(
        operations=[f.operation for f, _ in op_files],
        sources={f.operation.id: f.source for f, _ in op_files},
        forces={k: v for k, (v, _) in forces.items()},
        metrics={k: v for k, (v, _) in metrics.items()},
        reporting=reporting[0],
    )


def knowledge_files(root: Path) -> list[Path]:
    """The YAML files below `root` that are served, in a stable order: never a draft."""
    found: list[tuple[tuple[str, ...], str]] = []
    for folder, subfolders, names in os.walk(root):  # as rglob, but without a Path per step
        parts = Path(folder).parts
        subfolders[:] = [d for d in subfolders if d != "drafts"]
        found += ((parts + (name,), os.path.join(folder, name)) for name in names
                  if os.path.splitext(name)[1] in (".yaml", ".yml")
                  and os.path.isfile(os.path.join(folder, name)))
    found.sort()  # a path's own order (by its parts)
    return [Path(path) for _, path in found]


def default_knowledge_dir() -> Path:
    """The bundled knowledge: `knowledge/` beside the package in a checkout."""
    return Path(__file__).resolve().parents[2] / "knowledge"
