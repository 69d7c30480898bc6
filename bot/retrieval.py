"""Every sentence of the knowledge, answerable: a passage index built once at start-up.

Summaries (sentence by sentence), methods, areas, focus, units' parts, people's parts and what
they said, and appeals become passages. Each passage is indexed under its distinctive stems (an
inverted index), so a question only ever scores the few passages that share a word with it;
rapidfuzz breaks ties among those candidates. Nothing here scans every operation per message.

`PassageIndex.search` returns the best passages and how much of the question they cover; the
engine answers with the best sentence and its source when the cover is high enough, and refuses
honestly otherwise.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from bot.compiled import compiled
from bot.knowledge import Knowledge
from bot.knowledge.models import Operation
from bot.sentence_index import floor_of_best
from bot.text import STOP, normalise, singular

_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\.\s+(?=[A-Z0-9])")
# suffix → the fewest letters that must remain ('moving' → 'mov', but 'steer' stays 'steer')
_SUFFIXES = {"ing": 3, "ed": 3, "ers": 4, "er": 4, "es": 4, "ly": 3}
# words that say which operation or who counted, never what a sentence is about
FRAME_WORDS = {"operation", "operations", "op", "release", "releases", "article",
                "day", "days", "week", "weeks", "month", "months", "year", "years", "time",
                "times", "according", "else"}


SCORED = 64  # candidates scored with rapidfuzz at most (all of them on small knowledge)
_SYNONYMS_FILE = Path(__file__).parent / "language" / "synonyms.yaml"


def load_synonyms(path: Path = _SYNONYMS_FILE) -> dict[str, tuple[str, ...]]:
    """The synonyms file, checked: every key and value one lower-case word. A problem raises
    ValueError naming the file and the entry."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping of word → list of words")
    out: dict[str, tuple[str, ...]] = {}
    for key, values in data.items():
        if not isinstance(key, str) or not re.fullmatch(r"[a-z]+", key):
            raise ValueError(f"{path.name}: key {key!r} is not one lower-case word")
        if not isinstance(values, list) or not all(
                isinstance(v, str) and re.fullmatch(r"[a-z]+", v) for v in values):
            raise ValueError(f"{path.name}: {key}: expected a list of lower-case words")
        out[key] = tuple(values)
    return out


@lru_cache(maxsize=8192)
def stem(word: str, width: int | None = 6) -> str:
    """A light stem for matching inflections: 'moving', 'moved', 'move' → 'mov';
    'focusing', 'focused' → 'focus'; 'groomed' → 'groom'. Six letters at most."""
    if not word.endswith(("us", "ss", "is")):  # 'focus', 'status', 'analysis' stay
        word = singular(word)
    for suffix, keep in _SUFFIXES.items():
        if len(word) - len(suffix) >= keep and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2]:
        word = word[:-1]  # 'patroll' → 'patrol'
    return word[:width] if width else word


def content_stems(text: str) -> set[str]:
    """The stems of a text's content words (no stop words, numbers or two-letter words)."""
    return {stem(w) for w in normalise(text).split()
            if len(w) > 2 and w not in STOP and w not in FRAME_WORDS and not w.isdigit()}


@dataclass(frozen=True)
class Passage:
    op_id: str
    kind: str  # summary, method, area, focus, unit, person, said, appeal, figure
    text: str
    person: int | None = None  # index into the operation's people, for 'part' and 'said'
    metric: str | None = None  # the metric a 'figure' passage describes


@dataclass(frozen=True)
class Hit:
    passage: Passage
    cover: float  # share of the question's weighted stems the passage holds (0..1)
    matched: frozenset[str]
    score: float  # cover, with rapidfuzz similarity as a tie-break


class _Rows(Sequence[Passage]):
    """The passages as plain rows (op id, kind, text, person, metric), each a Passage when read."""

    def __init__(self, rows: list[tuple[str, str, str, int | None, str | None]]):
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):  # type: ignore[override] - no slices needed
        return Passage(*self._rows[i])


