"""What the importer already knows: forces and metrics in the target folder, the bundled
knowledge, and the table of UK forces; and where a text names a force.

The target folder is read leniently (a file it cannot parse is skipped): the importer must
work on a folder that is still being built, and `enquiry-bot check` reports such problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.importer.draft import DRAFTS
from bot.importer.uk_forces import UK_FORCES
from bot.knowledge import default_knowledge_dir
from bot.knowledge.models import Force, Metric

NOT_FORCES = frozenset({"nca"})


@dataclass
class Vocabulary:
    """Forces and metrics by id; `defined` says which ones the target folder already has."""

    forces: dict[str, Force] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    defined_forces: set[str] = field(default_factory=set)
    defined_metrics: set[str] = field(default_factory=set)
    operation_ids: dict[str, Path] = field(default_factory=dict)  # id → file in the target
    # (name, first date) → file in the target, to spot a release imported twice
    operation_dates: dict[tuple[str, str], Path] = field(default_factory=dict)
    _force_pattern: re.Pattern[str] | None = None
    _alias_to_id: dict[str, str] = field(default_factory=dict)

    def add_force(self, force: Force, *, defined: bool) -> None:
        self.forces.setdefault(force.id, force)
        if defined:
            self.forces[force.id] = force
            self.defined_forces.add(force.id)
        self._force_pattern = None

    def add_metric(self, metric: Metric, *, defined: bool) -> None:
        self.metrics.setdefault(metric.id, metric)
        if defined:
            self.metrics[metric.id] = metric
            self.defined_metrics.add(metric.id)

    def add_operation(self, op_id: str, name: object, start: object, path: Path) -> None:
        self.operation_ids[op_id] = path
        if isinstance(name, str) and isinstance(start, str):
            self.operation_dates[(name.lower(), start)] = path

    def find_forces(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, force id) of every force named in `text`, longest names first.

        A name must start with a capital letter in the text, so "we met" is not the Met.
        """
        if self._force_pattern is None:
            self._alias_to_id = {}
            for force in self.forces.values():
                for alias in [force.name, force.short or "", *force.aliases]:
                    alias = re.sub(r"^the\s+", "", alias.strip().lower())
                    if len(alias) >= 3:
                        self._alias_to_id.setdefault(alias, force.id)
            names = sorted(self._alias_to_id, key=len, reverse=True)
            self._force_pattern = re.compile(
                r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE
            )
        found = []
        for m in self._force_pattern.finditer(text):
            if m[0][0].isupper():
                found.append((m.start(), m.end(), self._alias_to_id[m[0].lower()]))
        return found


def load_vocabulary(target: Path) -> Vocabulary:
    """Forces and metrics from the target folder, then the bundled knowledge, then UK_FORCES."""
    vocab = Vocabulary()
    for data, path in _yaml_files(target):
        _add_definitions(vocab, data, defined=True)
        operation = data.get("operation")
        if isinstance(operation, dict) and isinstance(operation.get("id"), str):
            vocab.add_operation(operation["id"], operation.get("name"),
                                (operation.get("dates") or {}).get("start"), path)
    bundled = default_knowledge_dir()
    if bundled.resolve() != target.resolve():
        for data, _ in _yaml_files(bundled, operations=False):
            _add_definitions(vocab, data, defined=False)
    for force in UK_FORCES.values():
        if force.id in NOT_FORCES:
            continue  # the NCA is a partner agency, never one of an operation's forces
        vocab.add_force(force, defined=False)
    return vocab


def _add_definitions(vocab: Vocabulary, data: dict, *, defined: bool) -> None:
    """The forces and metrics a file defines (entries that do not validate are skipped)."""
    for item in data.get("forces") or []:
        if force := _parse(Force, item):
            vocab.add_force(force, defined=defined)
    for item in data.get("metrics") or []:
        if metric := _parse(Metric, item):
            vocab.add_metric(metric, defined=defined)


def _yaml_files(root: Path, *, operations: bool = True) -> list[tuple[dict, Path]]:
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*.y*ml")):
        if DRAFTS in path.relative_to(root).parts[:-1]:
            continue  # drafts define nothing until they are published
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and (operations or "operation" not in data):
            found.append((data, path))
    return found


def _parse(model: type[Force] | type[Metric], item: object) -> Any:
    try:
        return model.model_validate(item)
    except ValidationError:
        return None
