"""Whose figure it is: all forces together, one force, or the operation's running total.

In order, the first rule that applies wins:
1. the total in "X of the total Y" is all forces together;
2. a force named in the sentence ("In Essex, ...", "Essex officers ...") owns the figure;
   else, in a list, the force its heading names ("In Lancashire alone:"), or all forces if
   the heading says so ("Results across the four forces:");
3. "collectively", "the ten forces", "in total" mean all forces together;
4. "under Operation X ... have been", "since it began", "to date" mean the operation's
   running total, which no force owns (scope left unsaid);
5. the part in "X of the total Y" with no force named is the force the release is about;
6. a sentence straight after "In Essex, ..." carries that force on;
7. with one force in the operation, it is that force's, i.e. all forces' (scope "all");
8. otherwise all forces together.
Rules 4 to 6, and 8 without "they"/"officers"/"police" as the subject, are guesses: the
figure is marked unsure in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.importer.figures import RawFigure
from bot.importer.sentences import Sentence

ForceFinder = Callable[[str], list[tuple[int, int, str]]]
PlaceFinder = Callable[[str, bool], str | None]

_COLLECTIVE = re.compile(
    r"\b(?:collectively|together|in total|overall|combined|between them|jointly"
    r"|all\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?forces|the\s+(?:\w+\s+)?forces"
    r"|across\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+)?forces|(?:the|both)\s+(?:\w+\s+)?force areas"
    r"|nationally|across England and Wales)\b",
    re.IGNORECASE,
)
_CUMULATIVE = re.compile(
    r"\bunder Operation \w+\b.*\b(?:have|has)\b|\b(?:have|has)\b.*\bunder Operation \w+"
    r"|\bsince (?:the operation|it|its|launch|the start|the launch)\b|\bso far\b|\bto date\b"
    r"|\bin total since\b",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"^\W*(?:[^,]{0,40},\s*)?(?:they|police|officers|the forces|teams"
                      r"|the operation)\b", re.IGNORECASE)
_LOCATIVE = re.compile(r"^\W*(?:in|across|throughout|within)\s+$", re.IGNORECASE)


@dataclass
class ScopeContext:
    """What scope rules need to know about the release."""

    forces: list[str]  # the operation's forces
    home: str  # the force the release is about
    mentions: dict[int, list[tuple[int, int, str]]]  # sentence index → force mentions
    # sentence index → (force, place) for sentences opening "In Essex, ..."
    locative: dict[int, tuple[str, str]] = field(default_factory=dict)
    # sentence index → (scope, place) its list's heading gives: 'In Lancashire alone:'
    headings: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    # the release gives figures force by force (headings, 'In Essex, ...'): a figure that
    # names no force may then be one force's, not all forces' together
    split_by_force: bool = False
    national: bool = False  # every force of England and Wales: a campaign's national figures
    national_part: bool = False  # one force's release about its part in a national campaign
    # sentence index → the plain heading above it ('Hertfordshire'), and the place such a
    # heading names when it names no force ('Buckinghamshire')
    sections: dict[int, str] = field(default_factory=dict)
    subareas: dict[int, str] = field(default_factory=dict)

    @property
    def single(self) -> str | None:
        return self.forces[0] if len(self.forces) == 1 else None


@dataclass
class Scope:
    value: str | None
    cumulative: bool = False
    unsure: str | None = None
    place: str | None = None  # "Essex" when the release says "In Essex, ..."
    unnamed: bool = False  # all forces together only because no force is named


def section_scopes(ctx: ScopeContext, sentences: list[Sentence], sections: dict[int, str],
                   find_forces: ForceFinder, place_of: PlaceFinder) -> None:
    """Scope from plain headings: figures under 'Thames Valley Police' are that force's;
    under a place that is no force ('Buckinghamshire') they are noted as a sub-area's."""
    for sentence in sentences:
        heading = sections.get(sentence.paragraph)
        if heading is None:
            continue
        ctx.sections[sentence.index] = heading
        forces = {f for _, _, f in find_forces(heading)}
        if len(forces) == 1:
            ctx.headings.setdefault(sentence.index, (forces.pop(), None))
        elif place := place_of(heading, bool(forces)):
            ctx.subareas[sentence.index] = place
        else:
            continue
        ctx.split_by_force = True


def locative_force(sentence: Sentence, mentions: list[tuple[int, int, str]]
                   ) -> tuple[str, str] | None:
    """The force and place in a sentence opening 'In Essex, ...', if it opens that way."""
    for start, end, force in mentions:
        if _LOCATIVE.match(sentence.text[:start]) and sentence.text[end:].lstrip().startswith(","):
            return force, sentence.text[start:end]
    return None


