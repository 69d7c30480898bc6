"""What a release says about the operation itself: its name (or a descriptive one), aliases,
focus, the units that took part, methods, a summary and the appeal for information."""

from __future__ import annotations

import re
from collections import Counter

from bot.importer.people import ForceFinder
from bot.importer.sentences import Sentence
from bot.knowledge.models import Unit

_OPERATION = re.compile(r"\b(?:Operation|Op)\s+(?P<name>[A-Z][A-Za-z'’-]+)"
                        r"(?P<second>\s+[A-Z][a-z'’-]+)?")
_NOT_NAME_WORDS = re.compile(
    r"^(?:Police|Constabulary|Team|Unit|Week|Day|Officers?|January|February|March|April|May"
    r"|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday|The|In|On|And|This|It)$"
)
_KINDS = ["week of action", "day of action", "crackdown", "operation", "campaign", "blitz",
          "surrender", "initiative"]

_TRIGGER = re.compile(
    r"\b(?:to tackle|tackling|tackle|to target|targeting|targeted|crackdown on|clampdown on"
    r"|clamp(?:ing)? down on|cracking down on|focus(?:s)?ed on|focus(?:s)?ing on|aimed at"
    r"|to combat|combating|to disrupt|disrupting|to reduce|reducing|to prevent|preventing"
    r"|tested on|checks on)"
    r"\s+(?P<f>[^.;:()\"“”]+)",
    re.IGNORECASE,
)
_FOCUS_CUT = re.compile(
    r"\s+(?:in|by|across|who|which|with|during|at|on|from|through|throughout|for|to|as|after"
    r"|before|using|while|of|around|between|linked|believed|and|that)\b.*$",
    re.IGNORECASE,
)
_TOPIC = re.compile(
    r"crime|violen|drug|driving|speed|knife|knives|weapon|burglar|theft|shoplift|anti-?social"
    r"|exploitation|county lines|sales|phone|supply|drink|offen|fraud|robber|traffick|gang"
    r"|dealing|criminal|harm|parking|catalytic",
    re.IGNORECASE,
)
_CRIME_NGRAM = re.compile(r"\b(?:[a-z]+[- ])?[a-z]+[- ](?:crime|violence)\b"
                          r"|\b[a-z]+ (?:surrender|amnesty)\b")
_LEADING_JUNK = re.compile(r"^(?:(?:to|the|a|an|and|of|on|tackle|target|linked|with|those"
                           r"|people|all|any|other|more|less)\s+)+", re.IGNORECASE)

_UNIT_SUFFIX = r"(?:Unit|Team|Group|Squad|Department|Branch|Taskforce|Task Force|Command|Hub)"
_UNIT = re.compile(
    rf"(?P<name>[A-Z][A-Za-z]+(?:\s+(?:and\s+|of\s+|&\s+)?(?!{_UNIT_SUFFIX}\b)[A-Z][a-z]+)*"
    rf"\s+{_UNIT_SUFFIX})\b(?:\s*\((?P<short>[A-Z]{{2,6}})\))?"
    r"|(?P<specials>Special Constabulary)"
)
_APPEAL = re.compile(
    r"anyone (?:with|who has|who have)|if you have (?:any )?information|\bcall (?:us on )?101"
    r"|crimestoppers|get in touch|contact (?:the force|police|us)\b|report (?:it )?online"
    r"|live chat|\b101\b|anonymous",
    re.IGNORECASE,
)
_USED = re.compile(r"\bused\s+(?P<m>[^.;]+?)(?:[.;]|$)")


def operation_name(texts: list[str], is_force_name: ForceFinder) -> tuple[str | None, list[str]]:
    """'Operation Sceptre' (the most named one) and any other operation names."""
    counts: Counter[str] = Counter()
    seconds: dict[str, set[str]] = {}
    for text in texts:
        for m in _OPERATION.finditer(text):
            name = m["name"]
            if _NOT_NAME_WORDS.match(name) or is_force_name(name):
                continue
            counts[name] += 1
            second = (m["second"] or "").strip()
            if _NOT_NAME_WORDS.match(second) or (second and is_force_name(second)):
                second = ""
            seconds.setdefault(name, set()).add(second)
    if not counts:
        return None, []
    names = []
    for name, _ in counts.most_common():
        second = seconds[name]
        names.append(f"Operation {name}" + (f" {second.pop()}" if len(second) == 1
                                            and "" not in second else ""))
    return names[0], names[1:]


def descriptive_name(focus: list[str], texts: list[str]) -> str:
    """A name for an unnamed operation: 'Cross-border operation', 'Speeding crackdown'."""
    joined = " ".join(texts).lower()
    found = [(joined.find(k), k) for k in _KINDS if re.search(rf"\b{k}\b", joined)]
    kind = min(found)[1] if found else "operation"
    if not focus:
        return kind.capitalize()
    topic = re.sub(r"\s+crime$", "", focus[0])
    return f"{topic[0].upper()}{topic[1:]} {kind}"