def _index_data(knowledge: Knowledge) -> dict:
    """The passage index as plain data for the compiled cache: a row per passage, its
    normalised text, and each stem's positions as bytes (which say which stems a passage
    holds: a list of them per passage would double the index's memory)."""
    rows, norm = [], []
    postings: dict[str, array] = {}
    for op in knowledge.operations:
        for p in _passages(knowledge, op):
            at = len(rows)
            rows.append((p.op_id, p.kind, p.text, p.person, p.metric))
            stems = sorted(sys.intern(s) for s in content_stems(p.text))
            norm.append(normalise(p.text))
            for s in stems:
                posting = postings.get(s)
                if posting is None:
                    posting = postings[s] = array("I")
                posting.append(at)
    synonyms = {stem(w): sorted({stem(v) for v in vs}) for w, vs in load_synonyms().items()}
    return {"rows": rows, "norm": norm, "synonyms": synonyms,
            "postings": {s: posting.tobytes() for s, posting in postings.items()}}


def _numbers(raw: bytes) -> array:
    numbers = array("I")
    numbers.frombytes(raw)
    return numbers


def _holds(posting: array, i: int) -> bool:
    at = bisect_left(posting, i)
    return at < len(posting) and posting[at] == i


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def _passages(k: Knowledge, op: Operation) -> list[Passage]:
    out = [Passage(op.id, "summary", s) for s in _sentences(op.summary)]
    out += [Passage(op.id, "method", m[:1].upper() + m[1:]) for m in op.methods]
    if op.area:
        out.append(Passage(op.id, "area", op.area))
    if op.focus:
        out.append(Passage(op.id, "focus", "It focused on " + ", ".join(op.focus) + "."))
    for unit in op.units:
        who = ", ".join(x for x in (unit.short, k.force_name(unit.force) if unit.force else "")
                        if x)
        who = f" ({who})" if who else ""
        if unit.part:
            out.append(Passage(op.id, "unit", f"The {unit.name}{who} {unit.part}."))
    for i, person in enumerate(op.people):
        if person.part:
            out.append(Passage(op.id, "person", f"{person.name} {person.part}.", i))
        out += [Passage(op.id, "said", s, i) for s in person.said]
    if op.appeal:
        out += [Passage(op.id, "appeal", s) for s in _sentences(op.appeal)]
    for fig in op.figures:  # what a figure counts and says of itself, never its value
        if fig.what:
            text = fig.what + (f": {fig.detail}" if fig.detail else "")
            out.append(Passage(op.id, "figure", text[:1].upper() + text[1:] + ".",
                               metric=fig.metric))
    return out


