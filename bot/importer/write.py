"""Write an extraction as a knowledge file: YAML the loader accepts, with `# unsure:` comments
where the importer guessed, never overwriting a file unless asked to.

Files go to `<knowledge>/operations/<operation>-<force>-<date>.yaml`, so releases about the
same operation from different forces or dates never share a file name.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import yaml

from bot.importer.extract import Extraction
from bot.importer.reader import ReleaseError
from bot.importer.vocabulary import Vocabulary
from bot.knowledge.models import OperationFile

_WIDTH = 99
_YAML_WIDTH = 88


def target_path(extraction: Extraction, knowledge: Path, vocab: Vocabulary) -> Path:
    """Where the file goes. The same release imported again goes to the same file; another
    release that would get the same name (or operation id) gets a suffix: `-2`, `-3` ..."""
    folder = knowledge / "operations"
    stem = extraction.stem
    n = 1
    while (stem in vocab.operation_ids and vocab.operation_ids[stem] != folder / f"{stem}.yaml"
           or _other_release(folder / f"{stem}.yaml", extraction)):
        n += 1
        stem = f"{extraction.stem}-{n}"
    if stem != extraction.file.operation.id:
        extraction.file = extraction.file.model_copy(update={
            "operation": extraction.file.operation.model_copy(update={"id": stem})
        })
    return folder / f"{stem}.yaml"


def _other_release(path: Path, extraction: Extraction) -> bool:
    """True if `path` holds a file made from a different release (its title differs)."""
    if not path.exists():
        return False
    try:
        source = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("source") or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
        return False
    title = source.get("title") if isinstance(source, dict) else None
    return bool(title) and title != extraction.file.source.title


def render_yaml(extraction: Extraction, source_name: str) -> str:
    """The file's text: the data, with comments on what the importer was unsure of."""
    data = _data(extraction.file)
    lines = [
        f"# Imported by `enquiry-bot import` from {source_name}.",
        "# The summary, quotes and appeal are the release's own words; reword them if needed.",
    ]
    lines += [_comment(f"unsure: {note}") for note in extraction.notes]
    lines.append("operation:")
    for key, value in data["operation"].items():
        if key == "figures":
            lines.append("  figures:")
            for i, figure in enumerate(value):
                lines += [_comment(f"unsure: {n}", 2) for n in extraction.figure_notes.get(i, [])]
                lines += _dump([figure], 2)
        else:
            lines += _dump({key: value}, 2)
    for key in ("source", "forces", "metrics"):
        if key in data:
            if key == "metrics":
                lines.append("# Metrics no other knowledge file defines yet; add terms people "
                             "might use.")
            lines += _dump({key: data[key]}, 0)
    text = "\n".join(lines) + "\n"
    if OperationFile.model_validate(yaml.safe_load(text)) != extraction.file:
        raise AssertionError("the YAML written does not read back as the same data")
    return text


def write_file(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` atomically; refuse to replace a file unless `force`."""
    if path.exists() and not force:
        raise ReleaseError(f"{path} already exists; use --force to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def format_table(extraction: Extraction) -> str:
    """What was extracted, as a plain-text table for the terminal."""
    op = extraction.file.operation
    rows = [("metric", "value", "qualifier", "scope", "period", "what")]
    for figure in op.figures:
        rows.append((
            figure.metric,
            f"{figure.value:,}",
            "" if figure.qualifier == "exact" else figure.qualifier.replace("_", " "),
            figure.scope or "(unsaid)",
            figure.period.describe() if figure.period else "",
            figure.what or "",
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    table = ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1]
             for r in rows]
    source = extraction.file.source
    lines = [
        f"{op.name}  ({op.id})",
        f"  dates: {op.dates.describe() if op.dates else 'not given'}"
        + (f", {op.duration}" if op.duration else ""),
        f"  forces: {', '.join(op.forces)}"
        + (f" (led by {op.lead_force})" if op.lead_force else ""),
        f"  focus: {', '.join(op.focus) or '-'}",
        "  units: " + (", ".join(u.name + (f" ({u.short})" if u.short else "") for u in op.units)
                       or "-"),
        "  people: " + (", ".join(f"{p.role or p.rank or ''} {p.name}".strip() for p in op.people)
                        or "-"),
        f"  source: {source.describe()}",
        *table,
    ]
    if extraction.file.metrics:
        lines.append("  new metrics: " + ", ".join(m.id for m in extraction.file.metrics))
    if extraction.file.forces:
        lines.append("  forces defined in the file: "
                     + ", ".join(f.id for f in extraction.file.forces))
    notes = extraction.notes + [n for ns in extraction.figure_notes.values() for n in ns]
    lines += [f"  unsure: {n}" for n in notes]
    lines += [f"  not imported: {s}" for s in extraction.skipped]
    if extraction.furniture:
        lines.append(f"  left out {len(extraction.furniture)} line(s) of page furniture")
    return "\n".join(lines)


def _data(file: OperationFile) -> dict[str, Any]:
    return file.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def _dump(value: Any, indent: int) -> list[str]:
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=_YAML_WIDTH - indent,
                          default_flow_style=False)
    return [" " * indent + line if line else line for line in text.rstrip("\n").split("\n")]


def _comment(text: str, indent: int = 0) -> str:
    prefix = " " * indent + "# "
    return "\n".join(textwrap.wrap(" ".join(text.split()), _WIDTH, initial_indent=prefix,
                                   subsequent_indent=prefix + "  "))
