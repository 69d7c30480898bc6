"""Build the PTB `Application`: settings, defaults, rate limiting, and every handler in order."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.service import EnquiryService
from bot.settings import Settings
from bot.telegram_bot import handlers
from bot.telegram_bot.editors import add_editor_handlers
from bot.telegram_bot.keyboards import FEEDBACK_PATTERN, SUGGESTION_PATTERN
from bot.telegram_bot.mentions import ADDRESSED
from bot.telegram_bot.retry import RetryingRateLimiter

log = logging.getLogger(__name__)

# The command menu, in the order Telegram shows it; each text comes from Engine.command(name).
COMMANDS = (
    ("start", "What this service is and what it can answer"),
    ("help", "How to ask a question"),
    ("report", "How to pass on information to the police"),
    ("livechat", "Police Live Chat: when it is open and how to use it"),
    ("operations", "The operations I can tell you about"),
    ("privacy", "What is kept and for how long"),
)
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
RETENTION_INTERVAL = timedelta(days=1)  # old enquiries are purged at start-up, then daily

# What a person might send as evidence: it cannot be received here.
EVIDENCE = (filters.PHOTO | filters.VIDEO | filters.VIDEO_NOTE | filters.VOICE | filters.AUDIO
            | filters.Document.ALL | filters.ANIMATION | filters.Sticker.ALL | filters.LOCATION
            | filters.VENUE | filters.CONTACT)
MESSAGES = filters.UpdateType.MESSAGES  # new and edited messages; not channel posts


def defaults() -> Defaults:
    return Defaults(parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True))


async def set_command_menu(application: Application) -> None:
    """Set the command menu Telegram shows beside the message box."""
    try:
        await application.bot.set_my_commands([BotCommand(n, d) for n, d in COMMANDS])
    except TelegramError as exc:  # the menu is a convenience; serving matters more
        log.warning("could not set the command menu: %s", exc)


async def close_enquiry_log(application: Application) -> None:
    """Close the enquiry log (if there is one) when the bot shuts down."""
    close = getattr(application.bot_data["service"].log, "close", None)
    if close is not None:
        close()


def add_handlers(application: Application) -> None:
    """Register every handler; the first that matches an update handles it."""
    names = [name for name, _ in COMMANDS]
    application.add_handlers([
        CommandHandler(names, handlers.show_command, filters=MESSAGES),
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE & MESSAGES,
                       handlers.unknown_command),
        MessageHandler(filters.TEXT & ~filters.COMMAND & ADDRESSED & MESSAGES,
                       handlers.answer_text),
        MessageHandler(EVIDENCE & ADDRESSED & MESSAGES, handlers.explain_no_evidence),
        MessageHandler(filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL & MESSAGES,
                       handlers.text_only),
        CallbackQueryHandler(handlers.press_suggestion, pattern=SUGGESTION_PATTERN),
        CallbackQueryHandler(handlers.give_feedback, pattern=FEEDBACK_PATTERN),
        CallbackQueryHandler(handlers.unknown_button),
    ])
    application.add_error_handler(handlers.report_error)


def build_application(settings: Settings, service: EnquiryService, *,
                      request: BaseRequest | None = None,
                      rate_limiter: BaseRateLimiter | None = None) -> Application:
    """The bot, ready for `run_polling` / `run_webhook` (or `process_update` in tests).

    `request` replaces the network (tests, benchmarks); `rate_limiter` replaces the default
    `RetryingRateLimiter` that keeps to Telegram's flood limits and retries failed requests.
    Raises SettingsError if the token is missing or malformed.
    """
    limiter = rate_limiter or RetryingRateLimiter()
    builder = (
        ApplicationBuilder()
        .token(settings.token())
        .defaults(defaults())
        .rate_limiter(limiter)
        .post_init(set_command_menu)
        .post_shutdown(close_enquiry_log)
    )
    if settings.TELEGRAM_BASE_URL:
        builder.base_url(settings.TELEGRAM_BASE_URL)
    if request is not None:
        builder.request(request).get_updates_request(request)
    else:
        timeout = settings.TELEGRAM_TIMEOUT
        builder.connect_timeout(timeout).read_timeout(timeout).write_timeout(timeout)
        builder.get_updates_connect_timeout(timeout).get_updates_read_timeout(timeout)
    application = builder.build()
    if isinstance(limiter, RetryingRateLimiter):
        limiter.stop_retrying_when_stopped(lambda: application.running)
    application.bot_data["service"] = service
    application.bot_data["retention_days"] = settings.LOG_RETENTION_DAYS
    add_handlers(application)
    add_editor_handlers(application, settings.ADMIN_CHAT_IDS, settings.KNOWLEDGE_DIR)
    if hasattr(service.log, "purge") and application.job_queue is not None:
        application.job_queue.run_repeating(handlers.purge_old_enquiries, name="retention",
                                            interval=RETENTION_INTERVAL, first=RETENTION_INTERVAL)
    return application
