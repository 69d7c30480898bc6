"""Redaction: take out of a message whatever could identify a person, before it is stored.

Removed: phone numbers (UK and international), e-mail addresses (also "jo at gmail dot com"),
UK postcodes, vehicle registrations (current, prefix, suffix and dateless formats), street
addresses with a house number, names after "my name is", "I'm called", "this is Kate" and the
like, dates of birth, National Insurance numbers and long account or reference numbers.
Kept, because editors need them and they identify nobody: helplines ("0800 555 111", "101",
"999", "18001 101"), road names ("A12", "M25"), figures ("215 arrests", "£40,000") and dates.

Each detector finds spans in the original text; a stretch claimed by an earlier detector cannot
be claimed by a later one. Some detectors claim a stretch only to keep it (a date, a helpline),
which shields its digits from the cruder detectors after them. When in doubt a detector
redacts: too much redaction costs an editor a word, too little exposes a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

# (start, end, label): the label replaces the text as "[label]"; None keeps the text as written.
Span = tuple[int, int, str | None]
Detector = Callable[[str], Iterator[Span]]

MAX_INPUT = 8192  # longer input is cut at a word boundary first (Telegram allows 4096)

_LETTER = r"[^\W\d_]"


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` (long word lists read better as text)."""
    return frozenset(text.split())


_NAME_WORD = re.compile(rf"\s*({_LETTER}+(?:['’.-]{_LETTER}+)*)(?![\w'’-])")

# Words that end a name ("my name is john and ...") or that are not a street's name.
_STOP = word_set("""
a about after again all also am an and any are as asap at away back be because been before
being below between both but by can cannot could did do does doing down during each few for
from further had has have having he her here hers him his how i i'd i'll i'm im i've if in into
is it it's its just me more most my no nor not now of off on once only or other our out over
own please same she should so some still such than that the their them then there these they
this those through to today tomorrow too under until up very was we were what when where which
while who whom why will with would yesterday you your yours
""")

# Capitalised words that follow "this is" / "I'm" / "thanks" without being a name.
_NOT_NAMES = word_set("""
operation operations police constable officer crimestoppers crime the a an not just so very
really sorry worried concerned looking trying asking writing calling here there it this that
what why how when where urgent important scared afraid still also ok okay fine interested
curious new going thinking wondering hoping getting feeling happy unhappy confused lost
desperate disabled deaf blind in on at about regarding re hello hi hey dear all everyone
team sir madam british english scottish welsh irish anonymous unsure aware sure glad
grateful pleased after from with for and or but is was being having living staying
essex kent london met suffolk norfolk sussex surrey england scotland wales britain uk
""")

_RELATIONS = (
    "son|daughter|husband|wife|partner|boyfriend|girlfriend|fianc[eé]e?|neighbou?r|friend|"
    "brother|sister|mum|mom|mother|dad|father|uncle|aunt|auntie|nephew|niece|cousin|grandson|"
    "granddaughter|gran|grandad|grandma|grandpa|nan|colleague|boss|landlord|landlady|ex|child|"
    "kid|carer|lodger|flatmate|stepson|stepdaughter|stepdad|stepmum"
)


# ----------------------------------------------------------------------------- e-mail

_TLD = r"com|co|uk|org|net|gov|ac|nhs|police|info|me|io|ie|eu|edu|biz|scot|wales|london|de|fr"
_AT = r"(?:\s*@\s*|\s*[(\[{]\s*at\s*[)\]}]\s*|\s+at\s+)"
_DOT = r"(?:\s*\.\s*|\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+dot\s+)"
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_EMAIL_SPELT = re.compile(
    rf"[\w.+'-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}(?:{_TLD})\b(?!{_DOT}\w)", re.IGNORECASE
)


def _emails(text: str) -> Iterator[Span]:
    for pattern in (_EMAIL, _EMAIL_SPELT):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), "email"


# ----------------------------------------------------------------------------- dates

_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*")
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{2,4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}})"
)
_DATE_KEEP = re.compile(rf"(?<![\w/.-]){_DATE}(?![\w/])", re.IGNORECASE)
_DATE_OF_BIRTH = re.compile(
    r"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*day|born(?:\s+on)?)\s*(?:is|was|:|-)?\s*"
    rf"(?P<date>{_DATE})(?![\w/])",
    re.IGNORECASE,
)


def _dates_of_birth(text: str) -> Iterator[Span]:
    for m in _DATE_OF_BIRTH.finditer(text):
        yield m.start("date"), m.end("date"), "date of birth"


