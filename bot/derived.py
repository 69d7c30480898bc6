"""Arithmetic on published figures: a force's share of a total, what the other forces did
between them (the total less that force's part), and one figure added up across operations.

The question's cues come from bot/language/cues.yaml (`derived`), read by bot.matching
(`arithmetic_cue`); this module decides only
whether the knowledge publishes both figures the arithmetic needs (same metric; the same
operation and period for a share or the rest; the same scope for a sum) and says so when it
doesn't. A figure given as "more than" or "about" is never used as if it were exact: the
result carries the bound it allows, or no result is worked out at all.
"""

from __future__ import annotations

import math

from bot import compose, guidance, matching
from bot.analysis import Query
from bot.answer import Answer, Span, bold, spans
from bot.conversation import Conversation
from bot.knowledge import Knowledge
from bot.knowledge.models import Figure, Operation

WORKED_OUT = "worked out from the published figures"
# how each qualifier bounds the true value: exact, a lower bound, an upper bound, or roughly
_BOUND = {"exact": "exact", "more_than": "low", "at_least": "low", "up_to": "high",
          "fewer_than": "high", "about": "approx", "nearly": "approx"}
_SHORT_FOLLOW_UP = 6  # "as a percentage?" after a figure: a few words, no metric of its own


def asked(q: Query, raw: str = "", conv: Conversation | None = None) -> str | None:
    """The kind of arithmetic a question asks for, if it asks about a figure at all (its own,
    or, in a follow-up, the figure just given)."""
    kind = matching.arithmetic_cue(q, raw)
    plain = set(q.facets) <= {"summary"} and not (q.reporting or q.channels)
    follow_up = plain and (len(q.tokens) <= _SHORT_FOLLOW_UP
                           or q.follow_up and conv is not None and conv.metric is not None)
    about_a_figure = bool(q.metrics or q.quantitative or q.numbers or follow_up)
    return kind if about_a_figure else None


def answer(k: Knowledge, ops: dict[str, Operation], q: Query, conv: Conversation,
           raw: str = "") -> Answer | None:
    """The worked-out answer, an honest refusal naming the missing figure, or None when the
    question isn't one for arithmetic (the engine answers it as usual)."""
    kind = asked(q, raw, conv)
    if kind is None or q.other_force or q.unknown_op:  # not the share of an unheld operation
        return None
    metric = _metric(q, ops, conv)
    if kind == "combined":  # "was Essex in both?" asks who took part, not for a sum
        carried = not q.metrics and not (q.quantitative or q.follow_up)
        return _combined(k, ops, q, conv, metric) if metric and not carried else None
    if metric is None and set(q.facets) - {"summary"}:
        return None  # "other than Essex, how many forces joined?" counts forces, not figures
    named = _operations(q, ops, conv, metric)
    force = q.forces[0] if q.forces else conv.scope if conv.scope != "all" else None
    if not named or (force is None and kind != "others"):
        return None
    # "what share did Essex have in the April operation?": every figure Essex has a part of
    metrics = list(q.metrics) or ([metric] if metric else list(dict.fromkeys(
        f.metric for op in named for f in op.figures if force and f.scope == force)))
    return _parts(k, named, conv, metrics, force, kind) if metrics else None


def _metric(q: Query, ops: dict[str, Operation], conv: Conversation) -> str | None:
    if q.metrics:
        return q.metrics[0]
    quoted = [f.metric for op in ops.values() for f in op.figures if f.value in q.numbers]
    return quoted[0] if quoted else conv.metric


def _operations(q: Query, ops: dict[str, Operation], conv: Conversation,
                metric: str | None) -> list[Operation]:
    """The operations a share or rest is about: named, or the one whose figure is quoted
    ("of the 215"), or the one just talked about, or else every one that has the metric."""
    if q.ops:
        return [ops[i] for i in q.ops if i in ops]
    quoted = [op for op in ops.values()
              if any(f.metric == metric and f.value in q.numbers for f in op.figures)]
    if quoted:
        return quoted
    if conv.operation_ids:
        return [ops[i] for i in conv.operation_ids if i in ops]
    having = [op for op in ops.values() if metric and any(f.metric == metric
                                                          for f in op.figures)]
    return having if len(having) <= compose.MAX_BRIEF_OPS else []


