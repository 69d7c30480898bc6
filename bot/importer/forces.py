"""Who took part in an operation, who led it and who issued the release: forces named, 'led
by' phrases, the force an appeal sends people to, and the source the release is credited to."""

from __future__ import annotations

import re
from collections import Counter

from bot.importer.campaign import NATIONAL_BODIES
from bot.importer.numbers import WORD_VALUES
from bot.importer.reader import Release, ReleaseError
from bot.importer.sentences import Sentence
from bot.importer.vocabulary import Vocabulary
from bot.knowledge.models import Force, Operation, Source

_LED_BY = re.compile(r"\b(?:led|co-ordinated|coordinated|headed) by (?:the\s+)?$", re.IGNORECASE)
# "Kent-led", "Kent Police led", "GMP's City of Manchester district led the operation"
_LED_AFTER = re.compile(r"^(?:['’]s(?:\s+[A-Za-z][\w-]*){1,5}?)?(?:[-‐ ]led|\s+(?:co-ordinated"
                        r"|coordinated|headed|ran) (?:the|a|an|this)\b)")
_POLICE_SITE = re.compile(r"\b(?:www\.)?([a-z-]+)\.police\.uk\S*")
_FORCE_COUNT = re.compile(r"\b(?P<n>\w+) other forces\b|\bthe (?P<m>\w+) forces\b", re.IGNORECASE)


def operation_forces(release: Release, title: str | None, sentences: list[Sentence],
                      story: list[Sentence], mentions: dict[int, list[tuple[int, int, str]]],
                      vocab: Vocabulary, appeal: list[str]) -> tuple[str | None, str, list[str]]:
    """The lead force, the force that issued the release, and all forces taking part: the
    lead first, then the issuer, then the others as the release names them.

    The issuer is the force the appeal sends people to ('call Kent Police on 101',
    'suffolk.police.uk'), else the lead force, else the force the release names most."""
    all_mentions = [m for s in sentences for m in vocab.find_forces(s.text)]
    title_mentions = vocab.find_forces(title or "")
    if not all_mentions and not title_mentions:
        raise ReleaseError(f"{release.name}: no police force is named in the release")
    lead = _lead_force(story, mentions)
    home = (appeal_force(appeal, vocab) or lead
            or _home_force(title_mentions + all_mentions))
    named = [f for _, _, f in title_mentions] + [f for s in story for _, _, f in mentions[s.index]]
    return lead, home, list(dict.fromkeys([f for f in (lead, home) if f] + named))


def _lead_force(story: list[Sentence], mentions: dict[int, list[tuple[int, int, str]]]
                ) -> str | None:
    for sentence in story:
        for mention in mentions[sentence.index]:
            if is_lead_mention(sentence.narrative, mention):
                return mention[2]
    return None


def is_lead_mention(text: str, mention: tuple[int, int, str]) -> bool:
    start, end, _ = mention
    after = re.sub(r"^\s+(?:Police|Constabulary)\b", "", text[end:])
    return bool(_LED_BY.search(text[:start]) or _LED_AFTER.match(after))


def appeal_force(appeal: list[str], vocab: Vocabulary) -> str | None:
    """The force the appeal names, or whose website (name.police.uk) it gives."""
    for text in appeal:
        text = _POLICE_SITE.sub(lambda m: " " + m[1].replace("-", " ").title() + " ", text)
        if found := vocab.find_forces(text):
            return found[0][2]
    return None


def _home_force(mentions: list[tuple[int, int, str]]) -> str:
    counts = Counter(f for _, _, f in mentions)
    order = list(dict.fromkeys(f for _, _, f in mentions))
    return max(order, key=lambda f: (counts[f], -order.index(f)))


def force_count_notes(texts: list[str], forces: list[str]) -> list[str]:
    for text in texts:
        for m in _FORCE_COUNT.finditer(text):
            word = (m["n"] or m["m"]).lower()
            n = int(word) if word.isdigit() else WORD_VALUES.get(word)
            if n is None:
                continue
            stated = n + 1 if m["n"] else n
            if stated != len(forces):
                return [f"the release speaks of {stated} forces but names {len(forces)}: "
                        f"{', '.join(forces)}"]
            return []
    return []


def release_source(release: Release, title: str | None, home: Force) -> tuple[Source, list[str]]:
    notes = []
    publisher = home.name
    if release.looks_like_news_site:
        publisher = f"News website, reporting {home.name}"
        notes.append("publisher: the page looks like a news site (it has reader comments); "
                     "put the newspaper's name in source.publisher")
    note = None if release.date else "The release does not give its publication date."
    if not release.date:
        notes.append("the release has no date line (`date YYYY-MM-DD Title`); dates without "
                     "a year are kept without one")
    return Source(publisher=publisher, title=title, date=release.date, note=note), notes


def forces_to_define(operation: Operation, vocab: Vocabulary) -> list[Force]:
    bodies = {b.id: b for _, b in NATIONAL_BODIES}
    if operation.lead_force in bodies:
        return [bodies[operation.lead_force]] + forces_to_define(
            operation.model_copy(update={"lead_force": None}), vocab)
    used = [operation.lead_force, *operation.forces]
    used += [f.scope for f in operation.figures if f.scope != "all"]
    used += [u.force for u in operation.units] + [p.force for p in operation.people]
    return [vocab.forces[f] for f in dict.fromkeys(u for u in used if u)
            if f not in vocab.defined_forces]
