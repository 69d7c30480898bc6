"""Whether a word is everyday English, from pyspellchecker's bundled word frequencies.

A word people write often ('moved', 'groomed', 'country') is never "corrected" into a
knowledge word ('moped', 'groped', 'county'); only words no dictionary holds, or rare ones, are
typos worth fixing ('sceptor', 'arrets', 'vehicals'). The list ships inside the package: no
download at run time. Only the everyday words are kept (about 19,000 of 160,000), and the
engine keeps them in its compiled cache (bot.compiled), so a warm start doesn't read the list.
"""

from __future__ import annotations

from collections.abc import Iterable

# how often a word must appear in the frequency list (of ~160,000 words) to count as everyday
# English: 'groomed' (≈1,200) is; 'specter' (≈900) and 'piccadilly' (≈200) are not
EVERYDAY_MIN_COUNT = 1000

_everyday: frozenset[str] | None = None


def everyday_words() -> list[str]:
    """The everyday words of pyspellchecker's English list, sorted (plain data to cache)."""
    from spellchecker import SpellChecker

    frequencies = SpellChecker(distance=1).word_frequency.dictionary
    return sorted(w for w, n in frequencies.items() if n >= EVERYDAY_MIN_COUNT)


def is_everyday(word: str) -> bool:
    """True for a common English word, which must never be corrected into another."""
    words = _everyday if _everyday is not None else load()
    return word in words


def load(words: Iterable[str] | None = None) -> frozenset[str]:
    """Read the word list now (at start-up), not on the first message; or take `words`, the
    list as `everyday_words` gave it (from the compiled cache)."""
    global _everyday
    if words is not None:
        _everyday = frozenset(words)
    elif _everyday is None:
        _everyday = frozenset(everyday_words())
    return _everyday
