"""Who stands behind a release: national campaigns (every force of England and Wales, led by
a national body, whichever partner force the release names) and the page's publisher (a
force's own release, or a news site, blog or agency reporting one)."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.importer.reader import Release
from bot.knowledge.models import Force
from bot.knowledge.uk_forces import ENGLAND_AND_WALES

__all__ = ["ENGLAND_AND_WALES", "force_release", "is_national", "national_aliases",
           "national_body", "national_figure_reason", "publisher_doubt"]

_NATIONAL = re.compile(
    r"\ball\s+(?:the\s+)?(?:43|forty-three)\s+(?:territorial\s+)?(?:police\s+)?forces\b"
    r"|\bevery\s+(?:police\s+)?force\s+in\s+England\s+and\s+Wales\b"
    r"|\b(?:all\s+)?(?:police\s+)?forces\s+(?:across|throughout)\s+England\s+and\s+Wales\b"
    r"|\bnational\s+(?:crackdown|campaign|operation|week\s+of\s+action|initiative"
    r"|intensification)\b|\bnationwide\b",
    re.IGNORECASE,
)
NATIONAL_BODIES = [
    (re.compile(r"\bNational Police Chiefs['’]? Council\b|\bNPCC\b"),
     Force(id="npcc", name="National Police Chiefs' Council", short="NPCC",
           aliases=["npcc", "national police chiefs' council", "national police chiefs council",
                    "police chiefs"])),
]
AREA = "England and Wales: every territorial police force"


def is_national(texts: list[str]) -> bool:
    """Whether the release reports a national campaign of every force in England and Wales."""
    return any(_NATIONAL.search(t) for t in texts)


_NATIONAL_FIGURE = re.compile(
    r"\b(?:nationally|nationwide|across (?:England and Wales|the country|the UK)|all (?:43 )?"
    r"(?:police )?forces|national (?:total|figures?|results?))\b", re.IGNORECASE)


def force_release(lead: list[str], find_forces: Callable[[str], list]) -> bool:
    """Whether a release about a national campaign is one force's account of its own part:
    its opening sentence names one force and no national subject ('The Metropolitan Police
    took part in Operation Sceptre, a national week of action')."""
    text = " ".join(lead)
    forces = {f for _, _, f in find_forces(text)}
    return len(forces) == 1 and not re.search(r"\ball\s+(?:the\s+)?(?:43|forty-three)\b"
                                               r"|\bevery (?:police )?force", text, re.I)


def national_figure_reason(text: str, figure: str) -> str | None:
    """In a force's release about a national campaign, a figure said to be national."""
    if _NATIONAL_FIGURE.search(text):
        return (f'"{figure}" reads as the national campaign\'s figure, in one force\'s release: '
                "national, or the force's own?")
    return None


def national_aliases(name: str) -> list[str]:
    """'the national one', 'the national Sceptre': how people tell a national campaign from
    the forces' own operations of the same name."""
    short = name.lower().removeprefix("operation ")
    return ["the national one", "the national operation", "the national campaign",
            f"national {short}", f"the national {short}", f"{short} national",
            f"national {name.lower()}"]


def national_body(texts: list[str]) -> Force | None:
    """The national body the release names as behind the campaign (the NPCC), if any."""
    for pattern, body in NATIONAL_BODIES:
        if any(pattern.search(t) for t in texts):
            return body
    return None


def publisher_doubt(release: Release, issuer_named: bool, guess: str) -> str | None:
    """Why the publisher `guess` (the force the release is about) is not sure, or None when
    the page reads as that force's own release (its appeal names the force, and nothing on
    the page is a byline, an agency credit, a blog's labels or reader comments)."""
    signs = release.publisher_signs
    if release.looks_like_news_site or signs:
        shown = "; ".join(f'"{s[:60]}"' for s in signs[:2]) or "reader comments"
        return (f"the page is not the force's own release ({shown}): who published it? "
                f"taken as {guess}")
    if not issuer_named:
        return (f"the release doesn't say who issued it (no appeal or contact names a force); "
                f"taken as {guess}")
    return None
