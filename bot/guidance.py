"""Answers about passing information to the police, built from the reporting guidance data:
emergencies, crime reports, each channel, Live Chat open-now, and the honest fallback."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot import opening_hours
from bot.answer import Answer, Span, Suggestion, bold, link, spans
from bot.compose import op_label
from bot.danger import Situation
from bot.knowledge.models import Channel, Knowledge

NOT_MONITORED = ("This is an automated service. It is not monitored by officers and can't "
                 "take reports or send help.")

GUIDANCE_SUGGESTIONS = [
    Suggestion(label="Is Live Chat open now?", query="is live chat open now"),
    Suggestion(label="Stay anonymous", query="how can I give information anonymously"),
    Suggestion(label="Non-emergency number", query="what is the non emergency number"),
    Suggestion(label="When to call 999", query="when should I call 999"),
]


def _how_lines(channel: Channel) -> list[list[Span]]:
    return [spans(step) for step in channel.how]


# The first words of the 999 card and of the 999 line, by what is happening.
_CARD_FIRST = {
    "police": ("If someone is in danger, a crime is happening now, or someone is hurt: ",
               "call 999 now", "."),
    "medical": ("Someone hurt, unconscious or not breathing? ", "Call 999 now",
                " and ask for an ambulance."),
    "fire": ("A fire with people at risk? ", "Call 999 now", " and ask for the fire service."),
    "suicide": ("If you, or someone you're with, might take their own life now: ",
                "call 999 now", "."),
    "silent": ("If you can't speak: ", "call 999", ", listen, and press 55 when asked "
               "(Silent Solution)."),
}
_LINE = {
    "police": "In danger or hurt right now? Call 999.",
    "medical": "Someone hurt or unwell right now? Call 999 for an ambulance.",
    "fire": "A fire right now? Call 999 for the fire service.",
    "suicide": "Thinking of ending your life, or worried someone is? Call 999 if it's now.",
    "silent": "Can't speak safely? Call 999 and press 55 when asked.",
}


def emergency(k: Knowledge, *, reason: str | None = None,
              situation: Situation = "police") -> Answer:
    """999 first: nothing else comes before it; then the words for this situation."""
    ch = k.channel("emergency")
    before, call, after = _CARD_FIRST[situation]
    lines = [spans(before, bold(call), after)]
    if situation == "suicide" and k.has_channel("samaritans"):
        lines.append(spans("Not in danger right now but struggling? Talk to Samaritans: ",
                           bold(k.channel("samaritans").contact or ""), "."))
    lines += [spans(h) for h in ch.how[1:] if situation != "silent" or " 55 " not in h]
    lines.append(spans(NOT_MONITORED))
    if reason and reason.strip() in ("help", "help please", "please help"):
        lines.append(spans("Not in danger? Send /help to see what I can answer."))
    return Answer(answered=True, kind="emergency", topic="emergency", confidence=1.0,
                  title="Call 999 now", body=lines, sensitive=True)


def danger_line(situation: Situation = "police") -> list[Span]:
    """One short 999 line, put before an answer when the message may tell of danger."""
    return spans(_LINE[situation])


def after_999(k: Knowledge, now: datetime) -> Answer:
    """For someone who has already called 999: how to follow it up, not the card again."""
    lines = [spans("Thank you for calling 999. To add information, give a statement or ask "
                   "about your call, contact the police in one of these ways and give your "
                   "incident or crime reference number if you have one:")]
    lines += report_options(k, now, situation="report-crime")
    lines.append(spans(NOT_MONITORED))
    return Answer(answered=True, kind="guidance", topic="after-999", confidence=0.9,
                  title="Following up a 999 call", body=lines, sensitive=True,
                  safety_line=spans("If anyone is still in danger, or it happens again, call ",
                                    bold("999"), " again."))


def _next_day(moment: datetime, now: datetime) -> str:
    """'today', 'tomorrow, Thursday 5 March' or 'Monday 28 December' (no nested brackets)."""
    return opening_hours.format_day(moment, now).replace(" (", ", ").replace(")", "")


def live_chat_status(k: Knowledge, channel: Channel, now: datetime) -> list[list[Span]]:
    hours = channel.hours
    if hours is None:
        return []
    state = opening_hours.status(hours, now)
    if state.open:
        assert state.closes_at is not None
        return [spans(f"{channel.name} is ", bold("open now"),
                      f", until {opening_hours.format_time(state.closes_at)} today.")]
    reason = state.reason or "closed"
    local = now.astimezone(state.next_open.tzinfo) if state.next_open else now
    if reason == "after hours":
        why = "it's after closing time"
    elif reason == "before opening":
        why = "it's before opening time"
    elif reason == "weekend" or reason.startswith("closed on"):
        why = f"it's {local.strftime('%A')}"
    else:
        why = f"it's a public holiday: {reason}"
    line = [f"{channel.name} is ", bold("closed now"), f" ({why})."]
    if state.next_open:
        line.append(f" It opens again {_next_day(state.next_open, now)} at "
                    f"{opening_hours.format_time(state.next_open)}.")
    line.append(" Meanwhile, call 101 or report online. In an emergency, call 999.")
    return [spans(*line)]


def day_status(channel: Channel, day: date, label: str) -> list[Span]:
    """Whether a service with hours is open on a given day ('On Christmas Day: closed')."""
    hours = channel.hours
    assert hours is not None
    full = f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"
    when = f"On {full}" if label == "On" or label.lower().endswith(day.strftime('%A').lower()) \
        else f"{label} ({full})"
    holiday = opening_hours.holiday_name(hours, day)
    if opening_hours.WEEKDAYS[day.weekday()] not in hours.days:
        return spans(f"{when}: {channel.name} is ", bold("closed"),
                     f" (it runs {opening_hours.describe_days(hours)} only).")
    if holiday:
        return spans(f"{when}: {channel.name} is ", bold("closed"), f" ({holiday}, a public "
                     "holiday). Call 101 or report online instead.")
    return spans(f"{when}: {channel.name} is ", bold(
        f"open {opening_hours.format_time(hours.opens)} to "
        f"{opening_hours.format_time(hours.closes)}"), ".")


def holidays_line(channel: Channel, now: datetime) -> list[Span] | None:
    """'Live Chat is closed on public holidays; the next is Christmas Day, Friday 25 December.'"""
    hours = channel.hours
    if hours is None or not hours.closed_on_public_holidays:
        return None
    today = now.astimezone(ZoneInfo(hours.timezone)).date()
    calendar = opening_hours.public_holidays(hours, today.year)
    upcoming = sorted((d, n) for d, n in calendar.items() if d >= today)
    line = [f"{channel.name} is ", bold("closed on public (bank) holidays"), "."]
    if upcoming:
        d, name = upcoming[0]
        line.append(f" The next one is {name}, {d.strftime('%A')} {d.day} {d.strftime('%B %Y')}.")
    return spans(*line)


def hours_text(channel: Channel) -> str:
    h = channel.hours
    assert h is not None
    text = (f"{opening_hours.describe_days(h)}, {opening_hours.format_time(h.opens)} to "
            f"{opening_hours.format_time(h.closes)}")
    if h.closed_on_public_holidays:
        text += ", except public holidays"
    return text


def channel_lines(k: Knowledge, channel: Channel, now: datetime) -> list[list[Span]]:
    lines: list[list[Span]] = []
    if channel.hours:
        lines += live_chat_status(k, channel, now)
        lines.append(spans("Hours: ", bold(hours_text(channel)), " (UK time)."))
    elif channel.contact and channel.contact != channel.name:
        lines.append(spans(f"{channel.name}: ", bold(channel.contact)))
    elif channel.contact:
        lines.append(spans("Number: ", bold(channel.contact)))
    if channel.use_when:
        lines.append(spans("Use it when: " + channel.use_when[0].lower() + channel.use_when[1:]))
    lines += _how_lines(channel)
    if channel.answered_by:
        lines.append(spans(f"You talk to {channel.answered_by}."))
    if channel.devices:
        lines.append(spans("Works on: " + ", ".join(channel.devices) + "."))
    return lines


def channel_answer(k: Knowledge, channel_ids: list[str], now: datetime,
                   confidence: float, on_day: tuple[date, str] | None = None) -> Answer:
    channels = [k.channel(c) for c in channel_ids]
    lines: list[list[Span]] = []
    if on_day:
        for ch in channels:
            if ch.hours:
                lines.append(day_status(ch, *on_day))
    for i, ch in enumerate(channels):
        if i:
            lines.append(spans(""))
        if len(channels) > 1:
            lines.append(spans(bold(ch.name)))
        lines += channel_lines(k, ch, now)
    if not any(c.id in ("emergency", "silent-solution") for c in channels):
        lines.append(spans("In an emergency, always call 999."))
    first = channels[0]
    title = first.name if len(channels) == 1 else "How to contact the police"
    if first.id == "emergency":
        title = "When to call 999"
    elif first.id == "non-emergency":
        title = "101: the non-emergency number"
    return Answer(answered=True, kind="guidance", topic=f"channel:{first.id}",
                  confidence=confidence, title=title, body=lines,
                  suggestions=[s for s in GUIDANCE_SUGGESTIONS
                               if not any(c.name.lower() in s.label.lower() for c in channels)])


def ordered_channels(k: Knowledge, situation: str) -> list[Channel]:
    for sit in k.reporting.situations:
        if sit.id == situation:
            return [k.channel(c) for c in sit.channels]
    return [c for c in k.reporting.channels if c.id not in ("emergency", "silent-solution")]


def report_options(k: Knowledge, now: datetime, *, situation: str = "information",
                   anonymous_first: bool = False, footage: bool = False) -> list[list[Span]]:
    """The channels for a situation, in order of fit, Live Chat's state included."""
    lines: list[list[Span]] = []
    order = ordered_channels(k, situation)
    if anonymous_first:
        order = sorted(order, key=lambda c: not c.anonymous)
    for n, ch in enumerate(order, 1):
        if ch.hours:
            status = opening_hours.status(ch.hours, now)
            state = "open now" if status.open else "closed now"
            if not status.open and status.next_open:
                state += (f", opens {_next_day(status.next_open, now)} at "
                          f"{opening_hours.format_time(status.next_open)}")
            lines.append(spans(f"{n}. ", bold(ch.name), f" ({state}; {hours_text(ch)}): "
                               + " ".join(ch.how)))
        elif ch.anonymous:
            lines.append(spans(f"{n}. ", bold(f"{ch.name} {ch.contact}"),
                               ", if you want to stay anonymous: " + " ".join(ch.how[1:])))
        elif ch.id == "non-emergency":
            lines.append(spans(f"{n}. Call ", bold(ch.contact or ch.name), ". "
                               + " ".join(ch.how[1:])))
        else:
            lines.append(spans(f"{n}. ", bold(ch.name), ": " + " ".join(ch.how)))
    if footage:
        lines.append(spans("Have CCTV, dash cam or phone footage? Don't send it here: say so "
                           "when you report online, use Live Chat or call 101, and the police "
                           "will tell you how to pass it on."))
    return lines


