"""What a conversation remembers between messages, so that follow-ups make sense.

Only the topic is kept (operation ids, metric, force, facet), never the person's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Conversation:
    operation_ids: list[str] = field(default_factory=list)
    metric: str | None = None
    metrics: list[str] = field(default_factory=list)  # every metric of the last figure answer
    scope: str | None = None  # a force id or "all"
    facet: str | None = None
    channel: str | None = None
    day: str | None = None  # the day an opening-hours answer was about (ISO date)
    person: str | None = None
    history: list[str] = field(default_factory=list)  # operation ids, most recent last
    first_seen: list[str] = field(default_factory=list)  # operation ids, first mention first
    turns: int = 0  # messages so far in this conversation
    unknown: list[str] = field(default_factory=list)  # names we said we know nothing about

    def discuss(self, operation_ids: list[str]) -> None:
        """Note the operations now being talked about (and the order they came up in)."""
        self.operation_ids = list(operation_ids)
        for op_id in operation_ids:
            if op_id in self.history:
                self.history.remove(op_id)
            self.history.append(op_id)
            if op_id not in self.first_seen:
                self.first_seen.append(op_id)

    def earlier(self, position: int) -> str | None:
        """'the first one' (0), 'the last one' (-1): among operations discussed so far."""
        order = sorted(self.history, key=self.first_seen.index) if self.first_seen else []
        try:
            return order[position]
        except IndexError:
            return None

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]
