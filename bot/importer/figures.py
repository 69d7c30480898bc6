"""Figures in a sentence: each number, what it counted, how it was qualified, and its role.

Rules, not a language model, so the behaviour is predictable and testable:
- the counted thing is the noun phrase after the number ("14 vehicles"), or after a total
  ("six of the 128 vehicles"), with the verb acting on it: before it ("seized 14 vehicles"),
  after it ("five vehicles were seized", "Nine of the test purchases failed"), or shared with
  the figure before it ("finding 18 knives and two machetes");
- "X of the total Y things" gives two figures: a part (one force's share) and a total;
- a part of the figure before counts what it counts: "three of them", "including nine
  children", "46 arrested, 27 for drink driving", "Of these, 188 were dealt with ...";
- money is the worth of the noun before it ("drugs with a street value of £27,000"), or, said
  "together worth £X", of the figure before;
- a number with no recognisable counted thing (a phone number, "nine other forces", "one
  example") is not a figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.importer.dates import date_spans
from bot.importer.metrics import (
    ACTION_NOUNS,
    LIGHT_VERBS,
    OFFENDERS,
    PERSONNEL,
    VERB_FORMS,
    Counted,
    canonical_verb,
)
from bot.importer.numbers import WEIGHTS, Number, find_numbers, qualifier_before
from bot.importer.sentences import Sentence
from bot.importer.words import MASS_NOUNS, offence_in

Role = Literal["plain", "part", "total"]

_NP_STOP = frozenset(
    "for in of to from with by at on and or but which that who were was have has had been being "
    "are is will would could can during across after before while as under since into over "
    "through including such than when where whose per each every also not there here it they "
    "we he she between among within without following about around near totalling totaling "
    "worth valued so this these those the a an off".split()
)
_BAD_FIRST = frozenset("our their his her its my your which them us you these those".split())
_NOT_COUNTED = frozenset(
    "force forces other others example examples way ways thing things less more another part "
    "priority priorities reason reasons step steps hand hands of occasion occasions".split()
)
_TIME = frozenset("day days week weeks month months year years minute minutes second seconds "
                  "time times hour hours".split())
_HOURS_CUES = re.compile(r"\b(?:patrol\w*|extra|spent|dedicated|volunteer\w*|worked|overtime)\b",
                         re.IGNORECASE)
_PARTICIPLES = frozenset(
    "made taken found caught given seen held brought sold shown known done kept left sent spent "
    "paid put shot driven written told thrown stolen run won got dealt".split()
)
_NOUN_ED = frozenset("speed breed need feed bleed seed shed steed greed red bed".split())
_PARTICLES = ("in", "out", "up", "over", "off", "down", "away", "back")
_PHRASAL = frozenset("carried handed turned given pulled shut dropped taken rounded".split())
_REPORTED = frozenset("reported believed thought suspected known confirmed".split())
_STATES = frozenset("stolen missing lost abandoned".split())
_PAST_TENSES = frozenset("took gave ran saw went came stole broke".split())
_SALES_VERBS = frozenset("sold supplied served offered displayed".split())
"""Verbs whose subject is what a release counts: 'five premises sold alcohol to ...'."""
_NOT_OBJECTS = frozenset("yesterday today tonight overnight earlier later recently last "
                         "since so too alone altogether together".split())
_ING_NOUNS = frozenset(
    "policing driving shoplifting training speeding parking licensing offending drinking dealing "
    "safeguarding stalking poaching coursing fishing hunting housing building clothing "
    "engagement".split()
)
_NOT_VERBS = frozenset(
    "including totalling totaling being during following according nothing something morning "
    "evening bring thing anything everything king ring spring string wedding building".split()
)

_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
_STOP_AND_SEARCH = re.compile(r"\s*stops?[- ]and[- ]search(?:es)?\b", re.IGNORECASE)
_ESTIMATED = re.compile(r"\b(?:estimated|approximate|around|about)\b", re.IGNORECASE)
_PART_OF = re.compile(
    r"\s+(?:out\s+)?of\s+(?:the\s+|those\s+|these\s+|all\s+)?"
    r"(?:total\s+(?:number\s+of\s+)?|overall\s+|combined\s+)?",
    re.IGNORECASE,
)
_ACTIVE = re.compile(
    r"\b(?P<v>[a-z]+)(?:\s+(?P<p>" + "|".join(_PARTICLES) + r"))?\s+(?:also\s+)?$"
)
_MONEY_ANCHOR = re.compile(
    r"(?<=[a-z])\s+(?:(?:totalling|totaling|worth|amounting to|valued at|of)"
    r"|(?:with|had)\s+an?\s+(?:estimated\s+|total\s+)?(?:street\s+)?value\s+of)\s+$"
)
_SHARES_VERB = re.compile(r"\s*,?\s*(?:and\s+|along\s+with\s+|as\s+well\s+as\s+"
                          r"|together\s+with\s+|plus\s+)?", re.IGNORECASE)
_COPULA = re.compile(
    r"\s+(?:is|was|are|were|has been|have been|had been)(?:\s+(?:estimated|thought|believed"
    r"|said|understood|calculated|expected|likely)\s+to\s+(?:be|have\s+been))?\s*$")
# "people were stopped and breath tested": a second thing done to the same people
_AND_TESTED = re.compile(r"\s+and\s+(?P<v>(?:breath[- ])?(?:tested|breathalysed|searched))\b",
                         re.IGNORECASE)
_COPULA_FOR = re.compile(r"\s+(?:were|was|are|is)(?=\s+for\b)")
_GROUP_ADVERBS = frozenset("together altogether collectively combined jointly".split())
_MEASURES = frozenset(
    "items pieces bags packets wraps litres rounds boxes bottles pairs cartons hours lots "
    "sets".split()) | WEIGHTS.keys()
_NOMINALS = {"closure": "closed", "closing": "closed", "seizure": "seized", "recovery":
             "recovered", "arrest": "arrested", "execution": "executed", "removal": "seized",
             "issuing": "issued", "issue": "issued"}
_NOMINAL = re.compile(r"\b(?P<n>" + "|".join(_NOMINALS) + r")\s+of\s+(?:the\s+|a\s+further\s+"
                      r"|another\s+)?$", re.IGNORECASE)
_BACK_REF = re.compile(r"\s+of\s+(?P<w>them|these|those)\b", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s+(?:the|a|an|across|in|of|and|or|at|from|to|for|with|by|on))+\s*$",
                       re.IGNORECASE)  # "at homes ... across the [four force areas]"
_OPENS_BACK_REF = re.compile(  # "Of these,", "Of the arrests made in May,"
    r"^\W*(?:of|among)\s+(?:these|them|those|the)(?:\s+[a-z]+){0,6}?\s*,", re.IGNORECASE)
_INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom|of which)\s+$",
                        re.IGNORECASE)
_PASSIVE = re.compile(
    r"(?:\s*,[^,]{1,40},)?"  # "Two men, aged 24 and 31, were charged"
    r"(?:\s+(?!(?:and|but|while|whilst|who|which|where|after|before)\b)[A-Za-z'’-]+){0,6}?"
    r"\s+(?:(?:have|has|had)\s+(?:also\s+)?been|were|was|are|is|got)\s+"
    r"(?:also\s+|now\s+|all\s+|then\s+|later\s+|successfully\s+|subsequently\s+)?"
    r"(?P<v>[a-z]+)(?:\s+(?P<p>" + "|".join(_PARTICLES) + r")\b)?"
)
_INTRANSITIVE = re.compile(r"\s+(?P<v>failed|passed|complied|refused|took part)\b")
_DETAIL = re.compile(
    r"^\s*,?\s+(?P<d>(?:for|in connection with|on suspicion of|using|without|with no|at|from"
    r"|to (?:people|drivers|motorists|riders|those|sellers|retailers|shops|owners|youths)"
    r"|(?:mostly|mainly|most of them|many of them|all of them)\s+(?:in|on|at|across|from)"
    r"|including|(?!during\b)[a-z]+ing\b)\s*.*?)"
    r"(?=,\s+(?:and\s+)?[a-z]+ed\b|\s+and\s+(?:have\s+|has\s+|had\s+)?(?:been\s+)?[a-z]+ed\b"
    r"|\s+and\s+(?:made|took|put|found|gave|held|ran|saw|sent|kept|brought)\b"
    r"|,\s+(?:were|was|are|is|have|has|had|together|altogether|collectively|worth|valued"
    r"|totalling|along|with|which|who)\b|\s+(?:and|or)\s*$|[;.]|,\s*$|$)"
)


@dataclass
class RawFigure:
    """A figure as found in one sentence, before its scope and metric are settled."""

    sentence: Sentence
    number: Number
    qualifier: str
    counted: Counted
    role: Role = "plain"
    detail: str | None = None
    quoted: bool = False
    parent: RawFigure | None = None  # the figure this one is a part of ("nine of them")
    clause: tuple[int, int] = (0, 10**6)  # where in the sentence its force may be named

    @property
    def words(self) -> str:
        """The figure as the release put it, for messages: 'more than £15,000'."""
        q = "" if self.qualifier == "exact" else self.qualifier.replace("_", " ") + " "
        return f"{q}{self.number.text} {self.counted.surface}".strip()


def figures_in(sentence: Sentence, before: RawFigure | None = None,
               earlier: Sequence[RawFigure] = ()) -> tuple[list[RawFigure], list[str]]:
    """The figures in `sentence`, and notes on numbers that looked like figures but were not.

    `before` is the last figure of the sentence before, which "Of these, 188 were ..." counts;
    `earlier` are all the figures before, which "3 of the knives" may be a part of.
    """
    text = sentence.text
    numbers = find_numbers(text, date_spans(text))
    figures: list[RawFigure] = []
    skipped: list[str] = []
    consumed: set[int] = set()
    prev_verb: str | None = None
    prev_end = -1
    opens_back_ref = bool(_OPENS_BACK_REF.match(text))
    for number in numbers:
        if number.start in consumed:
            continue
        qualifier, qstart = qualifier_before(text[: number.start])
        last = figures[-1] if figures else None
        back = None if number.money else _back_ref(text, number.end)
        total: Number | None = None
        part = None if back else _PART_OF.match(text, number.end)
        np_start = back.end() if back else number.end
        if part and not number.money:
            np_start = part.end()
            total = next((n for n in numbers if n.start == np_start and not n.money), None)
            if total:
                consumed.add(total.start)
                np_start = total.end
        noun, np_end, verb_after = ("", np_start, None) if back else _noun_phrase(text, np_start)
        if not noun and not back and (cop := _COPULA_FOR.match(text, np_end)):
            np_end = cop.end()  # "153 were for drink driving": a part, for a reason
        verb_pos = qstart
        parent: RawFigure | None = None
        if number.money:
            noun, np_end, verb_pos, verb_after, parent = _money_noun(
                text, number, qstart, noun, np_end, verb_after, last)
        elif part and not noun:
            part, total = None, None  # "one of our priorities": not a part of a figure
            noun, np_end, verb_after = _noun_phrase(text, number.end)
        if number.money and qualifier == "exact" and _ESTIMATED.search(text[verb_pos:qstart]):
            qualifier = "about"  # "drugs with an estimated street value of £75,000"
        active = _active_verb(text[:verb_pos]) or _nominal_verb(text[:verb_pos])
        if active is None and prev_verb and _SHARES_VERB.fullmatch(text[prev_end:qstart]):
            active = prev_verb  # "finding 18 knives and two machetes", "..., along with 44"
        following, verb_end = (verb_after, np_end) if verb_after else _following_verb(text,
                                                                                     np_end)
        if following and (more := _AND_TESTED.match(text, verb_end)):
            following, verb_end = f"{following} and {more['v'].lower()}", more.end()
        obj = object_phrase(text, np_end) if verb_after in _SALES_VERBS else None
        whole: str | None = None
        if not number.money:
            parent = _parent(text, qstart, noun, following, np_end, back, last,
                             before if opens_back_ref and not last else None)
            if parent is None and part and noun and not (active or following):
                parent = _counted_before(noun, [*earlier, *figures])  # "3 of the knives"
                whole = f"of the {parent.words}" if parent else None
        if parent is not None and not number.money:
            noun = noun or parent.counted.noun
            following = following or (None if active else parent.counted.verb)
        elif number.money and parent is None and not (active or following) and last:
            following = last.counted.verb  # "... taken off the streets, along with drugs worth"
        role: Role = "plain"
        if part and following is None and not number.money:
            role = "part"
        bound = next((n.start for n in numbers if n.start >= max(np_end, verb_end)
                      and n.start not in consumed), len(text))
        detail = _figure_detail(text, qstart, np_end, verb_end, bound, back, parent) or whole
        counted = Counted(noun, following or active, number.money,
                          _offence(noun, following or active, detail), obj)
        reason = _not_a_figure(number, counted, bool(active or following), text)
        if reason is not None:
            if reason and not sentence.in_quote(number.start):
                skipped.append(f"{number.text} {noun}".strip() + f": {reason}")
            continue
        figure = RawFigure(sentence, number, qualifier, counted, role, detail,
                           sentence.in_quote(number.start), parent)
        if back and parent is not None and parent.sentence is sentence:
            for earlier in figures:  # "Eleven were recovered, three of them in Notts": the
                earlier.clause = (earlier.clause[0], number.start)  # force is the three's
            figure.clause = (number.start, len(text))
        figures.append(figure)
        if total is not None:
            tq = qualifier_before(text[: total.start])[0]
            figures.append(RawFigure(sentence, total, tq, Counted(noun, active, False),
                                     "total" if role == "part" else "plain", None,
                                     sentence.in_quote(total.start)))
        prev_verb, prev_end = (active or following), max(np_end, verb_end)
    return figures, skipped


def _counted_before(noun: str, figures: Sequence[RawFigure]) -> RawFigure | None:
    """The last figure that counted `noun` ('the knives'), with what was done to them."""
    plural = Counted(noun, None).plural
    for figure in reversed(figures):
        if figure.counted.verb and not figure.counted.money and plural in (
                figure.counted.plural, Counted(figure.counted.noun.split()[-1], None).plural):
            return figure
    return None


def _back_ref(text: str, pos: int) -> re.Match[str] | None:
    """'three of them', 'two of these were': a part of the figure before, named by a pronoun."""
    m = _BACK_REF.match(text, pos)
    if not m or (m["w"].lower() != "them" and _noun_phrase(text, m.end())[0]):
        return None  # "five of those drug seizures" names its own noun
    return m


def _parent(text: str, qstart: int, noun: str, verb: str | None, np_end: int,
            back: re.Match[str] | None, last: RawFigure | None,
            before: RawFigure | None) -> RawFigure | None:
    """The figure this number is a part of, if it is one: 'three of them', 'including nine
    children', '46 arrested, 27 for drink driving', 'Of these, 188 were dealt with ...'."""
    if back:
        return last or before
    if noun:
        return last if last and _INCLUDING.search(text[:qstart]) else None
    if not (verb or re.match(r"\s+for\b", text[np_end:])):
        return None
    if last and re.search(r"(?:,|\band|\bwhile)\s*$", text[:qstart]):
        return last
    return before


