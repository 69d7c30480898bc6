"""Publishing a draft: the knowledge file it becomes, checked by the loader before it stays,
and what it changes in what the bot already says."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from bot.importer.draft import Draft, Item, publishable
from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.models import Figure, OperationFile


class PublishError(Exception):
    """The draft cannot be published; the message says why and nothing was changed."""


@dataclass
class Published:
    path: Path
    file: OperationFile
    left_out: list[Item]
    changes: list[str]


def publish_draft(draft: Draft, knowledge: Path, *, confident_only: bool) -> Published:
    """Move `draft` into `<knowledge>/operations/`; PublishError if anything is still flagged
    (unless `confident_only`, which leaves the flagged items out) or the loader rejects it.
    A file published before from the same release is replaced; the draft is removed."""
    try:
        file, left_out = publishable(draft, confident_only=confident_only)
    except ValueError as exc:
        raise PublishError(str(exc)) from None
    if not file.operation.figures:
        raise PublishError(f"{draft.path.name}: every figure is flagged, so nothing sure is "
                           "left to publish; review the draft first")
    target = knowledge / "operations" / draft.path.name
    changes = changes_from_published(target, file)
    previous = target.read_text(encoding="utf-8") if target.exists() else None
    write_atomically(target, render_published(draft, file, left_out))
    problems = _problems_with(target, knowledge)
    if problems:
        if previous is None:
            target.unlink()
        else:
            write_atomically(target, previous)
        raise PublishError(f"{draft.path.name}: the loader rejects it: " + "; ".join(problems))
    draft.path.unlink()
    return Published(target, file, left_out, changes)


def render_published(draft: Draft, file: OperationFile, left_out: list[Item]) -> str:
    head = [f"# Published by `enquiry-bot publish` from the draft of {draft.review.release}."]
    for item in left_out:
        head.append(f"# left out (flagged): {item.ref}: {item.reason}")
    body = file.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return "\n".join(head) + "\n" + yaml.safe_dump(body, sort_keys=False, allow_unicode=True,
                                                   width=95)


def changes_from_published(target: Path, new: OperationFile) -> list[str]:
    """What answers about the operation already published at `target` would change: figures
    whose value changes, and figures added or taken away."""
    if not target.exists():
        return []
    try:
        old = OperationFile.model_validate(yaml.safe_load(target.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError, TypeError):
        return [f"{target.name} is published but unreadable; publishing replaces it"]
    before, after = _by_key(old.operation.figures), _by_key(new.operation.figures)
    changes = []
    for key in dict.fromkeys([*before, *after]):
        was, now = before.get(key), after.get(key)
        if was == now:
            continue
        what = f"{key[0]} ({key[1] or 'total so far'})"
        if was and now:
            changes.append(f"{what}: {', '.join(was)} → {', '.join(now)}")
        elif now:
            changes.append(f"{what}: new, {', '.join(now)}")
        else:
            changes.append(f"{what}: {', '.join(was or [])} no longer published")
    return changes


def _by_key(figures: list[Figure]) -> dict[tuple[str, str | None], list[str]]:
    found: dict[tuple[str, str | None], list[str]] = {}
    for f in figures:
        q = "" if f.qualifier == "exact" else f.qualifier.replace("_", " ") + " "
        found.setdefault((f.metric, f.scope), []).append(f"{q}{f.value:,}")
    return {k: sorted(v) for k, v in found.items()}


def _problems_with(target: Path, folder: Path) -> list[str]:
    """The loader's complaints about `target` (others' problems are for `check` to report)."""
    try:
        load_knowledge(folder)
    except KnowledgeError as exc:
        rel = str(target.relative_to(folder))
        return [p for p in exc.problems if p.startswith(rel + ":")]
    return []


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
