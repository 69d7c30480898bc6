"""Danger told in everyday words, understood by composing word classes.

The words live in `bot/language/danger.yaml` (classes, rules, cancellers, each rule with
examples and counter-examples); this module holds no words of its own. A message is read once
into a `DangerReading`: which classes it contains, which rules they complete, and what
cancels them. `bot.triage` combines the reading with its own view of time (past, statistics,
hypothetical) into a graded verdict: sure (the 999 card), possible (one 999 line first) or none.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Level = Literal["sure", "possible"]
Situation = Literal["police", "medical", "fire", "suicide", "silent"]

DATA = Path(__file__).parent / "language" / "danger.yaml"
_REF = re.compile(r"\{([a-z_]+)\}")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    when: list[str] = Field(min_length=1)
    level: Level
    situation: Situation
    ongoing: bool = False  # a state that is still true now, even when told with a past date
    ordered: bool = False  # the classes occur in the order of `when`
    within: int | None = Field(default=None, ge=1)  # all of them within this many words
    examples: list[str] = Field(min_length=1)
    counter_examples: list[str] = Field(min_length=1)


class WordClass(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    words: list[str] = Field(min_length=1)

    @field_validator("words")
    @classmethod
    def _plain(cls, words: list[str]) -> list[str]:
        for word in words:
            if word != word.lower().strip() or not word:
                raise ValueError(f"{word!r}: words are written in lower case, no spaces around")
        return words


class Cancellers(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    idiom: list[str]
    joke: list[str]
    conditional: list[str]
    negated: list[str]
    safe_now: list[str]
    asking: list[str]  # a question about how the police work or about figures
    already_called: list[str]
    fiction: list[str]


class CancelCheck(BaseModel):
    """Messages a canceller must catch, and messages it must leave alone."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    examples: list[str] = Field(min_length=1)
    counter_examples: list[str] = Field(min_length=1)


class DangerLanguage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    classes: dict[str, WordClass]
    rules: list[Rule]
    cancel: Cancellers
    cancel_examples: dict[str, CancelCheck]