def _figure_detail(text: str, qstart: int, np_end: int, verb_end: int, bound: int,
                   back: re.Match[str] | None, parent: RawFigure | None) -> str | None:
    """Why or where, as the release says: 'for having no insurance', 'including machetes',
    'from a storage unit in Nottinghamshire', 'among the 31 vulnerable people safeguarded'."""
    if back:
        m = re.match(r"\s*,?\s*(?:were\s+|was\s+)?(?P<d>[^;.,]+)", text[back.end():bound])
        return m["d"].strip() if m and len(m["d"].split()) > 1 else None
    if parent is not None and _INCLUDING.search(text[:qstart]):
        return f"among the {parent.words}"
    listed = _detail(text[np_end:])
    if listed and listed.startswith("including"):
        return listed  # "Eighteen weapons, including machetes and zombie knives, were ..."
    return _detail(text[verb_end:bound])


def _offence(noun: str, verb: str | None, detail: str | None) -> str | None:
    """The offence people were dealt with for ('for not wearing a seatbelt'), if counted."""
    words = noun.lower().split()
    if not words or words[-1] not in OFFENDERS or not detail:
        return None
    if canonical_verb(verb) not in ("caught", "dealt with", "reported", "stopped", "warned"):
        return None
    return offence_in(detail)


def _noun_phrase(text: str, pos: int) -> tuple[str, int, str | None]:
    """The noun phrase starting at `pos`, where it ends, and a participle right after it.

    A measure of something keeps its 'of': 'items of stolen machinery', 'hours of patrols'.
    """
    if m := _STOP_AND_SEARCH.match(text, pos):
        return "stop and searches", m.end(), None
    words: list[str] = []
    end = pos
    limit = 4
    while len(words) < limit:
        m = _WORD.match(text, end)
        if not m:
            break
        word = m[1].lower()
        if not words and word in _BAD_FIRST:
            return "", pos, None
        if not words and word in _SALES_VERBS and _takes_object(text, m.end()):
            return "", m.end(), word  # "40 shops, and two sold knives": two of the shops
        if word == "of" and words and words[-1].lower() in _MEASURES and " of " not in " ".join(
                words) and (after := _WORD.match(text, m.end())) and after[1].lower() not in (
                _NP_STOP | _BAD_FIRST):
            words.append(word)
            end = m.end()
            limit = len(words) + 5
            continue
        if word == "and" and words and words[-1].lower() in PERSONNEL and (
                after := _WORD.match(text, m.end())) and after[1].lower() in PERSONNEL:
            words += [word, after[1]]  # "officers and staff"
            end = after.end()
            continue
        if words and words[-1].lower() == "class" and m[1] in ("A", "B", "C"):
            words.append(m[1])  # "class A drugs"
            end = m.end()
            continue
        if word in _NP_STOP or word in _PAST_TENSES:
            break
        if words and words[-1] != "of" and (_is_participle(word) or (
                word.endswith("ing") and word not in _ING_NOUNS)):
            state = _WORD.match(text, m.end())
            if word in _REPORTED and state and state[1].lower() in _STATES:
                # "vehicles reported stolen were recovered": the stolen vehicles
                noun = " ".join(words)
                return f"{state[1].lower()} {noun}", state.end(), None
            if _is_participle(word):
                if word in _SALES_VERBS and _takes_object(text, m.end()):
                    return " ".join(words), m.end(), word  # "premises sold alcohol ..."
                verb, verb_end = _with_particle(text, word, m.end())
                return " ".join(words), verb_end, verb
            break
        if words and m[1][0].isupper() and not words[-1][0].isupper():
            break
        words.append(m[1])
        end = m.end()
    return " ".join(words), end, None