def _dates(text: str) -> Iterator[Span]:
    for m in _DATE_KEEP.finditer(text):
        yield m.start(), m.end(), None


# ----------------------------------------------------------------------------- phones

_SEP = r"(?:\s?[()]\s?|[ .\-])?"
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    rf"\+\s?\d(?:{_SEP}\d){{7,14}}"  # +44 7700 900123, +44 (0)20 7946 0018, +33 6 12 34 56 78
    rf"|00\s?[1-9](?:{_SEP}\d){{7,14}}"  # 0044 7700 900 123
    rf"|\(?0\d(?:{_SEP}\d){{8,11}}"  # 07700 900123, (020) 7946 0018
    r"|7\d{3} ?\d{6}"  # a mobile without its 0: 7700 900123
    r")(?!\d)(?![.\-]\d)"
)
# Organisations' numbers (03 non-geographic, 080x freephone, 084/087, 09) are nobody's own.
_ORGANISATION_NUMBER = re.compile(r"\(?0[389]\d{2}\)?[ -]?\d{3}[ -]?\d{3,4}(?!\d)")
_PHONE_CONTEXT = re.compile(
    r"\b(?:call\s+me|ring\s+me|text\s+me|phone\s+me|contact\s+me|reach\s+me|whats\s?app(?:\s+me)?|"
    r"(?:my\s+)?(?:mobile|mob|tel|telephone|landline|(?:phone|contact|mobile)\s+number|"
    r"number)(?:\s+(?:is|no\.?|number))*)"
    r"\s*(?:on|at|is|:|-)?\s*"
    rf"(?P<number>\+?\(?\d(?:{_SEP}\d){{5,14}})(?!\d)",
    re.IGNORECASE,
)


def _phones(text: str) -> Iterator[Span]:
    pos = 0
    while m := _PHONE.search(text, pos):
        organisation = _ORGANISATION_NUMBER.match(text, m.start())
        if organisation:  # keep the helpline, then look again right after it
            yield organisation.start(), organisation.end(), None
            pos = organisation.end()
        else:
            yield m.start(), m.end(), "phone"
            pos = m.end()


def _phones_in_context(text: str) -> Iterator[Span]:
    for m in _PHONE_CONTEXT.finditer(text):
        yield m.start("number"), m.end("number"), "phone"


# ----------------------------------------------------------------------------- other numbers

_NATIONAL_INSURANCE = re.compile(
    r"(?<![\w])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w])", re.IGNORECASE
)
_LONG_NUMBER = re.compile(r"(?<![\w£$€.,])\d{8,}(?!\d)|(?<![\w])\d{4}(?:[ -]\d{4}){3}(?!\d)")


def _national_insurance(text: str) -> Iterator[Span]:
    for m in _NATIONAL_INSURANCE.finditer(text):
        yield m.start(), m.end(), "NI number"


def _long_numbers(text: str) -> Iterator[Span]:
    for m in _LONG_NUMBER.finditer(text):
        yield m.start(), m.end(), "number"


# ----------------------------------------------------------------------------- postcodes

_POSTCODE_AREAS = word_set("""
AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT
DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE
LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM
SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
""")
_POSTCODE = re.compile(
    r"(?<![\w])(?P<outward>(?P<area>[A-Z]{1,2})\d[A-Z\d]?)[ \t]{0,2}"
    r"(?P<inward>\d[A-Z]{2})(?![\w])",
    re.IGNORECASE,
)
_ROAD = re.compile(r"[ABM]\d+", re.IGNORECASE)
_ORDINAL = re.compile(r"1st|2nd|3rd|\dth", re.IGNORECASE)


def _postcodes(text: str) -> Iterator[Span]:
    for m in _POSTCODE.finditer(text):
        if m["area"].upper() not in _POSTCODE_AREAS:
            continue
        outward, inward = m["outward"], m["inward"]
        if (_ROAD.fullmatch(outward) and outward.isupper() and inward.islower()
                and _ORDINAL.fullmatch(inward)):
            continue  # "the M25 3rd exit", "B1008 2nd left" (but "B33 8TH" is Birmingham)
        yield m.start(), m.end(), "postcode"


# ----------------------------------------------------------------------------- vehicles

_REG_CURRENT = re.compile(r"(?<![\w])[A-Z]{2}\d{2}[ \t]?[A-Z]{3}(?![\w])", re.IGNORECASE)
_REG_PREFIX = re.compile(r"(?<![\w])[A-Z]\d{1,3}[ \t]?(?P<letters>[A-Z]{3})(?![\w])",
                         re.IGNORECASE)
