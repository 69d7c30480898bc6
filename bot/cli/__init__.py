"""`enquiry-bot`: the command line. Each command lives in its own module in this package,
with `HELP`, `add_arguments(parser)` and `run(args) -> int`."""

from __future__ import annotations

import argparse
import importlib
import sys

# command name → module in bot.cli; listed in the order `--help` shows them.
COMMANDS = {
    "chat": "chat",
    "ask": "ask",
    "check": "check",
    "import": "importer",
    "review": "review",
    "publish": "publish",
    "eval": "eval",
    "triage-eval": "triage_eval",
    "run": "run",
    "report": "report",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that command's module is imported (fast start-up:
    `ask` need not load Telegram or SQLite)."""
    parser = argparse.ArgumentParser(
        prog="enquiry-bot",
        description="Answers the public's questions about police operations and how to report.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(f"bot.cli.{module_name}")
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    chosen = argv[0] if argv and argv[0] in COMMANDS else None
    args = build_parser(chosen).parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
