"""Short replies for a phone: to what a person sends that isn't text (a sticker, a photo, a
location...), and to "not helpful" (a person to talk to). Each fits one small screen; the
channels, their links and Live Chat's state come from the reporting knowledge."""

from __future__ import annotations

from datetime import datetime

from bot.answer import Answer, Span, bold, spans
from bot.guidance import channel_name, danger_line, live_chat_state, ordered_channels
from bot.knowledge.models import Knowledge

# What each kind of media a person sends is most likely to be, and so what to say to it.
MEDIA_KINDS = {
    "sticker": "reaction", "animation": "reaction",
    "photo": "evidence", "video": "evidence", "video_note": "evidence", "document": "evidence",
    "voice": "voice", "audio": "voice",
    "location": "location", "venue": "location",
    "contact": "contact",
}


def _routes(k: Knowledge) -> list[Span]:
    """'Report online, Live Chat or 101', each linked where the knowledge gives its page."""
    found = ordered_channels(k, "report-crime")[:3]
    parts: list[Span] = []
    for n, channel in enumerate(found):
        if n:
            parts.append(Span(text=" or " if n == len(found) - 1 else ", "))
        parts.append(channel_name(channel))
    return parts


def media_reply(k: Knowledge, now: datetime, media: str) -> Answer:
    """A short reply fitted to what was sent: a sticker, a photo, a voice note, a location...
    Like every reply the bot can't be sure of, it starts with the 999 line: a photo or a
    location may be all someone in danger can send."""
    kind = MEDIA_KINDS.get(media, "evidence")
    if kind == "reaction":
        title, lines = "Thanks!", [spans("I can only read text. Type a question, or send /help "
                                          "to see what I can answer.")]
    elif kind == "voice":
        title, lines = "I can't listen to voice messages", [
            spans("Please type your question instead, or send /help.")]
    elif kind == "location":
        title, lines = "I can't use locations", [
            spans("Nobody watches this chat, so a location won't bring help."),
            spans("Otherwise: ", *_routes(k), ".")]
    elif kind == "contact":
        title, lines = "Please don't share contact details here", [
            spans("This chat is automated and nobody reads it. To pass on information: ",
                  *_routes(k), ".")]
    else:
        title, lines = "I can't receive evidence here", [
            spans("Nobody watches this chat. Have a photo or footage? Mention it when you contact "
                  "the police (", *_routes(k), ") and they will tell you how to send it.")]
    return Answer(answered=True, kind="guidance", topic=f"media:{kind}", confidence=1.0,
                  title=title, body=lines, safety_line=danger_line())


def not_helpful(k: Knowledge, now: datetime) -> Answer:
    """After "not helpful": a person to talk to (Live Chat, with its state now) and 101."""
    lines: list[list[Span]] = []
    for channel in k.reporting.channels:
        if channel.hours:
            lines.append(spans("Talk to a person on ", channel_name(channel), ": "
                               f"{live_chat_state(channel, now)}."))
    number = next((c for c in k.reporting.channels if c.id == "non-emergency"), None)
    if number is not None:
        lines.append(spans("Or call ", bold(number.contact or number.name),
                           " (not an emergency)."))
    lines.append(spans("In an emergency, call ", bold("999"), "."))
    return Answer(answered=True, kind="guidance", topic="not-helpful", confidence=1.0,
                  title="Sorry that didn't help", body=lines)