def aliases(name: str, named: bool, focus: list[str], month: str | None,
            forces: int) -> list[str]:
    """Other ways people will refer to the operation."""
    low = name.lower()
    found = [low, low.replace("-", " ")]
    if named:
        short = low.removeprefix("operation ")
        found += [short, f"op {short}", f"the {short} operation"]
        found += [f"{f} operation" for f in focus[:1]]
    else:
        found += [f"the {low}", f"the {low.replace('-', ' ')}"]
        found += [f"{f} operation" for f in focus[:2]]
    if month:
        found += [f"the {month.lower()} operation"]
    if forces > 1:
        found += ["joint operation", "multi-force operation", f"{number_word(forces)}-force "
                  "operation", f"the {number_word(forces)}-force operation"]
    return [a for a in dict.fromkeys(found) if a != low or not named]


def find_focus(texts: list[str]) -> list[str]:
    """What the operation went after: 'cross-border crime', 'vehicle crime', 'speeding'."""
    found: list[str] = []
    for text in texts:
        pos = 0
        while m := _TRIGGER.search(text, pos):
            pos = m.start("f")  # "targeted crackdown on knife crime": look again inside
            for item in re.split(r"\s+and\s+|,\s*", m["f"]):
                item = _LEADING_JUNK.sub("", _FOCUS_CUT.sub("", item.strip()))
                if item and len(item.split()) <= 4 and _TOPIC.search(item):
                    found.append(_normal_focus(item))
    for text in texts:
        for m in _CRIME_NGRAM.finditer(text):
            item = _LEADING_JUNK.sub("", m[0])
            if len(item.split()) >= 2 or "-" in item:
                found.append(_normal_focus(item))
    return list(dict.fromkeys(found))


def _normal_focus(item: str) -> str:
    item = item.lower().strip()
    return re.sub(r"\bcross border\b", "cross-border", item)


def find_units(sentences: list[Sentence], find_forces: ForceFinder, home: str) -> list[Unit]:
    """Units and teams that took part, with their force and what they did."""
    units: dict[str, dict] = {}
    for sentence in sentences:
        text = sentence.narrative
        for m in _UNIT.finditer(text):
            if m["specials"]:
                name, short = "Special Constabulary", "Specials"
            else:
                name, short = _strip_force(m["name"], find_forces), m["short"]
            if not name or name in units:
                continue
            before = find_forces(text[: m.start()])
            force = before[-1][2] if before else home
            part = None
            if re.search(r"\bsupport", text[: m.start()], re.IGNORECASE):
                part = "supported the operation"
            elif re.search(r"\btook part|\btaking part|\bjoined\b", text, re.IGNORECASE):
                part = "took part"
            units[name] = {"name": name, "short": short, "force": force, "part": part}
    for sentence in sentences:
        m = re.search(r"\bfocus(?:s)?ed on\s+(?P<f>[^.,;]+)", sentence.narrative)
        if not m:
            continue
        for unit in units.values():
            words = [unit["name"]] + ([unit["short"]] if unit["short"] else [])
            if any(re.search(rf"\b{re.escape(w)}\b", sentence.narrative[: m.start()])
                   for w in words):
                focus = f"focused on {m['f'].strip()}"
                unit["part"] = f"{unit['part']}; {focus}" if unit["part"] else focus
    return [Unit(**{k: v for k, v in u.items() if v}) for u in units.values()]


def _strip_force(name: str, find_forces: ForceFinder) -> str:
    mentions = find_forces(name)
    if mentions and mentions[0][0] == 0:
        name = name[mentions[0][1]:]
    name = re.sub(r"^(?:The|Police|Constabulary|’s|'s)\s+", "", name.strip())
    return name.strip()


def find_methods(texts: list[str]) -> list[str]:
    """How the operation worked, where the release says: 'used ANPR cameras to ...'."""
    return list(dict.fromkeys(m["m"].strip() for t in texts for m in _USED.finditer(t)))


def appeal_paragraphs(paragraphs: list[str]) -> list[int]:
    """The paragraphs that ask the public for information (from the first that does)."""
    first = next((i for i, p in enumerate(paragraphs) if _APPEAL.search(p)
                  and not p.startswith(("“", '"'))), None)
    if first is None:
        return []
    chosen = [first]
    size = len(paragraphs[first])
    for i in range(first + 1, len(paragraphs)):
        if not _APPEAL.search(paragraphs[i]) or size > 400:
            break
        chosen.append(i)
        size += len(paragraphs[i])
    return chosen


def appeal_text(paragraphs: list[str], chosen: list[int]) -> str | None:
    if not chosen:
        return None
    parts = []
    for i in chosen:
        text = re.sub(r"^(?:A|The) (?:spokes(?:man|woman|person)|force spokesperson) said:\s*",
                      "", paragraphs[i])
        parts.append(text.strip().strip("“”\"").strip())
    return " ".join(parts)


def summary(sentences: list[Sentence], skip: set[int]) -> str:
    """The release's opening sentences (its own words: staff may reword them)."""
    chosen: list[str] = []
    for sentence in sentences:
        if sentence.paragraph in skip or sentence.is_quote or sentence.quotes:
            continue
        chosen.append(sentence.text)
        if len(chosen) >= 3 or sum(map(len, chosen)) >= 200:
            break
    text = " ".join(chosen)
    return re.sub(r"^([A-Z])([A-Z]+)\b(?= [a-z])", lambda m: m[1] + m[2].lower(), text)


def number_word(n: int) -> str:
    words = "zero one two three four five six seven eight nine ten eleven twelve".split()
    return words[n] if n < len(words) else str(n)