_REG_SUFFIX = re.compile(
    r"(?<![\w])(?P<letters>[A-Z]{3})[ \t]?(?P<digits>\d{1,3})[ \t]?[A-Z](?![\w])", re.IGNORECASE
)
_REG_DATELESS = re.compile(
    r"(?<![\w])(?:[A-Z]{1,3}[ \t]?\d{1,4}|\d{1,4}[ \t]?[A-Z]{1,3})(?![\w])", re.IGNORECASE
)
_PLATE_WORDS = re.compile(
    r"\b(?:reg(?:istration)?(?:\s+(?:no|number|plate))?|(?:number\s*)?plates?|vrm)\b"
    r"\s*(?:is|was|:|-|of)?\s*$",
    re.IGNORECASE,
)
_VEHICLE_WORDS = re.compile(
    r"\b(?:car|cars|van|vans|vehicle|motorbike|motorcycle|bike|lorry|truck|taxi|moped|scooter|"
    r"reg(?:istration)?|plates?|vrm)\b",
    re.IGNORECASE,
)
_SERVICE_NUMBERS = frozenset({"999", "101", "111", "112", "55"})


def _plate_context(text: str, start: int) -> tuple[bool, bool]:
    """(a plate word right before, a vehicle word within the 40 characters before)."""
    before = text[max(0, start - 40):start]
    return bool(_PLATE_WORDS.search(before[-25:])), bool(_VEHICLE_WORDS.search(before))


def _vehicles(text: str) -> Iterator[Span]:
    for m in _REG_CURRENT.finditer(text):
        yield m.start(), m.end(), "vehicle"
    for pattern in (_REG_PREFIX, _REG_SUFFIX):
        for m in pattern.finditer(text):
            plate, vehicle = _plate_context(text, m.start())
            letters = m["letters"]
            plausible = letters.lower() not in _STOP and m.groupdict().get(
                "digits") not in _SERVICE_NUMBERS
            if plate or (plausible and (vehicle or m[0].isupper())):
                yield m.start(), m.end(), "vehicle"
    for m in _REG_DATELESS.finditer(text):
        if _plate_context(text, m.start())[0]:
            yield m.start(), m.end(), "vehicle"


# ----------------------------------------------------------------------------- addresses

_STREET = (
    r"street|st|road|rd|avenue|ave|lane|ln|crescent|cres|terrace|terr|gardens|gdns|mews|"
    r"boulevard|blvd|grove|gr"
)
_PLACE = (
    r"way|walk|park|hill|green|view|rise|gate|row|place|pl|court|ct|square|sq|drive|dr|close|"
    r"parade|vale|wharf|yard|fold|croft|meadows?|end|grange|heights|path|quay|bank|brow|wynd|"
    r"chase|fields?|manor|circus|embankment|approach|hollow|side"
)
_HOUSE_NUMBER = (
    r"(?:(?:flat|apartment|apt|unit)\s*\d{1,4}[a-z]?\s*,?\s*)?\d{1,4}[a-z]?(?:-\d{1,4})?"
)
_STREET_WORD = rf"{_LETTER}+(?:['’.-]{_LETTER}+)*\s+"
_ADDRESS = re.compile(  # "12 The Green" or "12 [Old] Mill Lane": at least one word before "Lane"
    rf"(?<![\w£$€.,/])(?P<number>{_HOUSE_NUMBER}),?\s+(?P<name>the\s+(?:{_STREET_WORD}){{0,3}}?"
    rf"|(?:{_STREET_WORD}){{1,3}}?)(?P<kind>(?P<street>{_STREET})|{_PLACE})\b\.?",
    re.IGNORECASE,
)
_ADDRESS_CONTEXT = re.compile(
    r"\b(?:(?:i|we|he|she|they|who)\s+(?:live|lives|living|am\s+living|are\s+living)\s+at|"
    r"living\s+at|staying\s+at|address(?:\s+is)?\s*:?|lives?\s+at)\s+"
    rf"(?P<address>{_HOUSE_NUMBER},?(?:\s+{_LETTER}+(?:['’.-]{_LETTER}+)*){{1,4}})",
    re.IGNORECASE,
)


