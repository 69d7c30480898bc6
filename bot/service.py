"""The enquiry service: what every front end calls with a person's message.

It wraps the engine with the things a deployment needs around it (the enquiry log, flood
limiting) so that the console and Telegram behave the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot import clock
from bot.answer import Answer, spans
from bot.conversation import Conversation
from bot.engine import Engine
from bot.flood import SLOW_DOWN, FloodLimiter, Verdict
from bot.guidance import emergency
from bot.safety import respond


class EnquiryLog(Protocol):
    """Where enquiries are recorded (see bot.store); must never raise into the caller."""

    def record(self, *, chat_id: int | str, message: str, answer: Answer, channel: str,
               when: datetime) -> int | None: ...


class EnquiryService:
    def __init__(self, engine: Engine, log: EnquiryLog | None = None,
                 flood: FloodLimiter | None = None, retention_days: int = 30):
        self.engine = engine
        self.log = log
        self.flood = flood
        self.retention_days = retention_days

    def screen(self, text: str) -> Answer | None:
        """The 999 answer if `text` describes an emergency, else None: for words that don't
        go through `handle`, such as a photo's caption or the text after a command."""
        verdict = self.engine.triage(text) if text else None
        if verdict is not None and verdict.danger == "sure":
            return emergency(self.engine.k, situation=verdict.situation)
        return None

    def handle(self, message: str, conversation: Conversation, *, chat_id: int | str = "console",
               channel: str = "console", now: datetime | None = None,
               sent_at: float | None = None) -> tuple[Answer | None, int | None]:
        """Answer `message` and record it; return the answer and the log row id (if any).

        A chat over the flood limit gets one polite "slow down" answer, then None (send
        nothing, do no work) until it is back under the limit. `sent_at` (epoch seconds, e.g.
        Telegram's message date) is when the message was written, so that a backlog answered
        after a restart is not mistaken for a flood."""
        if self.flood is not None:
            verdict = self.flood.check(chat_id, at=sent_at)
            if verdict is Verdict.IGNORE:
                # silence, except for someone in danger: triage is cheap and always runs
                danger = self.engine.triage(message)
                if danger.danger == "sure":
                    return emergency(self.engine.k, situation=danger.situation), None
                return None, None
            if verdict is Verdict.SLOW_DOWN:
                return Answer(answered=True, kind="smalltalk", topic="flood", confidence=1.0,
                              title="Please slow down", body=[spans(SLOW_DOWN)]), None
        when = now or clock.now()
        answer = respond(self.engine, message, conversation, when)
        row_id = None
        if self.log is not None:
            row_id = self.log.record(chat_id=chat_id, message=message, answer=answer,
                                     channel=channel, when=when)
        return answer, row_id
