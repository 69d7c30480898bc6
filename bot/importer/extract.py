"""Turn a read release into one knowledge file's data, with notes on what was guessed.

The pieces live in their own modules (figures, scope, metrics, dates, people, operation);
this one puts them together in the order a reader would: who, what, when, then the figures.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from bot.importer.campaign import (
    AREA,
    ENGLAND_AND_WALES,
    force_release,
    is_national,
    national_aliases,
    national_body,
    national_figure_reason,
    publisher_doubt,
)
from bot.importer.dates import (
    dates_and_source,
    describe_dates,
    find_duration,
    seasonal_period,
    since_period,
)
from bot.importer.figures import RawFigure, figures_in
from bot.importer.flags import dates_reason, figure_flags, heading_place, mistyped_numbers
from bot.importer.focus import aliases, descriptive_name, find_focus, kinds_named, number_word
from bot.importer.forces import (
    appeal_force,
    force_count_notes,
    forces_to_define,
    is_lead_mention,
    operation_forces,
    release_source,
)
from bot.importer.metrics import resolve_metric, slug
from bot.importer.operation import (
    appeal_paragraphs,
    appeal_text,
    find_methods,
    find_units,
    operation_name,
    summary,
)
from bot.importer.people import find_people
from bot.importer.places import find_area
from bot.importer.reader import Release, ReleaseError, items_after_first
from bot.importer.scope import (
    Scope,
    ScopeContext,
    assign_scope,
    heading_scope,
    locative_force,
    section_scopes,
)
from bot.importer.sentences import Sentence, split_sentences
from bot.importer.vocabulary import Vocabulary
from bot.knowledge.models import (
    Figure,
    Metric,
    Operation,
    OperationFile,
    Period,
    format_partial_date,
    partial_date_parts,
)


@dataclass
class Extraction:
    """A knowledge file's data, plus notes for the person importing it."""

    file: OperationFile
    stem: str  # file name without .yaml: <operation>-<force>-<date>
    figure_notes: dict[int, list[str]] = field(default_factory=dict)  # figure index → notes
    notes: list[str] = field(default_factory=list)  # unsure, about the file as a whole
    skipped: list[str] = field(default_factory=list)  # numbers not imported, and why
    furniture: list[str] = field(default_factory=list)
    figure_sources: dict[int, str] = field(default_factory=dict)  # figure index → sentence
    item_notes: dict[str, list[str]] = field(default_factory=dict)  # "dates", "publisher" …
    texts: list[str] = field(default_factory=list)  # the release's sentences, in order
    dates_source: str | None = None


