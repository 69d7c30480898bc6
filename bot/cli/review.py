"""`enquiry-bot review`: walk an editor through drafts in the terminal, item by item.

Each item is shown as value · what · scope · period · the release's sentence, with the bot's
actual reply for a figure; the editor accepts, edits or drops it. The draft is saved after
each one; `enquiry-bot publish` then moves it into the knowledge the bot serves.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.common import add_knowledge_option
from bot.cli.publish import drafts_to_handle
from bot.importer.draft import read_draft
from bot.importer.review import review_draft

HELP = "review drafts item by item (accept, edit, drop), with the bot's reply to each figure"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("drafts", nargs="*", type=Path, metavar="DRAFT",
                        help="draft file, or its name in <knowledge>/drafts (default: all)")
    add_knowledge_option(parser)


def run(args: argparse.Namespace) -> int:
    found = drafts_to_handle(args, "review")
    if isinstance(found, int):
        return found
    folder, paths = found

    def say(line: str) -> None:
        print(line, flush=True)

    for path in paths:
        try:
            draft = read_draft(path)
        except ValueError as exc:
            print(f"enquiry-bot review: {exc}", file=sys.stderr)
            return 1
        if not review_draft(draft, folder, input, say):
            break
    print("Next: `enquiry-bot publish` (drafts with flagged items need --confident-only).")
    return 0
