"""Reading a message: normalise, correct spelling, pick out the knowledge phrases, and
collect the slots (operation, metric, force, person, facet, channel, dates) as a Query.

Everything here reads; nothing composes an answer (see bot.engine)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

import holidays
from rapidfuzz import fuzz, process

from bot import opening_hours
from bot.clock import LONDON
from bot.compiled import compiled
from bot.knowledge import Knowledge
from bot.knowledge.models import OpeningHours
from bot.knowledge.uk_forces import UK_FORCES
from bot.lexicon import Concept, Lexicon
from bot.reading import Cues
from bot.text import (
    COMMON,
    MONTHS,
    NUMBER_WORDS,
    STOP,
    SUBJECT_WORDS,
    normalise,
    singular,
)
from bot.triage import is_question
from bot.triage import vocabulary as triage_vocabulary
from bot.vocabulary import (
    FACETS,
    FOLLOW_UP_OPENERS,
    GENERIC_CHANNEL_WORDS,
    HOURS,
    OPERATION_NOUNS,
    REPORTING,
    SCOPE_ALL,
)

# A claim passed on, to be checked: "someone said", "i heard", "apparently", "my mate reckons"
_HEARSAY = re.compile(
    r"^(?:(?:so |ok |well )?(?:someone|somebody|people|they|a friend|my \w+|i|we) "
    r"(?:said|says|told me|tells me|reckons?|heard|read|have heard|saw on \w+|were saying|"
    r"are saying|posted)(?: on \w+)?(?: that)? |apparently |rumour is |word is )")
# ... and the tag that asks whether it holds: "…, is that true", "… or not"
_CHECK_TAG = re.compile(r" (?:(?:is|was) (?:that|it|this) (?:true|right|correct|so)|or not|"
                        r"right|true)$")
_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?: of)? (" + "|".join(MONTHS) + r")\b")
_MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})(?:st|nd|rd|th)?\b")
# "April 23-25", "23 to 25 April": a span of days, not one day
_DAY_RANGE = re.compile(r"\b(" + "|".join(MONTHS) + r") \d{1,2} (?:to |and )?\d{1,2}\b|"
                        r"\b\d{1,2}(?:st|nd|rd|th)? (?:to |and )?\d{1,2}(?:st|nd|rd|th)? (?:of )?("
                        + "|".join(MONTHS) + r")\b")
# "since June", "from June onwards": where a period starts, not a month to filter by
_SINCE_MONTH = re.compile(r"\b(since|from|starting|after|beginning of) (" + "|".join(MONTHS)
                          + r")\b")
# "on the first day", "day one", "the last day": one day of a longer operation
_ONE_DAY = re.compile(r"\b(first|second|third|last|final|opening) day\b|\bday (one|1|two|2|"
                      r"three|3)\b")
_QUANT = re.compile(r"\b(how many|how much|number of|no of|amount of|how many people|"
                    r"count of|total of|what was the total|what were the totals|tally)\b")
# a figure quoted back: "the 128", "£15,000", "over 800 arrests" (not "like im 5")
_VERBS = {"were", "was", "did", "got", "get", "have", "had", "are", "is", "been", "do", "does"}
_NUMBER = re.compile(r"(?:£|\b(?:the|over|than|those|these|all) )(\d+)\b(?! (?:days?|weeks?|"
                     r"months?|years?|hours? ago|minutes?|forces?|am|pm|times?|at the time))")
_OP_NAME = re.compile(r"\boperation ([a-z][a-z]+)\b")
_ACRONYM = re.compile(r"((?:[A-Z][a-z]+ ){1,5}[A-Z][a-z]+) \(([A-Z]{2,6})\)")
_HOW_MANY_WHAT = re.compile(r"\b(?:how many|how much|number of)\s+(?:police\s+|the\s+|of\s+)*"
                            r"([a-z]+)")
# "the website for Crimestoppers": these words qualify another channel rather than name one
_MODIFIER_CHANNEL_WORDS = {"website", "form", "web form", "number", "phone number"}
_PRONOUN = re.compile(r"\b(it|that|they|them|their|this|those|these|she|he|her|his|one|ones)\b")
_RELATIVE_YEAR = {"last year": -1, "this year": 0, "previous year": -1, "next year": 1}
_RELATIVE_RECENT = re.compile(r"\b(yesterday|last week|last month|this week|this month|today|"
                              r"last night|tonight|recently|lately|this morning)\b")


@dataclass
class Query:
    text: str
    tokens: list[str]
    ops: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    forces: list[str] = field(default_factory=list)
    persons: list[tuple[str, int]] = field(default_factory=list)
    units: list[tuple[str, int]] = field(default_factory=list)  # (op id, unit index)
    method_ops: list[str] = field(default_factory=list)
    exact_matches: int = 0
    content: int = 0
    metric_at: list[tuple[int, str]] = field(default_factory=list)
    all_metrics: list[str] = field(default_factory=list)  # before picking what was asked
    generic_channel: bool = True  # every channel word matched was a general one
    specific_channels: list[str] = field(default_factory=list)
    descriptor_forces: list[str] = field(default_factory=list)  # "the op with the Met"
    summary_words: set[str] = field(default_factory=set)
    # how many words the longest phrase that asked for each facet had: "asking people" asks
    # for the appeal more surely than "send" asks for the units sent
    facet_words: dict[str, int] = field(default_factory=dict)
    hearsay: bool = False  # a claim passed on or tagged ("someone said…", "… is that true")
    asks: bool = False  # a question mark, or a sentence that opens as a question
    numbers: set[float] = field(default_factory=set)  # figures quoted back: "the £15,000"
    counted: set[float] = field(default_factory=set)  # a number before a metric: "32 arrests"
    asked_noun: str | None = None  # "how many <knives>" when the knowledge has no such word
    topic_ops: list[str] = field(default_factory=list)  # named by words of its own text
    other_force: str | None = None  # a UK force the knowledge never mentions ("Hampshire")
    fixed: list[str] = field(default_factory=list)  # tokens after spelling correction
    weak_corrections: int = 0
    focus_ops: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    facets: list[str] = field(default_factory=list)
    scope_all: bool = False
    reporting: bool = False
    hours_words: bool = False
    years: set[int] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    day: int | None = None
    since_month: int | None = None  # "since June": figures counted from then
    one_day: bool = False  # "on the first day": one day of the operation
    recent: bool = False
    quantitative: bool = False
    unknown_op: str | None = None
    unexplained: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    corrections: int = 0
    follow_up: bool = False

    @cached_property
    def cues(self) -> Cues:
        """What the wording asks beside the slots (read once, when first asked)."""
        return Cues(self.text, " ".join(self.fixed), tuple(self.tokens))

    @property
    def search_words(self) -> list[str]:
        """The words as typed and as corrected, each once: what a search of the knowledge's
        sentences looks for."""
        return list(dict.fromkeys(self.tokens + self.fixed))

    @property
    def has_topic(self) -> bool:
        return bool(self.ops or self.metrics or self.persons or self.units or self.focus_ops
                    or self.channels or self.method_ops or self.topic_ops)


def _add(seq: list, item: object) -> None:
    if item not in seq:
        seq.append(item)


class Analyser:
    """The phrase index of one Knowledge, and `analyse`, which reads a message with it."""

    def __init__(self, knowledge: Knowledge):
        self.k = knowledge
        self.lexicon = Lexicon(self._entries(), extra_words=triage_vocabulary())
        self.metric_words = {
            m.id: {singular(w) for t in [m.label, *m.terms] for w in normalise(t).split()} - STOP
            for m in knowledge.metrics.values()}
        self._op_words = {w for op in knowledge.operations
                          for name in [op.name, *op.aliases] for w in normalise(name).split()}
        self._op_words -= STOP | {"operation", "op"}
        self.topic_index = compiled("topic index", lambda: _distinctive_words(knowledge))
        known = set(knowledge.forces)
        self._other_forces = {a: f.name for fid, f in UK_FORCES.items() if fid not in known
                              for a in f.aliases if " " not in a or len(a.split()) <= 2}

    # ---------------------------------------------------------------- index
    def _entries(self):
        k = self.k
        for op in k.operations:
            c = Concept("op", op.id)
            yield op.name, c
            base = re.sub(r"(?i)^operation\s+", "", op.name)
            if base != op.name:
                yield base, c
            for alias in op.aliases:
                yield alias, c
                words = normalise(alias).split()
                if len(words) > 1 and words[-1] == "operation":  # "the april thing"
                    for noun in OPERATION_NOUNS:
                        yield " ".join([*words[:-1], noun]), c
            for focus in op.focus:
                yield focus, Concept("focus", op.id)
            for i, person in enumerate(op.people):
                pc = Concept("person", f"{op.id}#{i}")
                yield person.name, pc
                for part in {person.name.split()[0], person.name.split()[-1]}:
                    if normalise(part) not in STOP and normalise(part) not in COMMON:
                        yield part, pc  # "Patterson", "Emma"; never "Will" or "May"
                if person.rank:
                    yield f"{person.rank} {person.name.split()[-1]}", pc
                    yield person.rank, Concept("rank", f"{op.id}#{i}")
                if person.role:
                    yield person.role, Concept("rank", f"{op.id}#{i}")
            for i, unit in enumerate(op.units):
                uc = Concept("unit", f"{op.id}#{i}")
                yield unit.name, uc
                bare = re.sub(r"(?i)\s+(unit|team|group)$", "", unit.name)
                if bare != unit.name:
                    yield bare, uc
                if unit.short:
                    yield unit.short, uc
                for alias in unit.aliases:
                    yield alias, uc
            for text in [op.summary, *op.methods]:
                for full, short in _ACRONYM.findall(text):
                    yield short, Concept("method", op.id)
                    yield full, Concept("method", op.id)
        for metric in k.metrics.values():
            mc = Concept("metric", metric.id)
            yield metric.label, mc
            for term in metric.terms:
                yield term, mc
        for op in k.operations:  # metrics known only by id in a release
            for fig in op.figures:
                if fig.metric not in k.metrics:
                    yield fig.metric.replace("-", " "), Concept("metric", fig.metric)
        for force in k.forces.values():
            fc = Concept("force", force.id)
            yield force.name, fc
            if force.short:
                yield force.short, fc
            for alias in force.aliases:
                yield alias, fc
            for name in {force.name, *force.aliases}:  # "Essex Police officers" is the force
                yield f"{name} officers", fc
        for ch in k.reporting.channels:
            yield ch.name, Concept("channel", ch.id)
            for term in ch.terms:
                yield term, Concept("channel", ch.id)
        for facet, words in FACETS.items():
            for w in words:
                yield w, Concept("facet", facet)
        for w in SCOPE_ALL:
            yield w, Concept("scope", "all")
        for w in REPORTING:
            yield w, Concept("reporting", "report")
        for w in HOURS:
            yield w, Concept("hours", "hours")

    # ---------------------------------------------------------------- analysis
    def analyse(self, message: str, now: datetime) -> Query:
        text = normalise(message)
        # "someone said a caravan got found, is that true": the claim is what is asked about
        claim = _CHECK_TAG.sub("", _HEARSAY.sub("", text, count=1))
        hearsay = claim != text and len(claim.split()) >= 2
        text = claim if hearsay else text
        tokens = text.split()
        q = Query(text=text, tokens=tokens, hearsay=hearsay, asks=is_question(message))
        q.quantitative = bool(_QUANT.search(text))
        q.follow_up = text.startswith(FOLLOW_UP_OPENERS) or len(tokens) <= 3 or (
            len(tokens) <= 8 and bool(_PRONOUN.search(text)))
        for m in _YEAR.finditer(text):
            q.years.add(int(m.group(1)))
        for phrase, delta in _RELATIVE_YEAR.items():
            if phrase in text:
                q.years.add(now.year + delta)
        q.recent = bool(_RELATIVE_RECENT.search(text))
        for m in _NUMBER.finditer(text):
            value = float(m.group(1))
            if value >= 5 and not (1980 <= value <= 2049):  # not a year, a day or a "one"
                q.numbers.add(value)
        for m in _DAY_MONTH.finditer(text):
            q.day, q.months = int(m.group(1)), q.months | {MONTHS[m.group(2)]}
        for m in _MONTH_DAY.finditer(text):
            q.day, q.months = int(m.group(2)), q.months | {MONTHS[m.group(1)]}
        for tok in tokens:
            if tok in MONTHS and len(tok) > 3 and tok != "may":
                q.months.add(MONTHS[tok])
        if _DAY_RANGE.search(text):
            q.day = None  # "April 23-25": the whole span, its month kept
        m = _SINCE_MONTH.search(text)
        if m and not q.day:
            q.since_month = MONTHS[m.group(2)]
            q.months.discard(q.since_month)
        q.one_day = bool(_ONE_DAY.search(text))
        matches, fixed, q.corrections, q.weak_corrections = self.lexicon.scan(tokens)
        q.fixed = fixed
        if fixed != tokens:
            q.quantitative = q.quantitative or bool(_QUANT.search(" ".join(fixed)))
        covered: set[int] = set()
        person_ops: set[str] = set()
        for m in matches:
            covered.update(range(m.start, m.end))
            q.exact_matches += not m.fuzzy
            for c in sorted(m.concepts, key=lambda c: c.kind):
                self._collect(q, c, person_ops)
                if c.kind == "metric":
                    q.metric_at.append((m.start, c.key))
                    before = tokens[m.start - 1] if m.start else ""
                    if before.isdigit() and int(before) >= 5:  # "32 arrests", "5,875 hours"
                        q.counted.add(float(before))
                elif c.kind == "channel" and m.phrase not in GENERIC_CHANNEL_WORDS:
                    q.generic_channel = False
                if c.kind == "channel" and m.phrase not in _MODIFIER_CHANNEL_WORDS:
                    _add(q.specific_channels, c.key)
                elif c.kind == "force" and _descriptor(tokens, m.start, m.end):
                    _add(q.descriptor_forces, c.key)
                elif c == Concept("facet", "summary"):
                    q.summary_words.add(m.phrase)
                if c.kind == "facet":
                    q.facet_words[c.key] = max(q.facet_words.get(c.key, 0), m.end - m.start)
        for slot in (*_LIST_SLOTS.values(), "persons", "units"):
            setattr(q, slot, list(dict.fromkeys(getattr(q, slot))))
        for m in matches:  # "the April operation" names it; April is not a date filter then
            if any(c.kind == "op" for c in m.concepts):
                for tok in m.phrase.split():
                    if tok in MONTHS and tokens.count(tok) == 1:
                        q.months.discard(MONTHS[tok])
        q.all_metrics = list(q.metrics)
        if len(q.metrics) > 1:
            q.metrics = self._best_metrics(q, matches)
        if q.quantitative and len(q.metrics) > 1:
            q.metrics = _asked_metrics(tokens, q.metric_at) or q.metrics
        for i, tok in enumerate(fixed):
            if tok not in STOP and not tok.isdigit():
                q.content += 1
            if i in covered or tok in STOP or tok.isdigit() or tok in NUMBER_WORDS:
                continue
            if tok in MONTHS or tok.startswith("£") or _YEAR.match(tok):
                continue
            if tok in ("operation", "operations") and not q.ops:
                continue
            q.unexplained.append(tok)
            if tok in SUBJECT_WORDS:
                q.subjects.append(tok)
        m = _OP_NAME.search(text)
        if m and not q.ops:
            name = m.group(1)
            fix = self.lexicon.correct(name) if name not in self.lexicon.words else name
            op_words = self._op_words
            if name not in STOP and name not in MONTHS and name not in COMMON \
                    and name not in self.lexicon.words and (fix is None or fix not in op_words):
                q.unknown_op = name
        self._topic(q)
        text_unexplained = " " + " ".join(q.unexplained) + " "
        for alias, name in self._other_forces.items():
            if f" {alias} " in text_unexplained:
                q.other_force = name
                break
        m = _HOW_MANY_WHAT.search(" ".join(fixed))
        if m and m.group(1) in q.unexplained and m.group(1) not in q.subjects:
            q.subjects.insert(0, m.group(1))  # "how many <thing we don't count>"
        if m and m.group(1) in q.unexplained:
            at = fixed.index(m.group(1)) if m.group(1) in fixed else -1
            # "how many uninsured cars", "drink or drug drivers": words before what is counted
            gap = fixed[at + 1:at + 4]
            cut = next((i for i, w in enumerate(gap) if w in _VERBS), len(gap))
            if gap[:1] == ["of"] or not any(at < pos <= at + cut for pos, _ in q.metric_at):
                # "how many kilos of cocaine": the measure is what is asked, not the drug
                q.asked_noun = m.group(1)
        for i, tok in enumerate(tokens):  # "the manchester drugs operation": one we don't know
            if tok in ("operation", "operations", "crackdown") and not q.ops and not q.unknown_op:
                for prev in fixed[max(0, i - 3):i]:
                    if prev in q.unexplained and prev not in COMMON and len(prev) > 3 \
                            and re.search(r"[aeiou]", prev) and not self._near_op_word(prev):
                        q.unknown_op = prev
        return q

    def _topic(self, q: Query) -> None:
        """'the county lines week of action', 'the rural one': an operation named by words
        only its own text uses; those words are then understood, not unknown."""
        hits: dict[str, int] = {}
        for word in q.unexplained:
            op_id, weight = self.topic_index.get(singular(word), (None, 0))
            if op_id:
                hits[op_id] = hits.get(op_id, 0) + weight
        if not hits or q.ops:
            return
        best = max(hits.values())
        top = [op_id for op_id, n in hits.items() if n == best]
        if len(top) == 1 and best >= 2:  # one naming word, or two from its summary
            q.topic_ops = top
            words = {w for w in q.unexplained
                     if self.topic_index.get(singular(w), (None,))[0] == top[0]}
            q.unexplained = [w for w in q.unexplained if w not in words]
            q.subjects = [w for w in q.subjects if w not in words]

    def _near_op_word(self, word: str) -> bool:
        """A misspelling of an operation's own name word ('brdr' for 'border')."""
        found = process.extractOne(word, sorted(self._op_words), scorer=fuzz.ratio,
                                   score_cutoff=60)
        return found is not None

    def _best_metrics(self, q: Query, matches: list) -> list[str]:
        """Where one phrase names several metrics ('knives': found or surrendered?), keep those
        whose other words the message also uses ('knives were surrendered')."""
        words = {singular(w) for w in q.fixed} - STOP
        drop: set[str] = set()
        for m in matches:
            rivals = [c.key for c in m.concepts if c.kind == "metric"]
            if len(rivals) < 2:
                continue
            score = {r: len(words & self.metric_words.get(r, set())) for r in rivals}
            best = max(score.values())
            drop |= {r for r in rivals if score[r] < best}
        return [m for m in q.metrics if m not in drop] or q.metrics

    def _collect(self, q: Query, c: Concept, person_ops: set[str]) -> None:
        """Put a matched concept into its slot of the Query (`person_ops`: the operations
        whose people it names so far)."""
        kind, key = c.kind, c.key
        if kind in _LIST_SLOTS:  # appended: a phrase can name hundreds (deduplicated after)
            getattr(q, _LIST_SLOTS[kind]).append(key)
            if kind == "method":
                _add(q.facets, "methods")
        elif kind in _FLAG_SLOTS:
            setattr(q, _FLAG_SLOTS[kind], True)
        elif kind in ("person", "rank", "unit"):
            op_id, idx = key.split("#")
            if kind == "unit":
                q.units.append((op_id, int(idx)))  # deduplicated after, as the lists are
            elif kind == "person" or op_id not in person_ops:
                q.persons.append((op_id, int(idx)))  # a rank names someone only once
                person_ops.add(op_id)


