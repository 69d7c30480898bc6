"""Honest refusals and clarifications: 'I don't know' with the nearest suggestions, what
the releases never publish (breakdowns, outcomes), and 'which operation do you mean?'."""

from __future__ import annotations

from bot import compose, guidance, matching
from bot.analysis import Query
from bot.answer import Answer, Suggestion, spans
from bot.knowledge.models import Operation


class Refusals:
    """Part of bot.engine.Engine (a mixin): see the module docstring."""

    def _closest(self, q: Query, n: int = 3) -> list[Suggestion]:
        """The suggestions nearest to what was asked (for an honest 'I don't know')."""
        near = matching.closest(self._suggestion_pool, self._suggestions, q.text, q.tokens, n)
        if near is None:
            return list(guidance.GUIDANCE_SUGGESTIONS[:n])
        return [Suggestion(label=label, query=query) for label, query in near]

    def _unknown_operation(self, q: Query, name: str) -> Answer:
        return self._fallback(q, f"I don't have any information about Operation {name.title()}.")

    def _no_figures_on(self, q: Query, subject: str, confidence: float) -> Answer:
        return self._fallback(q, f"The published figures don't include anything about "
                                 f"{subject}.", confidence)

    def _not_quoted(self, q: Query, who: str) -> Answer:
        return self._fallback(q, f"The releases don't quote anyone matching “{who}”.", 0.2)

    def _no_breakdown(self, q: Query, ops: list[Operation], how: str) -> Answer:
        """'Arrests per day / on the first day': not published; say what period the published
        figures really cover."""
        k = self.k
        label = " and ".join(k.metric(m).label for m in q.metrics) or "the"
        periods = []
        for op in ops[: compose.MAX_BRIEF_OPS]:
            figs = [f for f in op.figures if not q.metrics or f.metric in q.metrics]
            spans_of = dict.fromkeys((f.period.describe() if f.period and f.period.describe()
                                      else compose.op_when(op)) for f in figs)
            if spans_of:
                periods.append(f"{op.name}: {'; '.join(spans_of)}")
        cover = (f" The published {label} figures cover the whole period they give ("
                 + "; ".join(periods) + ").") if periods else ""
        return self._fallback(q, f"The releases don't break the figures down {how}: they give "
                                 f"totals and some forces' own shares only.{cover}", 0.3)

    def _no_outcomes(self, q: Query) -> Answer:
        return self._fallback(q, "The releases don't say what happened after the arrests and "
                                 "seizures (charges, court results, sentences, values).", 0.2)

    def _fallback(self, q: Query, reason: str | None, confidence: float = 0.0) -> Answer:
        return guidance.fallback(self.k, reason=reason, suggestions=self._closest(q),
                                 confidence=confidence)

    def _clarify(self, q: Query) -> Answer:
        return Answer(
            answered=False, kind="clarify", topic=None, confidence=0.3,
            title="Which operation do you mean?",
            body=[spans("I know about these operations: " + ", ".join(
                compose.op_label(self.k, op, distinguish=True) for op in self.k.operations)
                + ". Which one do you mean?")],
            suggestions=guidance.operation_suggestions(self.k)[:6])

    def _which_of(self, q: Query, ops: list[Operation]) -> Answer:
        """Too many operations fit to answer each: ask which, with one suggestion per operation
        whose text names it by force and date, so pressing it answers."""
        k = self.k
        what = " and ".join(k.metric(m).label for m in q.metrics)
        ops = sorted(ops, key=compose.op_start)  # oldest first: the same order every time
        labels = [compose.op_label(k, op, distinguish=True) for op in ops]
        return Answer(
            answered=False, kind="clarify", topic=None, confidence=0.4,
            title="Which operation do you mean?",
            body=[spans(f"{len(ops)} operations fit your question. Which one do you mean?"),
                  *[spans(f"• {label}") for label in labels]],
            suggestions=[Suggestion(label=label, query=f"{what} in {label}" if what
                                    else f"tell me about {label}") for label in labels[:8]])

    def _unknown_metric(self, q: Query, ops: list[Operation]) -> Answer:
        k = self.k
        what = " ".join(matching.distinctive(q.unexplained))
        labels = sorted({k.metric(f.metric).label for op in ops for f in op.figures})
        reason = (f"The published figures don't give a number for {what or 'that'}. "
                  f"They do count: {', '.join(labels)}.")
        return self._fallback(q, reason, 0.2)
