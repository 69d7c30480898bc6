"""The enquiry service: what every front end calls with a person's message.

It wraps the engine with the things a deployment needs around it (the enquiry log, flood
limiting) so that the console and Telegram behave the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot import clock
from bot.answer import Answer
from bot.conversation import Conversation
from bot.engine import Engine, safe_answer


class EnquiryLog(Protocol):
    """Where enquiries are recorded (see bot.store); must never raise into the caller."""

    def record(self, *, chat_id: int | str, message: str, answer: Answer, channel: str,
               when: datetime) -> int | None: ...


class EnquiryService:
    def __init__(self, engine: Engine, log: EnquiryLog | None = None):
        self.engine = engine
        self.log = log

    def handle(self, message: str, conversation: Conversation, *, chat_id: int | str = "console",
               channel: str = "console", now: datetime | None = None) -> tuple[Answer, int | None]:
        """Answer `message` and record it; return the answer and the log row id (if any)."""
        when = now or clock.now()
        answer = safe_answer(self.engine, message, conversation, when)
        row_id = None
        if self.log is not None:
            row_id = self.log.record(chat_id=chat_id, message=message, answer=answer,
                                     channel=channel, when=when)
        return answer, row_id
