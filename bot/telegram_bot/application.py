"""Build the PTB `Application`: settings, defaults, rate limiting, and every handler in order."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import BotCommand, LinkPreviewOptions, Update
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
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.knowledge import default_knowledge_dir
from bot.service import EnquiryService
from bot.settings import Settings
from bot.store.chat_state import ChatStates
from bot.telegram_bot import admin, handlers, health
from bot.telegram_bot.dispatch import note_failure
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
ANSWER_PATIENCE = 3  # × TELEGRAM_TIMEOUT: how long an answer to a request is awaited
IDLE_SWEEP = timedelta(minutes=10)  # idle conversations and old buttons are forgotten

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


async def set_descriptions(application: Application) -> None:
    """Set what Telegram shows in an empty chat and on the profile, from the settings."""
    settings: Settings = application.bot_data["settings"]
    bot = application.bot
    for call, text, what in (
            (bot.set_my_description, settings.BOT_DESCRIPTION, "description"),
            (bot.set_my_short_description, settings.BOT_SHORT_DESCRIPTION, "short description")):
        try:
            await call(text)
        except TelegramError as exc:  # a convenience, like the menu: never stops the bot
            log.warning("could not set the bot's %s: %s", what, exc)


async def start_up(application: Application) -> None:
    """Everything done once the bot is connected: the menu, the descriptions, /healthz."""
    await set_command_menu(application)
    await set_descriptions(application)
    await admin.set_editor_menus(application, [BotCommand(n, d) for n, d in COMMANDS])
    admin.reload_on_sighup(application)
    settings: Settings = application.bot_data["settings"]
    await health.start_server(application, settings.HEALTH_HOST, settings.HEALTH_PORT)


async def shut_down(application: Application) -> None:
    """Stop serving /healthz, then close the enquiry log."""
    await health.stop_server(application)
    await close_enquiry_log(application)


async def close_enquiry_log(application: Application) -> None:
    """Close the enquiry log (if there is one) when the bot shuts down."""
    close = getattr(application.bot_data["service"].log, "close", None)
    if close is not None:
        close()


def add_handlers(application: Application) -> None:
    """Register every handler; the first that matches an update handles it."""
    names = [name for name, _ in COMMANDS]
    # its own group, before the editors' (-1): only one handler of a group takes an update
    application.add_handler(TypeHandler(Update, health.note_update), group=-2)
    application.add_handlers([
        CommandHandler(names, handlers.show_command, filters=MESSAGES),
        *admin.command_handlers(),  # editors only; refused politely to anyone else
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
    application.add_error_handler(note_failure)  # first: the inbox retries unsent replies
    application.add_error_handler(handlers.report_error)


def build_application(settings: Settings, service: EnquiryService, *,
                      request: BaseRequest | None = None,
                      rate_limiter: BaseRateLimiter | None = None,
                      chats: ChatStates | None = None) -> Application:
    """The bot, ready for `run_polling` / `run_webhook` (or `process_update` in tests).

    `request` replaces the network (tests, benchmarks); `rate_limiter` replaces the default
    `RetryingRateLimiter` that keeps to Telegram's flood limits and retries failed requests.
    `chats` keeps conversations and suggestion buttons (in memory only if not given).
    Raises SettingsError if the token is missing or malformed.
    """
    limiter = rate_limiter or RetryingRateLimiter()
    builder = (
        ApplicationBuilder()
        .token(settings.token())
        .defaults(defaults())
        .rate_limiter(limiter)
        .post_init(start_up)
        .post_shutdown(shut_down)
    )
    if settings.TELEGRAM_BASE_URL:
        builder.base_url(settings.TELEGRAM_BASE_URL)
    if request is not None:
        builder.request(request).get_updates_request(request)
    else:
        timeout = settings.TELEGRAM_TIMEOUT
        # A request Telegram is slow to answer has usually been carried out: waiting longer for
        # the answer, rather than sending it again, keeps duplicate replies rare.
        builder.connect_timeout(timeout).read_timeout(timeout * ANSWER_PATIENCE)
        builder.write_timeout(timeout)
        builder.get_updates_connect_timeout(timeout).get_updates_read_timeout(timeout)
    application = builder.build()
    if isinstance(limiter, RetryingRateLimiter):
        limiter.stop_retrying_when_stopped(lambda: application.running)
    application.bot_data["service"] = service
    application.bot_data["settings"] = settings
    application.bot_data["knowledge_dir"] = settings.KNOWLEDGE_DIR or default_knowledge_dir()
    health.attach(application)
    application.bot_data["retention_days"] = settings.LOG_RETENTION_DAYS
    application.bot_data["chats"] = chats if chats is not None else ChatStates()
    add_handlers(application)
    add_editor_handlers(application, settings.ADMIN_CHAT_IDS, settings.KNOWLEDGE_DIR)
    if hasattr(service.log, "purge") and application.job_queue is not None:
        application.job_queue.run_repeating(handlers.purge_old_enquiries, name="retention",
                                            interval=RETENTION_INTERVAL, first=RETENTION_INTERVAL)
    if application.job_queue is not None:
        application.job_queue.run_repeating(health.keep_alive, name="keep-alive",
                                            interval=health.KEEPALIVE_SECONDS,
                                            first=health.KEEPALIVE_SECONDS)
        application.job_queue.run_repeating(handlers.expire_idle_chats, name="idle chats",
                                            interval=IDLE_SWEEP, first=IDLE_SWEEP)
    return application
