"""What a release says about the operation itself: its name, the units that took part,
methods, a summary and the appeal for information (focus and aliases are in focus.py)."""

from __future__ import annotations

import re
from collections import Counter

from bot.importer.numbers import find_numbers
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
_LEADS = r"led|co-ordinated|coordinated|headed|ran"
_DISTRICT = re.compile(r"['’]s\s+(?P<name>[A-Z][\w-]*(?:\s+(?:of|and|the|[A-Z][\w-]*))*"
                       r"\s+(?:district|division|borough|command|area command))\b")
_SUPPORTED_BY = re.compile(r"\b(?:supported by|backed by|with (?:the )?support (?:of|from)"
                           r"|assisted by|helped by)\s+(?P<list>[^.;:]+)")
_TEAM = re.compile(r"\b(?:team|unit|service|department|partnership|wardens)$")
_GENERIC_HELPERS = frozenset("officers colleagues teams staff police forces".split())
_APPEAL = re.compile(
    r"anyone (?:with|who has|who have)|if you have (?:any )?information|\bcall (?:us on )?101"
    r"|crimestoppers|get in touch|contact (?:the force|police|us)\b|report (?:it )?online"
    r"|live chat|\b101\b|anonymous"
    r"|\b(?:are|is) (?:asking|urging|encouraging|reminding|advising) (?:people|the public"
    r"|residents|anyone|everyone|drivers|motorists|farmers|parents|businesses|shop)"
    r"|\blook out for (?:the )?signs\b",
    re.IGNORECASE,
)
# who does things, in small letters ("police", never "Kent Police") or opening a sentence
_DOERS = (r"(?:[Oo]fficers|police|[Tt]eams|[Tt]hey|[Ww]e|[Tt]he forces|[Tt]he operation"
          r"|[Pp]atrols)")
_USED = re.compile(rf"\b{_DOERS}\s+(?:also\s+)?used\s+(?P<m>[^.;]+?)(?:[.;]|$)")
_PAST = r"(?:[a-z]+ed|swept|ran|held|set up|went|kept|met|spoke|gave|sent|brought|built)"
_ACTIONS = re.compile(rf"(?:^|,\s*)(?:[^,]*\s)?{_DOERS}(?:\s+from\s+[^,]+?)?\s+(?:also\s+)?"
                      rf"(?P<pred>{_PAST}\b.*)$")
