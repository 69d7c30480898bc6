"""`enquiry-bot check`: validate the knowledge folder."""

from __future__ import annotations

import argparse
import sys

from bot import danger
from bot.cli.common import add_knowledge_option, knowledge_dir, load_or_exit
from bot.importer.draft import list_drafts, read_draft

HELP = "validate the knowledge; every problem names its file and field (exit 1 if any)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_knowledge_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        language = danger.load()
    except danger.DangerDataError as exc:
        print("enquiry-bot: the language files have problems:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    knowledge = load_or_exit(args)
    figures = sum(len(op.figures) for op in knowledge.operations)
    print(f"{knowledge_dir(args)}: OK: {len(knowledge.operations)} operations, {figures} figures, "
          f"{len(knowledge.reporting.channels)} reporting channels")
    print(f"{danger.DATA}: OK: {len(language.classes)} word classes, {len(language.rules)} "
          "danger rules")
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
