"""The handlers: each translates a Telegram update into a call of the core and back.

Long-lived objects live in `application.bot_data` (the `EnquiryService` under "service", the
log retention in days under "retention_days"); per-chat state lives in the `ChatStates` under
"chats" (the `Conversation` for follow-ups, and the query behind each suggestion button), kept
in the state database so that it survives a restart; `context.chat_data` is never used, so
PTB keeps nothing per chat in memory.
"""

from __future__ import annotations

import contextlib
import logging
import time

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Conflict, NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot import clock, short_replies
from bot.answer import Answer
from bot.conversation import Conversation
from bot.service import EnquiryService
from bot.store.chat_state import ChatStates, ChatSuggestions
from bot.telegram_bot.keyboards import (
    answer_keyboard,
    has_button,
    parse_feedback,
    suggestion_number,
    wants_feedback,
    without_feedback,
)
from bot.telegram_bot.mentions import without_mention
from bot.telegram_bot.sending import answer_html, send_html

log = logging.getLogger(__name__)

TEXT_ONLY = "I can only read text messages. Type your question, or send /help."
UNKNOWN_COMMAND = "I don't know that command. Send /help to see what I can answer."
EXPIRED_BUTTON = "That button has expired. Please type your question instead."
UNKNOWN_BUTTON = "That button no longer works. Please type your question, or send /help."
THANKS = "Thank you for your feedback."
SORRY = ("Sorry, something went wrong on our side. Please try again in a moment, or send "
         "/report to see how to contact the police.")


def service_of(context: ContextTypes.DEFAULT_TYPE) -> EnquiryService:
    return context.bot_data["service"]


def chats_of(context: ContextTypes.DEFAULT_TYPE) -> ChatStates:
    return context.bot_data["chats"]