def _part_and_total(op: Operation, metric: str, force: str | None,
                    ) -> tuple[Figure | None, Figure | None]:
    """One force's figure and the all-forces figure for the same period, if published."""
    figs = [f for f in op.figures if f.metric == metric]
    if force is None:  # "the others": the one force with a figure of its own
        forces = {f.scope for f in figs if f.scope not in ("all", None)}
        force = forces.pop() if len(forces) == 1 else None
    parts = [f for f in figs if force and f.scope == force]
    part = parts[0] if len(parts) == 1 else None
    period = part.period if part else None
    totals = [f for f in figs if f.scope == "all" and (part is None or f.period == period)] \
        or [f for f in figs if f.scope is None and (part is None or f.period == period)]
    return part, (totals[0] if len(totals) == 1 else None)


def _parts(k: Knowledge, named: list[Operation], conv: Conversation, metrics: list[str],
           force: str | None, kind: str) -> Answer:
    lines: list[list[Span]] = []
    used, shown, missing = [], [], []
    for op in named[: compose.MAX_BRIEF_OPS]:
        op_lines: list[list[Span]] = []
        for metric in metrics:
            part, total = _part_and_total(op, metric, force)
            if part is None or total is None:
                if len(metrics) == 1:
                    missing.append(_missing(k, op, k.metric(metric).label, part, total, force))
                continue
            op_lines += [_share_line(k, part, total) if kind == "share"
                         else _rest_line(k, op, part, total), spans("Published:")]
            op_lines += [compose.figure_spans(k, op, f) for f in (part, total)]
            used += [compose.figure_used(k, op, f) for f in (part, total)]
            force = force or part.scope
        if op_lines:
            if len(named) > 1:
                lines.append(spans(bold(op.name), f" ({compose.op_when(op)})"))
            lines += op_lines
            shown.append(op)
    if not shown:
        return guidance.fallback(k, reason=" ".join(missing) or "The releases publish no part "
                                 "and total to work that out from.", suggestions=[],
                                 confidence=0.3)
    lines += [spans(m) for m in missing]
    label = " and ".join(k.metric(m).label for m in metrics) if len(metrics) < 3 else "results"
    what = "share" if kind == "share" else "the other forces"
    _remember(conv, metrics[0], force, shown)
    return compose.answer_from(
        k, title=f"{shown[0].name if len(shown) == 1 else 'Operations'}: {label}, {what}",
        lines=lines, ops=shown, figures=used,
        topic=f"{'+'.join(o.id for o in shown)}:{'+'.join(metrics)}:{kind}", confidence=0.8)


def _missing(k: Knowledge, op: Operation, label: str, part: Figure | None,
             total: Figure | None, force: str | None) -> str:
    if part is None:
        who = k.force_name(force) if force else "any one force"
        held = " (only the figure for all forces together)" if total else ""
        return (f"The release on {op.name} publishes no separate figure for {who} for "
                f"{label}{held}, so I can't work that out.")
    return (f"The release on {op.name} publishes no single all-forces figure for {label} for "
            f"the same period as {k.force_name(part.scope)}'s, so I can't work that out.")


def _share_line(k: Knowledge, part: Figure, total: Figure) -> list[Span]:
    label = k.metric(part.metric).label
    start = f"{k.force_name(part.scope)}: {_amount(k, part)} of {_amount(k, total)} {label}"
    bound = _combine_share(_BOUND[part.qualifier], _BOUND[total.qualifier])
    ratio = 100 * part.value / total.value if total.value else None
    if bound is None or ratio is None:
        return spans(start, ": the published figures aren't exact (",
                     compose.value_text(k, part), " and ", compose.value_text(k, total),
                     "), so the share can't be worked out from them.")
    step = {"high": math.ceil, "low": math.floor}.get(bound, round)
    rounded = step(ratio * 10) / 10
    exact = bound == "exact" and rounded == ratio
    words = {"low": "more than ", "high": "less than ", "approx": "about "}.get(
        bound, "" if exact else "about ")
    return spans(start, ": ", bold(f"{words}{compose.format_number(rounded)} %"),
                 f" ({WORKED_OUT}).")


def _rest_line(k: Knowledge, op: Operation, part: Figure, total: Figure) -> list[Span]:
    label = k.metric(part.metric).label
    force = k.force_name(part.scope)
    others = len(op.forces) - 1 if part.scope in op.forces else 0
    who = f"The other {others} forces together" if others > 1 else "The other forces together"
    bound = _combine_difference(_BOUND[total.qualifier], _BOUND[part.qualifier])
    if bound is None:
        return spans(f"{who} (all but {force}): the published figures aren't exact (",
                     compose.value_text(k, total), " in all, ", compose.value_text(k, part),
                     f" by {force}), so what the others did can't be worked out from them.")
    value = _amount(k, total, total.value - part.value, bound)
    return spans(f"{who} (all but {force}): ", bold(value), f" {label} "
                 f"({_amount(k, total)} − {_amount(k, part)}, {WORKED_OUT}).")


