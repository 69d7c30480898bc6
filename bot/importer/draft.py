"""Drafts: what `enquiry-bot import` makes of a release, waiting for an editor.

A draft is a knowledge file (operation, source, forces, metrics) with a `review` block that
lists every item the importer took from the release (each figure, the dates, the lead force,
each force, each person, the publisher and the publication date) with the sentence it came
from and whether it is sure or flagged, and why. Drafts live in `<knowledge>/drafts/`, which
the loader never reads; `publish` moves a draft into `operations/` once nothing in it is
flagged, or, with `--confident-only`, publishes the sure items and leaves the flagged out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.knowledge.models import OperationFile, Source

DRAFTS = "drafts"
UNCONFIRMED_PUBLISHER = "Publisher not confirmed"

PUBLISHED_FROM = re.compile(r"^# Published by `enquiry-bot publish` from the draft of (.+)\.$",
                            re.MULTILINE)
"""The first line of a published file, naming the release it was made from."""

Status = Literal["sure", "flagged", "accepted", "dropped"]


class Item(BaseModel):
    """One thing the importer took from the release, with where it came from."""

    model_config = ConfigDict(extra="forbid")

    ref: str  # "figure 0", "dates", "lead force", "force btp", "person 1", "publisher" ...
    status: Status = "sure"
    reason: str | None = None  # why it is flagged
    source: str | None = None  # the release's sentence it came from

    @property
    def flagged(self) -> bool:
        return self.status == "flagged"


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid")

    release: str  # the release's file name
    title: str | None = None
    notes: list[str] = []  # about the release as a whole
    skipped: list[str] = []  # numbers not imported, and why
    items: list[Item] = []


@dataclass
class Draft:
    """A draft on disk: the file it would publish and the review of each item."""

    path: Path
    file: OperationFile
    review: Review

    @property
    def stem(self) -> str:
        return self.path.stem

    def item(self, ref: str) -> Item | None:
        return next((i for i in self.review.items if i.ref == ref), None)

    def flagged(self) -> list[Item]:
        return [i for i in self.review.items if i.flagged]

    def dropped(self) -> set[str]:
        return {i.ref for i in self.review.items if i.status == "dropped"}

    def accept_all(self) -> None:
        """Accept every flagged item as it stands (an editor's 'accept' on each)."""
        for item in self.review.items:
            if item.flagged:
                item.status = "accepted"


def drafts_dir(knowledge: Path) -> Path:
    return knowledge / DRAFTS


def list_drafts(knowledge: Path) -> list[Path]:
    folder = drafts_dir(knowledge)
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def read_draft(path: Path) -> Draft:
    """Read a draft; ValueError naming the file and the problem if it is not one."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        why = getattr(exc, "problem", None) or exc.__class__.__name__
        raise ValueError(f"{path}: not a readable draft ({why}{where})") from None
    if not isinstance(data, dict) or "review" not in data:
        raise ValueError(f"{path}: not a draft (no review block)")
    try:
        review = Review.model_validate(data.pop("review"))
        return Draft(path, OperationFile.model_validate(data), review)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(map(str, err["loc"]))
        raise ValueError(f"{path}: {field}: {err['msg']}") from None


def render_draft(draft: Draft) -> str:
    """The draft's text: a header, the review block, then the knowledge file itself."""
    flagged = draft.flagged()
    head = [f"# Draft from {draft.review.release}, made by `enquiry-bot import`. Not served "
            "until published",
            f"# (`enquiry-bot review`, then `enquiry-bot publish`). {len(flagged)} item(s) "
            "flagged."]
    review = draft.review.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    body = {"review": review,
            **draft.file.model_dump(mode="json", exclude_none=True, exclude_defaults=True)}
    text = yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=95)
    return "\n".join(head) + "\n" + text


def publishable(draft: Draft, *, confident_only: bool) -> tuple[OperationFile, list[Item]]:
    """The file to publish and the flagged items it leaves out (with `confident_only`); with
    neither, ValueError listing what is still flagged."""
    flagged = draft.flagged()
    if flagged and not confident_only:
        raise ValueError(f"{draft.path.name}: {len(flagged)} item(s) still flagged; review "
                         "them or publish with --confident-only")
    return without(draft.file, {i.ref for i in flagged} | draft.dropped()), flagged


def without(file: OperationFile, refs: set[str]) -> OperationFile:
    """`file` with the items named by `refs` left out (or, for what every file must have,
    replaced by what is safe to say)."""
    op = file.operation
    update: dict[str, Any] = {}
    figures = [f for i, f in enumerate(op.figures) if f"figure {i}" not in refs]
    if "dates" in refs:
        update["dates"] = None
        update["duration"] = None
        figures = [f.model_copy(update={"period": None})
                   if f.period and op.dates and f.period.start == op.dates.start else f
                   for f in figures]
    update["figures"] = figures
    update["people"] = [p for i, p in enumerate(op.people) if f"person {i}" not in refs]
    update["forces"] = [f for f in op.forces if f"force {f}" not in refs]
    if "lead force" in refs:
        update["lead_force"] = None
    source = file.source
    if "publisher" in refs:
        source = source.model_copy(update={"publisher": UNCONFIRMED_PUBLISHER})
    if "published" in refs:
        source = source.model_copy(update={"date": None})
    used = {f.metric for f in figures}  # a left-out figure's new metric is left out too
    return file.model_copy(update={"operation": op.model_copy(update=update),
                                   "source": Source.model_validate(source.model_dump()),
                                   "metrics": [m for m in file.metrics if m.id in used]})
