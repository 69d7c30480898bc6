"""Triage read with one-letter corrections towards triage's own words ("stabing", "nife"):
the graver of the verdicts on the message as typed and as corrected. The engine keeps one
`TriageReader`; `respond` and `answer` both ask it about the same message, so the last
verdict is remembered.
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.danger import without_idioms
from bot.language.english import is_everyday
from bot.spelling_index import SpellingIndex
from bot.text import COMMON, STOP, clean, normalise_as_typed
from bot.triage import Triage, triage
from bot.triage import vocabulary as triage_vocabulary

_GRAVITY = {None: 0, "possible": 1, "sure": 2}
_CACHE_LIMIT = 50_000


class TriageReader:
    """Triage of messages, spelling corrected against the words of `known` (the knowledge's
    words, which are never 'corrected' into a danger word)."""

    def __init__(self, known: set[str]):
        self._known = known
        # a word of the knowledge ("cash") or everyday English ("dear", "ages") is never
        # "corrected" into a danger word ("crash", "dead", "axes")
        self._words = triage_vocabulary() | {"knife", "knives", "stabbing", "stabbed"}
        # only the triage words one edit from a token are compared with it (same result)
        self._index = SpellingIndex(sorted(self._words), "triage spelling")
        self._cache: dict[str, str] = {}
        # the last message's verdict: `respond` and `answer` both ask it of the same message
        self._last: tuple[str, Triage] = ("", Triage("none"))

    def verdict(self, message: str) -> Triage:
        """Triage of the message as typed and with one-letter corrections to triage's words:
        the graver of the two verdicts."""
        cleaned = clean(message)
        last = self._last  # one read of the pair, so another thread can't split it
        if last[0] == cleaned:
            return last[1]
        verdict = self._triage(cleaned)
        self._last = (cleaned, verdict)
        return verdict

    def _triage(self, cleaned: str) -> Triage:
        first = triage(cleaned)
        if first.danger == "sure":
            return first
        # ("staffed" must never become "stabbed": one edit only; idioms are left as typed)
        tokens = without_idioms(normalise_as_typed(cleaned)).split()
        fixed = self._spelling(tokens)
        if fixed == " ".join(tokens):
            return first  # nothing to correct: the same reading
        again = triage(fixed, typed=cleaned)
        if _GRAVITY[again.danger] > _GRAVITY[first.danger]:
            return again
        return again if first.category == "none" and again.category != "none" else first

    def _spelling(self, tokens: list[str]) -> str:
        """The message with each unknown word corrected to a triage word one edit away."""
        fixed = []
        for tok in tokens:
            if len(tok) > 3 and tok not in self._words and tok not in STOP \
                    and tok not in COMMON and tok not in self._known \
                    and not tok.isdigit() and not is_everyday(tok):
                if tok not in self._cache:
                    found = process.extractOne(tok, self._index.candidates(tok, 1),
                                               scorer=OSA.distance, score_cutoff=1)
                    if len(self._cache) < _CACHE_LIMIT:
                        self._cache[tok] = found[0] if found else tok
                tok = self._cache.get(tok, tok)
            fixed.append(tok)
        return " ".join(fixed)
