"""Where an extraction goes, and the table `enquiry-bot import` prints of it.

Files are named `<operation>-<force>-<date>.yaml` (in `drafts/`, then `operations/` once
published), so releases about the same operation from different forces or dates never share a
file name, and the same release imported again keeps its name.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.importer.draft import DRAFTS, PUBLISHED_FROM
from bot.importer.extract import Extraction
from bot.importer.vocabulary import Vocabulary


def target_path(extraction: Extraction, knowledge: Path, vocab: Vocabulary,
                release: str = "") -> Path:
    """Where the file goes. The same release imported again goes to the same file; another
    release that would get the same name (or operation id) gets a suffix: `-2`, `-3` ..."""
    folder = knowledge / "operations"
    stem = extraction.stem
    n = 1
    while (stem in vocab.operation_ids and vocab.operation_ids[stem] != folder / f"{stem}.yaml"
           or _other_release(folder / f"{stem}.yaml", extraction, release)
           or _other_release(knowledge / DRAFTS / f"{stem}.yaml", extraction, release)):
        n += 1
        stem = f"{extraction.stem}-{n}"
    if stem != extraction.file.operation.id:
        extraction.file = extraction.file.model_copy(update={
            "operation": extraction.file.operation.model_copy(update={"id": stem})
        })
    return folder / f"{stem}.yaml"


def _other_release(path: Path, extraction: Extraction, release: str) -> bool:
    """True if `path` holds a file made from a different release: not from a release file of
    the same name (a corrected copy is the same release), and with another title."""
    if not path.exists():
        return False
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
        source = data.get("source") or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
        return False
    made_from = (data.get("review") or {}).get("release") if isinstance(data, dict) else None
    if made_from is None and (m := PUBLISHED_FROM.match(text)):
        made_from = m[1]
    if release and made_from == release:
        return False
    title = source.get("title") if isinstance(source, dict) else None
    return bool(title) and title != extraction.file.source.title


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
