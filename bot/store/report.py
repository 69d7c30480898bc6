"""The editors' report: what people asked that the bot could not answer, grouped by similarity,
the most asked topics, and how helpful people found the answers, so that staff know what to add
to `knowledge/`.

Nothing in it identifies a person: the messages were redacted before they were stored, chat
hashes are only counted, times are not shown, and emergencies and crime reports appear only as
a number. The database is opened read-only, so a report never disturbs the running bot.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from bot.store.log import TABLE, utc_text
from bot.store.redact import word_set

LOW_CONFIDENCE = 0.6  # below this an answer counts as unsure, answered or not
SIMILARITY = 80  # 0-100: how alike two questions' content words must be to share a group
EXAMPLE_LENGTH = 200
FORMATS = ("text", "csv", "json")

# Words that carry no topic: left out when questions are compared.
_FILLER = word_set("""
a about am an and any are as at be been but by can could did do does for from get got had has
have how i if im in is it its just know like many me much my of on or please pls so some tell
than that the their them then there they this to u us was we were what whats where which who
why will with would you your
""")


class ReportError(Exception):
    """The report cannot be made; the message says why and what to do."""


@dataclass
class Group:
    """Similar questions the bot could not answer (or was unsure of)."""

    count: int
    people: int
    wordings: int
    example: str


@dataclass
class Topic:
    """How often a topic was asked about, and the feedback on its answers."""

    topic: str
    asked: int
    answered: int
    helpful: int
    not_helpful: int

    @property
    def helpful_share(self) -> float | None:
        rated = self.helpful + self.not_helpful
        return round(self.helpful / rated, 3) if rated else None


@dataclass
class Report:
    since: str  # ISO dates of the period covered
    until: str
    days: int
    enquiries: int = 0
    answered: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)


# ---------------------------------------------------------------------------------- building


_PLACEHOLDER = re.compile(r"\[[a-zA-Z ]+\]")


def _content(message: str) -> str:
    """The words of a question that say what it is about, lower-cased (no "[phone]" etc.)."""
    words = utils.default_process(_PLACEHOLDER.sub(" ", message)).split()
    return " ".join(w for w in words if w not in _FILLER) or " ".join(words)


def group_similar(messages: list[tuple[str, str | None]]) -> list[Group]:
    """Group (message, chat hash) pairs by similarity: largest group first.

    Each distinct wording, most frequent first, joins the first group whose leading wording is
    similar enough (token set and token sort ratios averaged, so that a lone word does not
    swallow every longer question containing it), or starts a group of its own.
    """
    by_key: dict[str, list[tuple[str, str | None]]] = {}
    for message, chat in messages:
        key = _content(message)
        if key:
            by_key.setdefault(key, []).append((message, chat))
    keys = sorted(by_key, key=lambda k: (-len(by_key[k]), len(k), k))  # plainest leads
    leaders: list[str] = []
    members: list[list[str]] = []
    for key in keys:
        home = None
        for choice, score, index in process.extract(key, leaders, scorer=fuzz.token_set_ratio,
                                                    score_cutoff=SIMILARITY, limit=10):
            if (score + fuzz.token_sort_ratio(key, choice)) / 2 >= SIMILARITY:
                home = index
                break
        if home is None:
            leaders.append(key)
            members.append([key])
        else:
            members[home].append(key)
    groups = []
    for group_keys in members:
        asked = [pair for key in group_keys for pair in by_key[key]]
        wordings = Counter(" ".join(m.split()) for m, _ in by_key[group_keys[0]])
        example = wordings.most_common(1)[0][0]
        if len(example) > EXAMPLE_LENGTH:
            example = example[:EXAMPLE_LENGTH - 1].rstrip() + "…"
        groups.append(Group(count=len(asked), people=len({c for _, c in asked if c}) or 1,
                            wordings=len({utils.default_process(m) for m, _ in asked}),
                            example=example))
    return sorted(groups, key=lambda g: (-g.count, g.example))


def build_report(conn: sqlite3.Connection, *, days: int, now: datetime,
                 low_confidence: float = LOW_CONFIDENCE) -> Report:
    """The report on the enquiries of the `days` days up to `now`."""
    since = now - timedelta(days=days)
    report = Report(since=since.date().isoformat(), until=now.date().isoformat(), days=days)
    window = [utc_text(since), utc_text(now)]
    where = "asked_at >= ? AND asked_at <= ?"
    for kind, count, answered in conn.execute(
            f"SELECT kind, count(*), sum(answered) FROM {TABLE} WHERE {where} GROUP BY kind "
            "ORDER BY count(*) DESC, kind", window):
        report.by_kind[kind] = count
        report.enquiries += count
        report.answered += answered or 0
    unsure = conn.execute(
        f"SELECT message, chat FROM {TABLE} WHERE {where} AND message IS NOT NULL "
        "AND kind NOT IN ('invalid', 'emergency', 'crime_report') "
        "AND (answered = 0 OR confidence < ?)", [*window, low_confidence]).fetchall()
    report.groups = group_similar(unsure)
    report.topics = [Topic(*row) for row in conn.execute(
        f"SELECT topic, count(*), coalesce(sum(answered), 0), "
        "coalesce(sum(helpful = 1), 0), coalesce(sum(helpful = 0), 0) "
        f"FROM {TABLE} WHERE {where} AND topic IS NOT NULL GROUP BY topic "
        "ORDER BY count(*) DESC, topic", window)]
    return report


def read_report(path: str | Path, *, days: int, now: datetime) -> Report:
    """Open the log at `path` read-only and build the report; ReportError if it can't."""
    path = Path(path)
    if not path.is_file():
        raise ReportError(f"there is no enquiry log at {path} (set DATABASE_PATH or give "
                          "--database)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise ReportError(f"cannot open {path}: {exc}") from None
    try:
        return build_report(conn, days=days, now=now)
    except sqlite3.Error as exc:
        raise ReportError(f"{path} is not a readable enquiry log: {exc}") from None
    finally:
        conn.close()


# ---------------------------------------------------------------------------------- rendering


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _feedback(topic: Topic) -> str:
    rated = topic.helpful + topic.not_helpful
    if not rated:
        return "no feedback"
    return f"{_percent(topic.helpful, rated)} helpful, {_percent(topic.not_helpful, rated)} not " \
           f"({rated} rated)"


def render_text(report: Report, *, top: int = 20) -> str:
    sensitive = report.by_kind.get("emergency", 0) + report.by_kind.get("crime_report", 0)
    lines = [
        f"Enquiry report, {report.since} to {report.until} (last {report.days} days)",
        f"{report.enquiries} enquiries, {report.answered} answered "
        f"({_percent(report.answered, report.enquiries)}). Emergencies and crime reports: "
        f"{sensitive} (counted, never stored as text).",
        "",
        "Unanswered or unsure, grouped by similarity (largest first):",
    ]
    if not report.groups:
        lines.append("  none")
    for rank, g in enumerate(report.groups[:top], 1):
        lines.append(f"  {rank:>2}. {g.count:>4} × “{g.example}” "
                     f"({g.people} {'person' if g.people == 1 else 'people'}, "
                     f"{g.wordings} {'wording' if g.wordings == 1 else 'wordings'})")
    if len(report.groups) > top:
        lines.append(f"  … and {len(report.groups) - top} smaller groups (see --format csv)")
    lines += ["", "Most asked topics, with the feedback on their answers:"]
    if not report.topics:
        lines.append("  none")
    width = max((len(t.topic) for t in report.topics[:top]), default=0)
    for t in report.topics[:top]:
        lines.append(f"  {t.topic:<{width}}  {t.asked:>5} asked, "
                     f"{_percent(t.answered, t.asked):>4} answered, {_feedback(t)}")
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ("section", "rank", "topic", "count", "people", "wordings", "answered", "helpful",
               "not_helpful", "helpful_share", "example")


def render_csv(report: Report) -> str:
    """One row per group ("unanswered") and per topic ("topic"), under one header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for rank, g in enumerate(report.groups, 1):
        writer.writerow({"section": "unanswered", "rank": rank, "count": g.count,
                         "people": g.people, "wordings": g.wordings, "example": g.example})
    for rank, t in enumerate(report.topics, 1):
        share = t.helpful_share
        writer.writerow({"section": "topic", "rank": rank, "topic": t.topic, "count": t.asked,
                         "answered": t.answered, "helpful": t.helpful,
                         "not_helpful": t.not_helpful,
                         "helpful_share": "" if share is None else share})
    return out.getvalue()


def render_json(report: Report) -> str:
    data = asdict(report)
    for topic, raw in zip(report.topics, data["topics"], strict=True):
        raw["helpful_share"] = topic.helpful_share
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "csv": render_csv, "json": render_json}
