"""The phrase index: every way the knowledge can be named, and fuzzy lookup into it.

Built once from the knowledge. A message is normalised, each unknown token is corrected to the
nearest knowledge word with rapidfuzz (edit distance allowed grows with word length; ordinary
English words are never corrected), and the longest known phrases are then picked out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.compiled import compiled
from bot.language.english import everyday_words, is_everyday
from bot.language.english import load as load_english
from bot.retrieval import stem
from bot.spelling_index import SpellingIndex
from bot.text import COMMON, STOP, SUBJECT_WORDS, normalise, singular


@dataclass(frozen=True)
class Concept:
    kind: str  # op, metric, force, person, rank, unit, focus, channel, facet, scope
    key: str


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: str
    concepts: frozenset[Concept]
    fuzzy: bool


# kinds of phrase a word's other forms may stand for ('focusing' → focus,
# 'searching' → searches, 'grassed' → grass: Crimestoppers); never a force, a name or a figure
# ('nicking' is not an arrest), and only words of five letters or more ('living' is not Live)
_INFLECTED_KINDS = {"facet", "focus", "method", "unit", "channel"}


def _max_edits(word: str) -> int:
    n = len(word)
    if n <= 3:
        return 0
    if n <= 5:
        return 1
    if n <= 11:
        return 2
    return 3


class Lexicon:
    MAX_PHRASE = 6

    def __init__(self, entries: Iterable[tuple[str, Concept]],
                 extra_words: Iterable[str] = ()):
        # kept in the compiled cache: a warm start reads the tables, not the entries
        tables = compiled("lexicon", lambda: _tables(entries, extra_words))
        # one Concept per (kind, key), one frozen set per distinct set of them (an operation's
        # name, aliases and their plurals share one)
        interned: dict[tuple[str, str], Concept] = {}
        sets: dict[tuple[tuple[str, str], ...], frozenset[Concept]] = {}
        self.phrases: dict[str, frozenset[Concept]] = {}
        for phrase, concepts in tables["phrases"].items():
            key = tuple(concepts)
            found = sets.get(key)
            if found is None:
                found = sets[key] = frozenset(
                    interned.get(c) or interned.setdefault(c, Concept(*c)) for c in key)
            self.phrases[phrase] = found
        self.compact: dict[str, str] = tables["compact"]
        self.words: set[str] = set(tables["words"])
        # correction targets: knowledge words that are not stop words or bare numbers
        self._targets: list[str] = tables["targets"]
        self._all_targets: list[str] = tables["all targets"]
        self._spelling = SpellingIndex(self._all_targets)  # only the words that can be near
        self._cache: dict[str, tuple[str | None, int]] = {}
        self._inflected: dict[str, str] = tables["inflected"]
        load_english(compiled("everyday words", everyday_words))

    def correct(self, token: str) -> str | None:
        """The word a misspelt token most likely is, or None.

        Knowledge words and everyday words compete: "smoething" becomes "something" (and then
        means nothing), "sceptor" becomes "sceptre". Ties go to the candidate of nearest length
        that starts alike."""
        return self.correction(token)[0]

    def correction(self, token: str) -> tuple[str | None, int]:
        """(corrected word or None, edits made)."""
        if token in self._cache:
            return self._cache[token]
        best: tuple[str | None, int] = (None, 0)
        limit = _max_edits(token)
        if limit and token not in COMMON and token not in STOP and not token.isdigit() \
                and not is_everyday(token):
            found = process.extract(token, self._spelling.candidates(token, limit),
                                    scorer=OSA.distance, score_cutoff=limit, limit=8)
            if found:
                low = min(d for _, d, _ in found)
                tied = [c for c, d, _ in found if d == low]
                # function words, then knowledge words, before other everyday words: 'septer'
                # is 'sceptre', not 'sister'
                # and a swap of two letters before a changed one: 'cahs' is 'cash', not 'cars'
                candidate = min(tied, key=lambda c: (c[0] != token[0], self._rank(c),
                                                     sorted(c) != sorted(token),
                                                     c[:2] != token[:2],
                                                     abs(len(c) - len(token))))
                # two edits only for words that start alike; keeps "sceptor", drops wild guesses
                if low <= 1 or candidate[0] == token[0]:
                    best = (candidate, int(low))
        if len(self._cache) < 50_000:
            self._cache[token] = best
        return best

    def _rank(self, word: str) -> int:
        """On a tie, the commoner kind of word wins: function words, then knowledge words."""
        if word in STOP:
            return 0
        if word in self.words:
            return 1
        return 2

    def scan(self, tokens: list[str]) -> tuple[list[Match], list[str], int, int]:
        """Find known phrases, longest first. Returns the matches, the corrected tokens, the
        number of corrections, and how many of those were loose (two edits or short words)."""
        fixed: list[str] = []
        corrected: list[bool] = []
        weak = 0
        for tok in tokens:
            if tok in self.words or tok in STOP or tok.isdigit() or singular(tok) in self.words:
                fixed.append(tok)
                corrected.append(False)
                continue
            base = self._inflected.get(stem(tok, None)) \
                if tok.endswith(("ing", "ed", "es")) and tok not in SUBJECT_WORDS else None
            if base:  # another form of a knowledge word, not a typo
                fixed.append(base)
                corrected.append(False)
                continue
            fix, edits = self.correction(tok)
            fixed.append(fix or tok)
            corrected.append(fix is not None and fix in self.words)
            if fix is not None and fix in self.words and (edits > 1 or len(tok) < 6):
                weak += 1
        matches: list[Match] = []
        i, n = 0, len(fixed)
        while i < n:
            found = None
            for size in range(min(self.MAX_PHRASE, n - i), 0, -1):
                window = fixed[i:i + size]
                phrase = " ".join(window)
                key = phrase if phrase in self.phrases else None
                if key is None:
                    sing = " ".join(window[:-1] + [singular(window[-1])])
                    if sing in self.phrases:
                        key = sing
                    elif size > 1 and phrase.replace(" ", "") in self.compact:
                        key = self.compact[phrase.replace(" ", "")]
                    elif size == 1 and phrase in self.compact:
                        key = self.compact[phrase]
                if key is not None and not (size == 1 and phrase in STOP
                                            and key == phrase and len(phrase) < 3):
                    found = Match(i, i + size, key, self.phrases[key],
                                  any(corrected[i:i + size]))
                    break
            if found:
                matches.append(found)
                i = found.end
            else:
                i += 1
        return matches, fixed, sum(corrected), weak


def _tables(entries: Iterable[tuple[str, Concept]], extra_words: Iterable[str]) -> dict:
    """The lexicon's tables as plain data (for the compiled cache): each phrase's concepts as
    (kind, key), compact spellings, known words, correction targets, and inflections."""
    phrases: dict[str, set[Concept]] = defaultdict(set)
    compact: dict[str, str] = {}
    words: set[str] = set()
    for raw, concept in entries:
        phrase = normalise(raw)
        if phrase.startswith("the "):
            phrase = phrase[4:]
        if not phrase:
            continue
        toks = phrase.split()
        for variant in {phrase, " ".join(toks[:-1] + [singular(toks[-1])])}:
            phrases[variant].add(concept)
            if " " in variant:
                compact.setdefault(variant.replace(" ", ""), variant)
            words.update(variant.split())
    words.update(compact)
    targets = sorted(w for w in words if len(w) > 3 and not w.isdigit())
    everyday = {w for w in STOP | COMMON | set(extra_words) if len(w) > 3 and w.isalpha()}
    # one knowledge word per light stem, for inflections: 'focusing' is 'focus'
    by_stem: dict[str, set[str]] = defaultdict(set)
    for w in targets:
        kinds = {c.kind for c in phrases.get(w, ())}
        if w.isalpha() and len(w) >= 5 and kinds and kinds <= _INFLECTED_KINDS:
            by_stem[stem(w, None)].add(w)
    # several forms of one word ('focus', 'focused') stand for the same: the shortest
    inflected = {s: min(ws, key=len) for s, ws in by_stem.items()
                 if len({frozenset(phrases[w]) for w in ws}) == 1}
    return {"phrases": {p: sorted((c.kind, c.key) for c in cs) for p, cs in phrases.items()},
            "compact": compact, "words": sorted(words), "targets": targets,
            "all targets": sorted(set(targets) | everyday), "inflected": inflected}