def conversation_of(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> Conversation:
    return chats_of(context).conversation(chat_id)


def memory_of(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> ChatSuggestions:
    return chats_of(context).suggestions(chat_id)


def observe(context: ContextTypes.DEFAULT_TYPE, answer: Answer, started: float) -> None:
    """Count a reply that was sent, with its latency, and note that Telegram was reached."""
    metrics = context.bot_data.get("metrics")
    if metrics is not None:
        metrics.observe_answer(answer, time.monotonic() - started)
    health = context.bot_data.get("health")
    if health is not None:
        health.telegram_reached()


def quoted(message: Message) -> Message | None:
    """The message to quote in a reply: in a group, the one answered; none in a private chat."""
    return None if message.chat.type == ChatType.PRIVATE else message


def command_name(text: str) -> str:
    """'/Report@SomeBot now' → 'report'."""
    return text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower()


def sent_at(message: Message) -> float:
    """When the person wrote `message` (an edit: when they edited it), in epoch seconds."""
    return (message.edit_date or message.date).timestamp()


async def reply_with_answer(context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str,
                            reply_to: Message | None, *, written: float | None = None) -> None:
    """Answer `text` in this chat's conversation, with suggestion and feedback buttons;
    `written` is when the person wrote it (flood limits count by that), if known."""
    started = time.monotonic()
    conversation = conversation_of(context, chat_id)
    answer, row_id = service_of(context).handle(
        text, conversation, chat_id=chat_id, channel="telegram", now=clock.now(), sent_at=written
    )
    if answer is None:  # this chat is flooding: it was told to slow down once already
        return
    chats_of(context).save(chat_id, conversation)
    markup = answer_keyboard(answer.suggestions, memory_of(context, chat_id),
                             feedback=wants_feedback(answer.kind), row_id=row_id)
    await send_html(context.bot, chat_id, answer_html(answer), reply_markup=markup,
                    reply_to=reply_to)
    observe(context, answer, started)


async def show_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the engine's text for /start, /help, /report, /livechat, /operations or /privacy."""
    started = time.monotonic()
    message = update.effective_message
    name = command_name(message.text or "")
    if name == "start":
        conversation = conversation_of(context, message.chat_id)
        conversation.reset()
        chats_of(context).save(message.chat_id, conversation)
    rest = (message.text or "").partition(" ")[2]
    answer = service_of(context).screen(rest) or service_of(context).engine.command(
        name, clock.now(), retention_days=context.bot_data["retention_days"]
    )  # "/report he's got a knife outside" gets 999 first
    markup = answer_keyboard(answer.suggestions, memory_of(context, message.chat_id),
                             feedback=False)
    await send_html(context.bot, message.chat_id, answer_html(answer), reply_markup=markup,
                    reply_to=quoted(message))
    observe(context, answer, started)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point to /help after a command the bot does not have."""
    message = update.effective_message
    await send_html(context.bot, message.chat_id, UNKNOWN_COMMAND, reply_to=quoted(message))


async def answer_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a typed (or edited) question; in a group, one that mentions the bot."""
    message = update.effective_message
    text = message.text or ""
    if message.chat.type != ChatType.PRIVATE:
        text = without_mention(text, context.bot.username)
    await reply_with_answer(context, message.chat_id, text, quoted(message),
                            written=sent_at(message))


async def explain_no_evidence(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say that evidence can't be received here, and how to submit footage instead."""
    started = time.monotonic()
    message = update.effective_message
    # a caption can describe danger now ("he's outside with this"): 999 comes first
    answer = service_of(context).screen(message.caption or "") or \
        short_replies.media_reply(service_of(context).engine.k, clock.now(), media_kind(message))
    await send_html(context.bot, message.chat_id, answer_html(answer), reply_to=quoted(message))
    observe(context, answer, started)


def media_kind(message: Message) -> str:
    """'sticker', 'photo', 'location'...: what the message carries (short_replies.MEDIA_KINDS)."""
    return next((kind for kind in short_replies.MEDIA_KINDS if getattr(message, kind, None)), "")


async def text_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask for text after anything else sent in a private chat (a poll, a dice, a game...)."""
    message = update.effective_message
    await send_html(context.bot, message.chat_id, TEXT_ONLY)


async def press_suggestion(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a suggestion button's query as if it had been typed."""
    query = update.callback_query
    number = suggestion_number(query.data or "")
    text = None
    if update.effective_chat is not None and number is not None:
        text = memory_of(context, update.effective_chat.id).recall(number)
    # A press answered late (after a restart, behind a backlog) can no longer be acknowledged;
    # its question is still answered.
    with contextlib.suppress(BadRequest):
        await query.answer(EXPIRED_BUTTON if text is None else None)
    if text is not None:
        await reply_with_answer(context, update.effective_chat.id, text, reply_to=None)


async def give_feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Record helpful / not helpful on an answer, thank the person, and remove the buttons."""
    query = update.callback_query
    data = query.data or ""
    message = query.message if isinstance(query.message, Message) else None
    parsed = parse_feedback(data)
    # Callback data comes from the client: only a button actually on this message counts.
    if parsed is None or message is None or not has_button(message.reply_markup, data):
        await query.answer(EXPIRED_BUTTON)
        return
    row_id, helpful = parsed
    if "metrics" in context.bot_data:
        context.bot_data["metrics"].observe_feedback(helpful)
    record = getattr(service_of(context).log, "record_feedback", None)
    if row_id is not None and record is not None:
        try:
            record(row_id, helpful)
        except Exception:  # the log must never stop an answer; the store logs its own faults
            log.exception("could not record feedback")
    await query.answer(THANKS)
    with contextlib.suppress(BadRequest):  # e.g. the message is too old to edit
        await query.edit_message_reply_markup(without_feedback(message.reply_markup))
    if not helpful:  # offer a person: Live Chat (open or not, now) and 101
        answer = short_replies.not_helpful(service_of(context).engine.k, clock.now())
        await send_html(context.bot, message.chat_id, answer_html(answer), reply_to=None)


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a press of a button this bot does not know (always answered, politely)."""
    await update.callback_query.answer(UNKNOWN_BUTTON)


async def purge_old_enquiries(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Delete logged enquiries older than the retention period (a daily job)."""
    service_of(context).log.purge(context.bot_data["retention_days"], clock.now())


async def expire_idle_chats(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forget idle conversations and old suggestion buttons (a job every few minutes)."""
    try:
        chats_of(context).expire()
    except Exception:  # noqa: BLE001 - tried again at the next sweep
        log.exception("could not expire idle chats")


async def report_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log an error and apologise to whoever is waiting; the bot carries on serving."""
    error = context.error
    if isinstance(error, TelegramError) and "metrics" in context.bot_data:
        context.bot_data["metrics"].observe_telegram_error(error)
    if update is None and isinstance(error, NetworkError):
        log.warning("connection to Telegram: %s: %s", type(error).__name__, error)
        return
    if isinstance(error, Conflict):
        log.error("Telegram says another copy of this bot is running with the same token (%s); "
                  "stop the other one", error)
        return
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Telegram unreachable even after the retries: an outage, not a bug; no traceback.
        log.error("error handling update %s: %s: %s", update_id, type(error).__name__, error)
    else:
        log.error("error handling update %s", update_id, exc_info=error)
    if not isinstance(update, Update):
        return
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):  # fails if the handler answered it already
            await update.callback_query.answer()
    if update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(update.effective_chat.id, SORRY)