_NEXT_ACTION = re.compile(rf"\s*,\s*(?:and\s+)?(?={_PAST}\b)|\s+and\s+(?={_PAST}\b)")
_NOT_METHODS = frozenset("led worked joined said added were was had welcomed thanked "
                         "continued praised supported backed assisted helped".split())


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
    calls them: named ones ('Rural Crime Action Team'), well-known kinds written in small
    letters ('the force drone team'), a force's district ('GMP's City of Manchester
    district led the operation') and those a release says supported it ('British Transport
    Police at Piccadilly and Victoria stations', 'mutual aid officers from West Yorkshire
    Police', 'the city council's licensing team')."""
    units: dict[str, dict] = {}
    for sentence in sentences:
        text = sentence.narrative
        found = [(m, None) for m in _UNIT.finditer(text)]
        found += [(m, m["kind"]) for m in KNOWN_UNIT.finditer(text) if m[0][:1].islower()]
        candidates = [(m.start(), _named_unit(text, m, kind, find_forces, home))
                      for m, kind in found]
        candidates += _districts(text, find_forces) + _supporters(text, find_forces)
        for _, unit in sorted(candidates, key=lambda c: c[0]):
            if unit["name"] and unit["name"].lower() not in (u.lower() for u in units):
                units[unit["name"]] = unit
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


def _named_unit(text: str, m: re.Match[str], kind: str | None, find_forces: ForceFinder,
                home: str) -> dict:
    if kind:
        name, short = f"{kind[:1].upper()}{kind[1:].lower()} {m['suffix'].title()}", None
    elif m["specials"]:
        name, short = "Special Constabulary", "Specials"
    else:
        name, short = _strip_force(m["name"], find_forces), m["short"]
    before = find_forces(text[: m.start()])
    force = before[-1][2] if before else home
    part = None
    if re.search(r"\bsupport", text[: m.start()], re.IGNORECASE):
        part = "supported the operation"
    elif re.search(r"\btook part|\btaking part|\bjoined\b", text, re.IGNORECASE):
        part = "took part"
    return {"name": name, "short": short, "force": force, "part": part,
            "aliases": unit_aliases(name)}


def _districts(text: str, find_forces: ForceFinder) -> list[tuple[int, dict]]:
    """A force's district or division the text names: 'GMP's City of Manchester district'."""
    found = []
    for start, end, force in find_forces(text):
        m = _DISTRICT.match(text, end)
        if not m:
            continue
        did = re.match(rf"\s+({_LEADS}) (?:the|this) (?:operation|week|day|crackdown)\b",
                       text[m.end():])
        part = f"{did[1]} the operation" if did else None
        found.append((start, {"name": m["name"], "force": force, "part": part}))
    return found


def _supporters(text: str, find_forces: ForceFinder) -> list[tuple[int, dict]]:
    """Those a text says supported the operation, where it says more than a force's name:
    'British Transport Police at Piccadilly and Victoria stations' (the force's officers
    there), 'mutual aid officers from West Yorkshire Police', 'the city council's licensing
    team' (a team of no force)."""
    m = _SUPPORTED_BY.search(text)
    if not m:
        return []
    found = []
    pos = m.start("list")
    for item in _list_items(m["list"], find_forces):
        start = text.find(item, pos)
        mentions = find_forces(item)
        if len(mentions) == 1:
            f_start, f_end, force = mentions[0]
            where = re.match(r"\s+((?:at|in|on|across|around)\s+.+)$", item[f_end:])
            who = re.sub(r"^(?:the\s+)?(.+?)\s+(?:from|of)\s+(?:the\s+)?$", r"\1",
                         item[:f_start])
            if f_start <= 4 and where:
                name = f"{item[f_start:f_end]} officers"
                found.append((start, {"name": name, "force": force,
                                      "part": f"supported the operation {where[1]}"}))
            elif who != item[:f_start] and who.lower() not in _GENERIC_HELPERS:
                found.append((start, {"name": who[:1].upper() + who[1:], "force": force,
                                      "part": "supported the operation"}))
        elif not mentions and _TEAM.search(item) and not _UNIT.search(item) and not (
                KNOWN_UNIT.search(item)):
            name = re.sub(r"['’]s\b", "", re.sub(r"^the\s+", "", item))
            found.append((start, {"name": name[:1].upper() + name[1:], "force": None,
                                  "part": "supported the operation"}))
    return found


def _list_items(text: str, find_forces: ForceFinder) -> list[str]:
    """'A at X and Y stations, B from C, and the D team' → its three items: commas part
    them, and 'and' does where a force or 'the' follows it."""
    items = []
    for chunk in re.split(r"\s*,\s*", text):
        chunk = re.sub(r"^(?:and|or)\s+", "", chunk.strip())
        pieces = re.split(r"\s+and\s+", chunk)
        current = pieces[0]
        for piece in pieces[1:]:
            if piece.startswith("the ") or (
                    (f := find_forces(piece)) and f[0][0] == 0 and find_forces(current)):
                items.append(current)
                current = piece
            else:
                current = f"{current} and {piece}"
        if current:
            items.append(current)
    return items


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
    found += [action for t in texts for action in _actions(t)]
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


def _actions(text: str) -> list[str]:
    """What officers did, as a sentence without figures lists it: 'During the week, officers
    patrolled railway stations ..., visited addresses ..., and swept parks ...'."""
    m = _ACTIONS.search(text.strip().rstrip("."))
    if not m or find_numbers(m["pred"]):
        return []
    found = []
    for action in _NEXT_ACTION.split(m["pred"]):
        action = action.strip(" ,")
        if action.split()[0].lower() not in _NOT_METHODS and 2 <= len(action.split()) <= 20:
            found.append(action)
    return found


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
