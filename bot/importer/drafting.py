"""A release in, a draft saved: the one path every front end (command line, Telegram) takes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.importer.draft import Draft, drafts_dir, render_draft
from bot.importer.extract import Extraction, extract
from bot.importer.items import build_review
from bot.importer.publishing import changes_from_published, write_atomically
from bot.importer.reader import read_release
from bot.importer.vocabulary import Vocabulary
from bot.importer.write import target_path


@dataclass
class Drafted:
    draft: Draft
    extraction: Extraction
    changes: list[str]  # published answers the draft would change
    updated: bool  # an earlier draft of the same release was replaced


def draft_release(path: Path, folder: Path, vocab: Vocabulary, *, save: bool = True) -> Drafted:
    """Read and extract `path`, and (with `save`) write its draft to `folder`/drafts;
    ReleaseError if it is not a release the importer can read."""
    extraction = extract(read_release(path), vocab)
    published = target_path(extraction, folder, vocab, path.name)
    draft = Draft(drafts_dir(folder) / published.name, extraction.file,
                  build_review(extraction, path.name, vocab))
    changes = changes_from_published(published, extraction.file)
    updated = draft.path.exists()
    if save:
        write_atomically(draft.path, render_draft(draft))
        dates = extraction.file.operation.dates
        vocab.add_operation(extraction.file.operation.id, extraction.file.operation.name,
                            dates.start if dates else None, published)
    return Drafted(draft, extraction, changes, updated)
