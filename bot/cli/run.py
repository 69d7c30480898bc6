"""`enquiry-bot run`: serve Telegram, by long polling or, with WEBHOOK_URL set, by webhook.

Settings come from the environment and `.env` (see `.env.example`). A missing or malformed
setting is one line on stderr saying what to set, and exit status 2.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from urllib.parse import urlsplit

from telegram.error import InvalidToken

from bot.cli.chat import make_service
from bot.cli.common import add_knowledge_option, engine_or_exit
from bot.flood import FloodLimiter
from bot.settings import SettingsError, load_settings
from bot.telegram_bot import ALLOWED_UPDATES, build_application
from bot.telegram_bot.logs import configure_logging

HELP = "run the Telegram bot (long polling; a webhook when WEBHOOK_URL is set)"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
BOOTSTRAP_RETRIES = 3  # start-up calls (getMe, setWebhook...) when Telegram is briefly away

log = logging.getLogger("bot.cli.run")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_knowledge_option(parser)


def _fail(message: str) -> int:
    print(f"enquiry-bot run: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
        secrets = [settings.token()]
        if settings.WEBHOOK_URL:
            secrets.append(settings.webhook_secret())
    except SettingsError as exc:
        return _fail(str(exc))
    configure_logging(settings.LOG_LEVEL, secrets)
    if args.knowledge is None and settings.KNOWLEDGE_DIR is not None:
        args.knowledge = settings.KNOWLEDGE_DIR
    # with the enquiry log, as the console, and per-chat flood limiting (20 messages in 10 s)
    service = make_service(engine_or_exit(args, settings.DATA_DIR), FloodLimiter())
    application = build_application(settings, service)
    try:
        if settings.WEBHOOK_URL:
            log.info("serving by webhook on %s:%d", settings.WEBHOOK_LISTEN, settings.WEBHOOK_PORT)
            application.run_webhook(
                listen=settings.WEBHOOK_LISTEN,
                port=settings.WEBHOOK_PORT,
                url_path=urlsplit(settings.WEBHOOK_URL).path.lstrip("/"),
                webhook_url=settings.WEBHOOK_URL,
                secret_token=secrets[1],
                allowed_updates=ALLOWED_UPDATES,
                bootstrap_retries=BOOTSTRAP_RETRIES,
                stop_signals=STOP_SIGNALS,
            )
        else:
            log.info("serving by long polling")
            application.run_polling(allowed_updates=ALLOWED_UPDATES,
                                    bootstrap_retries=BOOTSTRAP_RETRIES,
                                    stop_signals=STOP_SIGNALS)
    except InvalidToken:
        return _fail("Telegram refused the token: set TELEGRAM_BOT_TOKEN to the token "
                     "@BotFather gave you")
    log.info("stopped")
    return 0
