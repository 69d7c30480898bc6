"""People a release names with a rank or title, their force, their part and what they said.

"Roads Policing Inspector Emma Patterson, who led the response, said: ..." gives rank
Inspector, role "Roads Policing Inspector", part "led the response" and the quotes that follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.knowledge.models import Person

# (how releases write it, the rank it is); a rank of None is a title that is not a rank.
_TITLES: list[tuple[str, str | None]] = [
    ("Detective Chief Superintendent", None), ("Det Ch Supt", "Detective Chief Superintendent"),
    ("Detective Superintendent", None), ("Det Supt", "Detective Superintendent"),
    ("Detective Chief Inspector", None), ("DCI", "Detective Chief Inspector"),
    ("Detective Inspector", None), ("DI", "Detective Inspector"),
    ("Detective Sergeant", None), ("DS", "Detective Sergeant"),
    ("Detective Constable", None), ("DC", "Detective Constable"),
    ("Deputy Assistant Commissioner", None), ("Assistant Commissioner", None),
    ("Deputy Commissioner", None), ("Commissioner", None), ("Commander", None),
    ("Deputy Chief Constable", None), ("DCC", "Deputy Chief Constable"),
    ("Assistant Chief Constable", None), ("ACC", "Assistant Chief Constable"),
    ("Chief Constable", None),
    ("Chief Superintendent", None), ("Ch Supt", "Chief Superintendent"),
    ("Chief Supt", "Chief Superintendent"), ("Superintendent", None),
    ("Supt", "Superintendent"),
    ("Chief Inspector", None), ("Ch Insp", "Chief Inspector"), ("Chief Insp", "Chief Inspector"),
    ("Inspector", None), ("Insp", "Inspector"),
    ("Special Sergeant", None), ("Sergeant", None), ("Sgt", "Sergeant"),
    ("Special Constable", None), ("Police Constable", None), ("Constable", None),
    ("PC", "Police Constable"),
    ("Police Community Support Officer", None), ("PCSO", "Police Community Support Officer"),
]
_ROLES_ONLY = ["Police, Fire and Crime Commissioner", "Police and Crime Commissioner", "PCC",
               "Councillor", "Cllr"]
_RANK_OF = {surface: rank or surface for surface, rank in _TITLES}
_ALL = sorted([s for s, _ in _TITLES] + _ROLES_ONLY, key=len, reverse=True)
_NAME = r"[A-Z][a-z'’-]+(?:\s+(?:Mc|Mac|O')?[A-Z][a-z'’-]+){1,2}"
_PERSON = re.compile(
    r"(?P<prefix>(?:[A-Z][a-z]+\s+){0,3}?)\b(?P<title>" + "|".join(map(re.escape, _ALL))
    + rf")\.?\s+(?P<name>{_NAME})\b"
)
_PREFIX_STOP = frozenset("The A An And But Said Added During After Before In On At".split())
_PART = re.compile(r"\s*,\s*(?:who\s+(?P<who>[^,]+)|(?P<appos>(?:the\s+)?[a-z][^,]{3,60})),")
_SAYS = re.compile(r"\b(?:said|says|added|explained|commented|told)\b")

ForceFinder = Callable[[str], list[tuple[int, int, str]]]


def find_people(paragraphs: list[str], find_forces: ForceFinder, home: str) -> list[Person]:
    """Every person named with a rank or title, in order, once each."""
    people: dict[str, Person] = {}
    for p_index, paragraph in enumerate(paragraphs):
        for m in _PERSON.finditer(paragraph):
            name = m["name"]
            forces_around = find_forces(paragraph[m.end():m.end() + 60])
            after = paragraph[m.end():]
            force = home
            if forces_around and re.match(r"\s+of\s+(?:the\s+)?$", after[: forces_around[0][0]]):
                force = forces_around[0][2]
            elif prefix_forces := find_forces(m["prefix"]):
                force = prefix_forces[-1][2]
            part_match = _PART.match(after)
            part = (part_match["who"] or part_match["appos"]).strip() if part_match else None
            said = _quotes_after(paragraphs, p_index, m.end())
            title = m["title"]
            rank = None if title in _ROLES_ONLY else _RANK_OF[title]
            role = " ".join([*_role_prefix(m["prefix"], find_forces), rank or title])
            if name in people:
                old = people[name]
                people[name] = old.model_copy(update={"said": old.said + said})
                continue
            if said and not part:
                part = "quoted in the release"
            people[name] = Person(name=name, rank=rank, role=role, force=force, part=part,
                                  said=said)
    return list(people.values())


def _role_prefix(prefix: str, find_forces: ForceFinder) -> list[str]:
    words = prefix.split()
    mentions = find_forces(prefix)
    if mentions:
        words = prefix[mentions[-1][1]:].replace("’s", "").replace("'s", "").split()
    while words and (words[0] in _PREFIX_STOP or words[0] in ("Police", "Constabulary")):
        words = words[1:]
    return words


def _quotes_after(paragraphs: list[str], p_index: int, pos: int) -> list[str]:
    """What the person said: quotations after `pos` and in the quote paragraphs that follow."""
    paragraph = paragraphs[p_index]
    rest = paragraph[pos:]
    if not _SAYS.search(rest[:80]):
        return []
    said = [_unquote(q) for q in re.findall(r"[“\"]([^”\"]+)[”\"]?", rest)]
    for following in paragraphs[p_index + 1:]:
        if not following.startswith(("“", '"')):
            break
        said.append(_unquote(following))
    return [s for s in said if len(s.split()) >= 3][:8]


def _unquote(text: str) -> str:
    return text.strip().strip("“”\"").strip()