class PassageIndex:
    """The passages of one Knowledge and an inverted index of their stems. Build once; kept
    in the compiled cache as plain data (rows, stems, postings as bytes), so a warm start
    reads it instead of stemming every sentence again."""

    def __init__(self, knowledge: Knowledge):
        data = compiled("passages", lambda: _index_data(knowledge))
        self.passages: Sequence[Passage] = _Rows(data["rows"])
        self._op_ids: list[str] = [row[0] for row in data["rows"]]
        self._norm: list[str] = data["norm"]
        self._postings: dict[str, array] = {s: _numbers(raw)
                                            for s, raw in data["postings"].items()}
        n = max(len(self.passages), 1)
        self._idf = {s: math.log(1 + n / len(ids)) for s, ids in self._postings.items()}
        # a word the knowledge never uses weighs as much as its rarest word: the question asks
        # about something no passage holds
        self._unknown_weight = math.log(1 + n)
        self._synonyms = {w: set(vs) for w, vs in data["synonyms"].items()}

    def __len__(self) -> int:
        return len(self.passages)

    def synonyms(self, s: str) -> set[str]:
        return self._synonyms.get(s, set())

    def weight(self, s: str) -> float:
        return self._idf.get(s, self._unknown_weight)

    def distinctive(self, s: str) -> bool:
        """A stem used by few passages (not 'essex', 'crime' or 'police', which are in many)."""
        return s in self._postings and len(self._postings[s]) <= max(3, len(self) // 6)

    def search(self, words: list[str], ops: set[str] | None = None,
               ignore: set[str] = frozenset(), limit: int = 3) -> list[Hit]:
        """The passages (of `ops`, if given) that best cover `words`, best first."""
        stems = {stem(w) for w in words if len(w) > 2 and w not in STOP
                 and w not in FRAME_WORDS and not w.isdigit()} - ignore
        if not stems:
            return []
        total = sum(self.weight(s) for s in stems)
        # a synonym stands in for its word: it may match, but the question weighs the same
        alias = {v: s for s in stems for v in self._synonyms.get(s, ()) if v not in stems}
        stems |= set(alias)
        candidates: Iterable[int] = {i for s in stems if self.distinctive(s)
                                     for i in self._postings[s]}
        if ops is not None:
            candidates = [i for i in candidates if self._op_ids[i] in ops]
        if len(candidates) > SCORED:  # only the likeliest are scored (large knowledge)
            candidates = self._likeliest(candidates, stems, alias)
        query = " ".join(words)
        held = [(s, self._postings[s]) for s in stems if s in self._postings]
        scored = []  # (score, cover, matched, position): a Hit only for the best
        for i in candidates:
            matched = {s for s, posting in held if _holds(posting, i)}
            cover = sum(self.weight(alias.get(s, s)) for s in
                        {alias.get(s, s) for s in matched}) / total
            similarity = fuzz.token_set_ratio(query, self._norm[i]) / 100
            scored.append((cover + similarity / 10, cover, matched, i))
        scored.sort(key=itemgetter(0), reverse=True)
        return [Hit(self.passages[i], cover, frozenset(matched), score)
                for score, cover, matched, i in scored[:limit]]

    def _likeliest(self, candidates: Iterable[int], stems: set[str],
                   alias: dict[str, str]) -> list[int]:
        """The SCORED candidates that cover the most of the question's weight (the earliest
        on a tie), in order. On large knowledge a common stem brings thousands of passages;
        the similarity tie-break then ranks only these, never all of them (on small
        knowledge every candidate is scored, exactly as before)."""
        cover = dict.fromkeys(candidates, 0.0)
        members: dict[str, list[str]] = {}
        for s in stems:
            members.setdefault(alias.get(s, s), []).append(s)
        for original, group in members.items():
            found: set[int] = set()
            for s in group:
                posting = self._postings.get(s)
                if posting is None:
                    continue
                if len(posting) < 8 * len(cover):
                    found.update(cover.keys() & posting)
                else:  # a long posting: look each candidate up in it instead
                    found.update(i for i in cover if _holds(posting, i))
            weight = self.weight(original)
            for i in found:
                cover[i] += weight
        # covers take few values: the best ones whole, then the earliest of the last one
        floor = floor_of_best(cover.values(), SCORED)
        above = [i for i, c in cover.items() if c > floor]
        last = sorted(i for i, c in cover.items() if c == floor)[: SCORED - len(above)]
        return sorted(above + last)

    def answerable(self, hit: Hit, asked: int, explained: set[str] = frozenset()) -> bool:
        """Whether a hit covers the question well enough to answer with its sentence: two
        distinctive words in common and over half the question's weight, or the one long
        distinctive word of a short question. At least one of them must be a word the
        question's figures don't already explain (a metric's own words ask for a figure)."""
        strong = {s for s in hit.matched if self.distinctive(s)}
        if not strong - explained:
            return False
        if len(strong) >= 2 and hit.cover >= 0.5:
            return True
        return asked <= 1 and hit.cover >= 0.9 and all(len(s) >= 5 for s in strong)
