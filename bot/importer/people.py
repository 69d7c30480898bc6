"""People a release names with a rank or title, their force, their part and what they said.

"Roads Policing Inspector Emma Patterson, who led the response, said: ..." gives rank
Inspector, role "Roads Policing Inspector", part "led the response" and the quotes that follow;
"Sergeant Gareth Lyle of Wiltshire Police's Roads Policing Unit" gives force wiltshire and role
"Roads Policing Unit"; "Chief Inspector Tom Ashdown, Lincolnshire Police's rural crime lead,"
gives role "rural crime lead".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

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
_INTRO_END = re.compile(r"\s*,?\s*\b(?:said|says|added|explained|commented|told)\b|[:;.“\"]")
_OF_ORG = re.compile(r"^\s*,?\s+(?:of|from)\s+(?P<org>[^,]+)")
_WHO = re.compile(r"^\s*,\s*who\s+(?P<who>[^,]+)")
_APPOSITIVE = re.compile(r"^\s*,\s*(?P<appos>(?:the\s+)?[A-Za-z][^,]{3,80}?)\s*,?\s*$")
_SAYS = re.compile(r"\b(?:said|says|added|explained|commented|told)\b")

ForceFinder = Callable[[str], list[tuple[int, int, str]]]


def find_people(paragraphs: list[str], find_forces: ForceFinder,
                home: str | None) -> list[Person]:
    """Every person named with a rank or title, in order, once each."""
    people: dict[str, Person] = {}
    for p_index, paragraph in enumerate(paragraphs):
        for m in _PERSON.finditer(paragraph):
            name = m["name"]
            after = paragraph[m.end():]
            intro = _introduction(after, find_forces)
            force = intro.force
            if force is None and (prefix_forces := find_forces(m["prefix"])):
                force = prefix_forces[-1][2]
            said = _quotes_after(paragraphs, p_index, m.end())
            title = m["title"]
            rank = None if title in _ROLES_ONLY else _RANK_OF[title]
            role = intro.role or " ".join([*_role_prefix(m["prefix"], find_forces), rank or title])
            if name in people:
                old = people[name]
                people[name] = old.model_copy(update={"said": old.said + said})
                continue
            part = intro.part or ("quoted in the release" if said else None)
            people[name] = Person(name=name, rank=rank, role=role, force=force or home,
                                  part=part, said=said)
    return list(people.values())


@dataclass
class _Introduction:
    force: str | None = None
    role: str | None = None  # "rural crime lead", "Roads Policing Unit"
    part: str | None = None  # "led the operation"


def _introduction(after: str, find_forces: ForceFinder) -> _Introduction:
    """What the words after a name say of the person: 'of Suffolk Constabulary, who led the
    operation', ', Lincolnshire Police's rural crime lead', 'of Wiltshire Police's Roads
    Policing Unit', ', head of roads policing at Avon and Somerset Police'."""
    end = _INTRO_END.search(after[:240])
    text = after[: end.start()] if end else after[:240]
    found = _Introduction()
    if m := _OF_ORG.match(text):
        found.force, found.role = _organisation(m["org"], find_forces)
        text = text[m.end():]
    if m := _WHO.match(text):
        found.part = m["who"].strip()
    elif m := _APPOSITIVE.match(text):
        force, role = _organisation(m["appos"], find_forces)
        found.force = found.force or force
        found.role = found.role or role
    return found


def _organisation(text: str, find_forces: ForceFinder) -> tuple[str | None, str | None]:
    """'Wiltshire Police's Roads Policing Unit' → (wiltshire, 'Roads Policing Unit');
    'head of roads policing at Avon and Somerset Police' → (avon-and-somerset, 'head of
    roads policing'); 'the Crawley Prevention Team' → (None, 'Crawley Prevention Team')."""
    text = text.strip()
    mentions = find_forces(text)
    if mentions and mentions[0][0] == 0:
        rest = re.sub(r"^\s*(?:Police|Constabulary)?(?:['’]s)?\s*", "", text[mentions[0][1]:])
        return mentions[0][2], rest or None
    if mentions and re.search(r"\s+(?:at|of|for|in|with)\s+(?:the\s+)?$",
                              text[: mentions[-1][0]]) and not text[mentions[-1][1]:].strip():
        role = re.sub(r"\s+(?:at|of|for|in|with)\s+(?:the\s+)?$", "", text[: mentions[-1][0]])
        return mentions[-1][2], role or None
    role = re.sub(r"^the\s+", "", text)
    return None, role if role and len(role.split()) <= 8 else None


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
    quote = re.search(r"[“\"]", rest)
    if not _SAYS.search(rest[: quote.start() if quote else 80]):
        return []
    said = [_unquote(q) for q in re.findall(r"[“\"]([^”\"]+)[”\"]?", rest)]
    for following in paragraphs[p_index + 1:]:
        if not following.startswith(("“", '"')):
            break
        said.append(_unquote(following))
    return [s for s in said if len(s.split()) >= 3][:8]


def _unquote(text: str) -> str:
    return text.strip().strip("“”\"").strip()
