"""The lines that answer one facet of an operation: when, where, who led, which forces,
units, methods, people, source, focus, appeal, or an overview with key figures."""

from __future__ import annotations

from bot import compose
from bot.analysis import Query
from bot.answer import Span, bold, spans
from bot.knowledge import Knowledge
from bot.knowledge.models import Operation


def facet_lines(k: Knowledge, op: Operation, facet: str, q: Query,
                brief: bool) -> tuple[list[list[Span]], list]:
    """The lines answering `facet` of `op` (brief when several operations are answered), and
    the figures they use (only the overview shows figures)."""
    lines_of = _FACETS.get(facet)
    if lines_of is not None:
        return lines_of(k, op, q, brief), []
    return _summary(k, op, brief)


def _when(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    text = f"{op.name} took place: {compose.op_when(op)}"
    if op.duration:
        text += f" ({op.duration})"
    src = k.sources[op.id]
    extra = [spans(f"The source is dated {compose.format_partial_date(src.date)}.")] \
        if src.date and not brief else []
    return [spans(bold(text + "."))] + extra


def _duration(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    if op.duration:
        return [spans(f"{op.name} lasted ", bold(op.duration),
                      f" ({compose.op_when(op)}).")]
    return [spans(f"The length of {op.name} isn't given; the figures cover "
                  f"{compose.op_when(op)}.")]


def _name(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    aka = [a for a in op.aliases if a.lower() != op.name.lower()][:3]
    return [spans("It is called ", bold(op.name), ".")
            + ([Span(text=f" Also referred to as: {', '.join(aka)}.")] if aka else [])]


def _where(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    return [spans(op.area or "The area isn't stated.")]


def _lead(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    lines = []
    if op.lead_force:
        lines.append(spans("Led by ", bold(k.force_name(op.lead_force)), "."))
        for force in q.forces if q.cues.asserts_lead else []:  # "it was led by Essex, yes?"
            if force != op.lead_force:
                lines.append(spans(f"Not by {k.force_name(force)}: it took part, but the "
                                   f"{k.force_name(op.lead_force)} led it." if force in
                                   op.forces else f"Not by {k.force_name(force)}."))
    else:
        lines.append(spans("The source doesn't say which force led it. Forces taking "
                           f"part: {compose.forces_text(k, op)}."))
    for p in op.people:
        if p.part:
            lines.append(spans(bold(compose.person_intro(k, p)), f" {p.part}."))
    return lines


def _forces(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    n = len(op.forces)
    besides = [f for f in q.forces if f in op.forces][:1]
    others = [spans(f"Besides {k.force_name(f)}, {n - 1} other force"
                    f"{'s' if n != 2 else ''} took part.") for f in besides]
    led = f" (led by {k.force_name(op.lead_force)})" if op.lead_force else ""
    return others + [spans(bold(f"{n} force{'s' if n != 1 else ''}"),
                           f": {compose.forces_text(k, op)}{led}.")]


def _membership(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    lines = []
    for force in q.forces:
        name = k.force_name(force)
        if force in op.forces:
            role = " and led it" if op.lead_force == force else ""
            lines.append(spans("Yes: ", bold(name), f" was one of the {len(op.forces)} "
                               f"forces in {op.name}{role}."))
        else:
            lines.append(spans("No: ", bold(name), f" is not among the forces named "
                               f"for {op.name}."))
    lines.append(spans(f"Forces taking part: {compose.forces_text(k, op)}."))
    return lines


def _units(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    if not op.units:
        return [spans("No particular units are named.")]
    picked = [op.units[i] for o, i in q.units if o == op.id]
    if q.units and not picked:
        return [spans(f"The release on {op.name} doesn't mention that unit. Units it "
                      "names: " + ", ".join(u.name for u in op.units) + ".")]
    picked = picked or op.units
    return [spans(bold(u.name + (f" ({u.short})" if u.short else "")),
                  f", {k.force_name(u.force)}" if u.force else "",
                  f": {u.part}." if u.part else ".") for u in picked]


def _methods(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    if op.methods:
        return [spans(f"• {m}") for m in op.methods]
    return [spans(op.summary)]


def _people(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    if not op.people:
        return [spans("No officers are named.")]
    lines = []
    for p in op.people:
        lines.append(spans(bold(compose.person_intro(k, p)),
                           f" {p.part}." if p.part else "."))
        if not brief:
            lines += [spans(f"• {s}") for s in p.said[:2]]
    return lines


def _source(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    src = k.sources[op.id]
    lines = [spans(src.describe() + ".")]
    if src.note:
        lines.append(spans(src.note))
    return lines


def _focus(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    return [spans("Focus: ", bold(", ".join(op.focus) or "not stated"), "."),
            spans(op.summary)]


def _appeal(k: Knowledge, op: Operation, q: Query, brief: bool) -> list[list[Span]]:
    return [spans(op.appeal or "No appeal was published with this operation."),
            spans("Please don't send evidence here: this bot isn't monitored.")]


def _summary(k: Knowledge, op: Operation, brief: bool) -> tuple[list[list[Span]], list]:
    used: list = []
    lines = [spans(op.summary)] if not brief else [spans(op.summary.split(". ")[0]
                                                         .rstrip(".") + ".")]
    when = compose.op_when(op)
    lines.append(spans("When: ", bold(when), f" ({op.duration})." if op.duration else "."))
    if not brief:
        lines.append(spans(f"Forces: {compose.forces_text(k, op)}"
                           + (f", led by {k.force_name(op.lead_force)}" if op.lead_force
                              else "") + "."))
        if op.focus:
            lines.append(spans("Focus: " + ", ".join(op.focus) + "."))
    key = [f for f in compose.order_figures(op.figures) if f.scope in ("all", None)]
    key = key[: 3 if brief else 6]
    if key:
        lines.append(spans("Key figures:"))
        for fig in key:
            lines.append([Span(text="• ")] + compose.figure_spans(k, op, fig))
            used.append(compose.figure_used(k, op, fig))
    return lines, used


# facet → its lines (anything else gets the overview)
_FACETS = {
    "when": _when, "duration": _duration, "name": _name, "where": _where, "lead": _lead,
    "forces": _forces, "membership": _membership, "units": _units, "methods": _methods,
    "people": _people, "source": _source, "focus": _focus, "appeal": _appeal,
}
