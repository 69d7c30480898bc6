"""Numbers in a release: which ones are figures, their values, and the words that qualify them.

"£15,000", "5,875", "six", "twenty-five", "a dozen", "£1.2m", "half a million pounds" and
"1.2kg" are numbers; dates, times, phone
numbers, web addresses, ages, percentages and compound adjectives ("three-day", "24-hour")
are not figures and are masked out before figures are looked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS)}
WORD_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})

WORD_VALUES.update({"a dozen": 12, "half a dozen": 6, "a hundred": 100, "a thousand": 1_000})
_WORD = r"(?:" + "|".join(sorted(WORD_VALUES, key=len, reverse=True)) + r")"
_HUNDREDS = rf"{_WORD}(?:[- ]{_WORD})?(?:\s+hundred(?:\s+and\s+{_WORD}(?:[- ]{_WORD})?)?)?"
_WORD_NUMBER = rf"{_HUNDREDS}(?:\s+thousand(?:,?\s+(?:and\s+)?{_HUNDREDS})?)?"
_SCALES = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
           "billion": 1_000_000_000, "bn": 1_000_000_000}
WEIGHTS = {"kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg",
           "kilograms": "kg", "g": "g", "grams": "g", "gram": "g", "tonnes": "tonnes",
           "tonne": "tonnes"}
"""How releases write a weight after a number ('1.2kg'), and the unit it is counted in."""
_WEIGHT = r"(?:" + "|".join(sorted(WEIGHTS, key=len, reverse=True)) + r")\b"
_POUNDS = r"\s+(?:pounds|pound|quid)\b"

NUMBER = re.compile(
    r"(?P<money>£\s?(?P<mdigits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<mfrac>\d+))?"
    r"(?:\s*(?P<mscale>million|billion|thousand)|(?P<mshort>m|bn|k))?\b)"
    rf"|(?P<wmoney>(?P<wm>{_WORD_NUMBER}|half\s+a|a\s+quarter\s+of\s+a|a|\d+(?:\.\d+)?)"
    rf"\s+(?P<wscale>million|billion|thousand){_POUNDS}"
    rf"|(?P<wm2>{_WORD_NUMBER}|\d{{1,3}}(?:,\d{{3}})+|\d+){_POUNDS})"
    r"|(?<![\w£.,/-])(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    rf"(?P<dscale>\s+(?:million|thousand))?(?:(?=\s?{_WEIGHT})|(?![\w/%-]|[.,]\d))"
    rf"|\b(?P<word>{_WORD_NUMBER})\b(?!-)",
    re.IGNORECASE,
)

_NOT_FIGURES = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\b24/7\b"  # times
    r"|\b0\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b"  # phone numbers
    r"|https?://\S+|www\.\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:uk|com|org|net|gov)\b\S*"
    r"|\b\d+(?:/\d+)+\b"  # references and dates like 12/05/2019
    r"|\baged\s+(?:between\s+)?\d+(?:\s*(?:and|to|or|-|–)\s*\d+)*"  # ages
    rf"|\baged\s+(?:between\s+)?{_WORD}(?:\s*(?:and|to|or|-|–)\s*{_WORD})*"
    rf"|\b(?:\d+|{_WORD})-(?!{_WORD}\b)\w+(?:-\w+)*"  # three-day, 24-hour, 15-year-old
    rf"|\b(?:\d+|{_WORD})\s+(?:days?|weeks?|months?|years?)\b(?!\s+(?:of|in)\s+prison)"
    r"|\b\d+(?:\.\d+)?\s*(?:%|per\s?cent\b|percent\b)"
    r"|\b(?:section|s\.)\s*\d+\w*"
    r"|\bclass\s+[abc]\b",
    re.IGNORECASE,
)
_PHONE_SHORT = re.compile(r"\b(?:101|999|111|105|112|18000|18001)\b")
_PHONE_CUE = re.compile(
    r"(?:call|dial|ring|phone|text|on|via|contact|digital|number|or)\s+(?:us\s+on\s+|the\s+)?$",
    re.IGNORECASE,
)

QUALIFIERS: list[tuple[str, str]] = [
    ("in excess of", "more_than"), ("upwards of", "more_than"), ("more than", "more_than"),
    ("just over", "more_than"), ("over", "more_than"),
    ("just under", "nearly"), ("just short of", "nearly"), ("close to", "nearly"),
    ("nearly", "nearly"), ("almost", "nearly"),
    ("approximately", "about"), ("an estimated", "about"), ("roughly", "about"),
    ("around", "about"), ("about", "about"), ("approx.", "about"), ("some", "about"),
    ("no fewer than", "at_least"), ("no less than", "at_least"), ("a minimum of", "at_least"),
    ("at least", "at_least"),
    ("as many as", "up_to"), ("a maximum of", "up_to"), ("up to", "up_to"),
    ("fewer than", "fewer_than"), ("less than", "fewer_than"), ("under", "fewer_than"),
]
_QUALIFIER_AT_END = re.compile(
    r"(?:^|(?<=\W))(?P<q>" + "|".join(re.escape(q) for q, _ in QUALIFIERS)
    + r")\s+(?:a total of\s+)?$",
    re.IGNORECASE,
)
QUALIFIER_WORDS = {q: name for q, name in QUALIFIERS}


@dataclass(frozen=True)
class Number:
    """A number in a sentence: where it is, its value, and whether it is money."""

    start: int
    end: int
    value: int | float
    money: bool
    text: str


def find_numbers(text: str, masked: Sequence[tuple[int, int]] = ()) -> list[Number]:
    """Numbers in `text` that may be figures (not times, phone numbers, ages ...).

    `masked` adds spans known not to hold figures, such as dates.
    """
    spans = [(m.start(), m.end()) for m in _NOT_FIGURES.finditer(text)] + list(masked)
    found = []
    for m in NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        if m["digits"] and _PHONE_SHORT.fullmatch(m["digits"]) and (
            _PHONE_CUE.search(text[: m.start()])
            or re.match(r"\s*(?:operator|number|line|service|calls?\b|or\b|[.,;)]|$)",
                        text[m.end():])
        ):
            continue
        found.append(Number(m.start(), m.end(), _value(m), bool(m["money"] or m["wmoney"]),
                            m[0]))
    return found


def qualifier_before(text: str) -> tuple[str, int]:
    """The qualifier ending `text` ("more than", "nearly" ...) and where it starts.

    Returns ("exact", len(text)) when there is none.
    """
    m = _QUALIFIER_AT_END.search(text)
    if not m:
        stripped = re.search(r"(?:a total of\s+)$", text, re.IGNORECASE)
        return "exact", stripped.start() if stripped else len(text)
    return QUALIFIER_WORDS[m["q"].lower()], m.start()


def word_value(text: str) -> int | float:
    """'six' → 6, 'twenty-five' → 25, 'two hundred and ten' → 210, 'a dozen' → 12,
    'half a' → 0.5 (of a million, say)."""
    text = " ".join(text.lower().split())
    if text in WORD_VALUES:
        return WORD_VALUES[text]
    if text.startswith(("half a", "a quarter")):
        return 0.5 if text.startswith("half") else 0.25
    if re.fullmatch(r"[\d,.]+", text):
        number = float(text.replace(",", ""))
        return int(number) if number == int(number) else number
    total = current = 0
    for w in re.findall(r"[a-z]+", text):
        if w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total, current = total + (current or 1) * 1000, 0
        elif w in WORD_VALUES:
            current += WORD_VALUES[w]
        elif w == "a":
            current += 1
    return total + current


def _value(m: re.Match[str]) -> int | float:
    if m["wmoney"]:
        value = word_value(m["wm"] or m["wm2"]) * _SCALES.get((m["wscale"] or "").lower(), 1)
        return int(value) if value == int(value) else value
    if m["word"]:
        return word_value(m["word"])
    digits, frac = (m["mdigits"], m["mfrac"]) if m["money"] else (m["digits"], m["frac"])
    value: float = float(digits.replace(",", "") + (f".{frac}" if frac else ""))
    scale = (m["mscale"] or m["mshort"] or "") if m["money"] else (m["dscale"] or "")
    value *= _SCALES.get(scale.strip().lower(), 1)
    return int(value) if value == int(value) else value
