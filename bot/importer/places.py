"""Where an operation took place, as the release says it: towns ('in Great Yarmouth and King's
Lynn'), regions ('across the East of England'), roads ('on the A303 and the M4') and kinds of
place ('across farmland and country lanes').

A force's name is not a place ('at Avon and Somerset Police'), nor is a force's county on its
own ('In Essex, ...' says whose figure it is), a month, a weekday or an operation's name.
"""

from __future__ import annotations

import re

from bot.importer.people import ForceFinder

_ROAD = r"[AMB]\d{1,4}(?:\([MT]\))?"
_NAME = r"(?:[A-Z][a-z'’]+(?:-(?:on|upon|in|under|le|by)-[A-Z][a-z]+)?)"
_PLACE_WORD = rf"(?:{_ROAD}|{_NAME}(?:\s+(?:of|upon|on)\s+(?:the\s+)?{_NAME}|\s+{_NAME})*)"
_KIND = (r"(?:farmland|farms|country lanes|rural roads|roads|market towns|town centres?|"
         r"city centres?|parks|open spaces|villages|housing estates|motorways?|"
         r"road and rail networks|railway stations|retail parks|shopping centres|the county|"
         r"the region|the border)")
# "Manchester city centre", "Piccadilly and Victoria stations"
_PLACE_KIND = r"(?:\s+(?:city|town) centres?|\s+(?:railway\s+|train\s+)?stations?)?"
_PLACE = rf"(?:the\s+)?(?:{_PLACE_WORD}{_PLACE_KIND}|{_KIND})"
_PLACES = re.compile(
    rf"\b(?P<prep>[Ii]n|[Aa]cross|[Aa]t|[Aa]round|[Tt]hroughout|[Nn]ear|[Oo]n|[Aa]long)\s+"
    rf"(?P<p>{_PLACE}(?:\s*,\s*{_PLACE})*(?:\s*,?\s+(?:and|or)\s+{_PLACE})?)(?![\w-])"
)
_NOT_PLACES = re.compile(
    r"^(?:the\s+)?(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Operation"
    r"|Op|Police|Officers?|The|This|It|Christmas|Easter)\b"
)
_MAX_PLACES = 4


def find_area(texts: list[str], find_forces: ForceFinder) -> str | None:
    """The places the texts name, as phrases joined by '; ': 'On the A303 and the M4'."""
    found: list[str] = []
    for text in texts:
        for m in _PLACES.finditer(text):
            place = m["p"]
            if _NOT_PLACES.match(place) or _is_force(place, find_forces):
                continue
            phrase = f"{m['prep'].lower()} {place}"
            if not any(phrase in f for f in found):
                found.append(phrase)
    if not found:
        return None
    text = "; ".join(found[:_MAX_PLACES])
    return f"{text[:1].upper()}{text[1:]}."


def _is_force(place: str, find_forces: ForceFinder) -> bool:
    """'Avon and Somerset Police', 'Suffolk Constabulary': a force, not a place; and 'in
    Essex' says whose figure it is more often than where the operation was."""
    if re.search(r"\b(?:Police|Constabulary)\b", place) and find_forces(place):
        return True
    rest = place
    for start, end, _ in reversed(find_forces(place)):
        rest = rest[:start] + rest[end:]
    return not re.sub(r"\b(?:the|and|or)\b|[,\s]", "", rest)
