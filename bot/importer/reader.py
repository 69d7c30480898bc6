"""Read a plain-text press release, refuse what is not one, and strip the page furniture.

A release is refused with a `ReleaseError` naming the problem (empty, binary, too large, not
English); nothing downstream ever sees such input. What is left is the release's own text:
the optional first line `date YYYY-MM-DD Title` is taken apart, and comment rules, "Read more"
links, share buttons and newsletter prompts are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

MAX_RELEASE_BYTES = 100_000
"""A press release is a few kilobytes; anything much larger is the wrong file."""

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$", re.IGNORECASE)

# A line that starts one of these ends the release: what follows is comments or other stories.
_STOP_LINE = re.compile(
    r"^(?:comments?\s*(?::|$|our rules|policy)|related (?:articles|stories|news|content)"
    r"|more (?:stories|news) (?:from|like)|most (?:read|popular)|you may also like"
    r"|(?:top|latest) stories|labels?:|no comments?\b|post a comment"
    r"|notes? (?:to|for) editors|-*\s*ends\s*-*\s*$|was this (?:page|article) (?:helpful|useful)"
    r"|leave a (?:comment|reply))",
    re.IGNORECASE,
)
_COMMENTS = re.compile(r"^(?:comments?\b|labels?:|no comments?\b|post a comment)", re.IGNORECASE)
# A line that is page furniture on its own.
_FURNITURE_LINE = re.compile(
    r"^(?:read (?:more|the rules|next|our)|share (?:this|on|article|story|via)|sign up"
    r"|subscribe|follow us|like us on|advertisement|advert\b|click here|copyright|©"
    r"|all rights reserved|cookies?\b|print this|email this|tweet\b|back to top|tags?:"
    r"|posted in|filed under|please report any comments|we want our comments"
    r"|(?:facebook|twitter|whatsapp|linkedin|x|email|print)(?:\s*[|/,]\s*\w+)*\s*$"
    r"|https?://\S+\s*$"
    r"|contact us\s*$|(?:quickly |quick )?exit (?:this )?(?:site|page|website)\b|hide this page"
    r"|skip to (?:main )?content|back to (?:news|top|search)|home\s*[>›/]|menu\s*$|search\s*$"
    r"|cookie|accessibility\s*$|report a crime\s*$|listen to this|(?:last )?updated\b"
    r"|(?:press|media) (?:office|enquiries|team|contact)|for (?:media|press) enquiries"
    r"|(?:tel|telephone|phone)\s*[:.]?\s*\+?[\d ]{8,}$|[+\d][\d ()-]{8,}\d\s*$"
    r"|(?:photo|picture|image)(?: credit)?\s*:|(?:author|written by|posted by|reporter)\s*:)",
    re.IGNORECASE,
)
# What a news site, a blog or an agency puts on a page, and a force's own release does not.
_NEWS_SIGNS = re.compile(
    r"^(?:author|written by|posted by|reporter)\s*:\s*\S"
    r"|^by\s+(?-i:[A-Z][a-z]+\s+[A-Z][a-z'’-]+)\s*$"
    r"|^share this (?:article|story)|^labels?:|^no comments|^post a comment"
    r"|^(?-i:[A-Z]{3,}[A-Z ]*):\s|[—–-]\s?(?:PA|AP|Reuters)\s*$",
    re.IGNORECASE,
)
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# A website's date line: "Published 5th Jan 2023", "20 January 2012, 06:00", "Posted on ..."
_WEB_DATE = re.compile(
    r"^(?P<cue>(?:first\s+)?published|posted|date|last updated|updated)?(?:\s+on)?\s*:?\s*"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?)\s+"
    r"(?P<y>(?:19|20)\d{2})(?:\s*(?:,|at|-|–)?\s*\d{1,2}[:.]\d{2}\s*(?:am|pm)?)?"
    r"(?:\s*(?:BST|GMT|UTC))?\s*$",
    re.IGNORECASE,
)
_WEB_NUMERIC_DATE = re.compile(
    r"^(?P<cue>(?:first\s+)?published|posted|date|last updated|updated)?(?:\s+on)?\s*:?\s*"
    r"(?:(?P<nd>\d{1,2})[/.](?P<nm>\d{1,2})[/.](?P<ny>(?:19|20)\d{2})|(?P<iso>(?:19|20)\d{2}-\d{2}"
    r"-\d{2}))(?:\s*(?:,|at|-|–)?\s*\d{1,2}[:.]\d{2}\s*(?:am|pm)?)?(?:\s*(?:BST|GMT|UTC))?\s*$",
    re.IGNORECASE,
)
_HEADER_LINES = 12  # a date line counts only near the top of the page
_NAME_WORD = r"[A-Z][\w'’-]*"
# a photo's caption near the top: names joined by 'with', 'during', 'at', no full stop
# ("Superintendent Richard Spedding with Farmer Ally Weare during Operation Firecrest")
_CAPTION = re.compile(rf"^(?:{_NAME_WORD}\s+){{1,5}}(?:with|during|at|pictured)\s+"
                      rf"(?:(?:{_NAME_WORD}|with|during|at|and|of|the|in)\s*)+$")

# A line on its own that introduces links to other stories, one headline a line.
_LINKS_HEADING = re.compile(r"^(?:read (?:more|next|also)|related|see also|more like this"
                            r"|you might also like|more on this(?: story)?)\s*:?$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-*•–·]|\d+[.)])\s")
_HEADING = re.compile(r"^(?![\"“‘])[^\"“”]{3,100}:$")  # "In Lancashire alone:"
_ENGLISH_COMMON = frozenset(
    "the a an and of to in on at by for with from was were is are has have had been be it its "
    "this that these those as or but not who which their they he she we our us said after "
    "during than more over into out up all also".split()
)


class ReleaseError(Exception):
    """The file is not a press release the importer can read; the message says why."""


@dataclass
class Release:
    """A press release's own text, as paragraphs, with what its first line said."""

    name: str
    paragraphs: list[str]
    date: str | None = None  # YYYY-MM-DD from the `date` line
    title: str | None = None
    furniture: list[str] = field(default_factory=list)  # lines left out
    looks_like_news_site: bool = False  # reader comments: published by a newspaper
    publisher_signs: list[str] = field(default_factory=list)  # bylines, agency credits ...
    date_line: str | None = None  # the website's date line the date came from
    date_sure: bool = True  # False when only a "last updated" line gave the date
    # a paragraph under a plain heading ('Hertfordshire', 'Thames Valley Police') → the
    # heading's paragraph; the heading scopes what follows it up to the next one
    sections: dict[int, int] = field(default_factory=dict)
    # a list item's paragraph → the paragraph of the heading that introduces its list
    # ("Results across the four forces:"), or None for a list without one
    list_items: dict[int, int | None] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def read_release(path: Path) -> Release:
    """Read `path` as a press release or raise ReleaseError saying what is wrong with it."""
    raw = _read_bytes(path)
    text = _decode(raw, path)
    if not text.strip():
        raise ReleaseError(f"{path}: the file is empty")
    return parse_release(text, path.name)