def extract(release: Release, vocab: Vocabulary) -> Extraction:
    """Everything the release says that the knowledge can hold; ReleaseError if unusable."""
    paragraphs = list(release.paragraphs)
    items = release.list_items
    sections = release.sections
    title = release.title
    if not title and len(paragraphs) > 1 and _is_headline(paragraphs[0]):
        title = paragraphs.pop(0)
        items = items_after_first(items)
        sections = {i - 1: h - 1 for i, h in sections.items() if i and h}
    sentences = split_sentences(paragraphs)
    notes: list[str] = []
    appeal = appeal_paragraphs(paragraphs)
    story = [s for s in sentences if s.paragraph not in appeal]
    narrative = [s.narrative for s in story]

    mentions = {s.index: vocab.find_forces(s.narrative) for s in sentences}
    appeal_texts = [paragraphs[i] for i in appeal]
    lead, home, forces = operation_forces(release, title, sentences, story, mentions, vocab,
                                           appeal_texts)
    campaign = is_national([title or "", *narrative])
    # a force's own release about its part in a national campaign stays that force's
    national = campaign and not force_release(narrative[:1], vocab.find_forces)
    if campaign:
        body = national_body([title or "", *narrative])
        lead = body.id if body and national else lead
        notes.append("a national campaign" + (f", led by the {body.name}" if body else ""))
    if national:
        forces = list(dict.fromkeys([*ENGLAND_AND_WALES, *forces]))
        notes.append("every force in England and Wales takes part")
    else:
        notes += force_count_notes(narrative, forces)

    name, other_names = operation_name([title or "", *narrative], vocab.find_forces)
    focus = find_focus(title or "", narrative)
    named = name is not None
    if other_names:
        notes.append(f"the release also names {', '.join(other_names)}; imported as {name}")
    if name is None:
        name = descriptive_name(focus, [title or "", *narrative])
        notes.append(f"the release gives no operation name; named it \"{name}\"")
    dates, dates_at = dates_and_source(narrative, release.date)
    if dates is None:
        dates, dates_at = seasonal_period(narrative, release.date)
    month = None
    if dates and dates.start and (m := partial_date_parts(dates.start)[1]):
        month = calendar.month_name[m]

    ctx = ScopeContext(forces=forces, home=home, national=national,
                       national_part=campaign and not national, mentions={
        i: [m for m in ms if not is_lead_mention(sentences[i].narrative, m)]
        for i, ms in mentions.items()
    })
    ctx.locative = {s.index: f for s in story
                    if (f := locative_force(s, ctx.mentions[s.index]))}
    ctx.headings = _list_headings(sentences, items, ctx)
    ctx.split_by_force = bool(ctx.locative) or any(h[0] != "all" for h in ctx.headings.values())
    section_scopes(ctx, sentences, {i: paragraphs[h] for i, h in sections.items()},
                   vocab.find_forces, heading_place)
    figures, metrics, figure_notes, skipped, sources = _figures(story, ctx, vocab, release.date,
                                                                name, dates)
    if not figures:
        raise ReleaseError(f"{release.name}: no figures found (nothing counted, such as "
                           "arrests or seizures), so there is nothing to import")

    people = find_people(paragraphs, vocab.find_forces, None if national else home)
    units = find_units(story, vocab.find_forces, home)
    operation = Operation(
        id="pending",
        name=name,
        aliases=aliases(name, named, focus, kinds_named([title or "", *narrative]), month,
                        len(forces)) + _season_aliases(dates, focus)
        + (national_aliases(name) if national else []),
        summary=summary(sentences, set(appeal)) or title or name,
        focus=focus,
        area=AREA if national else find_area([title or "", *narrative], vocab.find_forces),
        dates=dates,
        duration=find_duration(narrative),
        lead_force=lead,
        forces=forces,
        units=units,
        methods=find_methods(narrative),
        figures=figures,
        people=people,
        appeal=appeal_text(paragraphs, appeal),
    )
    issuer = appeal_force(appeal_texts, vocab)
    source, source_notes = release_source(release, title, vocab.forces[home])
    notes += source_notes
    item_notes = {}
    if doubt := publisher_doubt(release, issuer is not None, source.publisher):
        item_notes["publisher"] = [doubt]
    dates_source = story[dates_at].text if dates_at >= 0 else None
    if dates and (why := dates_reason(dates_source, dates.start, dates.end)):
        item_notes["dates"] = [why]
    if release.date and not release.date_sure:
        item_notes["published"] = [f'only a "last updated" line gives the date: '
                                   f"{release.date_line}"]
    if release.date_line:
        item_notes["published source"] = [release.date_line]
    if national:
        home = "national"
    date_part = release.date or (dates.start.lstrip("-") if dates and dates.start else "undated")
    stem = f"{slug(name)}-{home}-{date_part}"
    twin = vocab.operation_dates.get((name.lower(), dates.start or "")) if dates else None
    if twin and twin.stem != stem:
        notes.append(f"{twin.name} already has {name} starting on the same day; if it comes "
                     "from the same release, keep only one of the two files")
    operation = operation.model_copy(update={"id": stem})
    file = OperationFile(
        operation=operation,
        source=source,
        forces=forces_to_define(operation, vocab),
        metrics=[m for m in metrics.values() if m.id not in vocab.defined_metrics],
    )
    return Extraction(file, stem, figure_notes, notes, skipped, release.furniture, sources,
                      item_notes,
                      texts=[s.text for s in sentences],
                      dates_source=dates_source)


