"""Split a release into sentences and mark which parts of each are direct speech.

Figures and facts in the narrative are the release's own statements; words inside quotation
marks are somebody's speech, treated with more care by the extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    "insp sgt supt ch det st mr mrs ms dr no nos approx est inc ltd co dept cllr gov".split()
)
_BOUNDARY = re.compile(r"(?<=[.!?])([\"”’]?)\s+(?=[\"“‘']?[A-Z0-9£])")
_OPENERS = "“"
_CLOSERS = "”"


@dataclass(frozen=True)
class Sentence:
    """One sentence; `quotes` are (start, end) spans of direct speech within `text`."""

    text: str
    paragraph: int
    index: int  # position among all sentences of the release
    quotes: tuple[tuple[int, int], ...] = ()

    def in_quote(self, pos: int) -> bool:
        return any(start <= pos < end for start, end in self.quotes)

    @property
    def narrative(self) -> str:
        """The text with direct speech blanked out (same length, so positions still match)."""
        chars = list(self.text)
        for start, end in self.quotes:
            for i in range(start, end):
                chars[i] = " "
        return "".join(chars)

    @property
    def is_quote(self) -> bool:
        """Mostly direct speech."""
        quoted = sum(end - start for start, end in self.quotes)
        return quoted > 0.6 * len(self.text)


def quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """Spans of direct speech: “…”, "…", and a quotation left open at the paragraph's end."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, ch in enumerate(paragraph):
        if start is None and (ch in _OPENERS or ch == '"'):
            start = i
        elif start is not None and (ch in _CLOSERS or ch == '"'):
            spans.append((start, i + 1))
            start = None
    if start is not None:
        spans.append((start, len(paragraph)))
    return spans


def split_sentences(paragraphs: list[str]) -> list[Sentence]:
    """Every sentence of the release in order, with its quote spans."""
    sentences: list[Sentence] = []
    for p_index, paragraph in enumerate(paragraphs):
        spans = quote_spans(paragraph)
        for start, end in _sentence_bounds(paragraph):
            local = tuple(
                (max(s, start) - start, min(e, end) - start)
                for s, e in spans
                if s < end and e > start
            )
            sentences.append(Sentence(paragraph[start:end], p_index, len(sentences), local))
    return sentences


def _sentence_bounds(paragraph: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        last_word = re.findall(r"(\w+)\.$", paragraph[start:m.start()])
        if last_word and (last_word[0].lower() in _ABBREVIATIONS or len(last_word[0]) == 1):
            continue  # "Insp. Jones", "J. Smith": not the end of a sentence
        bounds.append((start, m.end(1)))
        start = m.end()
    bounds.append((start, len(paragraph)))
    return [(s, e) for s, e in bounds if paragraph[s:e].strip()]
