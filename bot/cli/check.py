"""`enquiry-bot check`: validate the knowledge folder."""

from __future__ import annotations

import argparse

from bot.cli.common import add_knowledge_option, knowledge_dir, load_or_exit

HELP = "validate the knowledge; every problem names its file and field (exit 1 if any)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_knowledge_option(parser)


def run(args: argparse.Namespace) -> int:
    knowledge = load_or_exit(args)
    figures = sum(len(op.figures) for op in knowledge.operations)
    print(f"{knowledge_dir(args)}: OK: {len(knowledge.operations)} operations, {figures} figures, "
          f"{len(knowledge.reporting.channels)} reporting channels")
    return 0
