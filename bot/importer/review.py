"""The editor's walk through a draft: each item shown as value · what · scope · period ·
source sentence, with the bot's actual reply for a figure (read-back), then accept, edit or
drop. Input and output are functions, so the same walk runs in a terminal and in tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from bot.importer.draft import Draft, Item, render_draft, without
from bot.importer.publishing import write_atomically
from bot.importer.readback import ReadBack, knowledge_with, read_back
from bot.knowledge import KnowledgeError
from bot.knowledge.models import Figure, OperationFile

Ask = Callable[[str], str]
Say = Callable[[str], None]

CHOICES = "[a]ccept  [e]dit  [d]rop  [s]kip  [q]uit"
_FIGURE_FIELDS = ("value", "qualifier", "scope", "what", "period")


class Quit(Exception):
    """The editor asked to stop; what was decided so far is kept."""


def review_draft(draft: Draft, knowledge: Path, ask: Ask, say: Say) -> bool:
    """Walk through `draft`'s items, apply the editor's choices and save the draft. Returns
    False if the editor quit before the end."""
    say(f"\n== {draft.path.name}: {draft.review.title or draft.file.operation.name}")
    say(f"   from {draft.review.release}; {len(draft.flagged())} item(s) flagged")
    for note in draft.review.notes:
        say(f"   note: {note}")
    for skipped in draft.review.skipped:
        say(f"   not imported: {skipped}")
    replies, units = _read_back(draft, knowledge, say)
    finished = True
    try:
        for item in list(draft.review.items):
            if item.status == "dropped":
                continue
            for line in describe(draft, item, replies, units):
                say(line)
            if _decide(draft, item, ask, say):
                replies, units = _read_back(draft, knowledge, say)
    except Quit:
        finished = False
    write_atomically(draft.path, render_draft(draft))
    left = draft.flagged()
    say(f"Saved {draft.path.name}: " + (f"{len(left)} item(s) still flagged." if left else
                                        "nothing flagged; ready to publish."))
    return finished


def describe(draft: Draft, item: Item, replies: dict[int, ReadBack],
             units: dict[str, str] | None = None) -> list[str]:
    """The item as the editor sees it: value · what · scope · period, its sentence, why it
    is flagged, and for a figure what the bot would reply."""
    mark = "FLAGGED" if item.flagged else item.status
    lines = [f"\n[{mark}] {item.ref}: {_summary(draft.file, item.ref, units or {})}"]
    if item.source:
        lines.append(f'  source: "{item.source}"')
    if item.flagged and item.reason:
        lines.append(f"  why flagged: {item.reason}")
    if item.ref.startswith("figure ") and (rb := replies.get(int(item.ref.split()[1]))):
        lines.append(f"  asked: {rb.question}")
        body = [r for r in rb.reply.splitlines() if r.strip() and not r.startswith("Source:")]
        lines.append("  the bot says: " + " / ".join(body[:3]))
    return lines


def _summary(file: OperationFile, ref: str, units: dict[str, str]) -> str:
    op = file.operation
    kind, _, rest = ref.partition(" ")
    if kind == "figure":
        f = op.figures[int(rest)]
        q = "" if f.qualifier == "exact" else f.qualifier.replace("_", " ") + " "
        money = "£" if units.get(f.metric) == "GBP" else ""
        return " · ".join([f"{q}{money}{f.value:,}", f.what or f.metric,
                           f"scope {f.scope or 'running total'}",
                           f.period.describe() if f.period else "period not given"])
    if ref == "dates" and op.dates:
        return f"{op.dates.describe()} · when the operation ran"
    if ref == "lead force":
        return f"{op.lead_force} · led the operation"
    if kind == "force":
        return f"{rest} · took part"
    if kind == "person":
        p = op.people[int(rest)]
        return " · ".join(x for x in (p.name, p.rank or p.role or "", p.force or "") if x)
    if ref == "publisher":
        return f"{file.source.publisher} · published the release"
    if ref == "published":
        return f"{file.source.date} · date of publication"
    return ref


def _decide(draft: Draft, item: Item, ask: Ask, say: Say) -> bool:
    """Ask what to do with `item`; True if the draft's data changed (read-back is stale)."""
    default = "" if item.flagged else "a"
    while True:
        answer = _ask(ask, f"  {CHOICES}{' (Enter: accept)' if default else ''} > ")
        choice = (answer.strip().lower() or default)[:1]
        if choice == "a":
            item.status = "accepted" if item.flagged else item.status
            return False
        if choice == "d":
            item.status = "dropped"
            say("  dropped: it will not be published")
            return True
        if choice == "s":
            return False
        if choice == "q":
            raise Quit
        if choice == "e":
            if _edit(draft, item, ask, say):
                item.status = "accepted"
                return True
            continue
        say(f"  please type one of: {CHOICES}")


