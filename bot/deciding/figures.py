"""Answers that are published figures: which figures fit the question (metric, scope,
period, the figure's own words), for one force or all, with comparisons and caveats."""

from __future__ import annotations

import calendar

from bot import comparison, compose, matching
from bot.analysis import Query
from bot.answer import Answer, Span, Suggestion, bold, spans
from bot.conversation import Conversation
from bot.knowledge.models import Figure, Operation, partial_date_parts


class FigureAnswers:
    """Part of bot.engine.Engine (a mixin): see the module docstring."""

    def _detailed_figures(self, q: Query, metric: str, ops: list[Operation]) -> Answer | None:
        """'were they charged?' after arrests: the release may not say, but what it does say
        about those figures (e.g. 'released under investigation') is the honest answer."""
        k = self.k
        lines: list[list[Span]] = []
        used = []
        for op in ops:
            for fig in op.figures:
                if fig.metric == metric and fig.detail and (
                        not q.forces or fig.scope in q.forces):
                    lines.append(compose.figure_spans(k, op, fig))
                    used.append(compose.figure_used(k, op, fig))
        if not used:
            return None
        subject = q.cues.outcome
        lines.insert(0, spans(f"The release gives no figures on “{subject}”. What it does "
                              "say about these figures:"))
        shown = [op for op in ops if any(u.operation_id == op.id for u in used)]
        return compose.answer_from(
            k, title=f"{shown[0].name}: {k.metric(metric).label}", lines=lines, ops=shown,
            figures=used, topic=f"{shown[0].id}:{metric}:detail", confidence=0.6)

    def _fit_metrics(self, q: Query, cands: list[Operation]) -> None:
        """Prefer what the operations actually count: 'drug drivers arrested' in a road safety
        operation is arrests (of drug drivers), not drug seizures; 'how much was recovered' in
        a rural crime operation is its recovered machinery. A subject or counted noun that a
        figure's own detail mentions is that figure ('any knives?' → weapons: machetes…)."""
        held = {f.metric for op in cands for f in op.figures}
        if q.metrics and not set(q.metrics) & held:
            others = [m for m in q.all_metrics if m in held and m not in q.metrics]
            dropped = [q.fixed[at] for at, m in q.metric_at if m in q.metrics
                       and at < len(q.fixed)]
            if not others:
                others = self._described(cands, dropped, fields=("what",))
            if others:
                q.metrics = list(dict.fromkeys(others))
                q.unexplained += [w for w in dropped if w not in q.unexplained]
        if q.asked_noun and q.metrics and set(self._described(
                cands, [q.asked_noun], fields=("what", "detail"))) & set(q.metrics):
            # "how many drink drivers were arrested": one of the arrests figures says drink
            q.unexplained.append(q.asked_noun)
            q.asked_noun = None
        # a counted noun must be what a figure counts; a subject may be in its detail
        found = self._described(cands, [q.asked_noun], fields=("what",)) if q.asked_noun \
            else self._described(cands, q.subjects, fields=("detail",)) if q.subjects else []
        if found:
            q.metrics = q.metrics if set(q.metrics) & set(found) else found
            q.asked_noun, q.subjects = None, []

    def _described(self, cands: list[Operation], words: list[str],
                   fields: tuple[str, ...]) -> list[str]:
        return matching.described(cands, words, fields)

    def _names_a_kind(self, fig: Figure) -> bool:
        return matching.names_a_kind(self.k, fig)

    def _select(self, op: Operation, metric: str, q: Query, scope: str | None, *,
                dated: bool = True) -> tuple[list[Figure], bool]:
        """The figures of `op` for `metric` that fit the question (for the day or month it
        names, unless not `dated`); True when a figure's own description matched words of
        the question."""
        figs = [f for f in op.figures if f.metric == metric]
        quoted = [f for f in figs if f.value in q.numbers]
        share = scope and scope != "all" and q.cues.share
        if quoted and not (q.quantitative and scope) and not share:
            # "the £15,000: Essex alone or all forces?" — that figure, whoever's it is (but
            # "how many did Essex make out of the 215?" asks for Essex's share)
            return compose.order_figures(quoted), True
        if scope and op.forces == [scope]:
            scope = "all"  # a one-force operation: its totals are that force's
        if scope == "all":
            whole = {"all", None} | (set(op.forces) if len(op.forces) == 1 else set())
            figs = [f for f in figs if f.scope in whole]
        elif scope:
            figs = [f for f in figs if f.scope == scope]
        if not figs:
            return [], False
        if q.since_month:
            figs = _since(figs, op, q.since_month)
        if q.day and dated:
            figs = [f for f in figs if _figure_on(f, op, q)]  # none: not published by day
        elif q.months and dated:
            figs = [f for f in figs if _figure_on(f, op, q)]  # none: not published for it
        if len(figs) > 1 and q.unexplained:
            # "cars with no insurance": the figure whose own description says so
            described = matching.described_figures(
                figs, q.unexplained, self.analyser.metric_words.get(metric, set()))
            if described:
                return compose.order_figures(described), True
        # "Essex's share of the 215": only the operation that published the 215 is meant
        return compose.order_figures(figs), bool(quoted and share)

    def _figures_answer(self, q: Query, conv: Conversation, ops: list[Operation],
                        confidence: float) -> Answer:
        """The published figures for the metrics asked, per operation, with what's missing
        for the scope asked and the caveats that apply."""
        k = self.k
        scope = q.forces[0] if q.forces else ("all" if q.scope_all else None)
        if scope and scope != "all" and len(ops) > 1:
            ops = [op for op in ops if any(f.scope == scope for f in op.figures)] or ops
        distinguish = any(op.name in self._shared_names for op in ops)
        lines: list[list[Span]] = []
        used: list = []
        missing: list[str] = []
        answered_ops: list[Operation] = []
        # "the july sceptre day or the april one": a month that names one of several
        # operations filters only that one's figures
        covering = [op for op in ops if q.months and compose.covers_months(op, q.months)]
        names_one = len(ops) > 1 and 0 < len(covering) < len(ops)
        selected = {op.id: {m: self._select(op, m, q, scope,
                                            dated=not names_one or op in covering)
                            for m in q.metrics} for op in ops}
        if any(d for per in selected.values() for _, d in per.values()):
            # only the operations whose figures are described the way the question asks
            ops = [op for op in ops if any(d for _, d in selected[op.id].values())]
        for op in ops[: compose.MAX_BRIEF_OPS]:
            label = compose.op_label(k, op, distinguish=distinguish)
            op_lines = self._op_figure_lines(q, op, label, scope, selected[op.id], used, missing)
            if op_lines:
                answered_ops.append(op)
                if len(ops) > 1:
                    lines.append(spans(bold(label)) if distinguish
                                 else spans(bold(label), f" ({compose.op_when(op)})"))
                lines += op_lines
        if not used:
            return self._no_figures(q, ops, missing, distinguish)
        lines += [spans(m) for m in missing] + self._figure_notes(q, answered_ops)
        if q.cues.compares and len(q.metrics) == 1:
            shown = [(op, selected[op.id][q.metrics[0]][0]) for op in answered_ops]
            lines += self._comparison(shown) + self._against_asked(q, shown)
        conv.metric, conv.metrics = q.metrics[0], list(q.metrics)
        conv.scope = scope
        conv.facet = None
        conv.discuss([op.id for op in answered_ops])
        return self._figures_reply(q, answered_ops, lines, used, distinguish, confidence)

    def _op_figure_lines(self, q: Query, op: Operation, label: str, scope: str | None,
                         selected: dict[str, tuple[list[Figure], bool]], used: list,
                         missing: list[str]) -> list[list[Span]]:
        """One operation's lines of figures (and, for one force's share, the total beside
        it); what is missing for the scope asked goes into `missing`."""
        k = self.k
        op_lines: list[list[Span]] = []
        for metric in q.metrics:
            figs, _ = selected[metric]
            if not figs:
                if any(f.metric == metric for f in op.figures) and scope:
                    who = "all forces together" if scope == "all" else k.force_name(scope)
                    missing.append(f"{label} has no separate figure for {who} "
                                   f"({k.metric(metric).label}).")
                continue
            for fig in figs:
                op_lines.append(compose.figure_spans(k, op, fig))
                used.append(compose.figure_used(k, op, fig))
            if scope and scope != "all" and op.forces != [scope] \
                    and all(f.scope == scope for f in figs):
                for whole in self._select(op, metric, q, "all")[0][:1]:
                    op_lines.append(spans(f"For comparison, {compose.scope_text(k, op, whole)}"
                                          f": ", bold(compose.value_text(k, whole)), "."))
                    used.append(compose.figure_used(k, op, whole))
        return op_lines

    def _no_figures(self, q: Query, ops: list[Operation], missing: list[str],
                    distinguish: bool) -> Answer:
        """No figure fits: say for which day or month, scope or metric none was published."""
        k = self.k
        if q.day or q.months:
            covered = "; ".join(f"{op.name}: {compose.op_when(op)}" for op in ops)
            span = "that day alone" if q.day else "that month"
            return self._fallback(q, f"No figures were published for {span}. The published "
                                     f"figures cover {covered}.", 0.3)
        metric_label = " and ".join(k.metric(m).label for m in q.metrics)
        names = " or ".join(dict.fromkeys(
            compose.op_label(k, op, distinguish=distinguish) for op in ops))
        held = sorted({k.metric(f.metric).label for op in ops for f in op.figures})
        reason = " ".join(missing) or (f"No figure for {metric_label} was published for "
                                       f"{names}. What was published: {', '.join(held)}.")
        return self._fallback(q, reason, 0.3)

    def _figure_notes(self, q: Query, answered_ops: list[Operation]) -> list[list[Span]]:
        """Caveats and extras after the figures: an unknown start for 'since June', a year
        the source doesn't give, which was higher, and when (if asked)."""
        lines: list[list[Span]] = []
        if q.since_month and any(f.period and not f.period.start for op in answered_ops
                                 for f in op.figures if f.metric in q.metrics):
            lines.append(spans(f"The release doesn't say when that total started counting, so "
                               f"I can't say how much of it is since "
                               f"{calendar.month_name[q.since_month]}."))
        lines += self._year_caveats(q, answered_ops)
        if len(answered_ops) == 1:
            op = answered_ops[0]
            if op.dates and "when" in q.facets:
                lines.append(spans(f"When: {compose.op_when(op)}."))
        return lines

    def _figures_reply(self, q: Query, answered_ops: list[Operation], lines: list[list[Span]],
                       used: list, distinguish: bool, confidence: float) -> Answer:
        k = self.k
        metric_label = " and ".join(k.metric(m).label for m in q.metrics)
        title_op = (compose.op_label(k, answered_ops[0], distinguish=distinguish)
                    if len(answered_ops) == 1 else "Operations")
        suggestions: list[Suggestion] = []
        if len(answered_ops) == 1:
            suggestions = compose.metric_suggestions(k, answered_ops[0], set(q.metrics),
                                                     answered_ops[0].name)
        else:
            suggestions = [Suggestion(label=f"{metric_label.capitalize()}: {op.name}",
                                      query=f"{metric_label} in {op.name}")
                           for op in answered_ops]
        return compose.answer_from(
            k, title=f"{title_op}: {metric_label}", lines=lines, ops=answered_ops,
            figures=used, topic=f"{'+'.join(o.id for o in answered_ops)}:{'+'.join(q.metrics)}",
            confidence=confidence, suggestions=suggestions)

    def _comparison(self, shown: list[tuple[Operation, list[Figure]]]) -> list[list[Span]]:
        """'Which was higher?' for two operations: each pair of their figures shown at the same
        scope, told only when the figures' own words make it certain (bot.comparison)."""
        if len(shown) != 2:
            return []
        (op_a, figs_a), (op_b, figs_b) = shown
        lines = []
        for a in sorted(figs_a, key=lambda f: f.scope not in ("all", None)):
            for b in (f for f in figs_b if _same_scope(a, f)):
                sign = comparison.order(a, b)
                if sign is None:
                    if a.value != b.value:  # "more than £40,000" against "more than £15,000"
                        lines.append(spans(
                            f"{op_a.name}: {self._told(op_a, a)}; {op_b.name}: "
                            f"{self._told(op_b, b)}. The release gives no exact amounts, so "
                            f"which was really higher can't be told."))
                    continue
                (hi_op, hi), (lo_op, lo) = ((op_a, a), (op_b, b)) if sign > 0 \
                    else ((op_b, b), (op_a, a))
                lines.append(spans("Higher: ", bold(hi_op.name), f", {self._told(hi_op, hi)}, "
                                   f"against {self._told(lo_op, lo)} in {lo_op.name}."))
        return lines[:3]

    def _told(self, op: Operation, fig: Figure) -> str:
        """A figure's value, with its period when its operation has others for that metric."""
        text = compose.value_text(self.k, fig)
        several = sum(f.metric == fig.metric and _same_scope(f, fig) for f in op.figures) > 1
        if several and fig.period and fig.period.describe():
            text += f" ({fig.period.describe()})"
        return text

    def _against_asked(self, q: Query, shown: list[tuple[Operation, list[Figure]]]
                       ) -> list[list[Span]]:
        """'Is 14 vehicles more or less than April?': the asker's own number against each
        figure shown (not a number that is one of them)."""
        values = {f.value for _, figs in shown for f in figs}
        asked = sorted((q.numbers | q.counted) - values)
        if len(asked) != 1:
            return []
        n = asked[0]
        unit = self.k.metric(shown[0][1][0].metric).unit if shown[0][1] else None
        lines = []
        for op, figs in shown:
            whole = [f for f in figs if f.scope in ("all", None)]
            for fig in (whole if whole and not q.forces else figs)[:3]:
                sign = comparison.order(n, fig)
                said = compose.format_number(int(n) if n.is_integer() else n)
                said = f"£{said}" if unit == "GBP" else said
                fewer = "less" if unit == "GBP" else "fewer"
                verdict = {1: "more than", -1: f"{fewer} than"}.get(
                    sign, "not certainly more or less than")
                lines.append(spans(f"{said} is {verdict} the published figure of "
                                   f"{self._told(op, fig)} "
                                   f"({compose.scope_text(self.k, op, fig) or op.name}"
                                   f"{', ' + op.name if len(shown) > 1 else ''})."))
        return lines[:4]

    def _year_caveats(self, q: Query, ops: list[Operation]) -> list[list[Span]]:
        """Say so when a question names a year that an operation's source never gives."""
        if not q.years:
            return []
        years = " or ".join(str(y) for y in sorted(q.years))
        return [spans(f"The source doesn't give the year of the {op.name}, so I can't say "
                      f"whether this was in {years}.")
                for op in ops if not compose.op_years(self.k, op)]

    def _force_figures(self, q: Query, conv: Conversation, ops: list[Operation],
                       confidence: float) -> Answer:
        """Everything a force achieved in the operations ("how many did Essex make?")."""
        k = self.k
        force = q.forces[0]
        lines: list[list[Span]] = []
        used = []
        shown: list[Operation] = []
        for op in ops:
            figs = [f for f in op.figures if f.scope == force]
            if not figs:
                continue
            shown.append(op)
            lines.append(spans(bold(op.name), f" ({compose.op_when(op)})"))
            for fig in figs:
                lines.append(compose.figure_spans(k, op, fig))
                used.append(compose.figure_used(k, op, fig))
        if not used:
            involved = [op.name for op in ops if force in op.forces]
            reason = (f"No separate figures for {k.force_name(force)} were published"
                      + (f"; it took part in: {', '.join(involved)}." if involved else "."))
            return self._fallback(q, reason, 0.3)
        conv.scope = force
        conv.discuss([op.id for op in shown])
        return compose.answer_from(
            k, title=f"{k.force_name(force)}: results", lines=lines, ops=shown, figures=used,
            topic=f"{'+'.join(o.id for o in shown)}:force:{force}", confidence=confidence,
            suggestions=[Suggestion(label=f"All forces in {op.name}",
                                    query=f"results of {op.name}") for op in shown[:2]])


