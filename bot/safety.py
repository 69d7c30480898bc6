"""Safe by construction: where the bot is unsure, 999 comes first.

Every message goes through `respond`. Triage grades the danger it describes: when the bot is
sure, the 999 card (in the words for the situation) replaces the answer; when danger is
possible, one 999 line comes before the normal answer; someone who has already called 999
is told how to follow it up instead of being sent the card again. Every reply the engine was
not confident about (a refusal, a clarification, the reporting card) starts with a 999 line
whatever triage said (`Answer.lead`), because danger can be told in words nobody foresaw.

Privacy: a message answered with the card or a danger line, or an unsure reply to a message
with words of danger in it, is marked `sensitive`, so the enquiry log keeps only its category.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot import guidance
from bot.answer import Answer
from bot.conversation import Conversation
from bot.engine import Engine, safe_answer
from bot.triage import is_question

log = logging.getLogger(__name__)


def respond(engine: Engine, message: str, conversation: Conversation, now: datetime) -> Answer:
    """The reply to one message, 999 first wherever danger is possible or the bot is unsure."""
    try:
        verdict = engine.triage(message)
    except Exception:  # noqa: BLE001 - never let a fault in triage hide the 999 line
        log.exception("triage failed on a message of %d characters", len(message))
        return guidance.emergency(engine.k)
    if verdict.danger == "sure":
        return guidance.emergency(engine.k, reason=verdict.reason, situation=verdict.situation)
    if verdict.already_called:
        return guidance.after_999(engine.k, now)
    answer = safe_answer(engine, message, conversation, now)
    if answer.kind == "emergency":
        return answer
    if verdict.danger == "possible":
        answer.safety_line = guidance.danger_line(verdict.situation)
        answer.sensitive = True
    elif (answer.topic or "").startswith("channel:") and (
            verdict.danger_words or not is_question(message)
            or answer.topic.removeprefix("channel:") in _for_emergencies(engine)):
        # a channel for emergencies (Silent Solution, Relay UK), or any channel given in reply
        # to words of danger or to a message that tells rather than asks: someone may be
        # telling of danger the bot didn't recognise
        answer.safety_line = guidance.danger_line(verdict.situation)
    elif answer.topic == "report":
        # the reporting options, in reply to words the bot read as a report: like the
        # reporting card, they may be someone telling of danger in words it doesn't know
        answer.safety_line = guidance.danger_line()
    elif verdict.tells_a_scene and answer.kind != "smalltalk":
        # told, not asked, of people and what is going on: perhaps danger in words the bot
        # doesn't know, whatever it found to answer
        answer.safety_line = guidance.danger_line()
    elif verdict.danger_words and answer.lead():
        answer.sensitive = True  # an unsure reply to words of danger: keep only the category
    return answer


def _for_emergencies(engine: Engine) -> frozenset[str]:
    """The channels the knowledge lists for an emergency, other than 999 itself."""
    return frozenset(c for sit in engine.k.reporting.situations if sit.id == "emergency"
                     for c in sit.channels if c != "emergency")