def _takes_object(text: str, pos: int) -> bool:
    """Whether the verb ending at `pos` acts on an object ('sold alcohol to ...'), so that
    the noun before it did the thing rather than had it done to it ('knives recovered')."""
    m = _WORD.match(text, pos)
    if not m or not m[1][:1].islower() or text[pos:m.start(1)].strip():
        return False
    word = m[1].lower()
    return not (word in _NP_STOP or word in _NOT_OBJECTS or word in _PARTICLES
                or word.endswith(("ly", "ing")) or _is_participle(word) or word in VERB_FORMS)


def object_phrase(text: str, pos: int) -> str:
    """What a verb acted on, up to a comma, 'and' or the end: 'alcohol to an underage
    volunteer' (at most eight words)."""
    m = re.match(r"\s*(?P<o>[^,;.:]+?)(?=\s+(?:and|but|while|after|before)\b|[,;.:]|$)",
                 text[pos:])
    words = m["o"].split() if m else []
    return " ".join(words[:8])


def _money_noun(text: str, number: Number, qstart: int, noun: str, np_end: int,
                verb_after: str | None, last: RawFigure | None
                ) -> tuple[str, int, int, str | None, RawFigure | None]:
    """For money, the thing it was: 'cash totalling £X', '£X in cash', '£X seized',
    'drugs with a street value of £X'; 'together worth £X' is the worth of the figure before.
    Returns the noun, where it ends, where a verb before it would end, a verb after it, and
    the figure it is the worth of, if any."""
    anchor = _MONEY_ANCHOR.search(text[:qstart])
    if anchor and (subject := _subject_valued(text, anchor.start())):
        return subject[0], number.end, subject[1], subject[2], None
    if anchor:
        words = _words_before(text, anchor.start())
        if words and words[-1][0].lower() in _GROUP_ADVERBS and last is not None:
            whole = _top(last)
            return whole.counted.noun, number.end, qstart, whole.counted.verb, whole
        if words:
            start = words[0][1]
            return " ".join(w for w, _ in words), number.end, start, None, None
    after = re.match(r"\s+(?:in|of|worth\s+of)\s+", text[number.end:])
    if not after and (noun_m := _WORD.match(text, number.end)) and (
            noun_m[1].lower() in MASS_NOUNS):
        after = re.match(r"\s", text[number.end:])  # "£3,500 cash seized"
    if after:
        noun, end, verb = _noun_phrase(text, number.end + after.end() - 1)
        return noun, end, qstart, verb, None
    m = _WORD.match(text, number.end)
    if m and _is_participle(m[1].lower()):
        verb, end = _with_particle(text, m[1].lower(), m.end())
        return "", end, qstart, verb, None
    return "", number.end, qstart, None, None


