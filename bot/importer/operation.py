"""What a release says about the operation itself: its name, the units that took part,
methods, a summary and the appeal for information (focus and aliases are in focus.py)."""

from __future__ import annotations

import re
from collections import Counter

from bot.importer.people import ForceFinder
from bot.importer.sentences import Sentence
from bot.importer.words import KNOWN_UNIT, TACTICS, unit_aliases
from bot.knowledge.models import Unit

_OPERATION = re.compile(r"\b(?:Operation|Op)\s+(?P<name>[A-Z][A-Za-z'’-]+)"
                        r"(?P<second>\s+[A-Z][a-z'’-]+)?")
_NOT_NAME_WORDS = re.compile(
    r"^(?:Police|Constabulary|Team|Unit|Week|Day|Officers?|January|February|March|April|May"
    r"|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday|The|In|On|And|This|It)$"
)
_UNIT_SUFFIX = r"(?:Unit|Team|Group|Squad|Department|Branch|Taskforce|Task Force|Command|Hub)"
_UNIT = re.compile(
    rf"(?P<name>[A-Z][A-Za-z]+(?:\s+(?:and\s+|of\s+|&\s+)?(?!{_UNIT_SUFFIX}\b)[A-Z][a-z]+)*"
    rf"\s+{_UNIT_SUFFIX})\b(?:\s*\((?P<short>[A-Z]{{2,6}})\))?"
    r"|(?P<specials>Special Constabulary)"
)
_APPEAL = re.compile(
    r"anyone (?:with|who has|who have)|if you have (?:any )?information|\bcall (?:us on )?101"
    r"|crimestoppers|get in touch|contact (?:the force|police|us)\b|report (?:it )?online"
    r"|live chat|\b101\b|anonymous"
    r"|\b(?:are|is) (?:asking|urging|encouraging|reminding|advising) (?:people|the public"
    r"|residents|anyone|everyone|drivers|motorists|farmers|parents|businesses|shop)"
    r"|\blook out for (?:the )?signs\b",
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


def find_units(sentences: list[Sentence], find_forces: ForceFinder, home: str) -> list[Unit]:
    """Units and teams that took part, with their force, what they did and what the public
    calls them: named ones ('Rural Crime Action Team') and well-known kinds written in small
    letters ('the force drone team')."""
    units: dict[str, dict] = {}
    for sentence in sentences:
        text = sentence.narrative
        found = [(m, None) for m in _UNIT.finditer(text)]
        found += [(m, m["kind"]) for m in KNOWN_UNIT.finditer(text) if m[0][:1].islower()]
        for m, kind in sorted(found, key=lambda f: f[0].start()):
            if kind:
                name, short = f"{kind[:1].upper()}{kind[1:].lower()} {m['suffix'].title()}", None
            elif m["specials"]:
                name, short = "Special Constabulary", "Specials"
            else:
                name, short = _strip_force(m["name"], find_forces), m["short"]
            if not name or name.lower() in (u.lower() for u in units):
                continue
            before = find_forces(text[: m.start()])
            force = before[-1][2] if before else home
            part = None
            if re.search(r"\bsupport", text[: m.start()], re.IGNORECASE):
                part = "supported the operation"
            elif re.search(r"\btook part|\btaking part|\bjoined\b", text, re.IGNORECASE):
                part = "took part"
            units[name] = {"name": name, "short": short, "force": force, "part": part,
                           "aliases": unit_aliases(name)}
    for sentence in sentences:
        m = re.search(r"\bfocus(?:s)?ed on\s+(?P<f>[^.,;]+)", sentence.narrative)
        if not m:
            continue
        for unit in units.values():
            words = [unit["name"]] + ([unit["short"]] if unit["short"] else [])
            if any(re.search(rf"\b{re.escape(w)}\b", sentence.narrative[: m.start()])
                   for w in words):
                what = re.split(r"\s+(?:and|but)\s+(?:were|was|are|is|have|has|had|then)\b",
                                m["f"])[0].strip()
                focus = f"focused on {what}"
                unit["part"] = f"{unit['part']}; {focus}" if unit["part"] else focus
    return [Unit(**{k: v for k, v in u.items() if v}) for u in units.values()]


def _strip_force(name: str, find_forces: ForceFinder) -> str:
    mentions = find_forces(name)
    if mentions and mentions[0][0] == 0:
        name = name[mentions[0][1]:]
    name = re.sub(r"^(?:The|Police|Constabulary|’s|'s)\s+", "", name.strip())
    return name.strip()


def find_methods(texts: list[str]) -> list[str]:
    """How the operation worked, where the release says: 'used ANPR cameras to ...', and the
    part of a sentence that names a tactic: 'supported by the force drone team'."""
    found = [m["m"].strip() for t in texts for m in _USED.finditer(t)]
    for text in texts:
        for m in TACTICS.finditer(text):
            if any(m[0].lower() in f.lower() for f in found):
                continue
            start = max(text.rfind(",", 0, m.start()), text.rfind(";", 0, m.start())) + 1
            end = min([i for i in (text.find(",", m.end()), text.find(";", m.end()),
                                   text.find(".", m.end())) if i >= 0] or [len(text)])
            clause = text[start:end].strip()
            if re.search(r"\d", clause[: m.start() - start]):  # "620 hours of patrols ...":
                clause = text[m.start():end].strip()  # the tactic, not the figure
            clause = re.sub(r"^(?:and|but|while|with)\s+", "", clause)
            if 2 <= len(clause.split()) <= 20:
                found.append(clause[:1].lower() + clause[1:] if not clause[1:2].isupper()
                             else clause)
    return list(dict.fromkeys(found))


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