def parse_release(text: str, name: str = "release") -> Release:
    """Take a release's text apart: the `date` line, the paragraphs, the furniture."""
    lines = [_tidy(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    release = Release(name=name, paragraphs=[])
    if lines and (m := _DATE_LINE.match(lines[0])):
        try:
            date.fromisoformat(m[1])
        except ValueError:
            raise ReleaseError(f"{name}: the first line has an impossible date {m[1]}") from None
        release.date, release.title = m[1], m[2].strip() or None
        lines = lines[1:]
    lines = _take_date_line(lines, release)
    kept: list[str] = []
    in_links = False  # the headlines listed under a bare "Read more"
    for i, line in enumerate(lines):
        if _NEWS_SIGNS.search(line):
            release.publisher_signs.append(line)
        if _STOP_LINE.match(line):
            release.furniture.extend(line for line in lines[i:] if line)
            release.looks_like_news_site = bool(_COMMENTS.match(line))
            break
        if in_links and line and not re.search(r"[.!?:\"”]$", line):
            release.furniture.append(line)
            continue
        in_links = bool(_LINKS_HEADING.match(line))
        if _FURNITURE_LINE.match(line) or (kept and i < _HEADER_LINES + 4
                                            and _CAPTION.match(line)):
            release.furniture.append(line)
            continue
        kept.append(line)
    release.paragraphs, release.list_items = _unwrap(kept)
    release.sections = _sections(release.paragraphs, release.list_items)
    if not release.paragraphs:
        raise ReleaseError(f"{name}: nothing is left once the page furniture is taken out")
    check_english(release.text, name)
    return release


def _unwrap(lines: list[str]) -> tuple[list[str], dict[int, int | None]]:
    """Paragraphs from lines, and which of them are list items under which heading.

    A text wrapped at a fixed width (as e-mails are) has each sentence over several lines;
    they are joined again. A blank line, a line that ends a sentence, a short line (a heading)
    or a list item ends a paragraph. A list item is a bulleted line ('- 14 arrests',
    '• £3,500 cash seized'; the bullet is dropped), or any line of a list that a heading
    ending in a colon opens ('Over the seven days:'), until a blank line after its items."""
    paragraphs: list[str] = []
    items: dict[int, int | None] = {}
    previous = ""
    heading: int | None = None  # the paragraph of the open list's heading
    in_list = False
    for line in lines:
        if not line:
            if in_list and paragraphs and len(paragraphs) - 1 in items:
                in_list = False  # a blank line after the items closes the list
            previous = line
            continue
        bullet = _BULLET.match(line)
        item = bool(bullet) or (in_list and not line[:1].islower()
                                and not line.startswith(("“", '"', "‘")))
        wrapped = previous and not re.search(r"[.!?:;\"”’)]$", previous) and (
            line[:1].islower() or 60 <= len(previous) <= 100)
        if wrapped and not item:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line[bullet.end():].strip() if bullet else line)
            if item:
                items[len(paragraphs) - 1] = heading if in_list else None
        if _HEADING.match(paragraphs[-1]) and not item:
            heading, in_list = len(paragraphs) - 1, True
        elif not item and not wrapped:
            heading, in_list = None, False
        previous = line
    return paragraphs, items


def _take_date_line(lines: list[str], release: Release) -> list[str]:
    """Lines without the website's date line(s) near the top; the date goes into `release`
    unless a `date` line gave it ('Published' beats 'Last updated', which is only a guess)."""
    kept: list[str] = []
    found: list[tuple[bool, str, str]] = []  # (sure, iso date, line)
    for i, line in enumerate(lines):
        m = (_WEB_DATE.match(line) or _WEB_NUMERIC_DATE.match(line)) if i < _HEADER_LINES \
            else None
        if not m:
            kept.append(line)
            continue
        release.furniture.append(line)
        try:
            iso = _iso(m)
        except ValueError:
            continue
        found.append(("updated" not in (m["cue"] or "").lower(), iso, line))
    if found and release.date is None:
        sure, iso, line = max(found, key=lambda f: f[0])
        release.date, release.date_line, release.date_sure = iso, line, sure
    return kept


def _iso(m: re.Match[str]) -> str:
    """The date a date line's match names, as YYYY-MM-DD (ValueError if impossible)."""
    groups = m.groupdict()
    if groups.get("iso"):
        return date.fromisoformat(groups["iso"]).isoformat()
    if groups.get("nd"):  # 14/05/2024: day first, as in the UK
        return date(int(m["ny"]), int(m["nm"]), int(m["nd"])).isoformat()
    month = (m["m1"] or m["m2"]).rstrip(".").lower()[:3]
    day = int(re.sub(r"\D", "", m["d1"] or m["d2"]))
    return date(int(m["y"]), _MONTHS.index(month) + 1, day).isoformat()


_MONTHS = [m.lower() for m in
           "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()]
_SECTION_HEADING = re.compile(r"^[A-Z][A-Za-z&'’-]*(?:\s+[A-Za-z&'’-]+){0,5}$")


def _sections(paragraphs: list[str], items: dict[int, int | None]) -> dict[int, int]:
    """Paragraph → the plain heading above it: a short line of words (no figure, no full
    stop, not the headline) that is followed by text ('Hertfordshire', 'Hampshire Police').
    A heading ending in a colon that introduces text rather than a list counts too ('The
    figures for the same period of the 2010/11 campaign were:')."""
    found: dict[int, int] = {}
    heading: int | None = None
    for i, paragraph in enumerate(paragraphs):
        plain = i > 0 and i + 1 < len(paragraphs) and bool(
            _SECTION_HEADING.match(paragraph)) and i + 1 not in items
        introduces = i > 0 and paragraph.endswith(":") and len(paragraph.split()) <= 20 and (
            not re.search(r"\b(?:said|says|added|explained|commented|told)\b", paragraph))
        if plain or introduces:
            heading = i
            continue
        if heading is not None:
            found[i] = heading
    return found


def items_after_first(items: dict[int, int | None]) -> dict[int, int | None]:
    """List items once the first paragraph (a headline) is taken out."""
    return {i - 1: None if h is None or h == 0 else h - 1 for i, h in items.items() if i}


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ReleaseError(f"{path}: no such file")
    if not path.is_file():
        raise ReleaseError(f"{path}: not a file")
    with path.open("rb") as handle:
        raw = handle.read(MAX_RELEASE_BYTES + 1)
    if len(raw) > MAX_RELEASE_BYTES:
        raise ReleaseError(
            f"{path}: too large for a press release (over {MAX_RELEASE_BYTES // 1000} KB); "
            "is it the right file?"
        )
    return raw


def _decode(raw: bytes, path: Path) -> str:
    binary = (f"{path}: looks like a binary file (a PDF, Word document or image?); save the "
              "release as plain text (.txt) and import that")
    if b"\x00" in raw:
        raise ReleaseError(binary)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ReleaseError(binary)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise ReleaseError(binary)
    return text


def check_english(text: str, name: str) -> None:
    """Raise ReleaseError unless `text` reads as English (common words, Latin letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if ch.isascii())
    if letters and latin / len(letters) < 0.9:
        raise ReleaseError(f"{name}: the text does not look like English; "
                           "the importer reads English releases only")
    words = re.findall(r"[a-z]+", text.lower())
    if len(words) < 8:
        return
    common = sum(1 for w in words if w in _ENGLISH_COMMON)
    if common / len(words) < 0.15:
        raise ReleaseError(f"{name}: the text does not look like English; "
                           "the importer reads English releases only")


def _tidy(line: str) -> str:
    """One line with its spacing evened out (non-breaking spaces, tabs, runs of spaces)."""
    return re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", line).strip()
