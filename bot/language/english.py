"""Whether a word is everyday English, from pyspellchecker's bundled word frequencies.

A word people write often ('moved', 'groomed', 'country') is never "corrected" into a
knowledge word ('moped', 'groped', 'county'); only words no dictionary holds, or rare ones, are
typos worth fixing ('sceptor', 'arrets', 'vehicals'). The list ships inside the package: no
download at run time.
"""

from __future__ import annotations

from functools import lru_cache

# how often a word must appear in the frequency list (of ~160,000 words) to count as everyday
# English: 'groomed' (≈1,200) is; 'specter' (≈900) and 'piccadilly' (≈200) are not
EVERYDAY_MIN_COUNT = 1000


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    from spellchecker import SpellChecker

    return dict(SpellChecker(distance=1).word_frequency.dictionary)


def is_everyday(word: str) -> bool:
    """True for a common English word, which must never be corrected into another."""
    return _frequencies().get(word, 0) >= EVERYDAY_MIN_COUNT


def load() -> None:
    """Read the word list now (at start-up), not on the first message."""
    _frequencies()
