"""Sending Telegram HTML: whole answers, split into messages Telegram accepts.

`to_html` would drop trailing lines to fit one message; here the whole answer is rendered and
split at line breaks with `split_message`, so nothing is lost. Buttons go under the last part.
"""

from __future__ import annotations

import sys

from telegram import Bot, InlineKeyboardMarkup, Message, ReplyParameters

from bot.answer import Answer
from bot.render import split_message, to_html

NOTHING_TO_SAY = "Sorry, I have no answer to that. Send /help to see what I can answer."


def answer_html(answer: Answer) -> str:
    """The whole answer as Telegram HTML, however long (split it with `send_html`)."""
    return to_html(answer, limit=sys.maxsize)


async def send_html(bot: Bot, chat_id: int, html: str, *,
                    reply_markup: InlineKeyboardMarkup | None = None,
                    reply_to: Message | None = None) -> None:
    """Send `html` as one or more messages of at most 4096 characters, in order.

    In a group the first part quotes the message it answers (`reply_to`) and every part stays
    in that message's forum topic.
    """
    chunks = [chunk for chunk in split_message(html) if chunk.strip()] or [NOTHING_TO_SAY]
    thread = reply_to.message_thread_id if reply_to and reply_to.is_topic_message else None
    for index, chunk in enumerate(chunks):
        quote = None
        if reply_to is not None and index == 0:
            quote = ReplyParameters(reply_to.message_id, allow_sending_without_reply=True)
        await bot.send_message(
            chat_id, chunk, message_thread_id=thread, reply_parameters=quote,
            reply_markup=reply_markup if index == len(chunks) - 1 else None,
        )