def _subject_valued(text: str, anchor: int) -> tuple[str, int, str | None] | None:
    """'The property recovered is estimated to be worth £X': what the sentence says is worth
    the money (its subject), where it starts and the verb done to it."""
    cop = _COPULA.search(text[:anchor])
    if not cop:
        return None
    end, verb = cop.start(), None
    last = re.search(r"([a-z]+)\s*$", text[:end])
    if last and _is_participle(last[1]) and last[1] not in _STATES:
        verb, end = last[1], last.start()  # "the property recovered"
    words = _words_before(text, end)
    if not words:
        return None
    return " ".join(w for w, _ in words), words[0][1], verb


def _words_before(text: str, end: int) -> list[tuple[str, int]]:
    """The noun phrase ending at `end` ('crack cocaine and heroin', 'Stolen farm machinery'),
    as (word, start) pairs, stopping at a verb, punctuation or a little word."""
    found: list[tuple[str, int]] = []
    pos = end
    while len(found) < 5:
        m = re.search(r"([A-Za-z][A-Za-z'’-]*)\s*$", text[:pos])
        if not m or (found and text[m.end():pos].strip()):
            break
        word = m[1].lower()
        if word in ("and", "or") and found and len(found) < 4:
            found.insert(0, (word, m.start()))
            pos = m.start()
            continue
        if word in _NP_STOP or word in _BAD_FIRST or (found and (
                _is_participle(word) and word != "stolen" or word in VERB_FORMS)):
            break
        if not found and (_is_participle(word) and word not in _GROUP_ADVERBS):
            break
        found.insert(0, (m[1].lower() if m.start() == 0 else m[1], m.start()))
        pos = m.start()
        if word in _GROUP_ADVERBS:
            break
    while found and found[0][0] in ("and", "or"):
        found.pop(0)
    return found


