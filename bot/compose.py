"""Compose answers about operations from typed facts (operation × metric × scope × period).

No wording here is keyed to a question: every sentence is built from the knowledge, so a new
release in `knowledge/` is answered without a code change.
"""

from __future__ import annotations

from bot.answer import Answer, FigureUsed, Span, Suggestion, bold, spans
from bot.knowledge.models import (
    Figure,
    Knowledge,
    Operation,
    Person,
    format_partial_date,
    partial_date_parts,
)
from bot.knowledge.uk_forces import ENGLAND_AND_WALES

QUALIFIERS = {"exact": "", "more_than": "more than ", "nearly": "nearly ", "about": "about ",
              "at_least": "at least ", "up_to": "up to ", "fewer_than": "fewer than "}
MAX_BRIEF_OPS = 4


def format_number(value: int | float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def value_text(k: Knowledge, fig: Figure) -> str:
    unit = k.metric(fig.metric).unit
    number = format_number(fig.value)
    if unit == "GBP":
        number = f"£{number}"
    return QUALIFIERS[fig.qualifier] + number


def scope_text(k: Knowledge, op: Operation, fig: Figure) -> str:
    if fig.scope == "all":
        n = len(op.forces)
        return f"all {n} forces together" if n > 1 else "in total"
    if fig.scope:
        return k.force_name(fig.scope)
    return ""


def figure_spans(k: Knowledge, op: Operation, fig: Figure, *,
                 with_period: bool = True) -> list[Span]:
    what = fig.what or k.metric(fig.metric).label
    value = value_text(k, fig)
    parts: list[str | Span] = [bold(value[:1].upper() + value[1:]), f" {what}"]
    if with_period and fig.period and fig.period.describe():
        parts.append(f" ({fig.period.describe()})")
    if fig.detail:
        parts.append(f": {fig.detail}")
    parts.append(".")
    return spans(*parts)


def source_text(k: Knowledge, op_id: str) -> str:
    return k.sources[op_id].describe()


def figure_used(k: Knowledge, op: Operation, fig: Figure) -> FigureUsed:
    src = k.sources[op.id]
    return FigureUsed(
        operation_id=op.id, operation=op.name, metric=fig.metric, value=fig.value,
        qualifier=fig.qualifier, scope=fig.scope, text=value_text(k, fig),
        period=fig.period.describe() if fig.period else None,
        source=src.describe(), source_date=src.date,
    )


def op_when(op: Operation) -> str:
    if not op.dates or not (op.dates.start or op.dates.end):
        return "dates not given"
    text = op.dates.describe()
    start = op.dates.start or op.dates.end
    if start and partial_date_parts(start)[0] is None:
        text += ", year not given"
    return text


def covers_months(op: Operation, months: set[int]) -> bool:
    """Whether the operation's dates or any figure's period fall in one of `months`."""
    periods = [op.dates] + [f.period for f in op.figures]
    return any(p is not None and months & p.months() for p in periods)


def op_years(k: Knowledge, op: Operation) -> set[int]:
    """Years the operation's facts cover; empty when the source never says."""
    years: set[int] = set()
    if op.dates:
        years |= op.dates.years()
    for fig in op.figures:
        if fig.period:
            years |= fig.period.years()
    src = k.sources.get(op.id)
    if not years and src and src.date:
        year = partial_date_parts(src.date)[0]
        if year:
            years.add(year)
    return years


def op_owner(k: Knowledge, op: Operation) -> str | None:
    """The force an operation 'belongs to' when telling same-named operations apart."""
    if op.lead_force:
        return op.lead_force
    publisher = k.sources[op.id].publisher.lower()
    for fid, force in k.forces.items():
        if force.name.lower() in publisher:
            return fid
    return op.forces[0] if len(op.forces) == 1 else None


def op_label(k: Knowledge, op: Operation, *, distinguish: bool = False) -> str:
    if not distinguish:
        return op.name
    bits = []
    owner = op_owner(k, op)
    if is_national(op):  # "Operation Sceptre (national, November 2020)"
        bits.append("national")
    elif owner:
        bits.append(k.force_name(owner))
    start = (op.dates.start or op.dates.end) if op.dates else k.sources[op.id].date
    if start:
        y, m, _ = partial_date_parts(start)
        bits.append(format_partial_date(f"{y}-{m:02d}") if y and m else format_partial_date(start))
    return f"{op.name} ({', '.join(bits)})" if bits else op.name


def op_start(op: Operation) -> str:
    """A key that orders operations by when they started (undated or yearless ones last)."""
    start = (op.dates.start or op.dates.end or "") if op.dates else ""
    return start if start[:1].isdigit() else "9999" + start


def is_national(op: Operation) -> bool:
    """A national campaign: every territorial force of England and Wales took part."""
    return set(ENGLAND_AND_WALES) <= set(op.forces)


def forces_text(k: Knowledge, op: Operation) -> str:
    if is_national(op):  # say so, rather than list 43 names
        others = [k.force_name(f) for f in op.forces if f not in ENGLAND_AND_WALES]
        return " and ".join(["all 43 police forces of England and Wales", *others])
    names = [k.force_name(f) for f in op.forces]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def order_figures(figs: list[Figure]) -> list[Figure]:
    """All-forces figures first, then single forces, then totals of unstated scope."""
    rank = {"all": 0}
    return sorted(figs, key=lambda f: rank.get(f.scope or "", 1 if f.scope else 2))


def metric_suggestions(k: Knowledge, op: Operation, exclude: set[str],
                       label: str) -> list[Suggestion]:
    seen: list[str] = []
    for fig in op.figures:
        if fig.metric not in exclude and fig.metric not in seen:
            seen.append(fig.metric)
    return [Suggestion(label=k.metric(m).label.capitalize(),
                       query=f"{k.metric(m).label} in {label}") for m in seen[:3]]


def person_intro(k: Knowledge, person: Person) -> str:
    title = " ".join(x for x in (person.rank, person.name) if x)
    role = person.role if person.role and person.role != person.rank else None
    force = k.force_name(person.force) if person.force else ""
    desc = ", ".join(x for x in (role, force) if x)
    return f"{title} ({desc})" if desc else title


def passage_answer(k: Knowledge, ops: dict[str, Operation], hits: list, *,
                   confidence: float) -> Answer:
    """The best sentence(s) of the knowledge for a question, each with whose words it is."""
    lines: list[list[Span]] = []
    shown: list[Operation] = []
    for hit in hits:
        p = hit.passage
        op = ops[p.op_id]
        if op not in shown:
            shown.append(op)
        if p.kind == "said" and p.person is not None:
            person = op.people[p.person]
            lines.append(spans(bold(person_intro(k, person)), f" said, in summary ({op.name}):"))
            lines.append(spans(f"“{p.text}”"))
        else:
            if len(lines) == 0 or len(shown) > 1:
                lines.append(spans(f"The release on {op.name} says:"))
            lines.append(spans(p.text))
    return answer_from(k, title=shown[0].name if len(shown) == 1 else "From the releases",
                       lines=lines, ops=shown, figures=[],
                       topic=f"{'+'.join(o.id for o in shown)}:passage", confidence=confidence,
                       suggestions=[Suggestion(label=f"About {op.name}",
                                               query=f"tell me about {op.name}")
                                    for op in shown[:2]])


def answer_from(
    k: Knowledge, *, title: str, lines: list[list[Span]], ops: list[Operation],
    figures: list[FigureUsed], topic: str, confidence: float,
    suggestions: list[Suggestion] | None = None,
) -> Answer:
    return Answer(
        answered=True, kind="fact", topic=topic, confidence=confidence, title=title, body=lines,
        figures=figures, sources=list(dict.fromkeys(source_text(k, op.id) for op in ops)),
        suggestions=(suggestions or [])[:4],
    )
