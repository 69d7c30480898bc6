"""Would Telegram accept this HTML message? For tests of the renderers and of every reply.

The checks of ../shared/eval/check_replies.py (Telegram's tags only, balanced, no bare &, at most
4096 characters) already live in `bot.evaluation.telegram_html_problems`; this adds what they let
through and Telegram rejects: a bare < or > in text, and attributes Telegram does not know.
"""

from __future__ import annotations

import html.parser

from bot.evaluation import telegram_html_problems

# Telegram's parse_mode=HTML: the attributes each tag may carry (a tag not listed takes none).
ALLOWED_ATTRIBUTES = {"a": {"href"}, "span": {"class"}, "code": {"class"}, "pre": set(),
                      "tg-emoji": {"emoji-id"}, "blockquote": {"expandable"}}


class _RawTextCheck(html.parser.HTMLParser):
    """Sees text before entities are decoded, so a bare '<' or '>' shows up as itself."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, _ in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.errors.append(f"attribute {name!r} not allowed on <{tag}>")

    def handle_data(self, data: str) -> None:
        for char in "<>":
            if char in data:
                self.errors.append(f"unescaped {char} in text {data[:40]!r}")


def html_problems(markup: str) -> list[str]:
    """Every reason Telegram would refuse `markup`; empty when it would send it."""
    raw = _RawTextCheck()
    raw.feed(markup)
    raw.close()
    return telegram_html_problems(markup) + raw.errors


def assert_telegram_html(markup: str) -> None:
    problems = html_problems(markup)
    assert not problems, f"{problems} in {markup[:300]!r}"
