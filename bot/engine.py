"""Placeholder while the matching engine is written (same interface)."""

from __future__ import annotations

from datetime import datetime

from bot.answer import Answer
from bot.conversation import Conversation
from bot.knowledge import Knowledge

COMMANDS = ("start", "help", "report", "livechat", "operations", "privacy")


class Engine:
    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge

    def has_command(self, name: str) -> bool:
        return name in COMMANDS

    def command(self, name: str, now: datetime, *, retention_days: int = 30) -> Answer:
        return Answer(answered=True, kind="guidance", topic=name, confidence=1.0, title=name)

    def answer(self, message: str, conversation: Conversation, now: datetime) -> Answer:
        return Answer(answered=False, kind="fallback", confidence=0.0, title="Sorry")