def crime_report(k: Knowledge, now: datetime, *, anonymous: bool, footage: bool) -> Answer:
    lines = [spans("I can't take reports here, and this chat is not monitored by officers. "
                   "Please use one of these:")]
    lines += report_options(k, now, anonymous_first=anonymous, footage=footage)
    return Answer(answered=True, kind="crime_report", topic="report", confidence=0.9,
                  title="How to report this", body=lines, sensitive=True,
                  suggestions=GUIDANCE_SUGGESTIONS[:3])


def evidence(k: Knowledge, now: datetime) -> Answer:
    """The reply to a photo, video, voice note, file, location or contact sent to the bot."""
    lines = [spans("This chat can't receive photos, videos, voice notes, files, locations or "
                   "contacts, and nobody watches it, so please don't send evidence here.")]
    lines += report_options(k, now, footage=True)
    return Answer(answered=True, kind="guidance", topic="evidence", confidence=1.0,
                  title="This bot can't receive evidence", body=lines,
                  safety_line=danger_line(),
                  suggestions=GUIDANCE_SUGGESTIONS[:3])


def fallback(k: Knowledge, *, reason: str | None, suggestions: list[Suggestion],
             confidence: float = 0.0) -> Answer:
    """Honest "I don't know": no figure, the closest topics, and how to contact the police."""
    names = operation_names(k)
    lines = []
    if reason:
        lines.append(spans(reason))
    lines.append(spans(f"I can answer questions about these operations: {names}; and about "
                       "how to contact the police."))
    lines.append(spans("For anything else, call ", bold("101"), " or report online."))
    return Answer(answered=False, kind="fallback", topic=None, confidence=confidence,
                  title="Sorry, I don't know that", body=lines, suggestions=suggestions[:4])


