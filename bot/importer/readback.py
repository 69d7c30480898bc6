"""Read-back: the bot's actual reply to one plain question per figure, so that an editor reads
"2,005 suspects arrested by British Transport Police" before the public does."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from bot import clock
from bot.conversation import Conversation
from bot.engine import Engine
from bot.importer.draft import DRAFTS
from bot.knowledge import Knowledge, load_knowledge
from bot.knowledge.models import Figure, Operation, OperationFile, partial_date_parts
from bot.render import to_text


@dataclass
class ReadBack:
    figure: Figure
    question: str
    reply: str
    states_it: bool  # the reply gives this figure's value


def question_for(knowledge: Knowledge, op: Operation, figure: Figure) -> str:
    """A plain question about one figure, naming the operation as the public would: by name,
    and where several share the name, by month and year ("Operation Sceptre in May 2019")."""
    ref = op.name
    if sum(o.name == op.name for o in knowledge.operations) > 1 and op.dates and op.dates.start:
        year, month, _ = partial_date_parts(op.dates.start)
        when = " ".join(str(x) for x in (month and datetime(2000, month, 1).strftime("%B"), year)
                        if x)
        ref = f"{op.name} in {when}"
        if len(op.forces) == 1:
            ref = f"{knowledge.force_name(op.forces[0])}'s {ref}"
    metric = knowledge.metric(figure.metric)
    scope = ""
    if len(op.forces) > 1 and figure.scope == "all":
        scope = " by all the forces together"
    elif len(op.forces) > 1 and figure.scope:
        scope = f" by {knowledge.force_name(figure.scope)}"
    elif figure.scope is None:
        scope = " in total so far"
    how = "How much" if metric.unit == "GBP" else "How many"
    return f"{how} {metric.label}{scope} in {ref}?"


def read_back(knowledge: Knowledge, op_id: str, now: datetime | None = None,
              engine: Engine | None = None) -> list[ReadBack]:
    """The bot's reply to one question per figure of operation `op_id`."""
    engine = engine or Engine(knowledge)
    when = now or clock.now()
    op = next(o for o in knowledge.operations if o.id == op_id)
    found = []
    for figure in op.figures:
        question = question_for(knowledge, op, figure)
        answer = engine.answer(question, Conversation(), when)
        reply = to_text(answer)
        states = any(f.operation_id == op.id and f.value == figure.value
                     for f in answer.figures)
        found.append(ReadBack(figure, question, reply, states))
    return found


def knowledge_with(folder: Path, file: OperationFile, name: str) -> Knowledge:
    """The knowledge of `folder` as it would be with `file` published as `name`: built in a
    scratch copy, so nothing the bot serves is touched."""
    with tempfile.TemporaryDirectory(prefix="enquiry-bot-readback-") as tmp:
        copy = Path(tmp) / "knowledge"
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(DRAFTS))
        (copy / "operations").mkdir(exist_ok=True)
        body = file.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        (copy / "operations" / name).write_text(yaml.safe_dump(body, allow_unicode=True),
                                                encoding="utf-8")
        return load_knowledge(copy)


def format_read_back(items: list[ReadBack], indent: str = "    ") -> list[str]:
    lines = []
    for item in items:
        lines.append(f"{indent}Q: {item.question}")
        reply = [r for r in item.reply.splitlines() if r.strip()][:3]
        mark = "" if item.states_it else "  [the reply does not give this figure]"
        lines.append(f"{indent}A: {' / '.join(reply)}{mark}")
    return lines
