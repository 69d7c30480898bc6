"""Knowledge reload without downtime: validate the folder, build a new engine, swap it in.

Loading and building happen aside (the Telegram front end runs `prepare` in a worker thread),
while the old engine keeps answering; the swap is one assignment of `service.engine`, so a
reply is answered wholly by the old knowledge or wholly by the new, and none is lost. A folder
with any problem is refused and the old knowledge stays, with every problem named by file and
field, exactly as `enquiry-bot check` names them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.engine import Engine
from bot.knowledge import KnowledgeError, load_knowledge
from bot.service import EnquiryService

log = logging.getLogger(__name__)

SHOWN_PROBLEMS = 5  # a chat reply lists this many; the log lists them all


@dataclass
class ReloadResult:
    """What a reload did: swapped (with the new counts) or refused (with the problems)."""

    directory: Path
    swapped: bool
    operations: int = 0
    figures: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self, shown: int = SHOWN_PROBLEMS) -> str:
        if self.swapped:
            counts = f"{_count(self.operations, 'operation')}, {_count(self.figures, 'figure')}"
            return (f"Knowledge reloaded from {self.directory}: {counts}. New questions get the "
                    "new knowledge now.")
        lines = [f"Reload refused: the knowledge in {self.directory} has "
                 f"{_count(len(self.problems), 'problem')}; "
                 "the bot keeps answering from the knowledge it had."]
        lines += [f"- {p}" for p in self.problems[:shown]]
        if len(self.problems) > shown:
            lines.append(f"- … and {len(self.problems) - shown} more (run enquiry-bot check)")
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def prepare(directory: Path) -> Engine | ReloadResult:
    """A new engine on the folder's knowledge, or the refusal saying why (slow: run aside)."""
    try:
        return Engine(load_knowledge(directory))
    except KnowledgeError as exc:
        return ReloadResult(directory, swapped=False, problems=list(exc.problems))
    except Exception as exc:  # noqa: BLE001 - a bad folder must never take the bot down
        log.exception("building the engine on %s failed", directory)
        return ReloadResult(directory, swapped=False,
                            problems=[f"{directory}: (engine): {type(exc).__name__}: {exc}"])


def swap(service: EnquiryService, directory: Path, prepared: Engine | ReloadResult
         ) -> ReloadResult:
    """Put a prepared engine into service (one assignment), or log the refusal."""
    if isinstance(prepared, ReloadResult):
        log.error("knowledge reload refused; keeping the old knowledge:\n  %s",
                  "\n  ".join(prepared.problems))
        return prepared
    service.engine = prepared
    k = prepared.k
    result = ReloadResult(directory, swapped=True, operations=len(k.operations),
                          figures=sum(len(op.figures) for op in k.operations))
    log.info("knowledge reloaded from %s: %d operations, %d figures", directory,
             result.operations, result.figures)
    return result


def reload_service(service: EnquiryService, directory: Path) -> ReloadResult:
    """Both steps at once, for callers without an event loop (the console, tests)."""
    return swap(service, directory, prepare(directory))
