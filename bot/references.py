"""References resolved with the conversation: 'the first one', 'the other one', 'both',
'name them', 'the latest', 'the second' after a list, 'he'/'she', and a name said again that
we already said we don't know. Each fills the Query's slots from what the conversation
remembers, so the deciding code sees the operations (or person) meant.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from bot.conversation import Conversation
from bot.reading import not_about_a_person, not_ordinals

if TYPE_CHECKING:
    from bot.analysis import Query


def resolve(q: Query, conv: Conversation, op_ids: Collection[str], max_all: int,
            latest: Callable[[], str | None]) -> None:
    """'back to the first one', 'the other one', 'both', 'name them', 'the latest one'
    (`op_ids`: every operation held; 'both' means all of them when they are few)."""
    cues = q.cues
    if cues.earlier is not None and conv.facet != "list" and not q.ops:
        earlier = conv.earlier(cues.earlier)
        if earlier in op_ids:  # the reference is understood, not an unknown word
            q.ops, q.exact_matches = [earlier], q.exact_matches + 1
            q.unexplained = not_ordinals(q.unexplained)
    if cues.other_one and conv.operation_ids and not q.ops:
        others = [op_id for op_id in op_ids if op_id not in conv.operation_ids]
        if len(others) == 1:
            q.ops = others
    if cues.both and len(op_ids) <= max_all:
        q.ops = list(op_ids)
    if cues.repeat and conv.facet and not q.facets:
        q.facets, q.unexplained = [conv.facet], []  # "name them"
    if cues.latest and not q.ops and not q.metrics:
        found = latest()  # "what's the latest operation?": by its published dates
        if found:
            q.ops = [found]


def resolve_pick(q: Query, conv: Conversation) -> None:
    """'the second one' after a list of operations."""
    if conv.facet == "list" and not q.ops and q.cues.picked is not None:
        ids, index = conv.operation_ids, q.cues.picked
        q.ops = [ids[index]] if -len(ids) <= index < len(ids) else []


def unknown_again(q: Query, conv: Conversation) -> str | None:
    """'what about Bluebird's cash?' after we said we know nothing of Bluebird."""
    again = [t for t in q.tokens if t.rstrip("s") in conv.unknown or t in conv.unknown]
    if again and not q.ops and not q.channels and not q.hours_words:
        return again[0].rstrip("s")
    return None


def resolve_person(q: Query, conv: Conversation, op_ids: Collection[str]) -> None:
    """'what is her role?', 'which operation was he talking about': the person last named."""
    if not q.persons and conv.person and not (q.ops or q.metrics or q.forces or q.channels) \
            and q.cues.he_or_she:
        op_id, idx = conv.person.split("#")
        if op_id in op_ids:  # her rank, role and part are known: those words are understood
            q.persons = [(op_id, int(idx))]
            q.unexplained = not_about_a_person(q.unexplained)
