"""Figures in a sentence: each number, what it counted, how it was qualified, and its role.

Rules, not a language model, so the behaviour is predictable and testable:
- the counted thing is the noun phrase after the number ("14 vehicles"), or after a total
  ("six of the 128 vehicles"), with the verb acting on it: before it ("seized 14 vehicles"),
  after it ("five vehicles were seized", "Nine of the test purchases failed"), or shared with
  the figure before it ("finding 18 knives and two machetes");
- "X of the total Y things" gives two figures: a part (one force's share) and a total;
- a number with no recognisable counted thing (a phone number, "nine other forces", "one
  example") is not a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.importer.dates import date_spans
from bot.importer.metrics import ACTION_NOUNS, LIGHT_VERBS, VERB_FORMS, Counted
from bot.importer.numbers import Number, find_numbers, qualifier_before
from bot.importer.sentences import Sentence

Role = Literal["plain", "part", "total"]

_NP_STOP = frozenset(
    "for in of to from with by at on and or but which that who were was have has had been being "
    "are is will would could can during across after before while as under since into over "
    "through including such than when where whose per each every also not there here it they "
    "we he she between among within without following about around near totalling totaling "
    "worth valued so this these those the a an".split()
)
_BAD_FIRST = frozenset("our their his her its my your which them us you these those".split())
_NOT_COUNTED = frozenset(
    "force forces other others example examples way ways thing things less more another part "
    "priority priorities reason reasons step steps hand hands of occasion occasions".split()
)
_TIME = frozenset("day days week weeks month months year years minute minutes second seconds "
                  "time times hour hours".split())
_HOURS_CUES = re.compile(r"\b(?:patrol\w*|extra|spent|dedicated|volunteer\w*|worked|overtime)\b",
                         re.IGNORECASE)
_PARTICIPLES = frozenset(
    "made taken found caught given seen held brought sold shown known done kept left sent spent "
    "paid put shot driven written told thrown stolen run won got".split()
)
_NOUN_ED = frozenset("speed breed need feed bleed seed shed steed greed red bed".split())
_PARTICLES = ("in", "out", "up", "over", "off", "down", "away", "back")
_PHRASAL = frozenset("carried handed turned given pulled shut dropped taken rounded".split())
_ING_NOUNS = frozenset(
    "policing driving shoplifting training speeding parking licensing offending drinking dealing "
    "safeguarding stalking poaching coursing fishing hunting housing building clothing "
    "engagement".split()
)
_NOT_VERBS = frozenset(
    "including totalling totaling being during following according nothing something morning "
    "evening bring thing anything everything king ring spring string wedding building".split()
)

_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
_STOP_AND_SEARCH = re.compile(r"\s*stops?[- ]and[- ]search(?:es)?\b", re.IGNORECASE)
_ESTIMATED = re.compile(r"\b(?:estimated|approximate|around|about)\b", re.IGNORECASE)
_PART_OF = re.compile(
    r"\s+(?:out\s+)?of\s+(?:the\s+|those\s+|these\s+|all\s+)?"
    r"(?:total\s+(?:number\s+of\s+)?|overall\s+|combined\s+)?",
    re.IGNORECASE,
)
_ACTIVE = re.compile(
    r"\b(?P<v>[a-z]+)(?:\s+(?P<p>" + "|".join(_PARTICLES) + r"))?\s+(?:also\s+)?$"
)
_MONEY_NOUN = re.compile(
    r"\b(?P<noun>[a-z]+)\s+(?:(?:totalling|totaling|worth|amounting to|valued at|of)"
    r"|(?:with|had)\s+an?\s+(?:estimated\s+|total\s+)?(?:street\s+)?value\s+of)\s+$"
)
_PASSIVE = re.compile(
    r"(?:\s*,[^,]{1,40},)?"  # "Two men, aged 24 and 31, were charged"
    r"(?:\s+(?!(?:and|but|while|whilst|who|which|where|after|before)\b)[A-Za-z'’-]+){0,6}?"
    r"\s+(?:(?:have|has|had)\s+(?:also\s+)?been|were|was|are|is|got)\s+"
    r"(?:also\s+|now\s+|all\s+|then\s+|later\s+|successfully\s+|subsequently\s+)?"
    r"(?P<v>[a-z]+)(?:\s+(?P<p>" + "|".join(_PARTICLES) + r")\b)?"
)
_INTRANSITIVE = re.compile(r"\s+(?P<v>failed|passed|complied|refused)\b")
_DETAIL = re.compile(
    r"^\s+(?P<d>(?:for|in connection with|on suspicion of)\s+.*?)"
    r"(?=,\s+[a-z]+ed\b|\s+and\s+(?:have\s+|has\s+|had\s+)?(?:been\s+)?[a-z]+ed\b|[;.]|$)"
)


@dataclass
class RawFigure:
    """A figure as found in one sentence, before its scope and metric are settled."""

    sentence: Sentence
    number: Number
    qualifier: str
    counted: Counted
    role: Role = "plain"
    detail: str | None = None
    quoted: bool = False

    @property
    def words(self) -> str:
        """The figure as the release put it, for messages: 'more than £15,000'."""
        q = "" if self.qualifier == "exact" else self.qualifier.replace("_", " ") + " "
        return f"{q}{self.number.text} {self.counted.surface}".strip()


def figures_in(sentence: Sentence) -> tuple[list[RawFigure], list[str]]:
    """The figures in `sentence`, and notes on numbers that looked like figures but were not."""
    text = sentence.text
    numbers = find_numbers(text, date_spans(text))
    figures: list[RawFigure] = []
    skipped: list[str] = []
    consumed: set[int] = set()
    prev_verb: str | None = None
    prev_end = -1
    for i, number in enumerate(numbers):
        if number.start in consumed:
            continue
        qualifier, qstart = qualifier_before(text[: number.start])
        total: Number | None = None
        part = _PART_OF.match(text, number.end)
        np_start = number.end
        if part and not number.money:
            np_start = part.end()
            total = next((n for n in numbers if n.start == np_start and not n.money), None)
            if total:
                consumed.add(total.start)
                np_start = total.end
        noun, np_end, verb_after = _noun_phrase(text, np_start)
        verb_pos = qstart
        if number.money:
            noun, np_end, verb_pos, verb_after = _money_noun(text, number, qstart, noun, np_end,
                                                             verb_after)
        elif part and not noun:
            part, total = None, None  # "one of our priorities": not a part of a figure
            noun, np_end, verb_after = _noun_phrase(text, number.end)
        if number.money and qualifier == "exact" and _ESTIMATED.search(text[verb_pos:qstart]):
            qualifier = "about"  # "drugs with an estimated street value of £75,000"
        active = _active_verb(text[:verb_pos])
        if active is None and prev_verb and re.fullmatch(r"\s*,?\s*(?:and\s+)?",
                                                         text[prev_end:qstart]):
            active = prev_verb  # "finding 18 knives and two machetes"
        following = verb_after or _following_verb(text, np_end)
        role: Role = "plain"
        if part and following is None and not number.money:
            role = "part"
        counted = Counted(noun, following or active, number.money)
        reason = _not_a_figure(number, counted, bool(active or following), text)
        if reason is not None:
            if reason and not sentence.in_quote(number.start):
                skipped.append(f"{number.text} {noun}".strip() + f": {reason}")
            continue
        bound = numbers[i + 1].start if i + 1 < len(numbers) else len(text)
        detail = _detail(text[np_end:bound])
        figure = RawFigure(sentence, number, qualifier, counted, role, detail,
                           sentence.in_quote(number.start))
        figures.append(figure)
        if total is not None:
            tq = qualifier_before(text[: total.start])[0]
            figures.append(RawFigure(sentence, total, tq, Counted(noun, active, False),
                                     "total" if role == "part" else "plain", None,
                                     sentence.in_quote(total.start)))
        prev_verb, prev_end = (active or following), np_end
    return figures, skipped


def _noun_phrase(text: str, pos: int) -> tuple[str, int, str | None]:
    """The noun phrase starting at `pos`, where it ends, and a participle right after it."""
    if m := _STOP_AND_SEARCH.match(text, pos):
        return "stop and searches", m.end(), None
    words: list[str] = []
    end = pos
    while len(words) < 4:
        m = _WORD.match(text, end)
        if not m:
            break
        word = m[1].lower()
        if not words and word in _BAD_FIRST:
            return "", pos, None
        if word in _NP_STOP:
            break
        if words and (_is_participle(word) or (word.endswith("ing") and word not in _ING_NOUNS)):
            if _is_participle(word):
                verb, verb_end = _with_particle(text, word, m.end())
                return " ".join(words), verb_end, verb
            break
        if words and m[1][0].isupper() and not words[-1][0].isupper():
            break
        words.append(m[1])
        end = m.end()
    return " ".join(words), end, None


def _money_noun(text: str, number: Number, qstart: int, noun: str, np_end: int,
                verb_after: str | None) -> tuple[str, int, int, str | None]:
    """For money, the thing it was: 'cash totalling £X', '£X in cash', '£X seized'."""
    before = _MONEY_NOUN.search(text[:qstart])
    if before:
        return before["noun"], number.end, before.start(), None
    after = re.match(r"\s+(?:in|of)\s+", text[number.end:])
    if after:
        noun, end, verb = _noun_phrase(text, number.end + after.end() - 1)
        return noun, end, qstart, verb
    m = _WORD.match(text, number.end)
    if m and _is_participle(m[1].lower()):
        verb, end = _with_particle(text, m[1].lower(), m.end())
        return "", end, qstart, verb
    return "", number.end, qstart, None


def _active_verb(before: str) -> str | None:
    m = _ACTIVE.search(before.lower())
    if not m:
        return None
    verb = m["v"]
    phrasal = f"{verb} {m['p']}" if m["p"] else verb
    if phrasal in VERB_FORMS or verb in VERB_FORMS or verb in LIGHT_VERBS or (
        verb not in _NOT_VERBS and (_is_participle(verb) or verb.endswith("ing"))
    ):
        return phrasal if m["p"] and verb not in VERB_FORMS else verb
    return None


def _following_verb(text: str, pos: int) -> str | None:
    m = _INTRANSITIVE.match(text, pos) or _PASSIVE.match(text, pos)
    if not m or not (_is_participle(m["v"]) or m["v"] in VERB_FORMS):
        return None
    return _with_particle(text, m["v"], m.end("v"))[0] if "p" in m.groupdict() else m["v"]


def _with_particle(text: str, verb: str, pos: int) -> tuple[str, int]:
    m = re.match(r"\s+(" + "|".join(_PARTICLES) + r")\b", text[pos:])
    if m and (f"{verb} {m[1]}" in VERB_FORMS or verb in _PHRASAL):
        return f"{verb} {m[1]}", pos + m.end()
    return verb, pos


def _is_participle(word: str) -> bool:
    return word in _PARTICIPLES or (len(word) > 4 and word.endswith("ed")
                                    and word not in _NOUN_ED)


def _not_a_figure(number: Number, counted: Counted, has_verb: bool, text: str) -> str | None:
    """Why this number is not a figure ('' to skip silently), or None if it is one."""
    head = counted.head
    if number.money:
        return None
    if not counted.noun or head in _NOT_COUNTED:
        return ""
    if head in _TIME and not (head.startswith("hour") and _HOURS_CUES.search(text)):
        return ""
    if number.text.lower() == "one" and not has_verb:
        return ""
    if not has_verb and head not in ACTION_NOUNS:
        return "the release does not say what was done, so it was not imported"
    return None


def _detail(after: str) -> str | None:
    m = _DETAIL.match(after)
    return m["d"].strip(" ,") if m else None
