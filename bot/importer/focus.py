"""What an operation went after (its focus), a name for an unnamed one, and the other ways the
public will refer to it ('the county lines week of action', 'the rural crime one').

The focus comes, in this order, from the title, from what the release says the operation
targeted ('targeting X', 'a crackdown on X', 'to tackle X', 'a week of action against X'), and
from the well-known themes of UK policing the release names (words.THEMES).
"""

from __future__ import annotations

import re

from bot.importer.metrics import singular_phrase
from bot.importer.words import UNIT_AFTER, themes_in

KINDS = ["week of action", "day of action", "days of action", "crackdown", "operation",
         "campaign", "blitz", "surrender", "initiative"]

_TRIGGER = re.compile(
    r"\b(?:to tackle|tackling|tackle|to target|targeting|targeted|targets?|crackdown on"
    r"|clampdown on|clamp(?:ing)? down on|cracking down on|focus(?:s)?ed on|focus(?:s)?ing on"
    r"|aimed at|to combat|combating|to disrupt|disrupting|to reduce|reducing|to prevent"
    r"|preventing|tested on|checks on|(?:week|day|days|operation|campaign) of action against"
    r"|(?:operation|campaign|action|blitz|initiative) against)"
    r"\s+(?P<f>[^.;:()\"“”]+)",
    re.IGNORECASE,
)
_FOCUS_CUT = re.compile(
    r"\s+(?:in|by|across|who|which|with|during|at|on|from|through|throughout|for|to|as|after"
    r"|before|using|while|of|around|between|linked|believed|and|that|led|has|have|had|was"
    r"|were|is|are)\b.*$",
    re.IGNORECASE,
)
_TOPIC = re.compile(
    r"crime|violen|drug|driving|speed|knife|knives|weapon|burglar|theft|shoplift|anti-?social"
    r"|exploitation|county lines|sales|phone|supply|drink|offen|fraud|robber|traffick|gang"
    r"|dealing|criminal|harm|parking|catalytic|coursing|poach",
    re.IGNORECASE,
)
_CRIME_NGRAM = re.compile(r"(?<![\w'’-])(?:[a-z]+[- ])?[a-z]+[- ](?:crime|violence)\b"
                          r"|(?<![\w'’-])[a-z]+ (?:surrender|amnesty)\b")
_LEADING_JUNK = re.compile(r"^(?:(?:to|the|a|an|and|of|on|tackle|target|linked|with|those"
                           r"|people|all|any|other|more|less|so-called|so called)\s+)+",
                           re.IGNORECASE)
_MAX_FOCUS = 6


def find_focus(title: str, texts: list[str]) -> list[str]:
    """What the operation went after: 'county lines', 'rural crime', 'hare coursing'."""
    found = [*themes_in(title), *_targeted([title]), *_targeted(texts)]
    body = " ".join(texts)
    found += themes_in(body, incidental=False)
    for m in _CRIME_NGRAM.finditer(body):
        if UNIT_AFTER.match(body, m.end()):
            continue  # "rural crime teams" took part; they are not what it went after
        item = _LEADING_JUNK.sub("", m[0])
        if len(item.split()) >= 2 or "-" in item:
            found.append(_normal_focus(item))
    return list(dict.fromkeys(found))[:_MAX_FOCUS]


def _targeted(texts: list[str]) -> list[str]:
    """What the texts say was targeted, as themes where a theme fits ('county lines drug
    dealing' → 'county lines', 'drug dealing'), else in their own words."""
    found: list[str] = []
    for text in texts:
        pos = 0
        while m := _TRIGGER.search(text, pos):
            pos = m.start("f")  # "targeted crackdown on knife crime": look again inside
            found += [t for st in _STEALING.finditer(m["f"]) for t in _thefts(st)]
            items = re.split(r"\s+and\s+|,\s*", _STEALING.sub("", m["f"]))
            for item in _shared_head(items):
                item = _THIEVES.sub("theft", item)  # "catalytic converter thieves"
                if themes := themes_in(item):
                    found += themes
                    continue
                item = _LEADING_JUNK.sub("", _FOCUS_CUT.sub("", item.strip()))
                if item and len(item.split()) <= 4 and _TOPIC.search(item):
                    found.append(_normal_focus(item))
    return found


