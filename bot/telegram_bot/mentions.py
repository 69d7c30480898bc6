"""Groups: the bot speaks only when addressed, i.e. by a command or a mention of it."""

from __future__ import annotations

import re

from telegram import Message, MessageEntity
from telegram.ext import filters


def _mentioned(message: Message) -> bool:
    bot = message.get_bot()
    username = (bot.username or "").lower()
    for entities in (message.parse_entities(), message.parse_caption_entities()):
        for entity, text in entities.items():
            if entity.type == MessageEntity.MENTION and text[1:].lower() == username:
                return True
            if entity.type == MessageEntity.TEXT_MENTION and entity.user and \
                    entity.user.id == bot.id:
                return True
    return False


class MentionsMe(filters.MessageFilter):
    """Messages (text or caption) that mention this bot by @username or by a text mention."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        return _mentioned(message)


MENTIONS_ME = MentionsMe(name="MentionsMe")
ADDRESSED = filters.ChatType.PRIVATE | MENTIONS_ME
"""A private chat, or a group message that mentions the bot."""


def without_mention(text: str, username: str | None) -> str:
    """The message with the bot's @username taken out, so the engine sees only the question."""
    if not username:
        return text
    cleaned = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(cleaned.split())
