"""`enquiry-bot import`: turn press releases (plain text) into drafts an editor reviews.

Each release becomes `<knowledge>/drafts/<operation>-<force>-<date>.yaml`, which the bot
never serves: every item in it keeps the sentence it came from and is sure or flagged with
its reason. `enquiry-bot review` walks through the items, `enquiry-bot publish` moves a draft
into `operations/`. Importing a release again updates its draft (never a second operation)
and says which published answers the new draft would change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.common import add_knowledge_option, knowledge_dir
from bot.importer import ReleaseError, load_vocabulary
from bot.importer.drafting import draft_release
from bot.importer.vocabulary import Vocabulary
from bot.importer.write import format_table

HELP = "import press releases (plain text) as drafts for review, one per release"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="press release as plain text; its first line may be "
                             "'date YYYY-MM-DD Title'")
    add_knowledge_option(parser)
    parser.add_argument("--force", action="store_true",
                        help="(kept for old scripts: a draft is always updated in place)")
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
            written = import_one(path, folder, vocab, dry_run=args.dry_run)
        except ReleaseError as exc:
            print(f"enquiry-bot import: {exc}; nothing written", file=sys.stderr)
            failed += 1
            continue
        print(f"  → draft {written}" if written else "  (dry run: nothing written)")
        print()
    if failed:
        print(f"enquiry-bot import: {failed} of {len(args.files)} release(s) not imported",
              file=sys.stderr)
    elif not args.dry_run:
        print("Next: `enquiry-bot review` to check the flagged items, then "
              "`enquiry-bot publish` (or `publish --confident-only`).")
    return 1 if failed else 0


def import_one(path: Path, folder: Path, vocab: Vocabulary, *,
               dry_run: bool = False) -> Path | None:
    """Import one release as a draft in `folder`; the draft's path, or None on a dry run."""
    done = draft_release(path, folder, vocab, save=not dry_run)
    print(format_table(done.extraction))
    flagged = done.draft.flagged()
    print(f"  {len(flagged)} of {len(done.draft.review.items)} item(s) flagged"
          + (":" if flagged else ""))
    for item in flagged:
        print(f"    {item.ref}: {item.reason}")
    for change in done.changes:
        print(f"  published answers that would change: {change}")
    if dry_run:
        return None
    if done.updated:
        print("  (the release's earlier draft is updated)")
    return done.draft.path
