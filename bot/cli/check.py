"""`enquiry-bot check`: validate the knowledge folder."""

from __future__ import annotations

import argparse

from bot.cli.common import add_knowledge_option, knowledge_dir, load_or_exit
from bot.importer.draft import list_drafts, read_draft

HELP = "validate the knowledge; every problem names its file and field (exit 1 if any)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_knowledge_option(parser)


def run(args: argparse.Namespace) -> int:
    knowledge = load_or_exit(args)
    figures = sum(len(op.figures) for op in knowledge.operations)
    print(f"{knowledge_dir(args)}: OK: {len(knowledge.operations)} operations, {figures} figures, "
          f"{len(knowledge.reporting.channels)} reporting channels")
    _report_drafts(knowledge_dir(args))
    return 0


def _report_drafts(folder) -> None:
    """Drafts waiting for review or publishing (they are not served until published)."""
    paths = list_drafts(folder)
    if not paths:
        return
    print(f"{len(paths)} draft(s) waiting in {folder / 'drafts'} (not served until published):")
    for path in paths:
        try:
            flagged = len(read_draft(path).flagged())
        except ValueError as exc:
            print(f"  {path.name}: {exc}")
            continue
        print(f"  {path.name}: " + (f"{flagged} item(s) flagged" if flagged
                                    else "ready to publish"))