_HEADS = ("thieves", "thefts", "theft", "crime", "offences", "offenders", "dealers", "dealing")
_THIEVES = re.compile(r"\b(?:thieves|thefts)$")
_STEALING = re.compile(
    r"(?:\b(?:organised\s+)?(?:gangs?|thieves|criminals|offenders|people|those)\s+(?:who\s+)?)?"
    r"\b(?:stealing|steal|stole)\s+(?P<objects>[^,.;:]+)", re.IGNORECASE)
_STOLEN_FROM = re.compile(r"^(?P<thing>.+?)(?:\s+from\s+(?:\S+['’]s?\s+)?(?:parked\s+)?"
                          r"(?P<place>[a-z]+(?:\s+[a-z]+)?))?$")


def _thefts(m: re.Match[str]) -> list[str]:
    """'gangs stealing power tools from tradespeople's vans and catalytic converters from parked
    cars' → 'power tool theft, theft from vans, catalytic converter theft, theft from cars'."""
    found = []
    for thing in re.split(r"\s+and\s+", m["objects"].strip()):
        parts = _STOLEN_FROM.match(thing)
        if not parts:
            continue
        found.append(f"{singular_phrase(parts['thing'].lower())} theft")
        if parts["place"]:
            found.append(f"theft from {parts['place'].lower()}")
    return found


def _shared_head(items: list[str]) -> list[str]:
    """'tool and catalytic converter thieves' → 'tool thieves', 'catalytic converter
    thieves': a head noun the last item ends with is shared by the bare items before it."""
    last = items[-1].split() if items else []
    if not last or last[-1].lower() not in _HEADS:
        return items
    return [f"{item} {last[-1]}" if 0 < len(item.split()) <= 2 and item.split()[-1].lower()
            not in _HEADS else item for item in items[:-1]] + [items[-1]]


def _normal_focus(item: str) -> str:
    item = item.lower().strip()
    return re.sub(r"\bcross border\b", "cross-border", item)


def kinds_named(texts: list[str]) -> list[str]:
    """The kinds of operation the texts call it, first named first: 'week of action' ..."""
    joined = " ".join(texts).lower()
    found = sorted((joined.find(k), k) for k in KINDS if re.search(rf"\b{k}\b", joined))
    return [k for _, k in found]


def descriptive_name(focus: list[str], texts: list[str]) -> str:
    """A name for an unnamed operation: 'Cross-border operation', 'Speeding crackdown'."""
    kinds = kinds_named(texts)
    kind = kinds[0] if kinds else "operation"
    if not focus:
        return kind.capitalize()
    topic = re.sub(r"\s+crime$", "", focus[0])
    return f"{topic[0].upper()}{topic[1:]} {kind}"


def aliases(name: str, named: bool, focus: list[str], kinds: list[str], month: str | None,
            forces: int) -> list[str]:
    """Other ways people will refer to the operation: its short name, and by what it went
    after ('the county lines week of action', 'the rural crime operation', 'the road safety
    one'), when, and how many forces took part."""
    low = name.lower()
    found = [low, low.replace("-", " ")]
    if named:
        short = low.removeprefix("operation ")
        found += [short, f"op {short}", f"the {short} operation"]
    else:
        found += [f"the {low}", f"the {low.replace('-', ' ')}"]
    for theme in focus[:3]:
        for kind in dict.fromkeys(["operation", *[k for k in kinds if k != "surrender"]]):
            found += [f"the {theme} {kind}", f"{theme} {kind}"]
        found += [f"the {theme} op", f"the {theme} one"]
        if theme.endswith(" driving"):  # "drink driving": the drink drivers it went after
            found += [f"{theme.removesuffix(' driving')} drivers"]
        if theme.endswith(" crime"):  # "the rural one"
            found.append(f"the {theme.removesuffix(' crime')} one")
    if month:
        found += [f"the {month.lower()} operation"]
    if forces > 1:
        found += ["joint operation", "multi-force operation", f"{number_word(forces)}-force "
                  "operation", f"the {number_word(forces)}-force operation"]
    return [a for a in dict.fromkeys(found) if a != low or not named]


def number_word(n: int) -> str:
    words = "zero one two three four five six seven eight nine ten eleven twelve".split()
    return words[n] if n < len(words) else str(n)
