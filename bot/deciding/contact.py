"""Answers about contacting the police (channels, opening hours, how to report) and small
talk."""

from __future__ import annotations

from datetime import date, datetime, time

from bot import guidance, opening_hours
from bot.analysis import Query, target_day
from bot.answer import Answer, bold, spans
from bot.clock import LONDON
from bot.conversation import Conversation
from bot.deciding import THRESHOLD


class ContactAnswers:
    """Part of bot.engine.Engine (a mixin): see the module docstring."""

    def _smalltalk(self, q: Query) -> Answer | None:
        if q.has_topic or q.forces:
            return None
        kind = q.cues.smalltalk
        if kind == "help":
            return guidance.about(self.k, title="What I can do", topic="help")
        if kind == "greeting":
            return guidance.about(self.k, title="Hello", topic="greeting")
        if kind == "thanks":
            return Answer(answered=True, kind="smalltalk", topic="thanks", confidence=1.0,
                          title="You're welcome",
                          body=[spans("If you need anything else, just ask. In an emergency, "
                                      "call ", bold("999"), "; otherwise ", bold("101"), ".")])
        return None

    def _asks_knowledge(self, q: Query) -> bool:
        """'Which force led the county lines week of action?', 'what is cuckooing?': a question
        the knowledge answers, though it names a crime a report would name."""
        if q.cues.to_act:
            return False  # "how can I give information…", "who should I contact…": a report
        if q.hearsay:  # "i heard a caravan was recovered": a claim about the operations
            return bool(q.ops or q.topic_ops or q.focus_ops or q.persons or q.metrics)
        return (q.cues.question or q.asks) and bool(
            q.ops or q.topic_ops or q.focus_ops or q.persons or self._quote_search(q, 80))

    def _guidance_answer(self, q: Query, conv: Conversation, now: datetime,
                         follow_up: bool = False) -> Answer:
        k = self.k
        ids = list(q.specific_channels or q.channels)
        if conv.channel and (not ids or (q.generic_channel and q.follow_up)) and (
                follow_up or len(q.tokens) <= 8):
            ids = [conv.channel]
        # "999" inside "when should I call 999 or 101" keeps both; generic phone words defer
        if not ids:
            footage = q.cues.footage_to_give
            if q.subjects and not footage and len(q.unexplained) > 1:
                return self._fallback(q, None, 0.2)
            answer = guidance.crime_report(k, now, anonymous=False, footage=footage)
            answer.sensitive = False
            answer.kind = "guidance"
            answer.title = "How to pass information to the police"
            conv.channel = "non-emergency"
            return answer
        if "crimestoppers" in ids and len(ids) > 1 and "non-emergency" in ids:
            ids.remove("non-emergency")
        conv.channel = ids[0]
        conv.discuss([])
        confidence = 0.95 - 0.3 * len(q.unexplained) / max(q.content, 1) - 0.05 * q.corrections
        if not q.exact_matches and not follow_up and q.weak_corrections >= q.corrections:
            confidence = min(confidence, 0.4)  # only loosely guessed words: not sure enough
        if confidence < THRESHOLD:
            return self._fallback(q, None, max(confidence, 0.0))
        with_hours = [k.channel(c) for c in ids if k.channel(c).hours]
        on_day = target_day(q, now, with_hours[0].hours) if with_hours else None
        if on_day is None and with_hours and conv.day and q.cues.after_that:
            # "when is it next open after that?" after an answer about one day
            after = datetime.combine(date.fromisoformat(conv.day), time(23, 59), tzinfo=LONDON)
            hours = with_hours[0].hours
            assert hours is not None
            nxt = opening_hours.next_opening(hours, after)
            if nxt:
                on_day = (nxt.date(), "Next open after that")
        conv.day = on_day[0].isoformat() if on_day else None
        answer = guidance.channel_answer(k, ids[:3], now, confidence, on_day)
        if on_day is None and q.cues.holidays:
            for cid in ids:
                line = guidance.holidays_line(k.channel(cid), now)
                if line:
                    answer.body.insert(0, line)
        return answer
