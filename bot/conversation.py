"""What a conversation remembers between messages, so that follow-ups make sense.

Only the topic is kept (operation ids, metric, force, facet), never the person's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Conversation:
    operation_ids: list[str] = field(default_factory=list)
    metric: str | None = None
    scope: str | None = None  # a force id or "all"
    facet: str | None = None
    channel: str | None = None
    person: str | None = None
    turns: int = 0

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]
