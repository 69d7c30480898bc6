"""The review of an extraction: every item the importer took from a release, with the
sentence it came from, sure or flagged with the reason (see draft.py for how it is used)."""

from __future__ import annotations

import re

from bot.importer.draft import Item, Review
from bot.importer.extract import Extraction
from bot.importer.vocabulary import Vocabulary


def build_review(extraction: Extraction, release: str, vocab: Vocabulary) -> Review:
    """Each figure, the dates, the lead force, each force, each person, the publisher and
    the publication date, as items; flagged where the extraction noted a doubt."""
    file = extraction.file
    op = file.operation
    notes = extraction.item_notes
    items = [_item(f"figure {i}", extraction.figure_notes.get(i, []),
                   extraction.figure_sources.get(i)) for i in range(len(op.figures))]
    if op.dates:
        items.append(_item("dates", notes.get("dates", []), extraction.dates_source))
    if op.lead_force:
        items.append(_item("lead force", notes.get("lead force", []),
                           _naming(extraction.texts, _force_names(op.lead_force, vocab))))
    for force in op.forces:
        items.append(_item(f"force {force}", notes.get(f"force {force}", []),
                           _naming(extraction.texts, _force_names(force, vocab))))
    for i, person in enumerate(op.people):
        items.append(_item(f"person {i}", notes.get(f"person {i}", []),
                           _naming(extraction.texts, [person.name])))
    items.append(_item("publisher", notes.get("publisher", []), None))
    if file.source.date:
        items.append(_item("published", notes.get("published", []),
                           notes.get("published source", [None])[0]))
    return Review(release=release, title=file.source.title, notes=extraction.notes,
                  skipped=extraction.skipped, items=items)


def _item(ref: str, reasons: list[str], source: str | None) -> Item:
    if reasons:
        return Item(ref=ref, status="flagged", reason="; ".join(dict.fromkeys(reasons)),
                    source=source)
    return Item(ref=ref, source=source)


def _force_names(force_id: str, vocab: Vocabulary) -> list[str]:
    force = vocab.forces.get(force_id)
    if force is None:
        return [force_id]
    return [force.name, *(n for n in [force.short, *force.aliases] if n)]


def _naming(texts: list[str], names: list[str]) -> str | None:
    """The first sentence that names one of `names` (as a word, any case)."""
    for text in texts:
        for name in names:
            if len(name) >= 3 and re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
                return text
    return None
