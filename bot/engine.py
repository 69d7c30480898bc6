"""The engine: message → triage (bot.triage_spelling) → a reading (bot.analysis slots, their
bot.reading cues) → references resolved with the conversation (bot.references) → a decision
(bot/deciding/, one module per kind of answer) → a structured Answer. No Telegram here, and no
text matching: everything read from the words is read before the engine decides.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime

from bot import compose, derived, guidance, matching, references, sentence_index
from bot.analysis import Analyser, Query
from bot.answer import Answer, bold, spans
from bot.compiled import compiled
from bot.conversation import Conversation
from bot.deciding.contact import ContactAnswers
from bot.deciding.facet_answers import FacetAnswers
from bot.deciding.figures import FigureAnswers
from bot.deciding.operations import OperationAnswers
from bot.deciding.passages import Passages
from bot.deciding.people import PeopleAnswers
from bot.deciding.refusals import Refusals
from bot.knowledge import Knowledge
from bot.retrieval import PassageIndex
from bot.text import (
    clean,
    has_letters,
    latin_share,
)
from bot.triage import Triage
from bot.triage_spelling import TriageReader

log = logging.getLogger(__name__)
COMMANDS = ("start", "help", "report", "livechat", "operations", "privacy", "evidence")


class Engine(ContactAnswers, PeopleAnswers, OperationAnswers, FigureAnswers, FacetAnswers,
             Passages, Refusals):
    """Answers messages from one Knowledge. Build once; `answer` is fast and thread-safe
    for reads (it only mutates the Conversation it is given)."""

    def __init__(self, knowledge: Knowledge):
        self.k = knowledge
        self.ops = {op.id: op for op in knowledge.operations}
        self.analyser = Analyser(knowledge)
        self.lexicon = self.analyser.lexicon
        self._quotes = sentence_index.Quotes(knowledge)  # built once: see bot.sentence_index
        self._topic_words = matching.topic_words(self.analyser.topic_index)
        self._suggestion_pool = compiled("suggestions", self._build_suggestions)
        self._suggestions = sentence_index.labels([label for label, _ in self._suggestion_pool])
        self.passages = PassageIndex(knowledge)
        self._name_stems = matching.name_stems(knowledge)
        counts = Counter(op.name for op in knowledge.operations)
        self._shared_names = {n for n, c in counts.items() if c > 1}
        self._triage = TriageReader(self.lexicon.words)
        self._force_words = matching.force_words(knowledge)
        self._speaker_words = matching.speaker_words(knowledge)

    def _build_suggestions(self) -> list[tuple[str, str]]:
        """(label, query) of each suggestion a refusal may offer: made a Suggestion only when
        offered (thousands of them with thousands of operations)."""
        pool = [(s.label, s.query) for s in guidance.operation_suggestions(self.k)
                + list(guidance.GUIDANCE_SUGGESTIONS)]
        for op in self.k.operations:
            for m in dict.fromkeys(f.metric for f in op.figures):
                label = self.k.metric(m).label
                pool.append((f"{label.capitalize()} in {op.name}", f"{label} in {op.name}"))
        return pool


    def analyse(self, message: str, now: datetime) -> Query:
        """Read a message into slots (see bot.analysis)."""
        return self.analyser.analyse(message, now)
    def has_command(self, name: str) -> bool:
        return name in COMMANDS

    def command(self, name: str, now: datetime, *, retention_days: int = 30) -> Answer:
        """Answers for /start, /help, /report, /livechat, /operations, /privacy."""
        k = self.k
        if name in ("start", "help"):
            title = "Hello, I'm the police enquiry bot" if name == "start" else "What I can do"
            return guidance.about(k, title=title, topic=name)
        if name == "report":
            return guidance.report_command(k, now)
        if name == "livechat":
            ids = [c.id for c in k.reporting.channels if c.hours]
            if ids:
                return guidance.channel_answer(k, ids[:1], now, 1.0)
            return guidance.channel_answer(k, ["non-emergency"], now, 1.0)
        if name == "operations":
            ops = k.operations
            lines = [spans(bold(compose.op_label(k, op, distinguish=True)), ": ",
                           op.summary.split(". ")[0].rstrip(".") + ".") for op in ops]
            return Answer(answered=True, kind="guidance", topic="operations", confidence=1.0,
                          title="Operations I can tell you about", body=lines,
                          suggestions=guidance.operation_suggestions(k)[:8])
        if name == "privacy":
            return guidance.privacy(retention_days)
        if name == "evidence":
            return guidance.evidence(k, now)
        raise KeyError(name)
    def answer(self, message: str, conversation: Conversation, now: datetime) -> Answer:
        """Answer one message; updates `conversation` for follow-ups."""
        cleaned = clean(message)
        if not cleaned or not any(ch.isalnum() for ch in cleaned):
            return guidance.invalid("That message had no words in it (only symbols, emoji or "
                                    "nothing at all)." if cleaned else "That message was empty.")
        if has_letters(cleaned) and latin_share(cleaned) < 0.5:
            return guidance.invalid("I can only understand English, I'm afraid.")
        tri = self.triage(cleaned)
        if tri.category == "emergency":
            return guidance.emergency(self.k, reason=tri.reason, situation=tri.situation)
        q = self.analyse(cleaned, now)
        conversation.turns += 1
        first = self._before_references(q, tri, conversation, now)
        if first:
            return first
        references.resolve(q, conversation, self.ops, compose.MAX_BRIEF_OPS,
                            lambda: getattr(self._latest(), "id", None))
        if q.cues.list_operations and not q.ops and not q.metrics:
            return self._list_operations(q, conversation, now)
        references.resolve_pick(q, conversation)
        worked_out = derived.answer(self.k, self.ops, q, conversation, cleaned)
        if worked_out:  # "Essex's share of the arrests", "the other forces", "both added up"
            return worked_out
        if q.unknown_op and not q.ops and not q.topic_ops:
            conversation.unknown = (conversation.unknown + [q.unknown_op])[-5:]
            return self._unknown_operation(q, q.unknown_op)
        again = references.unknown_again(q, conversation)
        if again:  # "what about Bluebird's cash?" after Bluebird was unknown
            return self._unknown_operation(q, again)
        references.resolve_person(q, conversation, self.ops)
        if q.persons and (not q.metrics or q.cues.opinion and not q.quantitative):
            return self._or_passage(q, conversation, self._person_answer(q, conversation))
        return self._contact_or_operation(q, conversation, now)

    def _before_references(self, q: Query, tri: Triage, conv: Conversation,
                           now: datetime) -> Answer | None:
        """What is answered on the message alone, before any reference is resolved: a crime
        to report, small talk, and what the releases never hold (names, outcomes, details)."""
        k, cues = self.k, q.cues
        if tri.category == "crime_report" and not q.quantitative and (
                cues.to_act  # "how do I report a stolen catalytic converter"
                or not (q.metrics and (q.ops or q.focus_ops)) and not self._asks_knowledge(q)):
            anonymous = "crimestoppers" in q.channels
            conv.channel = "crimestoppers" if anonymous else "non-emergency"
            return guidance.crime_report(k, now, anonymous=anonymous,
                                         footage=cues.footage_to_report)
        small = self._smalltalk(q)
        if small:
            return small
        if cues.names_of and not q.persons:
            return self._fallback(q, "The police don't publish the names or details of people "
                                     "who were arrested, and I don't hold them.", 0.2)
        if cues.off_topic and not (q.ops or q.metrics or q.channels or q.persons or q.units
                                   or conv.channel and (q.hours_words or q.follow_up)):
            return self._fallback(q, None, 0.1)  # "what's the weather like in Essex?"
        if cues.personal:
            return self._fallback(q, "I can't tell you anything about individual people who "
                                     "were arrested: the police don't publish who they are, and "
                                     "I don't hold it. Call 101 if you need to ask about someone.",
                                  0.2)
        if cues.outcomes_asked and not any(
                "value" in k.metric(m).label for m in q.metrics) and (
                q.quantitative or not (conv.metric or q.metrics)):
            return self._no_outcomes(q)
        if "unpublished" in q.facets:  # "which day saw the most arrests?", "any reward?"
            told = self._detail_told(q)
            if told:  # "which roads were they on?" when a release does name the roads
                return self._passage_answer(q, conv, told)
            return self._fallback(q, "The published releases don't go into that detail, so I "
                                     "can't tell you.", 0.2)
        who = cues.speaker  # "what did the Home Secretary say?"
        if who and not q.persons and not set(who) <= self._speaker_words:
            return self._not_quoted(q, " ".join(who))
        if cues.who_said and not q.persons and (not q.metrics or cues.who_said_person):
            return self._quote_search(q, conv=conv)
        return None

    def _contact_or_operation(self, q: Query, conv: Conversation, now: datetime) -> Answer:
        """Contacting the police (channels, hours, other ways) or, else, an operation."""
        if conv.channel and q.cues.instead and not (q.ops or q.metrics or q.specific_channels):
            answer = guidance.crime_report(self.k, now, anonymous=False, footage=False)
            answer.sensitive, answer.kind = False, "guidance"
            answer.title = "Other ways to contact the police"
            return answer  # "what can I do instead?" after Live Chat is closed
        if (q.channels or (q.reporting and (not q.metrics or self._weak_metric_only(q)))) \
                and not q.ops and not q.units \
                and not (q.metrics and (q.quantitative or conv.operation_ids)):
            told = self._told_by_a_sentence(q)
            if told:  # "do forces share information on criminals?": what they do, not how to
                return self._passage_answer(q, conv, told)
            return self._guidance_answer(q, conv, now)
        if conv.channel and not (q.ops or q.units or q.persons or q.method_ops
                                 or q.focus_ops or q.quantitative or q.forces) \
                and (not q.metrics or q.hours_words) \
                and (q.follow_up or q.hours_words or not q.unexplained or len(q.tokens) <= 10):
            return self._guidance_answer(q, conv, now, follow_up=True)
        return self._or_passage(q, conv, self._operation_answer(q, conv, now))


    def is_emergency(self, message: str) -> bool:
        """Triage alone, spelling corrected as in `answer` (for captions, command text, and
        messages a flooding chat sends)."""
        return self.triage(message).category == "emergency"

    def triage(self, message: str) -> Triage:
        """Triage of the message as typed and with one-letter corrections to triage's words
        ("stabing", "nife"): the graver of the two verdicts (see bot.triage_spelling)."""
        return self._triage.verdict(message)


def safe_answer(engine: Engine, message: str, conversation: Conversation,
                now: datetime) -> Answer:
    """`engine.answer`, but a fault in it gives the person a polite reply, never a traceback."""
    try:
        return engine.answer(message, conversation, now)
    except Exception:  # noqa: BLE001 - logged with its traceback for the maintainers
        log.exception("engine failed on a message of %d characters", len(message))
        conversation.reset()
        return guidance.invalid("Sorry, something went wrong while answering that.")