def _addresses(text: str) -> Iterator[Span]:
    for m in _ADDRESS_CONTEXT.finditer(text):
        words = list(_NAME_WORD.finditer(text, m.start("address"), m.end("address")))
        end = m.end("address")
        for w in words:  # stop before a word that cannot be part of a street's name
            if w[1].lower() in _STOP:
                end = w.start()
                break
        yield m.start("address"), end, "address"
    for m in _ADDRESS.finditer(text):
        name_words = m["name"].split()
        if any(w.lower() in _STOP and w.lower() != "the" for w in name_words):
            continue
        if not m["street"] and not all(w[0].isupper() for w in (*name_words, m["kind"])):
            continue  # "3 people walk", "2 cars park": a place word needs Title Case
        yield m.start(), m.end(), "address"


# ----------------------------------------------------------------------------- names

_INTRO_ANY_CASE = re.compile(
    r"\b(?:my\s+name\s+is|my\s+name['’]?s|name\s*:|(?:i\s+am|i['’]?m|im)\s+called|"
    r"they\s+call\s+me|known\s+as|my\s+(?:first|full|last|sur)\s*name\s+is)\s+",
    re.IGNORECASE,
)
_INTRO_CAPITALISED = re.compile(
    rf"\b(?:this\s+is|it['’]?s|i\s+am|i['’]?m|im|call\s+me|my\s+(?:{_RELATIONS})(?:['’]s)?"
    r"(?:\s+(?:called|named))?|(?:mr|mrs|ms|miss|mx|dr|sir|dame|lady|lord)\.?)\s+",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"\b(?:thanks|thank\s+you|many\s+thanks|cheers|regards|kind\s+regards|"
    r"best\s+wishes|yours(?:\s+sincerely|\s+faithfully)?|love)\s*,?\s+(?=\S)",
    re.IGNORECASE,
)


def _name_after(text: str, pos: int, *, capitalised: bool) -> Span | None:
    """The span of up to three name words starting at `pos`, or None."""
    start = end = None
    for count in range(3):
        w = _NAME_WORD.match(text, pos)
        if not w:
            break
        word = w[1]
        if word.lower() in _STOP or (capitalised and (
                not word[0].isupper() or word.lower() in _NOT_NAMES)):
            break
        if count == 0 and not capitalised and word.lower() in _NOT_NAMES - {"dear"}:
            break
        start = w.start(1) if start is None else start
        end = pos = w.end(1)
    if start is None:
        return None
    return start, end, "name"


def _names(text: str) -> Iterator[Span]:
    for m in _INTRO_ANY_CASE.finditer(text):
        if span := _name_after(text, m.end(), capitalised=False):
            yield span
    for m in _INTRO_CAPITALISED.finditer(text):
        if span := _name_after(text, m.end(), capitalised=True):
            yield span
    for m in _SIGN_OFF.finditer(text):
        if span := _name_after(text, m.end(), capitalised=True):
            yield span


# ----------------------------------------------------------------------------- redact

# In order of precedence: the first detector to claim a stretch of text decides it.
DETECTORS: tuple[Detector, ...] = (
    _emails, _dates_of_birth, _dates, _phones, _phones_in_context, _national_insurance,
    _long_numbers, _postcodes, _vehicles, _addresses, _names,
)


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut before a partial word (which no detector could judge)."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    return cut[:space] if space > 0 else ""


def _blanked(text: str, spans: list[Span]) -> str:
    """`text` with the `spans` replaced by NULs: same positions, and nothing matches across."""
    out, pos = [], 0
    for start, end, _ in sorted(spans):
        out += [text[pos:start], "\0" * (end - start)]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def find_spans(text: str) -> list[Span]:
    """Every stretch of `text` a detector claims, in order, without overlaps.

    Each detector sees the text with the stretches already claimed blanked out, so a kept date
    cannot hide the phone number written just before it, and a name stops where an e-mail
    address begins.
    """
    claimed: list[Span] = []
    for detect in DETECTORS:
        for start, end, label in detect(_blanked(text, claimed) if claimed else text):
            if start < end and all(end <= s or start >= e for s, e, _ in claimed):
                claimed.append((start, end, label))
    return sorted(claimed)


def redact(text: str) -> str:
    """`text` with personal details replaced by "[phone]", "[email]", "[postcode]", ...."""
    text = _cut(text, MAX_INPUT)
    out: list[str] = []
    pos = 0
    for start, end, label in find_spans(text):
        if label is not None:
            out.append(text[pos:start] + f"[{label}]")
            pos = end
    out.append(text[pos:])
    return "".join(out)