def heading_scope(heading: Sentence, mentions: list[tuple[int, int, str]]
                  ) -> tuple[str, str | None] | None:
    """The scope a list's heading gives its items: one force ('In Lancashire alone:'), with
    the place if it says 'in'; all forces ('Results across the four forces:'); or none."""
    text = heading.narrative
    forces = {force for _, _, force in mentions}
    if len(forces) == 1:
        start, end, force = mentions[0]
        place = text[start:end] if _LOCATIVE.match(text[:start]) else None
        return force, place
    if forces or _COLLECTIVE.search(text):
        return "all", None
    return None


def assign_scope(figure: RawFigure, ctx: ScopeContext, parent: Scope | None = None) -> Scope:
    """The figure's scope. In a one-force operation that force's figures are its totals, so
    their scope is "all" (as the engine reads them), never the force's id. A part of another
    figure ('three of them', 'including nine children') has that figure's scope unless its
    own words name a force ('three of them from a unit in Nottinghamshire')."""
    if parent is not None:
        named = _named(figure, ctx)
        heading = ctx.headings.get(figure.sentence.index)
        if len(named) == 1:
            start, end, force = named[0]
            text = figure.sentence.text
            place = text[start:end] if re.search(r"\bin\s+$", text[:start]) else None
            scope = Scope(force, place=place)
        elif heading and heading[0] not in ("all", parent.value):
            scope = Scope(heading[0], place=heading[1])
        else:
            scope = Scope(parent.value, cumulative=parent.cumulative, place=parent.place)
    else:
        scope = _scope(figure, ctx)
    if ctx.single and scope.value == ctx.single:
        scope.value = "all"
    return scope


def _one_of_several(figure: RawFigure, ctx: ScopeContext, quoted: str) -> Scope:
    """A sentence naming several forces: 'Hertfordshire Constabulary made 134 arrests,
    Bedfordshire Police 69 ...' gives the figure to the force just before it; 'Kent and Essex
    officers seized 20 vehicles' (forces listed together) to all of them; else it is unsure."""
    text = figure.sentence.narrative
    before = [m for m in _named(figure, ctx) if m[1] <= figure.number.start]
    if before:
        start, end, force = before[-1]
        between = text[end:figure.number.start]
        joined = len(before) > 1 and re.fullmatch(r"\s*(?:Police|Constabulary)?\s*(?:,|and|&)\s*",
                                                   text[before[-2][1]:start])
        if not joined and not re.search(r"[,;:]|\band\b", between) and len(between) <= 40:
            return Scope(force)
        if joined and not re.search(r"[,;:]", between):
            return Scope("all")
    return Scope("all", unsure=f"scope of {quoted}: the sentence names several forces; taken "
                               "as all of them together")


def _named(figure: RawFigure, ctx: ScopeContext) -> list[tuple[int, int, str]]:
    """The forces named in the figure's own part of its sentence."""
    start, end = figure.clause
    return [m for m in ctx.mentions.get(figure.sentence.index, []) if start <= m[0] < end]


def _scope(figure: RawFigure, ctx: ScopeContext) -> Scope:
    sentence = figure.sentence
    text = sentence.narrative
    named = {force for _, _, force in _named(figure, ctx)}
    quoted = f'"{figure.words}"'
    if figure.role == "total":
        return Scope(ctx.single or "all")
    if len(named) == 1:
        place = ctx.locative.get(sentence.index)
        return Scope(named.pop(), place=place[1] if place else None)
    if heading := ctx.headings.get(sentence.index):
        return Scope(ctx.single or "all" if heading[0] == "all" else heading[0],
                     place=heading[1])
    if len(named) > 1 and not _COLLECTIVE.search(text) and not ctx.single:
        return _one_of_several(figure, ctx, quoted)
    if named or _COLLECTIVE.search(text):
        return Scope(ctx.single or "all")
    if _CUMULATIVE.search(text):
        return Scope(None, cumulative=True,
                     unsure=f"scope of {quoted}: read as the operation's running total, "
                            "not one force's")
    if ctx.single:
        return Scope(ctx.single)
    if figure.role == "part":
        return Scope(ctx.home, unsure=f"scope of {quoted}: taken as {ctx.home}, the force "
                                      "the release is about")
    carried = ctx.locative.get(sentence.index - 1)
    if carried:
        ctx.locative[sentence.index] = carried
        return Scope(carried[0], place=carried[1],
                     unsure=f"scope of {quoted}: carried on from the sentence before, which "
                            f"is about {carried[1]}")
    if _SUBJECT.match(text) or not ctx.split_by_force:
        return Scope("all", unnamed=True)
    return Scope("all", unsure=f"scope of {quoted}: no force named; taken as all forces "
                               "together")
