"""Prometheus metrics of the running bot (served on GET /metrics by bot.telegram_bot.health).

One `Metrics` per application, each with its own registry, so that tests and several bots in one
process never share counts. Nothing here imports `telegram`: the front end calls `observe_*`.
Only counts, kinds and durations are kept; never a message, a chat id or a name.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.answer import Answer

disable_created_metrics()  # no "_created" twin of every counter: half the lines, no use here
CONTENT_TYPE = CONTENT_TYPE_LATEST
# Reply latency, seconds: the engine takes about a millisecond, Telegram tens to hundreds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """The bot's counters, histogram and gauges, in one registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.messages = Counter("enquiry_messages", "Messages answered, by kind of answer",
                                ["kind"], registry=r)
        self.answered = Counter("enquiry_answered", "Messages the bot could answer", registry=r)
        self.unanswered = Counter("enquiry_unanswered",
                                  "Messages the bot could not answer (honest 'I don't know')",
                                  registry=r)
        self.emergencies = Counter("enquiry_emergencies", "Messages answered with 999 first",
                                   registry=r)
        self.reply_seconds = Histogram("enquiry_reply_seconds",
                                       "From receiving a message to the reply being sent",
                                       buckets=LATENCY_BUCKETS, registry=r)
        self.telegram_errors = Counter("telegram_errors",
                                       "Errors talking to Telegram, by error type", ["error"],
                                       registry=r)
        self.feedback = Counter("enquiry_feedback", "Helpful / not helpful presses",
                                ["verdict"], registry=r)
        self.reloads = Counter("knowledge_reloads", "Knowledge reloads, by outcome",
                               ["outcome"], registry=r)
        self.queue_length = Gauge("update_queue_length",
                                  "Updates received but not yet handled", registry=r)
        self.operations = Gauge("knowledge_operations", "Operations in the loaded knowledge",
                                registry=r)
        for outcome in ("swapped", "refused"):
            self.reloads.labels(outcome)  # shown as 0 before the first reload
        for verdict in ("helpful", "not_helpful"):
            self.feedback.labels(verdict)

    def observe_answer(self, answer: Answer, seconds: float) -> None:
        """Count one answered message and how long its reply took."""
        self.messages.labels(answer.kind).inc()
        if answer.kind == "emergency":
            self.emergencies.inc()
        if answer.answered:
            self.answered.inc()
        else:
            self.unanswered.inc()
        self.reply_seconds.observe(seconds)

    def observe_feedback(self, helpful: bool) -> None:
        self.feedback.labels("helpful" if helpful else "not_helpful").inc()

    def observe_telegram_error(self, error: BaseException) -> None:
        self.telegram_errors.labels(type(error).__name__).inc()

    def measure_queue(self, length: Callable[[], int]) -> None:
        """Read the queue's length whenever the metrics are scraped."""
        self.queue_length.set_function(length)

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)