def invalid(reason: str) -> Answer:
    return Answer(
        answered=False, kind="invalid", topic=None, confidence=0.0,
        title="Sorry, I couldn't read that",
        body=[spans(reason),
              spans("Try a question in English, such as “how many arrests were made in "
                    "Operation Sceptre?” or “is Live Chat open?”."),
              spans("Otherwise call ", bold("101"), ".")],
    )


def about(k: Knowledge, *, title: str, topic: str) -> Answer:
    """/start (what the bot is), /help (what can be asked) or a short reply to "hi"."""
    if topic == "greeting":
        return greeting(k, title=title)
    if topic == "help":
        return help_answer(k, title=title)
    names = operation_names(k)
    lines = [
        spans(f"I answer questions about what police operations achieved ({names}) and about "
              "how to pass information to the police."),
        spans(NOT_MONITORED),
        spans("In an emergency, ", bold("call 999"), " first."),
        spans("Send /help to see what you can ask, or /report for how to contact the police."),
    ]
    return Answer(answered=True, kind="smalltalk", topic=topic, confidence=1.0, title=title,
                  body=lines, suggestions=operation_suggestions(k)[:2] + GUIDANCE_SUGGESTIONS[:2])


def greeting(k: Knowledge, *, title: str = "Hello") -> Answer:
    """A short reply to "hi": what to ask, and 999 first."""
    lines = [spans("Ask me what a police operation achieved, or how to contact the police. "
                   "Send /help for examples. In an emergency, call ", bold("999"), ".")]
    return Answer(answered=True, kind="smalltalk", topic="greeting", confidence=1.0,
                  title=title, body=lines, suggestions=operation_suggestions(k)[:1]
                  + GUIDANCE_SUGGESTIONS[:1])