def _top(figure: RawFigure) -> RawFigure:
    while figure.parent is not None:
        figure = figure.parent
    return figure


def _active_verb(before: str) -> str | None:
    m = _ACTIVE.search(before.lower())
    if not m:
        return None
    verb = m["v"]
    phrasal = f"{verb} {m['p']}" if m["p"] else verb
    if phrasal in VERB_FORMS or verb in VERB_FORMS or verb in LIGHT_VERBS or (
        verb not in _NOT_VERBS and (_is_participle(verb) or verb.endswith("ing"))
    ):
        return phrasal if m["p"] and verb not in VERB_FORMS else verb
    return None


def _nominal_verb(before: str) -> str | None:
    """'the closure of five deal lines' → 'closed'."""
    m = _NOMINAL.search(before)
    return _NOMINALS[m["n"].lower()] if m else None


def _following_verb(text: str, pos: int) -> tuple[str | None, int]:
    """The verb after a noun ('were seized', 'failed') and where it ends."""
    m = _INTRANSITIVE.match(text, pos) or _PASSIVE.match(text, pos)
    if not m or not (_is_participle(m["v"]) or m["v"] in VERB_FORMS):
        return None, pos
    if "p" not in m.groupdict():
        return m["v"], m.end("v")
    return _with_particle(text, m["v"], m.end("v"))


