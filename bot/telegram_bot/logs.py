"""Logging for the running bot: one line per event, and never a secret.

The Bot API puts the token in every URL, and httpx logs each request's URL at INFO, so httpx is
kept to warnings; as a second guard, every formatted line (tracebacks included) has the token
and the webhook secret replaced before it is written.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET = ("httpx", "httpcore", "apscheduler", "tornado.access")


class RedactingFormatter(logging.Formatter):
    """A formatter that replaces each secret with a placeholder wherever it appears."""

    def __init__(self, secrets: Iterable[str], fmt: str = FORMAT):
        super().__init__(fmt)
        forms = {form for s in secrets if s for form in (s, s.replace(":", "%3A"))}
        self.secrets = sorted(forms, key=len, reverse=True)  # the token also URL-encoded

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "<redacted>")
        return text


class JsonFormatter(RedactingFormatter):
    """One JSON object a line (time, level, logger, message, and the traceback if any), for a
    log collector; secrets are redacted in every field, as in the text format."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        text = json.dumps(entry, ensure_ascii=False)
        for secret in self.secrets:
            text = text.replace(json.dumps(secret)[1:-1], "<redacted>")
        return text


def configure_logging(level: str, secrets: Iterable[str], *, json_lines: bool = False) -> None:
    """Log to stderr at `level` (as JSON lines if asked), with `secrets` redacted and the chatty
    libraries quietened."""
    handler = logging.StreamHandler()
    handler.setFormatter((JsonFormatter if json_lines else RedactingFormatter)(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
