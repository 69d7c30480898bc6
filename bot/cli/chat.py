"""`enquiry-bot chat`: an interactive conversation in the terminal, no Telegram needed."""

from __future__ import annotations

import argparse
import sys

from bot import clock
from bot.cli.common import add_knowledge_option, add_now_option, engine_or_exit
from bot.conversation import Conversation
from bot.engine import Engine
from bot.flood import FloodLimiter
from bot.render import to_text
from bot.service import EnquiryService
from bot.settings import SettingsError, load_settings
from bot.store import open_enquiry_log
from bot.store.hash_key import find_hash_key

HELP = "talk to the bot in the terminal with the bundled (or given) knowledge"

COMMANDS_HELP = ("Commands: /report  /livechat  /operations  /privacy  /help  /new (start over)  "
                 "/quit. Type a number to pick a suggestion.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_knowledge_option(parser)
    add_now_option(parser)


def make_service(engine: Engine, flood: FloodLimiter | None = None,
                 hash_key: bytes | None = None) -> EnquiryService:
    """The console's service, recording enquiries (redacted) in the enquiry log at
    DATABASE_PATH (default var/enquiries.db), with LOG_RETENTION_DAYS applied at start-up;
    chat ids hashed with `hash_key`, else the key the settings name (see bot.store.hash_key)."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        raise SystemExit(f"enquiry-bot: {exc}") from None
    secret = settings.LOG_HASH_SECRET
    if hash_key is None and (secret or settings.LOG_HASH_KEY_FILE):
        try:
            hash_key = find_hash_key(secret=secret.get_secret_value() if secret else None,
                                     key_file=settings.LOG_HASH_KEY_FILE,
                                     database=settings.DATABASE_PATH).key
        except (OSError, ValueError) as exc:
            raise SystemExit(f"enquiry-bot: the chat-hash key: {exc}") from None
    log = open_enquiry_log(settings.DATABASE_PATH, hash_secret=hash_key,
                           retention_days=settings.LOG_RETENTION_DAYS)
    return EnquiryService(engine, log, flood, retention_days=settings.LOG_RETENTION_DAYS)


def run(args: argparse.Namespace) -> int:
    # Text in another encoding must not end the run: undecodable bytes become U+FFFD.
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")
    engine = engine_or_exit(args)
    service = make_service(engine)
    conversation = Conversation()
    suggestions: list[str] = []
    write = sys.stdout.write
    write(to_text(engine.command("start", args.now or clock.now()), limit=4096) + "\n")
    write(COMMANDS_HELP + "\n\n")
    while True:
        try:
            message = input("you> ")
        except EOFError:
            write("\n")
            return 0
        text = message.strip()
        if text in ("/quit", "/exit", "quit", "exit"):
            return 0
        now = args.now or clock.now()
        if text == "/new":
            conversation = Conversation()
            write("(new conversation)\n\n")
            continue
        if text.isdigit() and 1 <= int(text) <= len(suggestions):
            text = suggestions[int(text) - 1]
            write(f"you> {text}\n")
        command = text[1:].split()[0] if text.startswith("/") and text[1:].strip() else ""
        if command and engine.has_command(command):
            answer = engine.command(command, now, retention_days=service.retention_days)
        else:
            answer, _ = service.handle(text, conversation, channel="console", now=now)
        write("bot> " + to_text(answer, limit=4096).replace("\n", "\n     ") + "\n")
        suggestions = [s.query for s in answer.suggestions]
        for i, s in enumerate(answer.suggestions, 1):
            write(f"     [{i}] {s.label}\n")
        write("\n")
