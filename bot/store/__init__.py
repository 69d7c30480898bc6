"""The enquiry log (SQLite via sqlite-utils), its redaction and the editors' report.

Nothing here imports `telegram`: the console and the Telegram front end use it the same way.

    log = open_enquiry_log(path, hash_secret=..., retention_days=30)   # purges at start-up
    log.purge(retention_days, clock.now())                            # then daily
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot import clock
from bot.store.log import EnquiryLog
from bot.store.redact import redact

DEFAULT_DATABASE = Path("var/enquiries.db")

__all__ = ["DEFAULT_DATABASE", "EnquiryLog", "open_enquiry_log", "redact"]


def open_enquiry_log(path: str | Path, *, hash_secret: str | bytes | None = None,
                     retention_days: int = 30, now: datetime | None = None) -> EnquiryLog:
    """The log at `path`, with enquiries older than `retention_days` already deleted.

    Never raises for a database fault: the log reports it and keeps retrying by itself.
    """
    log = EnquiryLog(path, hash_secret=hash_secret)
    log.purge(retention_days, now or clock.now())
    return log