def _edit(draft: Draft, item: Item, ask: Ask, say: Say) -> bool:
    """Edit the item's fields (Enter keeps a value); True if it was changed and is valid."""
    file = draft.file
    op = file.operation
    try:
        if item.ref.startswith("figure "):
            i = int(item.ref.split()[1])
            figure = _edit_figure(op.figures[i], ask)
            figures = [*op.figures[:i], figure, *op.figures[i + 1:]]
            draft.file = file.model_copy(update={"operation": op.model_copy(
                update={"figures": figures})})
        elif item.ref == "publisher":
            name = _ask(ask, f"  publisher [{file.source.publisher}]: ").strip()
            if name:
                draft.file = file.model_copy(update={
                    "source": file.source.model_copy(update={"publisher": name})})
        elif item.ref == "dates" and op.dates:
            start = _ask(ask, f"  start [{op.dates.start}]: ").strip() or op.dates.start
            end = _ask(ask, f"  end [{op.dates.end}]: ").strip() or op.dates.end
            dates = op.dates.model_validate({"start": start, "end": end})
            draft.file = file.model_copy(update={"operation": op.model_copy(
                update={"dates": dates})})
        else:
            say("  this item can only be accepted or dropped")
            return False
        draft.file = OperationFile.model_validate(draft.file.model_dump())
    except (ValidationError, ValueError) as exc:
        draft.file = file
        say(f"  not changed: {_first_error(exc)}")
        return False
    return True


def _edit_figure(figure: Figure, ask: Ask) -> Figure:
    values = figure.model_dump()
    for name in _FIGURE_FIELDS:
        current = values.get(name)
        shown = current.get("label") if isinstance(current, dict) else current
        typed = _ask(ask, f"  {name} [{shown if shown is not None else ''}]: ").strip()
        if not typed:
            continue
        if name == "value":
            number = float(typed.replace(",", "").replace("£", ""))
            values[name] = int(number) if number == int(number) else number
        elif name == "period":
            values[name] = {**(current or {}), "label": typed}
        else:
            values[name] = typed
    return Figure.model_validate(values)


def _read_back(draft: Draft, knowledge: Path, say: Say
               ) -> tuple[dict[int, ReadBack], dict[str, str]]:
    """The bot's reply to one question per figure, with the draft published as it stands
    (its dropped items left out), keyed by the figure's index in the draft; and the unit of
    each metric ('GBP' for money)."""
    dropped = draft.dropped()
    kept = [i for i in range(len(draft.file.operation.figures)) if f"figure {i}" not in dropped]
    try:
        file = without(draft.file, dropped)
        known = knowledge_with(knowledge, file, draft.path.name)
    except (KnowledgeError, ValidationError) as exc:
        say(f"  (no read-back: {_first_error(exc)})")
        return {}, {}
    replies = read_back(known, file.operation.id)
    units = {m.id: m.unit for m in known.metrics.values()}
    return dict(zip(kept, replies, strict=True)), units


def _ask(ask: Ask, prompt: str) -> str:
    try:
        return ask(prompt)
    except EOFError:
        raise Quit from None


def _first_error(exc: Exception) -> str:
    if isinstance(exc, KnowledgeError):
        return exc.problems[0]
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(map(str, err['loc']))}: {err['msg']}"
    return str(exc)