class DangerDataError(ValueError):
    """The danger language file is malformed; `problems` name the file and field of each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def validate(data: object, path: Path = DATA) -> DangerLanguage:
    """The parsed language, or DangerDataError naming the file and field of every problem."""
    try:
        lang = DangerLanguage.model_validate(data)
    except ValidationError as exc:
        raise DangerDataError([f"{path}: {'.'.join(map(str, e['loc']))}: {e['msg']}"
                               for e in exc.errors()]) from None
    problems = []
    for name, wc in lang.classes.items():
        for word in wc.words:
            for ref in _REF.findall(word):
                if ref not in lang.classes or ref == name:
                    problems.append(f"{path}: classes.{name}.words: {word!r} names an unknown "
                                    f"class {{{ref}}}")
    for i, rule in enumerate(lang.rules):
        for name in rule.when:
            if name not in lang.classes:
                problems.append(f"{path}: rules[{i}] ({rule.id}).when: unknown class {name!r}")
    kinds = set(Cancellers.model_fields)
    for name in sorted(set(lang.cancel_examples) - kinds):
        problems.append(f"{path}: cancel_examples.{name}: no such canceller")
    for name in sorted(kinds - set(lang.cancel_examples)):
        problems.append(f"{path}: cancel_examples.{name}: missing (every canceller carries "
                        "examples and counter-examples)")
    if problems:
        raise DangerDataError(problems)
    return lang


def _pattern(word: str, lang: DangerLanguage, depth: int = 0) -> str:
    parts = []
    for piece in re.split(r"(\{[a-z_]+\})", word):
        if m := _REF.fullmatch(piece):
            inner = lang.classes[m.group(1)].words
            parts.append("(?:" + "|".join(_pattern(w, lang, depth + 1) for w in inner) + ")")
        elif piece:
            parts.append(" ".join(_token(tok) for tok in piece.split(" ")))
    return "".join(parts)


# The endings a stem ("stab*", "batter*") may take: the forms of one word ("stabbed",
# "battering", "kidnapper", "burnt"), not another word that starts the same ("stable",
# "battery", "harmless", "punchline", "kickoff").
_ENDINGS = r"(?:(?:e|ed|es|ing|ings|er|ers|or|ors|ion|ions|en|ous)|s|d|t|ment|ments)"


def _token(tok: str) -> str:
    """One word of a class: '_' is any one or two words, a final '*' the word's own endings
    (its last consonant doubled before a vowel: "stab*" is "stabbing")."""
    if tok == "_":
        return r"\w+(?: \w+)?"
    if tok == "##":
        return r"[1-9]\d+"
    if not tok.endswith("*"):
        return re.escape(tok)
    stem = tok.rstrip("*")
    return re.escape(stem) + f"(?:{re.escape(stem[-1])}?{_ENDINGS})?"


def _union(words: list[str], lang: DangerLanguage) -> re.Pattern[str]:
    alts = sorted((_pattern(w, lang) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(alts) + r")(?![\w'])")


def _raw_union(words: list[str]) -> re.Pattern[str]:
    """For markers such as emoji and 'lol', looked for in the message as typed."""
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


@dataclass(frozen=True)
class Compiled:
    classes: dict[str, re.Pattern[str]]
    # the first word of each way of saying a class: a class is searched for only when one of
    # them is in the message (a stem for words ending in *)
    firsts: dict[str, tuple[frozenset[str], tuple[str, ...]]]
    # the same, turned round: a first word (or stem) → the classes it may start
    by_first: dict[str, frozenset[str]]
    stem_lengths: tuple[int, ...]
    rules: tuple[Rule, ...]
    idiom: re.Pattern[str]
    joke: re.Pattern[str]
    conditional: re.Pattern[str]
    negated: re.Pattern[str]
    safe_now: re.Pattern[str]
    asking: re.Pattern[str]
    already_called: re.Pattern[str]
    fiction: re.Pattern[str]


def compile_language(lang: DangerLanguage) -> Compiled:
    c = lang.cancel
    firsts = {name: _firsts(wc.words, lang) for name, wc in lang.classes.items()}
    return Compiled(
        classes={name: _union(wc.words, lang) for name, wc in lang.classes.items()},
        firsts=firsts, by_first=_by_first(firsts),
        stem_lengths=tuple(sorted({len(s) for _, stems in firsts.values() for s in stems})),
        rules=tuple(lang.rules),
        idiom=_union(c.idiom, lang), joke=_raw_union(c.joke),
        conditional=_union(c.conditional, lang), negated=_union(c.negated, lang),
        safe_now=_union(c.safe_now, lang), asking=_union(c.asking, lang),
        already_called=_union(c.already_called, lang),
        fiction=_union(c.fiction, lang),
    )


def _firsts(words: list[str], lang: DangerLanguage) -> tuple[frozenset[str], tuple[str, ...]]:
    exact: set[str] = set()
    stems: set[str] = set()
    for word in words:
        head = word.split(" ")[0]
        if m := _REF.fullmatch(head):
            inner_exact, inner_stems = _firsts(lang.classes[m.group(1)].words, lang)
            exact |= inner_exact
            stems |= set(inner_stems)
        elif head == "##":
            stems.update("123456789")
        elif head.endswith("*"):
            stems.add(head.rstrip("*"))
        else:
            exact.add(head)
    return frozenset(exact), tuple(sorted(stems))


def _by_first(firsts: dict[str, tuple[frozenset[str], tuple[str, ...]]]
              ) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for name, (exact, stems) in firsts.items():
        for word in (*exact, *stems):
            index.setdefault(word, set()).add(name)
    return {word: frozenset(names) for word, names in index.items()}


def _candidates(words: frozenset[str], lang: Compiled) -> set[str]:
    """The classes one of whose first words (or stems) is in the message: only these are
    searched for."""
    found: set[str] = set()
    index = lang.by_first
    for word in words:
        found.update(index.get(word, ()))
        for n in lang.stem_lengths:
            if n > len(word):
                break
            found.update(index.get(word[:n], ()))
    return found


@cache
def language() -> Compiled:
    """The danger language, loaded and compiled once."""
    return compile_language(load())


def load(path: Path = DATA) -> DangerLanguage:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DangerDataError([f"{path}: {exc}"]) from None
    return _parsed(str(path), text)


@lru_cache(maxsize=4)
def _parsed(path: str, text: str) -> DangerLanguage:
    """The file read once per content (triage's patterns, the danger language and the
    spelling vocabulary all start from it), with libyaml's parser when there is one."""
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise DangerDataError([f"{path}: {exc}"]) from None
    return validate(data, Path(path))


@dataclass(frozen=True)
class DangerReading:
    """What a message says about danger, before time and intent are weighed."""

    text: str  # the normalised message with idioms removed
    found: frozenset[str]  # the classes present
    rule: Rule | None  # the strongest rule the classes complete
    joking: bool
    conditional: bool
    negated: bool
    safe_now: bool
    asking: bool
    already_called: bool
    fiction: bool

    @property
    def lowered(self) -> int:
        """How many levels the cancellers take off ('lol', 'kill me if', 'not in danger', 'a
        programme about', 'do the police…')."""
        return int(self.joking) + int(self.conditional) + int(self.negated) + \
            int(self.fiction) + int(self.asking) + 2 * int(self.safe_now)


_ORDER = {"sure": 0, "possible": 1}


