"""Inline keyboards under answers, and the callback data their buttons carry.

Callback data is namespaced and always within Telegram's 64 bytes:
  "q:<n>"          a suggestion; n numbers the query text kept server-side for the chat
  "fb:<row>:y|n"   feedback on an answer; row is the enquiry log row id, or "-" when not logged
A suggestion's query can be longer than 64 bytes, so it stays server-side: in the state
database (`bot.store.chat_state.ChatSuggestions`, which survives a restart) or in a
`SuggestionMemory`; a button whose number is no longer held (too old, or another chat's) is
"expired".
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answer import Suggestion

SUGGESTION_PATTERN = r"^q:\d{1,12}$"
FEEDBACK_PATTERN = r"^fb:(?:\d{1,18}|-):[yn]$"
HELPFUL_LABEL = "👍 Helpful"
NOT_HELPFUL_LABEL = "👎 Not helpful"
LABEL_LIMIT = 60  # a longer label is cut; Telegram shows only the start of it anyway


@dataclass
class SuggestionMemory:
    """The queries behind a chat's recent suggestion buttons, newest last, bounded in size."""

    capacity: int = 100
    _queries: OrderedDict[int, str] = field(default_factory=OrderedDict)
    _next: int = 1

    def remember(self, query: str) -> int:
        number = self._next
        self._next += 1
        self._queries[number] = query
        while len(self._queries) > self.capacity:
            self._queries.popitem(last=False)
        return number

    def recall(self, number: int) -> str | None:
        return self._queries.get(number)


def suggestion_number(data: str) -> int | None:
    """The number in a suggestion button's data, or None if the data is not one."""
    return int(data[2:]) if re.match(SUGGESTION_PATTERN, data) else None


def parse_feedback(data: str) -> tuple[int | None, bool] | None:
    """(row id or None, helpful) from a feedback button's data; None if the data is not one."""
    if not re.match(FEEDBACK_PATTERN, data):
        return None
    _, row, verdict = data.split(":")
    return (None if row == "-" else int(row)), verdict == "y"


def feedback_data(row_id: int | None, helpful: bool) -> str:
    return f"fb:{'-' if row_id is None else row_id}:{'y' if helpful else 'n'}"


def _label(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1].rstrip() + "…"


def suggestion_rows(suggestions: Sequence[Suggestion],
                    memory: SuggestionMemory) -> list[list[InlineKeyboardButton]]:
    """One button per suggestion, each pressing as if its query had been typed."""
    return [[InlineKeyboardButton(_label(s.label), callback_data=f"q:{memory.remember(s.query)}")]
            for s in suggestions]


def feedback_row(row_id: int | None) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(HELPFUL_LABEL, callback_data=feedback_data(row_id, True)),
            InlineKeyboardButton(NOT_HELPFUL_LABEL, callback_data=feedback_data(row_id, False))]


NO_FEEDBACK_KINDS = ("emergency", "smalltalk", "invalid")  # "was this helpful?" would jar here


def wants_feedback(kind: str) -> bool:
    """Whether an answer of this kind gets the helpful / not helpful row (not under "call 999",
    "you're welcome" or "hello")."""
    return kind not in NO_FEEDBACK_KINDS


def answer_keyboard(suggestions: Sequence[Suggestion], memory: SuggestionMemory, *,
                    feedback: bool, row_id: int | None = None) -> InlineKeyboardMarkup | None:
    """Suggestions first, then (for an answer) the helpful / not helpful row."""
    rows = suggestion_rows(suggestions, memory)
    if feedback:
        rows.append(feedback_row(row_id))
    return InlineKeyboardMarkup(rows) if rows else None


def has_button(markup: InlineKeyboardMarkup | None, data: str) -> bool:
    """Whether `markup` has a button carrying `data` (callback data is client-supplied)."""
    return markup is not None and any(
        button.callback_data == data for row in markup.inline_keyboard for button in row
    )


def without_feedback(markup: InlineKeyboardMarkup) -> InlineKeyboardMarkup | None:
    """The same keyboard with the feedback row removed (once feedback is given)."""
    rows = [
        list(row) for row in markup.inline_keyboard
        if not any(isinstance(b.callback_data, str) and b.callback_data.startswith("fb:")
                   for b in row)
    ]
    return InlineKeyboardMarkup(rows) if rows else None