def _with_particle(text: str, verb: str, pos: int) -> tuple[str, int]:
    """'handed in', 'dealt with', 'taken off the streets': a verb with what completes it."""
    m = re.match(r"\s+(" + "|".join(_PARTICLES) + r"|with)\b(?:\s+the\s+(?:streets|roads?)\b)?",
                 text[pos:])
    if not m:
        return verb, pos
    whole = f"{verb} {m[0].strip()}"
    if whole in VERB_FORMS:
        return whole, pos + m.end()
    if f"{verb} {m[1]}" in VERB_FORMS or (verb in _PHRASAL and m[1] != "with"):
        return f"{verb} {m[1]}", pos + m.end(1)
    return verb, pos


def _is_participle(word: str) -> bool:
    return word in _PARTICIPLES or (len(word) > 4 and word.endswith("ed")
                                    and word not in _NOUN_ED)


def _not_a_figure(number: Number, counted: Counted, has_verb: bool, text: str) -> str | None:
    """Why this number is not a figure ('' to skip silently), or None if it is one."""
    head = counted.head
    if number.money:
        return None
    if not counted.noun or head in _NOT_COUNTED:
        return ""
    if head in _TIME and not (head.startswith("hour") and _HOURS_CUES.search(text)):
        return ""
    if number.text.lower() == "one" and not has_verb:
        return ""
    if not has_verb and head not in ACTION_NOUNS:
        return "the release does not say what was done, so it was not imported"
    return None


def _detail(after: str) -> str | None:
    m = _DETAIL.match(after)
    detail = _TRAILING.sub("", m["d"]).strip(" ,") if m else ""
    if len(detail.split()) > 1 or (detail.endswith("ing") and detail != "including"):
        return detail  # "for having no insurance", "speeding"
    return None
