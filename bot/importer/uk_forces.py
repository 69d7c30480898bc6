"""The UK's police forces, for releases naming a force the knowledge has never seen: the list
itself is knowledge data (bot.knowledge.uk_forces), shared with the engine."""

from bot.knowledge.uk_forces import UK_FORCES

__all__ = ["UK_FORCES"]
