"""Render an Answer as plain text or as Telegram HTML (escaped, Telegram's tags only)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from bot.answer import Answer, Span

TELEGRAM_LIMIT = 4096
PLAIN_LIMIT = 1500


def _plain_span(span: Span) -> str:
    if span.url and span.url not in span.text:
        return f"{span.text} ({span.url})"
    return span.text


def _html_span(span: Span) -> str:
    text = html.escape(span.text, quote=False)
    if span.url:
        return f'<a href="{html.escape(span.url, quote=True)}">{text}</a>'
    return f"<b>{text}</b>" if span.bold else text


def _lead(line: str) -> str:
    """The 999 line, marked so that it stands out on a phone."""
    return f"⚠️ {line}" if line else ""


def _assemble(head: str, body: list[str], tail: str | None, limit: int,
              short_head: Callable[[int], str], lead: str = "") -> str:
    """The 999 line (if any), title, as many whole body lines as fit, and the source line,
    within `limit`.

    Body lines are dropped from the end, then the source line; only a title that alone is
    too long is shortened (by its text, never through markup). The 999 line is never dropped."""
    if lead:
        room = limit - len(lead) - 1
        if room < len(head):
            return lead  # no room for the whole title: the 999 line alone
        return f"{lead}\n{_assemble(head, body, tail, room, short_head)}"
    for keep_tail in (True, False):
        ends = [head] + ([tail] if tail and keep_tail else [])
        room = limit - sum(len(p) + 1 for p in ends) + 1
        if room < 0:
            continue
        kept: list[str] = []
        for line in body:
            if len(line) + 1 > room:
                continue  # too long to fit: leave it out, keep what follows (e.g. "call 101")
            kept.append(line)
            room -= len(line) + 1
        return "\n".join([head] + kept + ends[1:])
    return short_head(limit)


def to_text(answer: Answer, limit: int = PLAIN_LIMIT) -> str:
    """Plain text for the console and for `ask --json`."""
    body = ["".join(_plain_span(s) for s in line) for line in answer.body]
    tail = "Source: " + "; ".join(answer.sources) if answer.sources else None
    return _assemble(answer.title, body, tail, limit,
                     lambda n: answer.title[: n - 1] + "…" if n > 1 else "",
                     _lead("".join(_plain_span(s) for s in answer.lead())))


def to_html(answer: Answer, limit: int = TELEGRAM_LIMIT) -> str:
    """Telegram HTML: every piece of text escaped; only <b> and <a> (and <i> for sources)."""
    def head(text: str) -> str:
        return f"<b>{html.escape(text, quote=False)}</b>" if text else ""

    def short_head(n: int) -> str:
        text = answer.title
        while len(head(text)) > n and text:
            text = text[: max(len(text) * 3 // 4, 2) - 1] + "…" if len(text) > 2 else ""
        return head(text)

    body = ["".join(_html_span(s) for s in line) for line in answer.body]
    tail = ("<i>Source: " + html.escape("; ".join(answer.sources), quote=False) + "</i>"
            if answer.sources else None)
    return _assemble(head(answer.title), body, tail, limit, short_head,
                     _lead("".join(_html_span(s) for s in answer.lead())))


_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")


def _open_tags(markup: str) -> list[str]:
    """The opening tags still open at the end of `markup`, outermost first."""
    stack: list[str] = []
    for m in _TAG.finditer(markup):
        if m.group(1):
            if stack and _TAG.match(stack[-1]).group(2) == m.group(2):  # type: ignore[union-attr]
                stack.pop()
        else:
            stack.append(m.group(0))
    return stack


def _safe_cut(line: str, limit: int) -> int:
    """A cut point at or before `limit` that is not inside a tag or an entity; at a space
    where possible."""
    cut = limit
    while cut > 0:
        before = line[:cut]
        inside_tag = before.rfind("<") > before.rfind(">")
        inside_entity = before.rfind("&") > before.rfind(";") and cut - before.rfind("&") < 10
        if not inside_tag and not inside_entity and (line[cut - 1] == " " or cut < limit // 2):
            return cut
        cut -= 1
    return limit


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split rendered text into chunks of at most `limit` characters at line breaks.

    Telegram HTML from `to_html` keeps each tag within a line, so a split at a line break keeps
    every chunk valid. A single over-long line is cut outside any tag or entity, with its open
    tags closed at the end of one chunk and reopened at the start of the next.
    """
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            room = limit - 64  # space for the tags closed and reopened around the cut
            cut = _safe_cut(line, room)
            head, line = line[:cut], line[cut:]
            still_open = _open_tags(head)
            closing = "".join(f"</{_TAG.match(t).group(2)}>" for t in reversed(still_open))
            chunks.append(head + closing)
            line = "".join(still_open) + line
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current)
    return chunks