def help_answer(k: Knowledge, *, title: str = "What I can do") -> Answer:
    """What can be asked, with examples drawn from the knowledge, and the commands."""
    names = operation_names(k)
    example = _example_question(k)
    lines = [
        spans("Ask in your own words, for example:"),
        spans(f"• {example}" if example else f"• what {names} achieved"),
        spans("• who led an operation, when and where it ran, what was found"),
        spans("• how to report something, or stay anonymous"),
        spans("• is Live Chat open now?"),
        spans(f"Operations I know: {names}."),
        spans("Commands: /report how to contact the police · /livechat · /operations · "
              "/privacy what is kept"),
        spans("In an emergency, call ", bold("999"), "."),
    ]
    return Answer(answered=True, kind="smalltalk", topic="help", confidence=1.0, title=title,
                  body=lines, suggestions=operation_suggestions(k)[:2] + GUIDANCE_SUGGESTIONS[:2])


def _example_question(k: Knowledge) -> str | None:
    """“how many arrests in Operation Sceptre?”: the first operation's first counted figure."""
    for op in k.operations:
        for figure in op.figures:
            metric = k.metric(figure.metric)
            if metric.unit == "count" and figure.scope in (None, "all"):
                name = op.name if op.name.lower().startswith("operation") else \
                    f"the {op.name[0].lower()}{op.name[1:]}"
                return f"“how many {metric.label.lower()} in {name}?”"
    return None