def _figures(story: list[Sentence], ctx: ScopeContext, vocab: Vocabulary,
             released: str | None, name: str, dates: Period | None
             ) -> tuple[list[Figure], dict[str, Metric], dict[int, list[str]], list[str],
                        dict[int, str]]:
    found: list[tuple[RawFigure, Scope, Metric]] = []
    scopes: dict[int, Scope] = {}
    skipped: list[str] = []
    before: RawFigure | None = None
    for sentence in story:
        if before is not None and sentence.paragraph - before.sentence.paragraph > 1:
            before = None  # "Of these arrests, ..." may follow its figure's line, no further
        raw, notes = figures_in(sentence, before, [f for f, _, _ in found])
        skipped += notes + mistyped_numbers(sentence.text, raw)
        for figure in raw:
            parent = scopes.get(id(figure.parent)) if figure.parent is not None else None
            scope = assign_scope(figure, ctx, parent)
            scopes[id(figure)] = scope
            metric = resolve_metric(figure.counted, sentence.text, vocab)
            found.append((figure, scope, metric))
        before = raw[-1] if raw else before
    found = [f for f in found if not _repeats_another(f, found)]
    if len(ctx.forces) > 1 and not ctx.national and any(
            sc.value not in ("all", None) and raw.parent is None and raw.role == "plain"
            and not (raw.detail or "").startswith("of the")
            and _force_is_subject(raw.sentence, ctx) for raw, sc, _ in found):
        for raw, sc, _ in found:  # some figures are one force's: are the others all forces'?
            if sc.unnamed and not sc.unsure and raw.parent is None:
                sc.unsure = (f'scope of "{raw.words}": no force named, in a release that gives '
                             "other figures force by force; taken as all forces together")
    years = dates.years() if dates else set()
    if released:
        years |= {int(released[:4]), int(released[:4]) - 1}  # "Christmas 2011", in January
    figures: list[Figure] = []
    figure_notes: dict[int, list[str]] = {}
    sources: dict[int, str] = {}
    seen: dict[tuple, int] = {}
    for raw, scope, metric in found:
        key = (metric.id, raw.number.value, raw.qualifier, scope.value)
        if key in seen or (raw.quoted and any(
            k[0] == metric.id and k[1] == raw.number.value for k in seen
        )):
            continue
        notes = [scope.unsure] if scope.unsure else []
        flags, value = figure_flags(raw, ctx.sections.get(raw.sentence.index),
                                    ctx.subareas.get(raw.sentence.index), years,
                                    lambda place: bool(vocab.find_forces(place)))
        notes += flags
        if ctx.national_part and (why := national_figure_reason(raw.sentence.narrative,
                                                                 raw.words)):
            notes.append(why)
        if raw.quoted:
            notes.append(f'"{raw.words}" comes from a quotation, not the release\'s own words')
        what = _what(raw, scope, ctx, vocab)
        detail = re.sub(r"\s*\([^)]*$", "", raw.detail) if raw.detail else None
        clash = [k for k in seen if k[0] == metric.id and k[3] == scope.value
                 and (figures[seen[k]].what, figures[seen[k]].detail) == (what, detail)]
        if clash and raw.parent is None:  # the same words with two values: which is which?
            notes.append(f"{metric.label} for {scope.value or 'the operation'} appears more "
                         "than once with different values; check which is which")
        seen[key] = len(figures)
        if notes:
            figure_notes[len(figures)] = notes
        sources[len(figures)] = raw.sentence.text
        figures.append(Figure(
            metric=metric.id,
            value=value,
            qualifier=raw.qualifier,  # type: ignore[arg-type]
            scope=scope.value,
            period=_period(raw, scope, released, name, dates),
            what=what,
            detail=detail,
        ))
    metrics = {f.metric: m for f in figures for _, _, m in found if m.id == f.metric}
    return figures, metrics, figure_notes, skipped, sources


def _force_is_subject(sentence: Sentence, ctx: ScopeContext) -> bool:
    """'Essex Police made 64 arrests': the sentence opens with one force doing something."""
    mentions = ctx.mentions.get(sentence.index, [])
    return len({f for _, _, f in mentions}) == 1 and mentions[0][0] <= 4 and not re.match(
        r"\W*(?:in|across|throughout)\b", sentence.text, re.IGNORECASE)


def _list_headings(sentences: list[Sentence], items: dict[int, int | None],
                   ctx: ScopeContext) -> dict[int, tuple[str, str | None]]:
    """Sentence index → the scope its list's heading gives ('In Lancashire alone:' →
    lancashire; 'Results across the four forces:' → all), for the items of such a list."""
    first = {}  # paragraph → its first sentence
    for s in sentences:
        first.setdefault(s.paragraph, s)
    found = {}
    for s in sentences:
        heading = items.get(s.paragraph)
        if heading is not None and heading in first and (
                scope := heading_scope(first[heading], ctx.mentions[first[heading].index])):
            found[s.index] = scope
    return found


