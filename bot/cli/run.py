"""`enquiry-bot run`: serve Telegram, by long polling or, with WEBHOOK_URL set, by webhook.

Settings come from the environment and `.env` (see `.env.example`). A missing or malformed
setting is one line on stderr saying what to set, and exit status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sqlite3
import sys

from telegram.error import InvalidToken, NetworkError

from bot.cli.chat import make_service
from bot.cli.common import add_knowledge_option, engine_or_exit, knowledge_dir
from bot.flood import FloodLimiter
from bot.settings import Settings, SettingsError, load_settings
from bot.store.chat_state import ChatStates
from bot.store.hash_key import HashKey, KeyNotExternal, find_hash_key
from bot.store.inbox import Inbox
from bot.store.state import open_state_database, state_path
from bot.telegram_bot import ALLOWED_UPDATES, build_application
from bot.telegram_bot.logs import configure_logging
from bot.telegram_bot.serve import Webhook, serve

HELP = "run the Telegram bot (long polling; a webhook when WEBHOOK_URL is set)"

log = logging.getLogger("bot.cli.run")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_knowledge_option(parser)


def _fail(message: str) -> int:
    print(f"enquiry-bot run: {message}", file=sys.stderr)
    return 2


def _hash_key(settings: Settings) -> HashKey | str:
    """The chat-hash key, said in the log with where it is kept; or what is wrong with it."""
    secret = settings.LOG_HASH_SECRET
    try:
        key = find_hash_key(secret=secret.get_secret_value() if secret else None,
                            key_file=settings.LOG_HASH_KEY_FILE, database=settings.DATABASE_PATH,
                            require_external=settings.REQUIRE_EXTERNAL_SECRET)
    except KeyNotExternal as exc:
        return f"REQUIRE_EXTERNAL_SECRET is on: {exc}"
    except (OSError, ValueError) as exc:
        return f"cannot read or create the chat-hash key: {exc}"
    if key.external:
        log.info("chat-hash key: %s", key.where)
    else:
        log.warning("chat-hash key: %s", key.where)
    return key


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
        secrets = [settings.token()]
        if settings.WEBHOOK_URL:
            secrets.append(settings.webhook_secret())
    except SettingsError as exc:
        return _fail(str(exc))
    hidden = [settings.LOG_HASH_SECRET.get_secret_value()] if settings.LOG_HASH_SECRET else []
    configure_logging(settings.LOG_LEVEL, secrets + hidden,
                      json_lines=settings.LOG_FORMAT == "json")
    if args.knowledge is None and settings.KNOWLEDGE_DIR is not None:
        args.knowledge = settings.KNOWLEDGE_DIR
    hash_key = _hash_key(settings)
    if isinstance(hash_key, str):
        return _fail(hash_key)
    # with the enquiry log, as the console, and per-chat flood limiting (20 messages in 10 s)
    service = make_service(engine_or_exit(args, settings.DATA_DIR), FloodLimiter(),
                           hash_key=hash_key.key)
    try:
        state = open_state_database(state_path(settings.DATABASE_PATH))
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"cannot open the bot's state database "
                     f"{state_path(settings.DATABASE_PATH)}: {exc}")
    application = build_application(settings, service, chats=ChatStates(state, hash_key.key))
    application.bot_data["knowledge_dir"] = knowledge_dir(args)  # what /reload and SIGHUP read
    # triage through the service's engine of the moment: /reload and SIGHUP swap it
    inbox = Inbox(state, lambda text: service.engine.is_emergency(text))
    metrics = application.bot_data.get("metrics")
    if metrics is not None:
        metrics.measure_queue(inbox.pending)  # updates stored and not yet answered
    webhook = None
    if settings.WEBHOOK_URL:
        webhook = Webhook(settings.WEBHOOK_URL, secrets[1], settings.WEBHOOK_LISTEN,
                          settings.WEBHOOK_PORT)
    try:
        asyncio.run(serve(application, inbox, allowed_updates=ALLOWED_UPDATES, webhook=webhook,
                          poll_timeout=settings.TELEGRAM_TIMEOUT))
    except InvalidToken:
        return _fail("Telegram refused the token: set TELEGRAM_BOT_TOKEN to the token "
                     "@BotFather gave you")
    except NetworkError as exc:  # still unreachable after the start-up retries
        return _fail(f"cannot reach Telegram at start-up ({type(exc).__name__}: {exc}); "
                     "check the network and TELEGRAM_BASE_URL")
    finally:
        state.close()
    log.info("stopped")
    return 0