# concept kind → the Query list it goes in, or the Query flag it sets
_LIST_SLOTS = {"op": "ops", "metric": "metrics", "force": "forces", "method": "method_ops",
               "focus": "focus_ops", "channel": "channels", "facet": "facets"}
_FLAG_SLOTS = {"scope": "scope_all", "reporting": "reporting", "hours": "hours_words"}


def _distinctive_words(knowledge: Knowledge) -> dict[str, tuple[str, int]]:
    """Words only one operation's own text uses, each with a weight: 2 from what names or
    describes it (name, aliases, focus, area, methods, units), 1 from its summary or source
    title. Enough to recognise an operation by description ('the rural one')."""
    seen: dict[str, dict[str, int]] = {}
    for op in knowledge.operations:
        source = knowledge.sources.get(op.id)
        strong = [op.name, *op.aliases, *op.focus, op.area or "", *op.methods,
                  *(u.name for u in op.units)]
        title = [source.title or ""] if source else []
        for weight, texts in ((2, strong), (1, [op.summary, *title])):
            for text in texts:
                for word in normalise(text).split():
                    if len(word) > 3 and word not in STOP and word not in COMMON \
                            and not word.isdigit():
                        per_op = seen.setdefault(singular(word), {})
                        per_op[op.id] = max(per_op.get(op.id, 0), weight)
    return {w: next(iter(ops.items())) for w, ops in seen.items() if len(ops) == 1}


