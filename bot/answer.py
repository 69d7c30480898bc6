"""The structured answer every front end renders: console, `ask --json`, Telegram."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Kind = Literal[
    "emergency",  # danger now: 999 first
    "crime_report",  # someone trying to report a crime to the bot
    "fact",  # figures or facts about operations
    "guidance",  # how to contact / report
    "smalltalk",  # greetings, thanks, help
    "clarify",  # several things fit: ask which
    "fallback",  # honest "I don't know"
    "invalid",  # empty or unreadable input
]


class Span(BaseModel):
    """A run of text; `bold` marks figures, `url` makes a link."""

    text: str
    bold: bool = False
    url: str | None = None


class FigureUsed(BaseModel):
    """A published figure an answer quotes, with where it comes from."""

    operation_id: str
    operation: str
    metric: str
    value: int | float
    qualifier: str
    scope: str | None
    text: str  # e.g. "more than £40,000"
    period: str | None = None
    source: str
    source_date: str | None = None


class Suggestion(BaseModel):
    """Something the person could ask next; `query` is sent as if they had typed it."""

    label: str
    query: str


# Replies to messages the bot did not confidently understand: someone in danger may have told
# it in words it doesn't know, so 999 comes first (see bot.safety).
UNSURE_KINDS = frozenset({"crime_report", "clarify", "fallback", "invalid"})
SAFETY_LINE = "In danger or hurt right now? Call 999."


class Answer(BaseModel):
    answered: bool
    kind: Kind
    topic: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    title: str
    body: list[list[Span]] = []
    figures: list[FigureUsed] = []
    sources: list[str] = []
    suggestions: list[Suggestion] = []
    sensitive: bool = False  # emergency or crime report: the text must never be stored
    safety_line: list[Span] = []  # one short 999 line shown before everything else

    def lead(self) -> list[Span]:
        """The 999 line that comes first: this answer's own, or the default for any reply to a
        message the bot did not confidently understand. None before the 999 card itself."""
        if self.safety_line:
            return self.safety_line
        if self.kind in UNSURE_KINDS or (not self.answered and self.kind != "emergency"):
            return [Span(text=SAFETY_LINE)]
        return []

    def plain_body(self) -> str:
        return "\n".join("".join(s.text for s in line) for line in self.body)


def spans(*parts: str | Span) -> list[Span]:
    """Build a line from plain strings and Spans: spans("There were ", bold("215"), " arrests")."""
    return [p if isinstance(p, Span) else Span(text=p) for p in parts if p != ""]


def bold(text: str) -> Span:
    return Span(text=text, bold=True)


def link(text: str, url: str) -> Span:
    return Span(text=text, url=url)