def _combined(k: Knowledge, ops: dict[str, Operation], q: Query, conv: Conversation,
              metric: str) -> Answer | None:
    """One figure added up across operations, only where each publishes one for that scope."""
    named = [ops[i] for i in q.ops if i in ops]
    if len(named) < 2:
        named = list(ops.values()) if len(ops) <= compose.MAX_BRIEF_OPS else []
    if len(named) < 2:
        return None
    scope = q.forces[0] if q.forces else ("all" if q.metrics or not conv.scope else conv.scope)
    label = k.metric(metric).label
    who = "All forces" if scope == "all" else k.force_name(scope)
    picked: list[tuple[Operation, Figure]] = []
    for op in named:
        figs = [f for f in op.figures if f.metric == metric and (
            f.scope == scope or scope == "all" and f.scope is None)]
        if len(figs) != 1:
            why = (f"publishes more than one figure for {label} (for different periods), so "
                   "there's no single figure to add" if figs else f"publishes no figure for "
                   f"{label} for {'all forces together' if scope == 'all' else who}")
            return guidance.fallback(k, reason=f"The release on {op.name} {why}; I can't give "
                                     "a combined total.", suggestions=[], confidence=0.3)
        picked.append((op, figs[0]))
    bounds = {_BOUND[f.qualifier] for _, f in picked} - {"exact"}
    bound = bounds.pop() if len(bounds) == 1 else "exact" if not bounds else None
    names = " and ".join(op.name for op, _ in picked)
    lines: list[list[Span]] = []
    sums = " + ".join(_amount(k, f) for _, f in picked)
    if bound is None:
        lines.append(spans(f"{who}, {names}: the figures are bounded in different ways, so "
                           "they can't be added up honestly."))
    else:
        total = _amount(k, picked[0][1], sum(f.value for _, f in picked), bound)
        lines.append(spans(f"{who}, {names} added together: ", bold(total), f" {label} "
                           f"({sums}, {WORKED_OUT})."))
    lines.append(spans("Published:"))
    for op, fig in picked:
        lines.append(spans(bold(op.name), ": ", *compose.figure_spans(k, op, fig)))
    shown = [op for op, _ in picked]
    _remember(conv, metric, scope, shown)
    return compose.answer_from(
        k, title=f"{who}: {label}, operations added together", lines=lines, ops=shown,
        figures=[compose.figure_used(k, op, f) for op, f in picked],
        topic=f"{'+'.join(o.id for o in shown)}:{metric}:combined", confidence=0.8)


def _amount(k: Knowledge, fig: Figure, value: float | None = None,
            bound: str = "exact") -> str:
    """A figure's number (or a worked-out one) in its unit, with the bound it carries."""
    number = compose.format_number(fig.value if value is None else value)
    if k.metric(fig.metric).unit == "GBP":
        number = f"£{number}"
    if value is None:
        bound = _BOUND[fig.qualifier]
        if fig.qualifier != "exact":
            return compose.QUALIFIERS[fig.qualifier] + number
    return {"low": "more than ", "high": "fewer than ", "approx": "about "}.get(bound, "") + number


def _combine_share(part: str, total: str) -> str | None:
    if part == total == "exact":
        return "exact"
    if "approx" in (part, total):
        return "approx" if {part, total} <= {"approx", "exact"} else None
    if total == "exact":
        return part  # a lower bound on the part is a lower bound on the share
    if part == "exact":
        return {"low": "high", "high": "low"}[total]
    return None


def _combine_difference(total: str, part: str) -> str | None:
    if total == part == "exact":
        return "exact"
    if "approx" in (part, total):
        return "approx" if {part, total} <= {"approx", "exact"} else None
    if part == "exact":
        return total
    if total == "exact":
        return {"low": "high", "high": "low"}[part]
    return None


def _remember(conv: Conversation, metric: str, scope: str | None,
              shown: list[Operation]) -> None:
    conv.metric, conv.metrics = metric, [metric]
    conv.scope, conv.facet = scope, None
    conv.discuss([op.id for op in shown])