def _close(rule: Rule, text: str, lang: Compiled) -> bool:
    """Whether the rule's classes occur in order and near enough, where the rule asks it:
    ordered, each class after the one before; `within`, each within that many words of the
    first class's word. Linear in the matches, so a hostile message can't make it slow."""
    if not rule.ordered and rule.within is None:
        return True
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    positions = [[bisect_left(spaces, m.start()) for m in lang.classes[name].finditer(text)]
                 for name in rule.when]
    limit = rule.within if rule.within is not None else len(spaces) + 1
    for first in positions[0]:
        at, ok = first, True
        for later in positions[1:]:
            lo = bisect_left(later, at if rule.ordered else first - limit)
            if lo == len(later) or abs(later[lo] - first) > limit:
                ok = False
                break
            at = later[lo]
        if ok:
            return True
    return False


def pattern(*names: str) -> str:
    """A regular expression (no groups captured) for the words of these classes, for rules
    written as patterns (bot.triage) that share the classes rather than restate them."""
    lang = load()
    alts = sorted((_pattern(w, lang) for n in names for w in lang.classes[n].words),
                  key=len, reverse=True)
    return "(?:" + "|".join(alts) + ")"


def without_idioms(prepared: str) -> str:
    """`prepared` with idioms that borrow danger words ('dying to know') taken out."""
    return language().idiom.sub(" ", prepared)


def read(prepared: str, typed: str) -> DangerReading:
    """Read `prepared` (normalised, contractions folded) and `typed` (as the person typed it)."""
    lang = language()
    text = without_idioms(prepared)
    words = frozenset(text.split())
    found = frozenset(name for name in _candidates(words, lang)
                      if lang.classes[name].search(text))
    fired = [r for r in lang.rules if found.issuperset(r.when) and _close(r, text, lang)]
    fired.sort(key=lambda r: (_ORDER[r.level], -len(r.when)))
    return DangerReading(
        text=text, found=found, rule=fired[0] if fired else None,
        joking=bool(lang.joke.search(typed.lower())),
        conditional=bool(lang.conditional.search(prepared)),
        negated=_uncontrasted(lang.negated, prepared),
        safe_now=_uncontrasted(lang.safe_now, prepared),
        asking=_uncontrasted(lang.asking, prepared),
        already_called=bool(lang.already_called.search(prepared)),
        fiction=bool(lang.fiction.search(prepared)),
    )


_BUT = re.compile(r"\b(but|except|although|though)\b")
# What, said after a 'but', takes back a reassurance: danger told in the present.
_TAKES_BACK = ("weapon", "threat", "violence", "bodily_state", "fire", "entry", "hiding",
               "water_trouble", "self_harm", "followed", "abduction")


def _uncontrasted(rx: re.Pattern[str], prepared: str) -> bool:
    """Whether a reassurance or a question stands: "I'm home now BUT he's outside with a
    hammer" takes it back (danger after the 'but', not placed in the past); "I'm fine now
    but I'd like advice on an order" doesn't."""
    lang = language()
    for m in rx.finditer(prepared):
        but = _BUT.search(prepared, m.end())
        if but is None:
            return True
        tail = prepared[but.end():]
        if lang.classes["told_past"].search(tail) or not any(
                lang.classes[name].search(tail) for name in _TAKES_BACK):
            return True
    return False


def cancels(kind: str, prepared: str, typed: str) -> bool:
    """Whether canceller `kind` ('idiom', 'asking', …) is found in the message."""
    lang = language()
    if kind == "joke":
        return bool(lang.joke.search(typed.lower()))
    if kind in ("negated", "safe_now", "asking"):
        return _uncontrasted(getattr(lang, kind), prepared)
    return bool(getattr(lang, kind).search(prepared))


@cache
def _single_words(name: str) -> frozenset[str]:
    return frozenset(w for w in load().classes[name].words if " " not in w)


def is_word(word: str, name: str) -> bool:
    """Whether `word` is one of class `name`'s single words."""
    return word in _single_words(name)


# Classes a misspelt word is never corrected to: everyday objects that are danger only in
# someone's hands ("the polis" is not "the poles"), and the words that cancel or frame danger.
_NOT_CORRECTED_TO = frozenset({
    "improvised", "info_open", "process", "service", "thing", "nobody", "modifier",
    "compound_head", "abstract", "aspire", "safe_self", "safe_state", "question_open",
    "urgent_ask", "intensifier", "ordeal", "told_past"})


def words() -> set[str]:
    """Every single word of the danger classes, for spelling correction."""
    out: set[str] = set()
    for name, wc in load().classes.items():
        if name in _NOT_CORRECTED_TO:
            continue
        for word in wc.words:
            out.update(w.rstrip("*") for w in _REF.sub(" ", word).split() if len(w) >= 5)
    return out
