"""Editors' commands, for the chats in ADMIN_CHAT_IDS only: /stats, /unanswered, /reload.

Anyone else gets a polite refusal (the commands are not secret, just not theirs). The same
reload runs on SIGHUP, so `systemctl reload` or `docker kill -s HUP` refresh the knowledge too.
Reloading builds the new engine in a worker thread while the old one keeps answering; one
reload runs at a time.
"""

from __future__ import annotations

import asyncio
import html
import logging
import signal
from datetime import datetime
from pathlib import Path

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, ContextTypes, filters

from bot import clock
from bot.metrics import Metrics
from bot.reload import ReloadResult, prepare, swap
from bot.store.report import Report, ReportError, read_report
from bot.telegram_bot.sending import send_html

log = logging.getLogger(__name__)

ADMIN_COMMANDS = (
    ("stats", "Editors: answers, emergencies and feedback in the last 7 days"),
    ("unanswered", "Editors: what people asked that the bot couldn't answer"),
    ("reload", "Editors: reload the knowledge folder now"),
)
REFUSED = ("Sorry, that command is only for the force's editors. Send /help to see what I can "
           "answer.")
REPORT_DAYS = 7
TOP_GROUPS = 8
_LOCK = "reload_lock"


def is_editor(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.id in context.bot_data["settings"].ADMIN_CHAT_IDS


async def _reply(update: Update, context: ContextTypes.DEFAULT_TYPE, html_text: str) -> None:
    await send_html(context.bot, update.effective_chat.id, html_text)  # type: ignore[union-attr]


# ------------------------------------------------------------------ reload


async def reload_knowledge(application: Application) -> ReloadResult:
    """Validate the knowledge folder and swap the engine; keep the old one if it's bad."""
    directory = Path(application.bot_data["knowledge_dir"])
    lock = application.bot_data.setdefault(_LOCK, asyncio.Lock())
    async with lock:
        prepared = await asyncio.to_thread(prepare, directory)
        result = swap(application.bot_data["service"], directory, prepared)
    metrics: Metrics | None = application.bot_data.get("metrics")
    if metrics is not None:
        metrics.reloads.labels("swapped" if result.swapped else "refused").inc()
        if result.swapped:
            metrics.operations.set(result.operations)
    return result


def reload_on_sighup(application: Application) -> None:
    """Reload the knowledge whenever the process gets SIGHUP (where signals exist)."""
    if not hasattr(signal, "SIGHUP"):
        return

    def on_hup() -> None:
        log.info("SIGHUP: reloading the knowledge")
        application.create_task(reload_knowledge(application), name="reload")

    try:
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, on_hup)
    except (NotImplementedError, RuntimeError):  # not the main thread, or no signals here
        log.warning("SIGHUP reload is not available here; use /reload")


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reload the knowledge and say what happened (for an editor)."""
    if not is_editor(update, context):
        await _reply(update, context, REFUSED)
        return
    result = await reload_knowledge(context.application)
    await _reply(update, context, html.escape(result.summary(), quote=False))


# ------------------------------------------------------------------ stats and unanswered


async def _report(context: ContextTypes.DEFAULT_TYPE, now: datetime) -> Report | str:
    path = getattr(context.bot_data["service"].log, "path", None)
    if path is None:
        return "There is no enquiry log in this deployment (DATABASE_PATH)."
    try:
        return await asyncio.to_thread(read_report, path, days=REPORT_DAYS, now=now)
    except ReportError as exc:
        return f"The enquiry log can't be read: {exc}"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def stats_text(report: Report, since_start: Metrics | None) -> str:
    kinds = report.by_kind
    rated = [t for t in report.topics if t.helpful + t.not_helpful]
    helpful = sum(t.helpful for t in rated)
    votes = sum(t.helpful + t.not_helpful for t in rated)
    lines = [
        f"<b>Last {report.days} days</b> ({report.since} to {report.until})",
        f"Enquiries: {report.enquiries}, answered {report.answered} "
        f"({_percent(report.answered, report.enquiries)})",
        f"Emergencies (999 first): {kinds.get('emergency', 0)}; crime reports: "
        f"{kinds.get('crime_report', 0)}",
        f"Unanswered or unsure: {sum(g.count for g in report.groups)} in {len(report.groups)} "
        "groups (/unanswered)",
        f"Feedback: {helpful} helpful of {votes} ({_percent(helpful, votes)})",
    ]
    if report.topics:
        top = ", ".join(f"{html.escape(t.topic)} {t.asked}" for t in report.topics[:5])
        lines.append(f"Most asked: {top}")
    if since_start is not None:
        sample = since_start.registry.get_sample_value
        answered = int(sample("enquiry_answered_total") or 0)
        unanswered = int(sample("enquiry_unanswered_total") or 0)
        lines.append(f"Since this start: {answered + unanswered} messages, {unanswered} "
                     "unanswered")
    return "\n".join(lines)


def unanswered_text(report: Report, top: int = TOP_GROUPS) -> str:
    if not report.groups:
        return f"Nothing went unanswered in the last {report.days} days."
    lines = [f"<b>Unanswered or unsure, last {report.days} days</b> (largest first)"]
    for rank, g in enumerate(report.groups[:top], 1):
        lines.append(f"{rank}. {g.count} × “{html.escape(g.example, quote=False)}” "
                     f"({g.people} {'person' if g.people == 1 else 'people'})")
    if len(report.groups) > top:
        lines.append(f"… and {len(report.groups) - top} smaller groups: "
                     "enquiry-bot report --format csv")
    return "\n".join(lines)


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the week's figures from the enquiry log (for an editor)."""
    if not is_editor(update, context):
        await _reply(update, context, REFUSED)
        return
    report = await _report(context, clock.now())
    text = report if isinstance(report, str) else stats_text(report, context.bot_data.get(
        "metrics"))
    await _reply(update, context, text)


async def unanswered_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send what people asked that the bot couldn't answer, grouped (for an editor)."""
    if not is_editor(update, context):
        await _reply(update, context, REFUSED)
        return
    report = await _report(context, clock.now())
    await _reply(update, context, report if isinstance(report, str) else unanswered_text(report))


# ------------------------------------------------------------------ wiring


def command_handlers() -> list[CommandHandler]:
    messages = filters.UpdateType.MESSAGE  # new messages only: an edit doesn't reload twice
    return [
        CommandHandler("stats", stats_command, filters=messages),
        CommandHandler("unanswered", unanswered_command, filters=messages),
        CommandHandler("reload", reload_command, filters=messages),
    ]


async def set_editor_menus(application: Application, public: list[BotCommand]) -> None:
    """Show the editors' commands in the menu of the editors' chats only."""
    menu = public + [BotCommand(n, d) for n, d in ADMIN_COMMANDS]
    for chat_id in application.bot_data["settings"].ADMIN_CHAT_IDS:
        try:
            await application.bot.set_my_commands(menu, scope=BotCommandScopeChat(chat_id))
        except TelegramError as exc:  # e.g. the editor hasn't started a chat with the bot yet
            log.warning("could not set the editors' menu in chat %s: %s", chat_id, exc)