def _same_scope(a: Figure, b: Figure) -> bool:
    """Both for one force, or both for all the forces (or not said): comparable."""
    return a.scope == b.scope or (a.scope in ("all", None) and b.scope in ("all", None))


def _figure_on(fig: Figure, op: Operation, q: Query) -> bool:
    """Whether a figure is for the day (or month) the question names. A figure over several
    days is not 'on' any one of them: no day-by-day breakdown is published."""
    period = fig.period or op.dates
    if period is None:
        return False
    start, end = period.start, period.end or period.start
    if q.day:
        if not start or start != end:
            return False
        _, month, day = partial_date_parts(start)
        return day == q.day and (not q.months or month in q.months)
    return bool(q.months & period.months())


def _since(figs: list[Figure], op: Operation, month: int) -> list[Figure]:
    """'since June': the figures counted from June if any; else the running totals whose start
    the release doesn't give (the answer then says so); else those dated after June."""
    def start_month(f: Figure) -> int | None:
        period = f.period or op.dates
        return partial_date_parts(period.start)[1] if period and period.start else None
    exact = [f for f in figs if start_month(f) == month]
    if exact:
        return exact
    open_start = [f for f in figs if f.period and not f.period.start]
    if open_start:
        return open_start
    return [f for f in figs if (start_month(f) or 0) >= month]
