"""Which words could be a misspelling of a token, without comparing it with every word.

The lexicon corrects an unknown token to the nearest of all the words it knows (tens of
thousands with 5,000 operations) with rapidfuzz's OSA distance, allowing up to `k` edits. This
index hands rapidfuzz only the words that can be within `k` edits, and loses none of them:

Pad a word as ``^word$`` and take its distinct bigrams. One OSA edit destroys at most three
of the token's bigrams (a substitution or deletion two, an insertion one, a transposition of
neighbours three), so a word within `k` edits shares at least ``distinct - 3k`` of them. Only
words sharing that many are candidates; when the bound says nothing (short tokens with many
edits allowed), every word is.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence

from bot.compiled import compiled


def bigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i:i + 2] for i in range(len(padded) - 1)}


class SpellingIndex:
    """Words (kept in the order given) by length and bigram; `candidates(token, k)` returns
    them in that order. A word within `k` edits is also within `k` letters of the length."""

    def __init__(self, words: Sequence[str], name: str = "spelling"):
        """`name`: what the index is called in the compiled cache (one name per index)."""
        self.words = list(words)
        postings, lengths = compiled(name, lambda: _build(self.words))
        self._postings = {key: _numbers(data) for key, data in postings.items()}
        self._lengths = {size: _numbers(data) for size, data in lengths.items()}

    def candidates(self, token: str, edits: int) -> list[str]:
        """Every word that may be within `edits` OSA edits of `token` (a superset), in order."""
        grams = bigrams(token)
        need = len(grams) - 3 * edits
        sizes = range(len(token) - edits, len(token) + edits + 1)
        if need <= 0:  # the bigrams can't tell: every word of a near length
            found = sorted(at for size in sizes for at in self._lengths.get(size, ()))
        else:
            shared: Counter[int] = Counter()
            for size in sizes:
                for gram in grams:
                    posting = self._postings.get((size, gram))
                    if posting is not None:
                        shared.update(posting)
            found = sorted(at for at, n in shared.items() if n >= need)
        words = self.words
        return [words[at] for at in found]


def _build(words: list[str]) -> tuple[dict[tuple[int, str], bytes], dict[int, bytes]]:
    """Positions of the words by (length, bigram) and by length, as plain data (bytes of
    unsigned ints) for the compiled cache."""
    postings: dict[tuple[int, str], array] = {}
    lengths: dict[int, array] = {}
    for at, word in enumerate(words):
        lengths.setdefault(len(word), array("I")).append(at)
        for gram in bigrams(word):
            key = (len(word), gram)
            posting = postings.get(key)
            if posting is None:
                posting = postings[key] = array("I")
            posting.append(at)
    return ({key: posting.tobytes() for key, posting in postings.items()},
            {size: posting.tobytes() for size, posting in lengths.items()})


def _numbers(data: bytes) -> array:
    numbers = array("I")
    numbers.frombytes(data)
    return numbers
