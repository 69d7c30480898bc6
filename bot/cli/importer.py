"""`enquiry-bot import`: turn press releases (plain text) into knowledge files.

Each release becomes `<knowledge>/operations/<operation>-<force>-<date>.yaml`; what was
extracted is printed as a table, guesses are marked `# unsure:` in the file, and the folder is
checked with the loader afterwards so that the bot can serve the file at once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.common import add_knowledge_option, knowledge_dir
from bot.importer import ReleaseError, extract, load_vocabulary, read_release
from bot.importer.vocabulary import Vocabulary
from bot.importer.write import format_table, render_yaml, target_path, write_file
from bot.knowledge import KnowledgeError, load_knowledge

HELP = "import press releases (plain text) as knowledge files, one per release"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="press release as plain text; its first line may be "
                             "'date YYYY-MM-DD Title'")
    add_knowledge_option(parser)
    parser.add_argument("--force", action="store_true",
                        help="replace a knowledge file that already exists")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would be extracted; write nothing")


def run(args: argparse.Namespace) -> int:
    folder = knowledge_dir(args)
    if not folder.is_dir():
        print(f"enquiry-bot import: knowledge folder {folder} not found", file=sys.stderr)
        return 1
    vocab = load_vocabulary(folder)
    failed = 0
    for path in args.files:
        try:
            written = import_one(path, folder, vocab, force=args.force, dry_run=args.dry_run)
        except ReleaseError as exc:
            print(f"enquiry-bot import: {exc}; nothing written", file=sys.stderr)
            failed += 1
            continue
        print(f"  → {written}" if written else "  (dry run: nothing written)")
        print()
    if failed:
        print(f"enquiry-bot import: {failed} of {len(args.files)} release(s) not imported",
              file=sys.stderr)
    return 1 if failed else 0


def import_one(path: Path, folder: Path, vocab: Vocabulary, *, force: bool = False,
               dry_run: bool = False) -> Path | None:
    """Import one release into `folder`; the path written, or None on a dry run."""
    extraction = extract(read_release(path), vocab)
    target = target_path(extraction, folder, vocab)
    text = render_yaml(extraction, path.name)
    print(format_table(extraction))
    if dry_run:
        return None
    previous = target.read_text(encoding="utf-8") if target.exists() and force else None
    write_file(target, text, force=force)
    problems = _problems_with(target, folder)
    if problems:
        if previous is None:
            target.unlink()
        else:
            write_file(target, previous, force=True)
        raise ReleaseError(f"{path}: the loader rejects the file made from it: "
                           + "; ".join(problems))
    file = extraction.file
    for force_def in file.forces:
        vocab.add_force(force_def, defined=True)
    for metric in file.metrics:
        vocab.add_metric(metric, defined=True)
    dates = file.operation.dates
    vocab.add_operation(file.operation.id, file.operation.name, dates.start if dates else None,
                        target)
    return target


def _problems_with(target: Path, folder: Path) -> list[str]:
    """The loader's complaints about `target` (others' problems are for `check` to report)."""
    try:
        load_knowledge(folder)
    except KnowledgeError as exc:
        rel = str(target.relative_to(folder))
        return [p for p in exc.problems if p.startswith(rel + ":")]
    return []
