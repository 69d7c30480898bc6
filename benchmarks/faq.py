"""The question/answer pairs a conventional FAQ bot would hold, generated from the same knowledge.

Each entry is one topic (an operation's figure for one metric and scope, its dates, its people,
a reporting channel…) with a few templated question phrasings and the facts it answers with.
The baselines match a message against the phrasings and reply with the facts of the entry they
matched, so they are judged on exactly the knowledge the engine has.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge import Knowledge
from bot.knowledge.models import Channel, Figure, Operation

QUALIFIER = {"exact": "", "more_than": "more than ", "nearly": "nearly ", "about": "about ",
             "at_least": "at least ", "up_to": "up to ", "fewer_than": "fewer than "}
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(frozen=True)
class Entry:
    topic: str
    phrasings: tuple[str, ...]
    text: str


def figure_text(fig: Figure, unit: str) -> str:
    value = f"{fig.value:,}"
    if unit == "GBP":
        value = f"£{value}"
    return f"{QUALIFIER[fig.qualifier]}{value}"


def operation_names(op: Operation) -> list[str]:
    return [op.name.lower()] + [a.lower() for a in op.aliases[:3]]


def figure_entries(knowledge: Knowledge, op: Operation) -> list[Entry]:
    entries = []
    names = operation_names(op)
    for fig in op.figures:
        metric = knowledge.metric(fig.metric)
        words = [metric.label] + [t for t in metric.terms[:3] if t != metric.label]
        scope = fig.scope if fig.scope not in (None, "all") else None
        force = knowledge.force_name(scope).lower() if scope else ""
        when = fig.period.describe() if fig.period else ""
        how = "how much" if metric.unit == "GBP" else "how many"
        phrasings = []
        for name in names[:2]:
            for word in words[:3]:
                if scope:
                    phrasings += [f"{how} {word} did {force} make in {name}",
                                  f"{force} {word} {name}"]
                else:
                    phrasings += [f"{how} {word} in {name}", f"{name} {word}",
                                  f"{how} {word} in {name} {when}".strip()]
        value = figure_text(fig, metric.unit)
        detail = f" ({when})" if when else ""
        detail += f": {fig.detail}" if fig.detail else ""
        text = f"{op.name}: {value} {fig.what or metric.label}{detail}."
        entries.append(Entry(f"{op.id}:{fig.metric}:{fig.scope}:{fig.value}",
                             tuple(dict.fromkeys(phrasings)), text))
    return entries


def operation_entries(knowledge: Knowledge, op: Operation) -> list[Entry]:
    """Everything about an operation except its figures, one entry per facet."""
    names = operation_names(op)
    forces = ", ".join(knowledge.force_name(f) for f in op.forces)
    facets: dict[str, tuple[list[str], str]] = {
        "summary": (["what is {n}", "tell me about {n}", "{n}", "what happened in {n}"],
                    f"{op.summary} Focus: {', '.join(op.focus)}."),
        "dates": (["when was {n}", "what dates was {n}", "how long did {n} last"],
                  f"{op.dates.describe() if op.dates else 'Dates not given'}; "
                  f"{op.duration or ''}."),
        "lead": (["who led {n}", "which force was in charge of {n}"],
                 f"Led by {knowledge.force_name(op.lead_force) or 'not stated'}."),
        "forces": (["which forces took part in {n}", "how many forces were in {n}"],
                   f"{len(op.forces)} forces: {forces}."),
        "area": (["where did {n} take place", "what area did {n} cover"], op.area or ""),
        "units": (["which units took part in {n}", "what teams were involved in {n}"],
                  "; ".join(f"{u.name} ({u.short}) {u.part}" if u.short else f"{u.name} {u.part}"
                            for u in op.units)),
        "methods": (["how did {n} work", "what methods did {n} use"], "; ".join(op.methods)),
        "appeal": (["i have information about {n}", "how do i report something about {n}"],
                   op.appeal or ""),
    }
    source = knowledge.sources.get(op.id)
    if source:
        facets["source"] = (["where does the information on {n} come from", "{n} source"],
                            f"{source.describe()}. {source.note or ''}")
    entries = [Entry(f"{op.id}:{facet}", tuple(t.format(n=n) for n in names[:2] for t in templ),
                     f"{op.name}: {text}")
               for facet, (templ, text) in facets.items() if text.strip(" .;")]
    for person in op.people:
        phr = [f"who is {person.name.lower()}", f"what did {person.name.lower()} say",
               f"who led the response in {names[0]}", f"{person.role or ''} {names[0]}".strip()]
        said = " ".join(person.said)
        entries.append(Entry(f"{op.id}:person:{person.name}", tuple(phr),
                             f"{person.rank or ''} {person.name}, {person.role}, "
                             f"{knowledge.force_name(person.force)}: {person.part}. {said}"))
    return entries


def hours_text(channel: Channel) -> str:
    h = channel.hours
    if h is None:
        return ""
    days = [d.capitalize() for d in h.days]
    span = f"{days[0]} to {days[-1]}" if len(days) > 1 else days[0]
    closed = ", not on public holidays" if h.closed_on_public_holidays else ""
    return f" Open {span}, {h.opens:%H:%M} to {h.closes:%H:%M}{closed}."


def channel_entries(knowledge: Knowledge) -> list[Entry]:
    entries = []
    for ch in knowledge.reporting.channels:
        name = ch.name.lower()
        phr = [name, f"what is {name}", f"how do i use {name}", f"{name} number",
               *(t.lower() for t in ch.terms[:6])]
        if ch.use_when:
            phr.append(ch.use_when.lower())
        if ch.hours:
            phr += [f"{name} opening hours", f"is {name} open", f"what time does {name} open"]
        if ch.devices:
            phr.append(f"what devices can i use {name} on")
        if ch.answered_by:
            phr.append(f"who answers {name}")
        text = f"{ch.name}: {ch.contact or ''}. {ch.use_when or ''} {' '.join(ch.how)}"
        text += hours_text(ch)
        if ch.devices:
            text += f" Works on: {', '.join(ch.devices)}."
        if ch.answered_by:
            text += f" Answered by {ch.answered_by}."
        entries.append(Entry(f"channel:{ch.id}", tuple(dict.fromkeys(phr)), text))
    by_id = {c.id: c for c in knowledge.reporting.channels}
    for sit in knowledge.reporting.situations:
        chans = [by_id[c] for c in sit.channels if c in by_id]
        text = f"{sit.name}: " + "; ".join(f"{c.name} ({c.contact})" for c in chans) + "."
        entries.append(Entry(f"situation:{sit.id}", (sit.name.lower(),), text))
    return entries


def faq_entries(knowledge: Knowledge) -> list[Entry]:
    """Every FAQ entry for the knowledge: figures, operation facets, people, channels."""
    entries: list[Entry] = []
    for op in knowledge.operations:
        entries += figure_entries(knowledge, op) + operation_entries(knowledge, op)
    return entries + channel_entries(knowledge)
