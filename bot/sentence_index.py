"""An inverted index of sentences by word stem, built once, so that searching what the releases
say costs the same with 2 operations or 5,000.

The engine's last-resort search ("who said crime has no borders?", "any advice for farmers?")
and its closest suggestions score sentences with rapidfuzz; this index hands them only the
sentences that share a distinctive stem (the first five letters of a word longer than three)
with the message, already normalised. A small index hands back everything, in order, so that
on small knowledge the scoring is exactly what it would be without the index.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.compiled import compiled
from bot.knowledge import Knowledge
from bot.knowledge.models import Operation
from bot.text import normalise

T = TypeVar("T")
SMALL = 256  # up to this many sentences, every one is a candidate (scoring them all is cheap)
BUDGET = 10_000  # postings counted per search at most (the rest only rank what was found)
LIMIT = 64  # candidates handed to the scorer at most


def stems(words: Iterable[str]) -> set[str]:
    """The stems the index is keyed by: the first five letters of each word of four or more."""
    return {w[:5] for w in words if len(w) > 3}


class SentenceIndex(Generic[T]):
    """Items, each with a text; `search(stems)` → the items whose text shares those stems.
    Plain-data items (numbers, strings, tuples) let the index be kept in the compiled cache
    (`data()`, `from_data()`)."""

    def __init__(self, items: Iterable[tuple[T, str]], *, small: int = SMALL,
                 budget: int = BUDGET, limit: int = LIMIT):
        self.items: list[T] = []
        self.texts: list[str] = []  # normalised, in the order the items came
        self._postings: dict[str, array] = {}  # stem → positions (compact unsigned ints)
        for item, text in items:
            words = normalise(text)
            at = len(self.items)
            self.items.append(item)
            self.texts.append(words)
            for stem in stems(words.split()):
                posting = self._postings.get(stem)
                if posting is None:
                    posting = self._postings[stem] = array("I")
                posting.append(at)
        self._small, self._budget, self._limit = small, budget, limit

    def data(self) -> tuple[list[T], list[str], dict[str, bytes]]:
        return self.items, self.texts, {s: p.tobytes() for s, p in self._postings.items()}

    @classmethod
    def from_data(cls, data: tuple[list[T], list[str], dict[str, bytes]]) -> SentenceIndex[T]:
        index: SentenceIndex[T] = cls(())
        index.items, index.texts, postings = data
        for stem, raw in postings.items():
            index._postings[stem] = posting = array("I")
            posting.frombytes(raw)
        return index

    def __len__(self) -> int:
        return len(self.items)

    def search(self, wanted: set[str], keep: Callable[[T], bool] | None = None
               ) -> list[tuple[T, str]]:
        """(item, normalised text) of the candidates for `wanted` stems, in the items' order:
        all of them for a small index; otherwise those sharing the most distinctive stems."""
        if len(self.items) <= self._small:
            return [(item, self.texts[i]) for i, item in enumerate(self.items)
                    if keep is None or keep(item)]
        lists = sorted((self._postings[s] for s in wanted if s in self._postings), key=len)
        if not lists:
            return []
        # count the shared stems, rarest first, within a budget; then keep the best few
        # hundred, and let a stem past the budget only rank those (postings are in order)
        shared: Counter[int] = Counter()
        counted, rest = 0, []
        for posting in lists:
            if counted and counted + len(posting) > self._budget:
                rest.append(posting)
            else:
                shared.update(posting[: self._budget])
                counted += len(posting)
        pool = _most_shared(shared, 8 * self._limit) if len(shared) > 8 * self._limit \
            else shared
        for posting in rest:
            for i in pool:
                at = bisect_left(posting, i)
                if at < len(posting) and posting[at] == i:
                    pool[i] += 1
        by_count: dict[int, list[int]] = {}  # the most shared first, the earliest on a tie
        for i in pool:
            if keep is None or keep(self.items[i]):
                by_count.setdefault(pool[i], []).append(i)
        best: list[int] = []
        for count in sorted(by_count, reverse=True):
            best += sorted(by_count[count])[: self._limit - len(best)]
            if len(best) >= self._limit:
                break
        return [(self.items[i], self.texts[i]) for i in sorted(best)]


def floor_of_best(values: Iterable[float], n: int) -> float:
    """The value at which the `n` best of `values` end (the lowest value when there are fewer):
    what is above it is among the best, ties at it fill what is left. Counts and covers take a
    handful of values, so this groups them rather than sorting thousands."""
    taken, floor = 0, 0.0
    counts = Counter(values)
    for floor in sorted(counts, reverse=True):
        taken += counts[floor]
        if taken >= n:
            break
    return floor


def _most_shared(shared: Counter[int], n: int) -> dict[int, int]:
    """The `n` most shared, as `shared.most_common(n)` picks them (on a tie, the first
    counted), without sorting thousands: the counts are a handful of small numbers."""
    floor = floor_of_best(shared.values(), n)
    pool = {i: c for i, c in shared.items() if c > floor}
    room = n - len(pool)
    for i, c in shared.items():
        if room <= 0:
            break
        if c == floor:
            pool[i] = c
            room -= 1
    return pool


def labels(texts: list[str]) -> SentenceIndex[int]:
    """The positions of `texts` (suggestion labels), by stem; kept in the compiled cache."""
    return SentenceIndex.from_data(compiled(
        "suggestion labels", lambda: SentenceIndex(enumerate(texts)).data()))


@dataclass(frozen=True, slots=True)
class Quote:
    """One sentence of a release: what someone said (person is their index in op.people), or
    the operation's summary, one of its methods, or its appeal."""

    op: Operation
    person: int | None
    field: str  # said, summary, method, appeal
    text: str


class Quotes:
    """Every sentence the last-resort search looks in, operation by operation, people first;
    kept in the compiled cache as plain data: (operation's position, person, field, sentence's
    position in that field)."""

    def __init__(self, knowledge: Knowledge):
        self._ops = knowledge.operations
        self._index: SentenceIndex[tuple[int, int | None, str, int]] = SentenceIndex.from_data(
            compiled("quotes", lambda: SentenceIndex(_sentences(knowledge)).data()))

    def __len__(self) -> int:
        return len(self._index)

    def search(self, wanted: set[str], *, summaries: bool = True) -> list[tuple[Quote, str]]:
        """(quote, normalised text) sharing stems with `wanted`, in the releases' order."""
        keep = None if summaries else (lambda item: item[2] != "summary")
        return [(self._quote(item), words) for item, words in self._index.search(wanted, keep)]

    def _quote(self, item: tuple[int, int | None, str, int]) -> Quote:
        at, person, field, n = item
        op = self._ops[at]
        text = (op.people[person].said[n] if person is not None else op.summary
                if field == "summary" else op.methods[n] if field == "method" else op.appeal)
        return Quote(op, person, field, text or "")


def _sentences(knowledge: Knowledge) -> Iterable[tuple[tuple[int, int | None, str, int], str]]:
    for at, op in enumerate(knowledge.operations):
        for i, person in enumerate(op.people):
            for n, said in enumerate(person.said):
                yield (at, i, "said", n), said
        yield (at, None, "summary", 0), op.summary
        for n, method in enumerate(op.methods):
            yield (at, None, "method", n), method
        if op.appeal:
            yield (at, None, "appeal", 0), op.appeal
