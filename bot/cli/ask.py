"""`enquiry-bot ask`: the machine contract other tools rely on.

Answers QUESTION, or reads stdin one message per line: consecutive lines are one conversation,
a blank line starts a new one. With --json, one JSON object per message:
{"answered", "topic", "confidence", "text", "html", "suggestions"}.
"""

from __future__ import annotations

import argparse
import json
import sys

from bot import clock
from bot.cli.common import add_knowledge_option, add_now_option, engine_or_exit
from bot.conversation import Conversation
from bot.render import to_html, to_text
from bot.safety import respond

HELP = "answer a question (or stdin, one message per line; blank line = new conversation)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", nargs="*", help="the question (omit to read stdin)")
    parser.add_argument("--json", action="store_true", help="one JSON object per message")
    add_now_option(parser)
    add_knowledge_option(parser)


def run(args: argparse.Namespace) -> int:
    # Text in another encoding must not end the run: undecodable bytes become U+FFFD.
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")
    engine = engine_or_exit(args)
    out = sys.stdout

    def reply(message: str, conversation: Conversation) -> None:
        answer = respond(engine, message, conversation, args.now or clock.now())
        if args.json:
            record = {
                "answered": answer.answered,
                "topic": answer.topic,
                "confidence": round(answer.confidence, 3),
                "text": to_text(answer),
                "html": to_html(answer),
                "suggestions": [s.label for s in answer.suggestions],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(to_text(answer) + "\n\n")

    if args.question:
        reply(" ".join(args.question), Conversation())
        return 0
    conversation = Conversation()
    for raw in sys.stdin:
        line = raw.rstrip("\r\n")
        if not line.strip():
            conversation = Conversation()
            continue
        reply(line, conversation)
    out.flush()
    return 0