def operation_suggestions(k: Knowledge) -> list[Suggestion]:
    counts = Counter(op.name for op in k.operations)
    labels = [op_label(k, op, distinguish=counts[op.name] > 1) for op in k.operations]
    return [Suggestion(label=label, query=f"tell me about {label}") for label in labels]


def operation_names(k: Knowledge, limit: int = 8) -> str:
    """'Cross-border operation, Operation Sceptre', or the first few and how many more."""
    known = _NAMES.get((id(k), limit))
    if known and known[0] is k:  # every refusal says this: worked out once per knowledge
        return known[1]
    names = list(dict.fromkeys(op.name for op in k.operations))
    text = ", ".join(names) if len(names) <= limit else \
        ", ".join(names[:limit]) + f" and {len(names) - limit} more (send /operations)"
    if len(_NAMES) > 16:
        _NAMES.clear()
    _NAMES[(id(k), limit)] = (k, text)
    return text


_NAMES: dict[tuple[int, int], tuple[Knowledge, str]] = {}


def channel_name(channel: Channel) -> Span:
    """The channel's name, as a link to its page when the knowledge gives one."""
    return link(channel.name, channel.url) if channel.url else bold(channel.name)


def live_chat_state(channel: Channel, now: datetime) -> str:
    """'open now, until 9pm' or 'closed now, opens Monday 1 December at 10am'."""
    assert channel.hours is not None
    state = opening_hours.status(channel.hours, now)
    if state.open and state.closes_at is not None:
        return f"open now, until {opening_hours.format_time(state.closes_at)}"
    if state.next_open is not None:
        return (f"closed now, opens {_next_day(state.next_open, now)} at "
                f"{opening_hours.format_time(state.next_open)}")
    return "closed now"


def channel_line(channel: Channel, now: datetime) -> list[Span]:
    """One short line for a channel: its name (linked), then its number or its first step."""
    if channel.hours:
        detail = f"{live_chat_state(channel, now)} ({hours_text(channel)})"
    elif channel.contact and channel.contact != channel.name and \
            any(ch.isdigit() for ch in channel.contact):
        detail = channel.contact
    else:
        detail = channel.how[0].rstrip(".") if channel.how else (channel.contact or "")
    if channel.anonymous:
        detail += "; you stay anonymous"
    return spans("• ", channel_name(channel), f": {detail}" if detail else "")


def report_command(k: Knowledge, now: datetime) -> Answer:
    """The reporting options by situation (for /report): each channel once, short, linked."""
    lines: list[list[Span]] = []
    shown: set[str] = set()
    for sit in k.reporting.situations:
        new = [k.channel(c) for c in sit.channels if c not in shown]
        if not new:
            continue
        shown.update(c.id for c in new)
        lines.append(spans(bold(sit.name)))
        lines += [channel_line(ch, now) for ch in new]
    rest = [ch for ch in k.reporting.channels if ch.id not in shown]
    if rest:
        lines.append(spans(bold("Other ways")))
        lines += [channel_line(ch, now) for ch in rest]
    lines.append(spans("Footage or photos? Don't send them here: mention them when you report "
                       "and the police will tell you how to pass them on."))
    lines.append(spans("This chat is automated and not monitored."))
    return Answer(answered=True, kind="guidance", topic="report", confidence=1.0,
                  title="How to contact the police", body=lines,
                  suggestions=GUIDANCE_SUGGESTIONS[:3])


def privacy(retention_days: int) -> Answer:
    lines = [
        spans("To improve the answers, each question is logged for ", bold(f"{retention_days} "
              "days"), " and then deleted automatically."),
        spans("Before anything is saved, phone numbers, e-mail addresses, postcodes, vehicle "
              "registrations, street addresses and names are removed. Your chat is stored "
              "only as a one-way keyed code, never your name or number."),
        spans("If a message describes an emergency or reports a crime, only that category is "
              "kept, never the words."),
        spans("Your answers to \u201cwas this helpful?\u201d are kept with the question for the "
              "same time. Nothing is shared outside the force."),
    ]
    return Answer(answered=True, kind="guidance", topic="privacy", confidence=1.0,
                  title="What this bot keeps", body=lines)