def _descriptor(tokens: list[str], start: int, end: int) -> bool:
    """'with the Met', 'led by the Met', 'the Met-led operation': the force names the
    operation rather than asking for its own share."""
    before = tokens[max(0, start - 2):start]
    after = tokens[end:end + 1]
    # "Surrey Police's Operation Lanternfly": the force says whose operation it is
    window = tokens[max(0, start - 3):start]  # "led by (the) Met", not "seized by Essex"
    led_by = any(w == "by" and i > 0 and window[i - 1] in (
        "led", "run", "headed", "organised", "organized", "coordinated")
        for i, w in enumerate(window))
    return bool({"with", "alongside"} & set(before)) or led_by or after in (["led"],
                                                                             ["operation"])


def _asked_metrics(tokens: list[str], metric_at: list[tuple[int, str]]) -> list[str]:
    """In a long message naming several things, the ones right after each 'how many'."""
    asks = [i for i, t in enumerate(tokens[:-1])
            if (t == "how" and tokens[i + 1] in ("many", "much")) or
            (t == "number" and tokens[i + 1] == "of")]
    picked: list[str] = []
    for n, pos in enumerate(asks):
        end = asks[n + 1] if n + 1 < len(asks) else len(tokens)
        last = None
        for at, metric in sorted(metric_at):
            # the first thing asked for, and any joined to it ("operations and arrests")
            joined = last is not None and at - last <= 3 and bool(
                {"and", "or", "plus"} & set(tokens[last + 1:at]))
            if pos <= at < end and (last is None or joined):
                if metric not in picked:
                    picked.append(metric)
                last = at
    return picked


