"""Editors on Telegram: a chat in ADMIN_CHAT_IDS sends a press release (a .txt file, or the
text after /release) and gets its draft's summary with the flagged items; buttons accept the
flagged items, publish the draft (whole, or its sure items only) or discard it. Nobody else
can: the handlers only see editors' chats, and a button pressed elsewhere is refused.

Publishing goes through the same draft → publish path as the command line, then the running
bot's engine is rebuilt from the knowledge folder so the public sees the new figures at once.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import tempfile
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.importer import ReleaseError, load_vocabulary
from bot.importer.draft import Draft, read_draft, render_draft
from bot.importer.drafting import draft_release
from bot.importer.publishing import PublishError, publish_draft, write_atomically
from bot.knowledge import default_knowledge_dir
from bot.telegram_bot.admin import reload_knowledge

log = logging.getLogger(__name__)

PATTERN = r"^ed:"
MAX_RELEASE_BYTES = 100_000
_ACTIONS = {"accept": "✅ Accept flagged", "publish": "📤 Publish",
            "sure": "📤 Publish sure items only", "discard": "🗑 Discard draft"}
NOT_AN_EDITOR = "Only the force's editors can do that."


def add_editor_handlers(application: Application, admin_ids: list[int],
                        knowledge: Path | None) -> None:
    """Register the editors' handlers before the public ones (group -1), for admin chats only."""
    application.bot_data["editors"] = {"ids": set(admin_ids),
                                       "knowledge": knowledge or default_knowledge_dir()}
    application.add_handler(CallbackQueryHandler(press_editor_button, pattern=PATTERN), -1)
    if not admin_ids:
        return
    chats = filters.Chat(chat_id=admin_ids)
    application.add_handlers([
        CommandHandler("release", receive_release, filters=chats),
        MessageHandler(chats & filters.Document.FileExtension("txt"), receive_release),
    ], -1)


def _config(context: ContextTypes.DEFAULT_TYPE) -> dict:
    return context.application.bot_data["editors"]


async def receive_release(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Import a release an editor sent and reply with its draft's summary and buttons."""
    message = update.effective_message
    if message is None:
        return
    name, text = await _release_text(message, context)
    if not text:
        await message.reply_text("Send a release as a .txt file, or as text after /release.")
        raise ApplicationHandlerStop
    folder = _folder(context)
    try:
        draft = await asyncio.to_thread(_import_text, name, text, folder)
    except ReleaseError as exc:
        await message.reply_text(f"Not imported: {html.escape(str(exc))}")
        raise ApplicationHandlerStop from None
    drafts = context.chat_data.setdefault("editor_drafts", [])  # type: ignore[union-attr]
    drafts.append(str(draft.path))
    await message.reply_text(summary_html(draft), reply_markup=_buttons(len(drafts) - 1))
    raise ApplicationHandlerStop  # an editor's release is no question for the public handlers


async def _release_text(message, context: ContextTypes.DEFAULT_TYPE) -> tuple[str, str]:
    if message.document is not None:
        if (message.document.file_size or 0) > MAX_RELEASE_BYTES:
            return message.document.file_name or "release.txt", ""
        file = await context.bot.get_file(message.document.file_id)
        data = bytes(await file.download_as_bytearray())
        return message.document.file_name or "release.txt", data.decode("utf-8", "replace")
    text = re.sub(r"^/release(?:@\w+)?\s*", "", message.text or "")
    return f"telegram-{message.chat_id}-{message.message_id}.txt", text


def _import_text(name: str, text: str, folder: Path) -> Draft:
    safe = re.sub(r"[^\w.-]+", "-", Path(name).name) or "release.txt"
    with tempfile.TemporaryDirectory(prefix="enquiry-bot-release-") as tmp:
        path = Path(tmp) / safe
        path.write_text(text, encoding="utf-8")
        return draft_release(path, folder, load_vocabulary(folder)).draft


def summary_html(draft: Draft) -> str:
    """The draft as an editor reads it on a phone: each figure, then what is flagged."""
    op = draft.file.operation
    lines = [f"<b>Draft: {html.escape(op.name)}</b> ({html.escape(draft.path.name)})"]
    if op.dates:
        lines.append(f"When: {html.escape(op.dates.describe())}")
    for i, f in enumerate(op.figures):
        item = draft.item(f"figure {i}")
        mark = "⚠️" if item and item.flagged else "•"
        q = "" if f.qualifier == "exact" else f.qualifier.replace("_", " ") + " "
        period = f" · {f.period.describe()}" if f.period else ""
        lines.append(html.escape(f"{mark} {q}{f.value:,} · {f.what or f.metric} · "
                                 f"{f.scope or 'running total'}{period}"))
    flagged = draft.flagged()
    lines.append(f"\n<b>{len(flagged)} item(s) flagged</b>" if flagged else "\nNothing flagged.")
    for item in flagged[:15]:
        lines.append(html.escape(f"⚠️ {item.ref}: {item.reason}"))
    text = "\n".join(lines)
    return text if len(text) <= 4000 else text[:3990].rsplit("\n", 1)[0] + "\n…"


def _buttons(index: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=f"ed:{a}:{index}")]
                                 for a, label in _ACTIONS.items()])