def _repeats_another(item: tuple[RawFigure, Scope, Metric],
                     found: list[tuple[RawFigure, Scope, Metric]]) -> bool:
    """True for a figure that only repeats another one: a rounded figure ('more than 1,300
    drivers') beside the exact one it rounds (1,364), or a quotation's figure ('five lines')
    that the release's own words give already ('five deal lines closed')."""
    raw, scope, metric = item
    for other, other_scope, other_metric in found:
        if other is raw or other_scope.value != scope.value:
            continue
        if raw.quoted and not other.quoted and other.number.value == raw.number.value and (
                other_metric.id == metric.id or (raw.counted.action and raw.counted.action
                                                 == other.counted.action)):
            return True
        if other_metric.id == metric.id and other.qualifier == "exact" != raw.qualifier \
                and _rounds(raw.number.value, raw.qualifier, other.number.value):
            return True
    return False


def _rounds(rounded: float, qualifier: str, exact: float) -> bool:
    """Whether 'more than 1,300' (say) is a rounding of 1,364: within a tenth, the right side."""
    if not exact or abs(exact - rounded) > 0.1 * exact:
        return False
    if qualifier in ("more_than", "at_least"):
        return exact >= rounded
    if qualifier in ("nearly", "up_to", "fewer_than"):
        return exact <= rounded
    return True


def _period(raw: RawFigure, scope: Scope, released: str | None, name: str,
            dates: Period | None) -> Period | None:
    if since := since_period(raw.sentence.narrative, released):
        return since
    if scope.cumulative:
        upto = f", up to {format_partial_date(released)}" if released else ""
        return Period(end=released, label=f"in total under {name}{upto}")
    if dates and dates.start:
        return Period(start=dates.start, end=dates.end,
                      label=dates.label or describe_dates(dates.start, dates.end))
    return None


def _season_aliases(dates: Period | None, focus: list[str]) -> list[str]:
    """'the Christmas drink driving campaign' for an operation over Christmas."""
    if not dates or "christmas" not in (dates.label or "").lower():
        return []
    found = ["the christmas campaign", "christmas campaign", "the christmas one"]
    for theme in focus[:2]:
        found += [f"christmas {theme} {kind}" for kind in ("campaign", "operation", "figures")]
    return found


def _what(raw: RawFigure, scope: Scope, ctx: ScopeContext, vocab: Vocabulary) -> str:
    """What was counted, to read after the number: '12 arrests by Essex Police'."""
    what = raw.counted.surface or raw.counted.phrase
    if raw.counted.money and raw.counted.noun.lower() not in ("", "cash", "money"):
        what = f"worth of {what[:1].lower()}{what[1:]}"  # "£186,000 worth of stolen ..."
    by = {"surrendered": "to", "referred": "by"}.get(raw.counted.action or "", "by")
    if raw.counted.action in ("failed", "passed") or raw.counted.obj:
        by = "in checks by"
    if raw.counted.action == "took part":  # "officers and staff from the four forces"
        return f"{raw.counted.noun} from {_whose(scope, ctx, vocab)} took part"
    if scope.value == "all" and ctx.national:
        return f"{what} {by} police forces across England and Wales"
    if scope.value == "all" and len(ctx.forces) > 1:
        return f"{what} {by} the {number_word(len(ctx.forces))} forces together"
    if scope.value == "all":
        return f"{what} {by} {vocab.forces[ctx.forces[0]].name}"
    if scope.place:
        return f"{what} in {scope.place}"
    if scope.value and scope.value != "all":
        return f"{what} {by} {vocab.forces[scope.value].name}"
    return what


def _whose(scope: Scope, ctx: ScopeContext, vocab: Vocabulary) -> str:
    """The forces a figure belongs to, in words: 'the four forces', 'Cheshire Constabulary'."""
    if scope.value == "all" and len(ctx.forces) > 1:
        return f"the {number_word(len(ctx.forces))} forces"
    force = ctx.forces[0] if scope.value in ("all", None) else scope.value
    return vocab.forces[force].name


def _is_headline(paragraph: str) -> bool:
    return not re.search(r"[.!?:\"”]$", paragraph) and len(paragraph.split()) <= 25