_HOLIDAY_WORDS = {
    "christmas": (12, 25, "Christmas Day"), "xmas": (12, 25, "Christmas Day"),
    "boxing day": (12, 26, "Boxing Day"), "new year": (1, 1, "New Year's Day"),
    "new years": (1, 1, "New Year's Day"), "christmas eve": (12, 24, "Christmas Eve"),
    "new years eve": (12, 31, "New Year's Eve"),
}
_WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
def target_day(q: Query, now: datetime,
               hours: OpeningHours | None = None) -> tuple[date, str] | None:
    """The day a question about opening hours is about, if it names one."""
    today = now.astimezone(LONDON).date()

    def next_date(month: int, day: int) -> date:
        d = date(today.year, month, day)
        return d if d >= today else date(today.year + 1, month, day)

    text = q.text
    for phrase in sorted(_HOLIDAY_WORDS, key=len, reverse=True):
        if re.search(rf"\b{phrase}\b", text):
            month, day, label = _HOLIDAY_WORDS[phrase]
            return next_date(month, day), f"On {label}"
    for name in ("good friday", "easter monday", "easter"):
        if name in text:
            for year in (today.year, today.year + 1):
                easter = (opening_hours.public_holidays(hours, year) if hours
                          else holidays.country_holidays("GB", subdiv="ENG", years=year))
                wanted = "Easter Monday" if name == "easter" else name.title()
                found = [d for d, n in easter.items() if n == wanted and d >= today]
                if found:
                    return found[0], f"On {wanted}"
    if "tomorrow" in text:
        return today + timedelta(days=1), "Tomorrow"
    for i, name in enumerate(_WEEKDAY_NAMES):
        if re.search(rf"\b{name}s?\b", text):
            ahead = (i - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead), f"On {name.title()}"
    if q.day and len(q.months) == 1:
        try:
            return next_date(next(iter(q.months)), q.day), "On"
        except ValueError:
            return None
    return None
