"""Every fact in the knowledge is reached by at least one natural question: the enquiries in
tests/enquiries/*.yaml, asked as the public asks them (conversations kept, each case's clock),
between them get every figure, person, unit, force, date, place and reporting channel shown.

A fact nobody can reach by asking is as good as missing. When one is unreached, add a natural
question for it to tests/enquiries/coverage.yaml (never a reply-shaped one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.conversation import Conversation
from bot.evaluation import load_cases, number_pattern
from bot.render import to_text

ENQUIRIES = Path(__file__).parent / "enquiries"


@dataclass(frozen=True)
class Reached:
    """What the enquiries brought to the screen: figures quoted, and every reply's text."""

    figures: frozenset[tuple[str, str, str | None, int | float]]
    texts: tuple[str, ...]

    def shows(self, *phrases: str) -> bool:
        """Whether one reply shows all `phrases` (case-insensitive)."""
        wanted = [p.lower() for p in phrases]
        return any(all(p in text for p in wanted) for text in self.texts)


@pytest.fixture(scope="module")
def reached(engine, now) -> Reached:
    figures = set()
    texts = []
    for case in load_cases([ENQUIRIES]):
        conversation = Conversation()
        for turn in case.turns:
            answer = engine.answer(turn.q, conversation, case.now or now)
            text = to_text(answer)  # what the person reads, limits applied
            texts.append(text.lower())
            # A figure counts once it is both in the answer's data and on the screen.
            figures |= {(f.operation_id, f.metric, f.scope, f.value) for f in answer.figures
                        if re.search(number_pattern(f.value), text)}
    return Reached(frozenset(figures), tuple(texts))


def test_every_figure_of_every_operation_is_quoted(knowledge, reached):
    missing = [(op.id, f.metric, f.scope, f.value) for op in knowledge.operations
               for f in op.figures if (op.id, f.metric, f.scope, f.value) not in reached.figures]
    assert not missing, f"no enquiry gets these figures quoted: {missing}"


def test_every_person_is_introduced_with_their_part_and_words(knowledge, reached):
    missing = [f"{p.name}: {fact}" for op in knowledge.operations for p in op.people
               for fact in [p.part or "", *p.said] if not reached.shows(p.name, fact)]
    assert not missing, f"no enquiry shows: {missing}"


def test_every_unit_is_named_with_its_part(knowledge, reached):
    missing = [f"{op.name}: {u.name}" for op in knowledge.operations for u in op.units
               if not reached.shows(u.name, u.part or "")]
    assert not missing, f"no enquiry shows: {missing}"


def test_every_force_of_each_operation_is_named_with_it(knowledge, reached):
    missing = [f"{op.name}: {knowledge.force_name(f)}" for op in knowledge.operations
               for f in op.forces if not reached.shows(op.name, knowledge.force_name(f))]
    assert not missing, f"no enquiry names these forces with their operation: {missing}"


def test_every_other_fact_of_each_operation_is_shown(knowledge, reached):
    missing = []
    for op in knowledge.operations:
        facts = [op.summary, op.area, op.appeal, op.duration, *op.focus, *op.methods,
                 op.dates.describe() if op.dates else None, knowledge.sources[op.id].describe()]
        missing += [f"{op.name}: {fact}" for fact in facts if fact and not reached.shows(fact)]
    assert not missing, f"no enquiry shows: {missing}"


def test_every_reporting_channel_is_explained(knowledge, reached):
    missing = []
    for channel in knowledge.reporting.channels:
        facts = [*channel.how, *channel.devices, channel.answered_by or ""]
        # The contact as written, where it is something to dial or type in.
        if channel.contact and re.search(r"\d|\.\w", channel.contact):
            facts.append(channel.contact)
        missing += [f"{channel.name}: {fact}" for fact in facts
                    if not reached.shows(channel.name, fact)]
    assert not missing, f"no enquiry shows: {missing}"


def test_the_enquiries_include_the_coverage_questions():
    files = {Path(c.file).name for c in load_cases([ENQUIRIES])}
    assert {"public.yaml", "coverage.yaml"} <= files
