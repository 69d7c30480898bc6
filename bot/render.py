"""Render an Answer as plain text or as Telegram HTML (escaped, Telegram's tags only)."""

from __future__ import annotations

import html

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


def _fit(lines: list[str], limit: int, joiner: str = "\n") -> str:
    """Join whole lines, dropping trailing body lines (never cutting a tag) to fit `limit`."""
    out = joiner.join(lines)
    while len(out) > limit and len(lines) > 1:
        lines = lines[:-2] + [lines[-1]] if len(lines) > 2 else lines[:1]
        out = joiner.join(lines)
    return out[:limit] if len(out) > limit else out


def to_text(answer: Answer, limit: int = PLAIN_LIMIT) -> str:
    """Plain text for the console and for `ask --json`."""
    lines = [answer.title] if answer.title else []
    lines += ["".join(_plain_span(s) for s in line) for line in answer.body]
    tail = []
    if answer.sources:
        tail.append("Source: " + "; ".join(answer.sources))
    return _fit(lines + tail, limit)


def to_html(answer: Answer, limit: int = TELEGRAM_LIMIT) -> str:
    """Telegram HTML: every piece of text escaped; only <b> and <a> (and <i> for sources)."""
    lines = [f"<b>{html.escape(answer.title, quote=False)}</b>"] if answer.title else []
    lines += ["".join(_html_span(s) for s in line) for line in answer.body]
    if answer.sources:
        lines.append("<i>Source: " + html.escape("; ".join(answer.sources), quote=False) + "</i>")
    return _fit(lines, limit)


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split rendered text into chunks of at most `limit` characters at line breaks.

    Telegram HTML from `to_html` never spans a tag across lines, so a split at a line break
    keeps every chunk valid. A single over-long line is cut at a space.
    """
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:cut])
            line = line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current)
    return chunks