async def press_editor_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Accept, publish or discard a draft, for an editor; anyone else is refused."""
    query = update.callback_query
    if query is None:
        return
    chat_id = query.message.chat.id if query.message else None
    if chat_id not in _config(context)["ids"]:
        await query.answer(NOT_AN_EDITOR, show_alert=True)
        raise ApplicationHandlerStop
    await query.answer()
    _, action, index = (query.data or "ed::").split(":", 2)
    drafts = context.chat_data.get("editor_drafts", []) if context.chat_data else []
    if not index.isdigit() or int(index) >= len(drafts) or not Path(drafts[int(index)]).exists():
        await context.bot.send_message(chat_id, "That draft is no longer waiting.")
        raise ApplicationHandlerStop
    path = Path(drafts[int(index)])
    reply, published = await asyncio.to_thread(_act, action, path, _folder(context))
    if published:  # serve it at once, the way /reload and SIGHUP do (old knowledge if bad)
        result = await reload_knowledge(context.application)
        reply += "\n" + ("The bot now answers with it." if result.swapped else html.escape(
            f"The bot still serves the old knowledge: {result.problems[0]}"))
    await context.bot.send_message(chat_id, reply,
                                   reply_markup=_buttons(int(index)) if path.exists() else None)
    raise ApplicationHandlerStop


def _act(action: str, path: Path, folder: Path) -> tuple[str, bool]:
    """Carry out a button's action on a draft: the reply, and whether anything was published."""
    draft = read_draft(path)
    if action == "accept":
        draft.accept_all()
        write_atomically(path, render_draft(draft))
        return "Every flagged item is accepted as it stands. Press Publish to publish it.", False
    if action == "discard":
        path.unlink()
        return f"Draft {html.escape(path.name)} discarded; nothing was published.", False
    if action not in ("publish", "sure"):
        return "Unknown button.", False
    try:
        done = publish_draft(draft, folder, confident_only=action == "sure")
    except PublishError as exc:
        return f"Not published: {html.escape(str(exc))}", False
    lines = [f"Published {html.escape(done.path.name)} "
             f"({len(done.file.operation.figures)} figure(s))."]
    lines += [html.escape(f"Left out: {i.ref}: {i.reason}") for i in done.left_out[:10]]
    lines += [html.escape(f"Changed answer: {c}") for c in done.changes[:10]]
    return "\n".join(lines), True


def _folder(context: ContextTypes.DEFAULT_TYPE) -> Path:
    """The knowledge folder the bot serves (the one /reload and SIGHUP read)."""
    return Path(context.application.bot_data.get("knowledge_dir") or _config(context)["knowledge"])
