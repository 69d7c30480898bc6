"""`enquiry-bot publish`: move reviewed drafts into the knowledge the bot serves.

A draft is published only when nothing in it is flagged; `--confident-only` publishes its
sure items, leaves every flagged one out and says which. After publishing, the bot's actual
reply to one question per figure is shown (the read-back).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.common import add_knowledge_option, knowledge_dir
from bot.engine import Engine
from bot.importer.draft import list_drafts, read_draft
from bot.importer.publishing import PublishError, publish_draft
from bot.importer.readback import format_read_back, read_back
from bot.knowledge import KnowledgeError, load_knowledge

HELP = "publish reviewed drafts (all when none is named) into the knowledge the bot serves"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("drafts", nargs="*", type=Path, metavar="DRAFT",
                        help="draft file, or its name in <knowledge>/drafts (default: all)")
    add_knowledge_option(parser)
    parser.add_argument("--confident-only", action="store_true",
                        help="publish the sure items, leave out the flagged ones")
    parser.add_argument("--no-read-back", action="store_true",
                        help="don't show the bot's replies about the published figures")


def resolve_drafts(names: list[Path], folder: Path) -> list[Path]:
    """Draft paths from what the user typed (a path, a file name or a stem); all if none."""
    if not names:
        return list_drafts(folder)
    found = []
    for name in names:
        for candidate in (name, folder / "drafts" / name.name,
                          folder / "drafts" / f"{name.name}.yaml"):
            if candidate.is_file():
                found.append(candidate)
                break
        else:
            raise FileNotFoundError(f"no draft {name} (drafts are in {folder / 'drafts'})")
    return found


def drafts_to_handle(args: argparse.Namespace, command: str) -> tuple[Path, list[Path]] | int:
    """The knowledge folder and the drafts a command was asked for, or its exit code after
    saying why there are none (1: a named draft doesn't exist; 0: nothing waiting)."""
    folder = knowledge_dir(args)
    try:
        paths = resolve_drafts(args.drafts, folder)
    except FileNotFoundError as exc:
        print(f"enquiry-bot {command}: {exc}", file=sys.stderr)
        return 1
    if not paths:
        print(f"No drafts waiting in {folder / 'drafts'}.")
        return 0
    return folder, paths


def run(args: argparse.Namespace) -> int:
    found = drafts_to_handle(args, "publish")
    if isinstance(found, int):
        return found
    folder, paths = found
    failed = 0
    done = []
    for path in paths:
        try:
            result = publish_draft(read_draft(path), folder, confident_only=args.confident_only)
        except (ValueError, PublishError) as exc:
            print(f"enquiry-bot publish: {exc}; not published", file=sys.stderr)
            failed += 1
            continue
        done.append(result)
        print(f"Published {result.path} ({len(result.file.operation.figures)} figure(s)).")
        for item in result.left_out:
            print(f"  left out (flagged): {item.ref}: {item.reason}")
        for change in result.changes:
            print(f"  changed answer: {change}")
    if done and not args.no_read_back:
        _print_read_back(folder, [r.file.operation.id for r in done])
    if failed:
        print(f"enquiry-bot publish: {failed} of {len(paths)} draft(s) not published",
              file=sys.stderr)
    return 1 if failed else 0


def _print_read_back(folder: Path, op_ids: list[str]) -> None:
    try:
        knowledge = load_knowledge(folder)
    except KnowledgeError as exc:  # another file's problem; `check` names it
        print(f"  (no read-back: the knowledge has problems: {exc.problems[0]})")
        return
    engine = Engine(knowledge)
    for op_id in op_ids:
        print(f"What the bot now says about {op_id}:")
        print("\n".join(format_read_back(read_back(knowledge, op_id, engine=engine))))
