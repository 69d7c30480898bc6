"""`enquiry-bot report`: what people asked that the bot couldn't answer, for the editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot import clock
from bot.cli.common import add_now_option
from bot.settings import SettingsError, load_settings
from bot.store.report import FORMATS, RENDERERS, ReportError, read_report

HELP = ("editors' report from the enquiry log: unanswered questions grouped by similarity, "
        "most asked topics, helpful / not helpful feedback")


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = 0
    if days < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of days, 1 or more: {value!r}")
    return days


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--days", type=_days, default=30, metavar="N",
                        help="cover the last N days (default 30)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text for reading, csv for a spreadsheet, json for tools")
    parser.add_argument("--database", type=Path, default=None, metavar="PATH",
                        help="the enquiry log (default: $DATABASE_PATH or var/enquiries.db)")
    add_now_option(parser)


def database_path(args: argparse.Namespace) -> Path:
    if args.database is not None:
        return args.database
    try:
        return load_settings().DATABASE_PATH
    except SettingsError as exc:
        raise SystemExit(f"enquiry-bot: {exc}") from None


def run(args: argparse.Namespace) -> int:
    try:
        report = read_report(database_path(args), days=args.days, now=args.now or clock.now())
    except ReportError as exc:
        print(f"enquiry-bot report: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(RENDERERS[args.format](report))
    return 0
