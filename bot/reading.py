"""The cues of one message, read once from its text: what kind of question it is, beyond the
slots of bot.analysis (operation, metric, force…). Every regular expression and word list the
deciding code needs lives here or in bot.analysis; the deciding modules (bot.engine and
bot/deciding/) only ask a `Cues` its answers (tests/test_reading_split.py keeps it so).

A `Cues` is frozen: each cue is worked out the first time it is asked and then kept, so a
message pays only for the cues its path through the engine needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bot.retrieval import FRAME_WORDS
from bot.text import COMMON, OFF_TOPIC, STOP
from bot.vocabulary import BYE, GREETING, HELP, THANKS

_NAMES_OF = re.compile(r"\b(names?|identity|identities|addresses|photos?|pictures?|mugshots?|"
                       r"faces?)\b.{0,15}\b(of|were|are)\b.{0,20}\b(people|suspects|those|"
                       r"them|arrested|criminals|offenders|men|women)\b|\bwho (was|were|got) "
                       r"(arrested|nicked|lifted|charged)\b")
_LIST_OPS = re.compile(r"\b(what|which|list|all|any|other)\b.{0,25}\boperations\b|"
                       r"\blist (the|all|your)? ?operations\b|\boperations (do|can) you\b")
ORDINAL = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1,
           "latter": -1, "former": 0}
_MEMBERSHIP = re.compile(r"^(was|were|is|are|did|does|do|has|have) [a-z ]{2,30}\b(in|on|with|at)"
                         r"\b|"
                         r"\b(part of|one of|among|amongst|include|included|including|"
                         r"involved|take part|took part|taking part|in it|join|joined|"
                         r"participate|participated|was there|were there|help|helped)\b")
_BREAKDOWN = re.compile(r"\b(what|which) (kind|kinds|type|types|sort|sorts|brand|make|makes|"
                        r"model|models) of\b|\b(what|which) (drugs|weapons|cars|vehicles|motors|"
                        r"offences|crimes) (did|were|was|had)\b|\bwas it (coke|cocaine|weed|"
                        r"cannabis|heroin|crack)\b")
_FUTURE = re.compile(r"\b(next|upcoming|future|coming up|will there be|going to be another|"
                     r"when will|is there going|planned for (next|this|the coming))\b")
_WHO_SAID = re.compile(r"\bwho (said|says|was quoted|is quoted|stated|claimed|told)\b|"
                       r"\b(say|said|mention|mentioned|talk|talked) (anything )?about\b")
_PERSONAL = re.compile(
    r"\bmy (son|daughter|brother|sister|husband|wife|partner|boyfriend|girlfriend|friend|dad|"
    r"mum|cousin|nephew|niece|neighbour|mate|uncle|aunt)\b.{0,40}\b(arrested|nicked|lifted|"
    r"one of|among|involved|charged|caught)\b|\bwhere (does|do|did) .{0,60}\blive\b(?! chat)|"
    r"\b(how old|ages? of|what ages?)\b")
_OUTCOMES = re.compile(r"\b(sentences?|sentenced|jailed|convicted|convictions|court|prison|"
                       r"charged|charges|street value|worth|value of)\b")
_REPEAT = re.compile(r"^(name|list|tell me|what are|which are) (them|those|the ones)\b|"
                     r"\bwhich ones\b|\bwho (are|were) they\b")
_OTHER_ONE = re.compile(r"\b(the )?other (one|operation|op|job)\b")
_SPEAKER = re.compile(r"\bwhat (did|does|has) (the )?(?P<who>[a-z ]{2,40}?) (say|said|think)\b")
# the words that ask for a kind, not what the kind is of ("what kinds of vehicles")
KIND_WORDS = frozenset({"kind", "kinds", "type", "types", "sort", "sorts", "brand", "make",
                        "makes", "model", "models"})
_NO_BREAKDOWN = re.compile(
    r"\bper (day|force|officer|arrest|hour|week|month|year|person|head|team)\b|\baverage\b|"
    r"\b(each|every) (year|month)\b|\b(yearly|annually|monthly)\b|\bof each\b|"
    r"\beach (day|force|officer)\b|\bdaily\b|\bday by day\b|"
    r"\bwhich (force|forces|team|unit|officer|officers)\b.{0,40}"
    r"\b(most|least|more|fewer|highest|lowest|best)\b|"
    r"\bhow many of (the|those|these|them)\b.{0,60}"
    r"\b(were|was) (\w+ly |just |only )?(for|about|related|linked|because|over)\b|"
    r"\bof (the|those|these) .{0,40}\bhow many (were|was) (\w+ly |just |only )?"
    r"(for|about|related|linked|because|over)\b|"
    r"\bwhich (day|days|date)\b.{0,40}\b(most|least|more|fewer|highest|lowest|busiest)\b|"
    r"\bbusiest (day|date)\b")
_EARLIER = re.compile(r"\b(first|second|last|former|latter) (one|operation|op)\b")
_WHICH_MORE = re.compile(r"\b(which|what) (was|is|one|operation|op|had|got|seized|made)?\b.{0,30}"
                         r"\b(higher|more|most|bigger|biggest|larger|largest|less|fewer|lower|"
                         r"least)\b")
# two things set side by side: "more cash than the april one", "april vs july", "compared with"
_COMPARES = re.compile(r"\b(more|less|fewer|bigger|smaller|higher|lower|larger|greater|better|"
                       r"worse)\b.{0,40}\b(than|or)\b|\b(vs|versus|compare|compared|comparison|"
                       r"comparing|difference between)\b|\b(in|for) each of (the|them|those)\b")
_AFTER_THAT = re.compile(r"\b(after that|after then|the day after|after it|the next day|"
                         r"next open|open next|opens next)\b")
_QUESTION = re.compile(r"^(who|what|whats|when|where|which|how|did|was|were|is|are|does|do|"
                       r"can you tell|tell me|explain)\b")
# a statement turned into a question by its tag: "i heard there were dogs on the april op, is
# that right"
_QUESTION_TAG = re.compile(r"\b((is|was) (that|it|this) (right|true|correct|so|the case)|"
                           r"(right|true|yeah|or not|is it|was it|did they|were they))$")
# two things asked in one message: "which force led it and how many vehicles were seized"
_TWO_ASKS = re.compile(r"\b(and|also|plus|as well as)\b")
_TO_ACT = re.compile(r"\b(can|do|should|could|would|shall|must) (i|we)\b|"
                     r"\b(who|where|how|what) (should|do|can|could|might|would|shall|must) "
                     r"(i|we)\b|"
                     r"\bi (want|need|would like) to\b")
_LATEST = re.compile(r"\b(latest|most recent|newest|recent|last) (operation|op|one|crackdown)\b")
_PRIVATE = re.compile(r"\b(married|wife|husband|partner|kids|children|age|how old|salary|earn|"
                      r"earns|live|lives|address|phone number|email|instagram|facebook|twitter|"
                      r"religion|single|dating)\b")
_BOTH = re.compile(r"\b(both|either|each) (of )?(the )?(operations|ops|ones|of them|them)\b|"
                   r"\bin both\b|\bboth (the )?(april|operations|ops)\b")
_ASKS_PURPOSE = re.compile(r"^(was|is|were|are) .{0,40}\b(about|for|aimed at|targeting|against|"
                           r"to do with)\b")
# "Essex's share of the 215 arrests", "of the 215, what was Essex's contribution"
_SHARE = re.compile(r"\b(share|contribution|part|portion|proportion|out of|of the|of those)\b")
_QUOTED = re.compile(r"\b(quoted|quote|quotes|said|says|say|spoke|comment|commented)\b")
_INSTEAD = re.compile(r"\b(instead|alternative|alternatives|other (ways?|options?)|what else can "
                      r"i|anything else i can|else can i)\b")
_FOOTAGE_TO_REPORT = re.compile(r"\b(footage|cctv|dash ?cam|video|recording|photos?)\b")
_FOOTAGE_TO_GIVE = re.compile(r"\b(footage|cctv|dash ?cam|video|evidence)\b")
_HOLIDAYS = re.compile(r"\b(bank|public) holidays?\b")
_HE_OR_SHE = re.compile(r"\b(he|she|him|her|his)\b")
_SAYS_OPERATION = re.compile(r"\b(operation|operations|crackdown|week of action)\b")
_WHO_DID_THEM = re.compile(r"\bwho (did|made|carried out|seized|put in|worked|found) "
                           r"(them|those|these|it)\b")
_WHAT_WORD = re.compile(r"\b(what|which) (\w+)")
_PLACE = re.compile(r"\b(at|in|during|from|for) (the )?([a-z]{4,})\b")
_OPENING = re.compile(r"\b(open|opens|close|closes|opening|closing)\b")
_LED_BY = re.compile(r"\b(led|run|headed) by\b")
_ASSERTS_LEAD = re.compile(r"\b(led|run|headed|organised) by\b|\bdid \w+( \w+)? lead\b|"
                           r"\bwas it\b|\byes\b")
_SAYS = re.compile(r"\b(say|said|says|think|thinks|comment)\b")
# asks what someone thinks: "does basford reckon arrests alone will do it"
_OPINION = re.compile(r"\b(reckon|reckons|think|thinks|believe|believes|feel|feels|view|"
                      r"opinion|say|says|said)\b")
_ASKS_WORDS = re.compile(r"\b(say|said|says|quote|comment|statement|words)\b")
_STATISTIC = re.compile(r"\b(seiz\w*|recover\w*|arrest\w*|confiscat\w*|taken|stolen|patrol\w*|"
                        r"total|figures?|results?|operations?)\b")
_FIRST_PERSON = {"i", "me", "my", "im", "we", "our", "us"}  # the asker acting
_ABOUT_A_PERSON = {"role", "rank", "job", "position", "title", "part", "name", "force"}
_NOT_A_KIND = ("kind", "type", "sort")  # "what kind of…" is asked by _BREAKDOWN
_QUOTE_VERBS = ("said", "says", "stated", "claimed", "told", "was quoted", "is quoted")
_NOT_OUTCOME_WORDS = ("of", "value")
_CHARGED = ("charged", "charges")


@dataclass(frozen=True)
class Cues:
    """What a message's wording asks, beside its slots: `text` is the message normalised as
    typed, `fixed` the same after spelling correction, `tokens` the words of `text`."""

    text: str
    fixed: str
    tokens: tuple[str, ...]

    # -------------------------------------------------------------- refusals and scope
    @cached_property
    def names_of(self) -> bool:
        """'the names of the people arrested', 'who was arrested'."""
        return bool(_NAMES_OF.search(self.fixed))

    @cached_property
    def personal(self) -> bool:
        """'my son was one of those arrested', 'where does he live', 'how old'."""
        return bool(_PERSONAL.search(self.fixed))

    @cached_property
    def outcomes_asked(self) -> bool:
        """'were they charged?', 'what sentences did they get?' (spelling corrected)."""
        return bool(_OUTCOMES.search(self.fixed))

    @cached_property
    def outcome(self) -> str | None:
        """The words of an outcome the message asks about, as typed ('charged')."""
        m = _OUTCOMES.search(self.text)
        return m.group(0) if m else None

    @cached_property
    def outcome_is_charge(self) -> bool:
        return self.outcome in _CHARGED

    def outcome_counted(self, words: set[str]) -> bool:
        """Whether the knowledge's own words hold the outcome ('street value' of drugs)."""
        return any(w in words for w in (self.outcome or "").split()
                   if w not in _NOT_OUTCOME_WORDS)

    @cached_property
    def off_topic(self) -> bool:
        """A word of a subject no police release covers ('weather')."""
        return any(t in OFF_TOPIC for t in self.tokens)

    @cached_property
    def future(self) -> bool:
        return bool(_FUTURE.search(self.text))

    @cached_property
    def private(self) -> bool:
        """A private detail of a person ('is he married', 'how much does she earn')."""
        return bool(_PRIVATE.search(self.text))

    @cached_property
    def breakdown(self) -> bool:
        """'what kind of drugs', 'was it cocaine': a breakdown by type."""
        return bool(_BREAKDOWN.search(self.text))

    @cached_property
    def no_breakdown(self) -> bool:
        """'per day', 'on average', 'which force made the most': never published."""
        return bool(_NO_BREAKDOWN.search(self.text))

    @cached_property
    def opening(self) -> bool:
        """'what time does it open': opening hours, of a place or a channel."""
        return bool(_OPENING.search(self.text))

    @cached_property
    def place_word(self) -> str | None:
        """'arrests at Glastonbury': the first word after a place preposition, unless it is
        ordinary English."""
        m = _PLACE.search(self.text)
        return m.group(3) if m and m.group(3) not in COMMON else None

    # -------------------------------------------------------------- what the asker wants
    @cached_property
    def to_act(self) -> bool:
        """'how do I report…', 'can I…': the asker wants to do something."""
        return bool(_TO_ACT.search(self.text))

    @cached_property
    def first_person(self) -> bool:
        return bool(_FIRST_PERSON & set(self.tokens))

    @cached_property
    def question(self) -> bool:
        """Opens as a question ('what is cuckooing?') or ends with a question's tag ('… is
        that right')."""
        return bool(_QUESTION.match(self.text) or _QUESTION_TAG.search(self.text))

    @cached_property
    def footage_to_report(self) -> bool:
        return bool(_FOOTAGE_TO_REPORT.search(self.text))

    @cached_property
    def two_asks(self) -> bool:
        """Joins two asks ('… and how many …', '… also …')."""
        return bool(_TWO_ASKS.search(self.text))

    @cached_property
    def footage_to_give(self) -> bool:
        return bool(_FOOTAGE_TO_GIVE.search(self.text))

    @cached_property
    def instead(self) -> bool:
        """'what can I do instead?'"""
        return bool(_INSTEAD.search(self.text))

    @cached_property
    def after_that(self) -> bool:
        """'when is it next open after that?'"""
        return bool(_AFTER_THAT.search(self.text))

    @cached_property
    def holidays(self) -> bool:
        return bool(_HOLIDAYS.search(self.text))

    @cached_property
    def smalltalk(self) -> str | None:
        """'help', 'greeting' or 'thanks' when the message is only that."""
        text, tokens = self.text, self.tokens
        if text in HELP or any(text.startswith(h) for h in HELP if len(h) > 6):
            return "help"
        if text in GREETING or (tokens and tokens[0] in GREETING and len(tokens) <= 3):
            return "greeting"
        if text in THANKS or text in BYE or (tokens and tokens[0] in THANKS
                                              and len(tokens) <= 4):
            return "thanks"
        return None

    def everyday_only(self, unexplained: list[str]) -> bool:
        """'how do I tax my car': no word that only a statistic uses ('seized', 'total'), and
        every understood word is everyday English."""
        if _STATISTIC.search(self.text):
            return False
        return all(w in COMMON or len(w) <= 4 for w in self.tokens
                   if w not in STOP and w not in unexplained)

    # -------------------------------------------------------------- people and quotes
    @cached_property
    def speaker(self) -> list[str]:
        """'what did the Home Secretary say': the speaker's words (as typed: a title must not
        be 'corrected' into a word)."""
        m = _SPEAKER.search(self.text)
        return [w for w in m.group("who").split() if w not in STOP] if m else []

    @cached_property
    def who_said(self) -> bool:
        """'who said…', 'did they say anything about…' (spelling corrected)."""
        return bool(_WHO_SAID.search(self.fixed))

    @cached_property
    def who_said_person(self) -> bool:
        """'who said…' (rather than 'say anything about…')."""
        m = _WHO_SAID.search(self.fixed)
        return bool(m and m.group(1))

    @cached_property
    def who_said_as_typed(self) -> bool:
        return bool(_WHO_SAID.search(self.text))

    @cached_property
    def quoted_words(self) -> tuple[list[str], bool]:
        """The words a quote should hold (after any 'who said'), and whether the question
        asks who said them."""
        m = _WHO_SAID.search(self.fixed)
        tail = self.fixed[m.end():] if m else self.fixed
        words = [w for w in tail.split() if w not in STOP and w not in ("that", "release")]
        return words, bool(m and m.group(1) in _QUOTE_VERBS)

    @cached_property
    def quoted(self) -> bool:
        """'which officer was quoted'."""
        return bool(_QUOTED.search(self.text))

    @cached_property
    def says(self) -> bool:
        return bool(_SAYS.search(self.text))

    @cached_property
    def asks_words(self) -> bool:
        """'what did she say', 'any quote': their words, not only who they are."""
        return bool(_ASKS_WORDS.search(self.text))

    @cached_property
    def he_or_she(self) -> bool:
        return bool(_HE_OR_SHE.search(self.text))

    def names_surname(self, name: str) -> bool:
        """Whether the message holds the surname of `name` ('Patterson')."""
        return name.split()[-1].lower() in self.text

    # -------------------------------------------------------------- operations and figures
    @cached_property
    def list_operations(self) -> bool:
        """'what operations do you know about?'"""
        return bool(_LIST_OPS.search(self.fixed))

    @cached_property
    def opinion(self) -> bool:
        """Asks what someone thinks or said, whatever it is about."""
        return bool(_OPINION.search(self.text))

    @cached_property
    def says_operation(self) -> bool:
        return bool(_SAYS_OPERATION.search(self.text))

    @cached_property
    def membership(self) -> bool:
        """'did Hampshire take part?', 'was Essex involved?'"""
        return bool(_MEMBERSHIP.search(self.text))

    @cached_property
    def asks_purpose(self) -> bool:
        """'was Sceptre about drugs or knives?'"""
        return bool(_ASKS_PURPOSE.search(self.text))

    @cached_property
    def share(self) -> bool:
        """'Essex's share of the 215'."""
        return bool(_SHARE.search(self.text))

    @cached_property
    def which_more(self) -> bool:
        """'which was higher?'"""
        return bool(_WHICH_MORE.search(self.text))

    @cached_property
    def compares(self) -> bool:
        """'did sceptre get more cash than the april one', 'april vs july', 'which was
        higher', 'is 14 more or less than…'."""
        return self.which_more or bool(_COMPARES.search(self.text))

    @cached_property
    def who_did_them(self) -> bool:
        """'who did them?' after a figure."""
        return bool(_WHO_DID_THEM.search(self.text))

    @cached_property
    def led_by(self) -> bool:
        return bool(_LED_BY.search(self.text))

    @cached_property
    def asserts_lead(self) -> bool:
        """'it was led by Essex, yes?': a lead the asker states, to be confirmed or not."""
        return bool(_ASSERTS_LEAD.search(self.text))

    @cached_property
    def kind_word(self) -> str | None:
        """'what drugs?': the word after the first 'what'/'which', unless it asks a kind
        ('what kind of') or names the frame ('what operation is it?')."""
        m = _WHAT_WORD.search(self.text)
        if not m or m.group(2) in _NOT_A_KIND or m.group(2) in FRAME_WORDS:
            return None
        return m.group(2)

    # -------------------------------------------------------------- references
    @cached_property
    def earlier(self) -> int | None:
        """'the first one' (0), 'the last one' (-1)."""
        m = _EARLIER.search(self.fixed)
        return ORDINAL[m.group(1)] if m else None

    @cached_property
    def picked(self) -> int | None:
        """'the second' after a list: the first ordinal word."""
        picked = [w for w in self.tokens if w in ORDINAL]
        return ORDINAL[picked[0]] if picked else None

    @cached_property
    def other_one(self) -> bool:
        return bool(_OTHER_ONE.search(self.fixed))

    @cached_property
    def both(self) -> bool:
        return bool(_BOTH.search(self.fixed))

    @cached_property
    def repeat(self) -> bool:
        """'name them', 'which ones'."""
        return bool(_REPEAT.search(self.fixed))

    @cached_property
    def latest(self) -> bool:
        return bool(_LATEST.search(self.fixed))


def not_ordinals(words: list[str]) -> list[str]:
    return [w for w in words if w not in ORDINAL]


def not_about_a_person(words: list[str]) -> list[str]:
    """Drop the words that ask about someone ('role', 'rank'): understood once they're known."""
    return [w for w in words if w not in _ABOUT_A_PERSON]


def not_comparisons(words: list[str]) -> list[str]:
    """Drop 'higher', 'more'…: a comparison of what was just said is understood."""
    return [w for w in words if not _WHICH_MORE.search(f"which {w}")]
