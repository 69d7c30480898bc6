"""The matching engine: message → triage → slots (operation, metric, scope, facet, channel…)
→ resolution with the conversation → a structured Answer. No Telegram here.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections import Counter
from datetime import date, datetime, time

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot import compose, derived, guidance, opening_hours, sentence_index
from bot.analysis import Analyser, Query, target_day
from bot.answer import Answer, Span, Suggestion, bold, spans
from bot.clock import LONDON
from bot.compiled import compiled
from bot.conversation import Conversation
from bot.danger import without_idioms
from bot.facets import facet_lines
from bot.knowledge import Knowledge
from bot.knowledge.models import Figure, Operation, partial_date_parts
from bot.language.english import is_everyday
from bot.retrieval import FRAME_WORDS, Hit, PassageIndex, content_stems, stem
from bot.spelling_index import SpellingIndex
from bot.text import (
    COMMON,
    OFF_TOPIC,
    STOP,
    SUBJECT_WORDS,
    clean,
    has_letters,
    latin_share,
    normalise,
    normalise_as_typed,
    singular,
)
from bot.triage import Triage, triage
from bot.triage import vocabulary as triage_vocabulary
from bot.vocabulary import (
    BYE,
    FACETS,
    GREETING,
    HELP,
    THANKS,
)

log = logging.getLogger(__name__)
COMMANDS = ("start", "help", "report", "livechat", "operations", "privacy", "evidence")
THRESHOLD = 0.45
_NAMES_OF = re.compile(r"\b(names?|identity|identities|addresses|photos?|pictures?|mugshots?|"
                       r"faces?)\b.{0,15}\b(of|were|are)\b.{0,20}\b(people|suspects|those|"
                       r"them|arrested|criminals|offenders|men|women)\b|\bwho (was|were|got) "
                       r"(arrested|nicked|lifted|charged)\b")
_LIST_OPS = re.compile(r"\b(what|which|list|all|any|other)\b.{0,25}\boperations\b|"
                       r"\blist (the|all|your)? ?operations\b|\boperations (do|can) you\b")
_ORDINAL = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1,
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
# facets that can be answered together in one reply, in this order
_COMBINABLE = ("lead", "when", "duration", "where", "forces", "units", "focus", "methods",
               "source")
_NO_BREAKDOWN = re.compile(
    r"\bper (day|force|officer|arrest|hour|week|month|year|person|head|team)\b|\baverage\b|"
    r"\b(each|every) (year|month)\b|\b(yearly|annually|monthly)\b|\bof each\b|"
    r"\beach (day|force|officer)\b|\bdaily\b|\bday by day\b|"
    r"\bwhich (force|forces|team|unit|officer|officers)\b.{0,40}"
    r"\b(most|least|more|fewer|highest|lowest|best)\b|"
    r"\bhow many of (the|those|these|them)\b.{0,60}"
    r"\b(were|was) (for|about|related|linked|because|over)\b")
_EARLIER = re.compile(r"\b(first|second|last|former|latter) (one|operation|op)\b")
_WHICH_MORE = re.compile(r"\b(which|what) (was|is|one|operation|op|had|got|seized|made)?\b.{0,30}"
                         r"\b(higher|more|most|bigger|biggest|larger|largest|less|fewer|lower|"
                         r"least)\b")
_AFTER_THAT = re.compile(r"\b(after that|after then|the day after|after it|the next day|"
                         r"next open|open next|opens next)\b")
_QUESTION = re.compile(r"^(who|what|whats|when|where|which|how|did|was|were|is|are|does|do|"
                       r"can you tell|tell me|explain)\b")
_TO_ACT = re.compile(r"\b(can|do|should|could|would|shall|must) (i|we)\b|"
                     r"\b(who|where|how) (should|do|can|could) (i|we)\b|"
                     r"\bi (want|need|would like) to\b")
# stems of words that say who counted, not what was counted
_SCOPE_STEMS = {"offic", "polic", "force", "peopl", "toget", "const", "team", "unit"}
_LATEST = re.compile(r"\b(latest|most recent|newest|recent|last) (operation|op|one|crackdown)\b")
_PRIVATE = re.compile(r"\b(married|wife|husband|partner|kids|children|age|how old|salary|earn|"
                      r"earns|live|lives|address|phone number|email|instagram|facebook|twitter|"
                      r"religion|single|dating)\b")
_ABOUT_A_PERSON = {"role", "rank", "job", "position", "title", "part", "name", "force"}
_BOTH = re.compile(r"\b(both|either|each) (of )?(the )?(operations|ops|ones|of them|them)\b|"
                   r"\bin both\b|\bboth (the )?(april|operations|ops)\b")
_ASKS_PURPOSE = re.compile(r"^(was|is|were|are) .{0,40}\b(about|for|aimed at|targeting|against|"
                           r"to do with)\b")
# "Essex's share of the 215 arrests", "of the 215, what was Essex's contribution"
_SHARE = re.compile(r"\b(share|contribution|part|portion|proportion|out of|of the|of those)\b")
_QUOTED = re.compile(r"\b(quoted|quote|quotes|said|says|say|spoke|comment|commented)\b")
_INSTEAD = re.compile(r"\b(instead|alternative|alternatives|other (ways?|options?)|what else can "
                      r"i|anything else i can|else can i)\b")





_FIRST_PERSON = {"i", "me", "my", "im", "we", "our", "us"}  # the asker acting
_SPECIFIC_COVER = 0.55  # share of the question a sentence must hold to beat a card
# the stems of the words that ask for each facet ('working with' asks for the forces)
_FACET_STEMS = {f: frozenset(stem(w) for phrase in words for w in phrase.split())
                for f, words in FACETS.items()}


class Engine:
    """Answers messages from one Knowledge. Build once; `answer` is fast and thread-safe
    for reads (it only mutates the Conversation it is given)."""

    def __init__(self, knowledge: Knowledge):
        self.k = knowledge
        self.ops = {op.id: op for op in knowledge.operations}
        self.analyser = Analyser(knowledge)
        self.lexicon = self.analyser.lexicon
        self._quotes = sentence_index.Quotes(knowledge)  # built once: see bot.sentence_index
        self._topic_words: dict[str, set[str]] = {}  # operation id → its distinctive words
        for word, (op_id, _) in self.analyser.topic_index.items():
            self._topic_words.setdefault(op_id, set()).add(word)
        self._suggestion_pool = compiled("suggestions", self._build_suggestions)
        self._suggestions = sentence_index.labels([label for label, _ in self._suggestion_pool])
        self.passages = PassageIndex(knowledge)
        # words that name an operation, a force or a person narrow the search, never match
        names = [n for op in knowledge.operations for n in (op.name, *op.aliases)]
        names += [n for f in knowledge.forces.values() for n in (f.name, f.short, *f.aliases)
                  if n]
        names += [p.name for op in knowledge.operations for p in op.people]
        self._name_stems = frozenset(compiled("name stems", lambda: sorted(
            {s for n in names for s in content_stems(n)})))
        counts = Counter(op.name for op in knowledge.operations)
        self._shared_names = {n for n, c in counts.items() if c > 1}
        # a word of the knowledge ("cash") or everyday English ("dear", "ages") is never
        # "corrected" into a danger word ("crash", "dead", "axes")
        self._triage_words = triage_vocabulary() | {"knife", "knives", "stabbing", "stabbed"}
        # only the triage words one edit from a token are compared with it (same result)
        self._triage_index = SpellingIndex(sorted(self._triage_words), "triage spelling")
        self._triage_cache: dict[str, str] = {}
        # the last message's verdict: `respond` and `answer` both ask it of the same message
        self._last_verdict: tuple[str, Triage] = ("", Triage("none"))
        self._force_words = {w for f in knowledge.forces.values()
                             for n in (f.name, f.short, *f.aliases) if n
                             for w in normalise(n).split()}
        # words that can name someone the releases quote: people, ranks, roles, forces, units
        speakers = [p.name for op in knowledge.operations for p in op.people]
        speakers += [x for op in knowledge.operations for p in op.people for x in (p.rank, p.role)
                     if x]
        speakers += [n for f in knowledge.forces.values() for n in (f.name, f.short, *f.aliases)
                     if n]
        speakers += [u.name for op in knowledge.operations for u in op.units]
        self._speaker_words = {w for n in speakers for w in normalise(n).split()} | {
            "police", "they", "release", "force", "forces", "officers", "officer", "spokesman",
            "spokesperson", "spokeswoman", "report", "article", "statement"}


    def _build_suggestions(self) -> list[tuple[str, str]]:
        """(label, query) of each suggestion a refusal may offer: made a Suggestion only when
        offered (thousands of them with thousands of operations)."""
        pool = [(s.label, s.query) for s in guidance.operation_suggestions(self.k)
                + list(guidance.GUIDANCE_SUGGESTIONS)]
        for op in self.k.operations:
            for m in dict.fromkeys(f.metric for f in op.figures):
                label = self.k.metric(m).label
                pool.append((f"{label.capitalize()} in {op.name}", f"{label} in {op.name}"))
        return pool




    def analyse(self, message: str, now: datetime) -> Query:
        """Read a message into slots (see bot.analysis)."""
        return self.analyser.analyse(message, now)

    # ---------------------------------------------------------------- commands
    def has_command(self, name: str) -> bool:
        return name in COMMANDS

    def command(self, name: str, now: datetime, *, retention_days: int = 30) -> Answer:
        """Answers for /start, /help, /report, /livechat, /operations, /privacy."""
        k = self.k
        if name in ("start", "help"):
            title = "Hello, I'm the police enquiry bot" if name == "start" else "What I can do"
            return guidance.about(k, title=title, topic=name)
        if name == "report":
            return guidance.report_command(k, now)
        if name == "livechat":
            ids = [c.id for c in k.reporting.channels if c.hours]
            if ids:
                return guidance.channel_answer(k, ids[:1], now, 1.0)
            return guidance.channel_answer(k, ["non-emergency"], now, 1.0)
        if name == "operations":
            ops = k.operations
            lines = [spans(bold(compose.op_label(k, op, distinguish=True)), ": ",
                           op.summary.split(". ")[0].rstrip(".") + ".") for op in ops]
            return Answer(answered=True, kind="guidance", topic="operations", confidence=1.0,
                          title="Operations I can tell you about", body=lines,
                          suggestions=guidance.operation_suggestions(k)[:8])
        if name == "privacy":
            return guidance.privacy(retention_days)
        if name == "evidence":
            return guidance.evidence(k, now)
        raise KeyError(name)

    # ---------------------------------------------------------------- answering
    def answer(self, message: str, conversation: Conversation, now: datetime) -> Answer:
        """Answer one message; updates `conversation` for follow-ups."""
        k = self.k
        cleaned = clean(message)
        if not cleaned or not any(ch.isalnum() for ch in cleaned):
            return guidance.invalid("That message had no words in it (only symbols, emoji or "
                                    "nothing at all)." if cleaned else "That message was empty.")
        if has_letters(cleaned) and latin_share(cleaned) < 0.5:
            return guidance.invalid("I can only understand English, I'm afraid.")
        tri = self.triage(cleaned)
        if tri.category == "emergency":
            return guidance.emergency(k, reason=tri.reason, situation=tri.situation)
        q = self.analyse(cleaned, now)
        conversation.turns += 1
        if tri.category == "crime_report" and not q.quantitative and (
                _TO_ACT.search(q.text)  # "how do I report a stolen catalytic converter"
                or not (q.metrics and (q.ops or q.focus_ops)) and not self._asks_knowledge(q)):
            anonymous = "crimestoppers" in q.channels
            footage = bool(re.search(r"\b(footage|cctv|dash ?cam|video|recording|photos?)\b",
                                     q.text))
            conversation.channel = "crimestoppers" if anonymous else "non-emergency"
            return guidance.crime_report(k, now, anonymous=anonymous, footage=footage)
        small = self._smalltalk(q)
        if small:
            return small
        fixed_text = " ".join(q.fixed)
        if _NAMES_OF.search(fixed_text) and not q.persons:
            return self._fallback(q, "The police don't publish the names or details of people "
                                     "who were arrested, and I don't hold them.", 0.2)
        off_topic = [t for t in q.tokens if t in OFF_TOPIC]
        if off_topic and not (q.ops or q.metrics or q.channels or q.persons or q.units
                              or conversation.channel and (q.hours_words or q.follow_up)):
            return self._fallback(q, None, 0.1)  # "what's the weather like in Essex?"
        if _PERSONAL.search(fixed_text):
            return self._fallback(q, "I can't tell you anything about individual people who "
                                     "were arrested: the police don't publish who they are, and "
                                     "I don't hold it. Call 101 if you need to ask about someone.",
                                  0.2)
        if _OUTCOMES.search(fixed_text) and not any(
                "value" in k.metric(m).label for m in q.metrics) and (
                q.quantitative or not (conversation.metric or q.metrics)):
            return self._no_outcomes(q)
        if "unpublished" in q.facets:  # "which day saw the most arrests?", "any reward?"
            told = self._detail_told(q)
            if told:  # "which roads were they on?" when a release does name the roads
                return self._passage_answer(q, conversation, told)
            return self._fallback(q, "The published releases don't go into that detail, so I "
                                     "can't tell you.", 0.2)
        m = _SPEAKER.search(q.text)  # as typed: a title must not be "corrected" into a word
        if m and not q.persons:
            who = [w for w in m.group("who").split() if w not in STOP]
            if who and not set(who) <= self._speaker_words:
                return self._not_quoted(q, " ".join(who))
        said = _WHO_SAID.search(fixed_text)
        if said and not q.persons and (not q.metrics or said.group(1)):
            quoted = self._quote_search(q, conv=conversation)
            if quoted:
                return quoted
        m = _EARLIER.search(fixed_text)
        if m and conversation.facet != "list" and not q.ops:  # "back to the first one"
            earlier = conversation.earlier(_ORDINAL[m.group(1)])
            if earlier in self.ops:  # the reference is understood, not an unknown word
                q.ops, q.exact_matches = [earlier], q.exact_matches + 1
                q.unexplained = [w for w in q.unexplained if w not in _ORDINAL]
        if _OTHER_ONE.search(fixed_text) and conversation.operation_ids and not q.ops:
            others = [op_id for op_id in self.ops if op_id not in conversation.operation_ids]
            if len(others) == 1:
                q.ops = others
        if _BOTH.search(fixed_text) and len(self.ops) <= compose.MAX_BRIEF_OPS:
            q.ops = list(self.ops)
        if _REPEAT.search(fixed_text) and conversation.facet and not q.facets:
            q.facets, q.unexplained = [conversation.facet], []  # "name them"
        if _LATEST.search(fixed_text) and not q.ops and not q.metrics:
            latest = self._latest()  # "what's the latest operation?": by its published dates
            if latest:
                q.ops = [latest.id]
        if _LIST_OPS.search(fixed_text) and not q.ops and not q.metrics:
            return self._list_operations(q, conversation, now)
        if conversation.facet == "list" and not q.ops:
            picked = [w for w in q.tokens if w in _ORDINAL]
            if picked:
                ids = conversation.operation_ids
                index = _ORDINAL[picked[0]]
                q.ops = [ids[index]] if -len(ids) <= index < len(ids) else []
        worked_out = derived.answer(k, self.ops, q, conversation, cleaned)
        if worked_out:  # "Essex's share of the arrests", "the other forces", "both added up"
            return worked_out
        if q.unknown_op and not q.ops and not q.topic_ops:
            conversation.unknown = (conversation.unknown + [q.unknown_op])[-5:]
            return self._unknown_operation(q, q.unknown_op)
        again = [t for t in q.tokens if t.rstrip("s") in conversation.unknown
                 or t in conversation.unknown]
        if again and not q.ops and not q.channels and not q.hours_words:
            # "what about Bluebird's cash?" after Bluebird was unknown
            return self._unknown_operation(q, again[0].rstrip("s"))
        if not q.persons and conversation.person and not (q.ops or q.metrics or q.forces
                                                           or q.channels) \
                and re.search(r"\b(he|she|him|her|his)\b", q.text):
            op_id, idx = conversation.person.split("#")  # "which operation was he talking about"
            if op_id in self.ops:  # "what is her role?": her rank, role and part are known
                q.persons = [(op_id, int(idx))]
                q.unexplained = [w for w in q.unexplained if w not in _ABOUT_A_PERSON]
        if q.persons and not q.metrics:
            return self._or_passage(q, conversation, self._person_answer(q, conversation))
        if conversation.channel and _INSTEAD.search(q.text) and not (
                q.ops or q.metrics or q.specific_channels):
            answer = guidance.crime_report(k, now, anonymous=False, footage=False)
            answer.sensitive, answer.kind = False, "guidance"
            answer.title = "Other ways to contact the police"
            return answer  # "what can I do instead?" after Live Chat is closed
        if (q.channels or (q.reporting and (not q.metrics or self._weak_metric_only(q)))) \
                and not q.ops and not q.units \
                and not (q.metrics and (q.quantitative or conversation.operation_ids)):
            told = self._told_by_a_sentence(q)
            if told:  # "do forces share information on criminals?": what they do, not how to
                return self._passage_answer(q, conversation, told)
            return self._guidance_answer(q, conversation, now)
        if conversation.channel and not (q.ops or q.units or q.persons or q.method_ops
                                         or q.focus_ops or q.quantitative or q.forces) \
                and (not q.metrics or q.hours_words) \
                and (q.follow_up or q.hours_words or not q.unexplained or len(q.tokens) <= 10):
            return self._guidance_answer(q, conversation, now, follow_up=True)
        return self._or_passage(q, conversation, self._operation_answer(q, conversation, now))

    # ---------------------------------------------------------------- passages
    def _retrieve(self, q: Query, op_ids: set[str] | None) -> list[Hit]:
        """The sentences of the knowledge that answer the question well enough, best first
        (at most two, of one operation)."""
        words = list(dict.fromkeys(q.tokens + q.fixed))
        asked = {s for s in content_stems(" ".join(words))} - self._name_stems
        hits = self.passages.search(words, op_ids, ignore=set(self._name_stems))
        if q.persons:  # "what did Patterson say…": her words, not anyone's
            people = {(o, i) for o, i in q.persons}
            hits = [h for h in hits if (h.passage.op_id, h.passage.person) in people]
        explained = {stem(w) for m in q.all_metrics
                     for w in self.analyser.metric_words.get(m, ())}
        good = [h for h in hits if self.passages.answerable(h, len(asked), explained)]
        if not good:
            return []
        best = good[0]
        return [best] + [h for h in good[1:2] if h.passage.op_id == best.passage.op_id
                         and h.score >= 0.8 * best.score]

    def _unexplained_match(self, q: Query, hit: Hit) -> bool:
        """Whether a sentence holds a distinctive word (or its synonym) that nothing else in
        the question explained: the sentence, not a figure or facet, is what was asked."""
        words = [w for w in q.unexplained if w not in COMMON or len(w) > 4]
        asked = {stem(w) for w in words}
        asked |= {v for w in asked for v in self.passages.synonyms(w)}
        if hit.passage.kind == "figure":
            return False  # what a figure counts is answered with the figure itself
        return bool(asked & {s for s in hit.matched if self.passages.distinctive(s)})

    def _specific_passage(self, q: Query, hit: Hit) -> bool:
        """Whether one sentence answers the question more closely than any card could: it
        holds most of the question's weight through two or more distinctive words that are
        neither a figure's own words nor the words that ask for a facet ('who else is Essex
        working with to steer people away from crime': the sentence on steering people away,
        not the list of forces)."""
        if hit.passage.kind == "figure" or q.metrics or hit.cover < _SPECIFIC_COVER:
            return False
        cue_stems = {s for f in q.facets for s in _FACET_STEMS.get(f, ())}
        strong = {s for s in hit.matched if self.passages.distinctive(s)} - cue_stems
        return len(strong) >= 2

    def _detail_told(self, q: Query) -> list[Hit]:
        """The sentences that do give a detail releases usually leave out: a hit must hold
        the detail's own word ('roads', 'reward'), not only the rest of the question."""
        detail = {stem(w) for w in q.tokens if w not in STOP} & _FACET_STEMS["unpublished"]
        hits = self._retrieve(q, set(q.ops) or None) if detail else []
        return hits if hits and detail & hits[0].matched else []

    def _told_by_a_sentence(self, q: Query) -> list[Hit]:
        """A question about what the police did, in reporting words ('do forces share
        information about criminals?'), that one sentence of the knowledge holds: not a
        request to report (no 'I', no 'how do I'), so the sentence, not the reporting card."""
        if q.channels or _TO_ACT.search(q.text) or _FIRST_PERSON & set(q.tokens):
            return []
        hits = self._retrieve(q, None)
        return hits if hits and self._specific_passage(q, hits[0]) else []

    def _metric_by_detail(self, q: Query, cands: list[Operation]) -> list[str]:
        """A count asked in the words of what a figure says of itself ('how many people were
        released under investigation?': the arrests figure whose detail says so)."""
        words = list(dict.fromkeys(q.tokens + q.fixed))
        hits = self.passages.search(words, {op.id for op in cands} or None,
                                    ignore=set(self._name_stems), limit=5)
        for hit in hits:
            if hit.passage.kind != "figure" or not hit.passage.metric:
                continue
            strong = {s for s in hit.matched if self.passages.distinctive(s)}
            if len(strong) >= 2 and hit.cover >= 0.5:
                return [hit.passage.metric]
        return []

    def _passage_answer(self, q: Query, conv: Conversation, hits: list[Hit]) -> Answer:
        conv.discuss(list(dict.fromkeys(h.passage.op_id for h in hits)))
        conv.facet, conv.metric, conv.metrics = None, None, []
        return compose.passage_answer(self.k, self.ops, hits, confidence=0.6)

    def _or_passage(self, q: Query, conv: Conversation, answer: Answer) -> Answer:
        """A refusal gives way to a sentence of the knowledge that answers the question
        (not a count: a sentence never answers 'how many')."""
        if answer.answered or q.quantitative or answer.kind != "fallback":
            return answer
        ops = set(conv.operation_ids) if q.follow_up and conv.operation_ids else None
        hits = self._retrieve(q, set(q.ops) or ops)
        return self._passage_answer(q, conv, hits) if hits else answer

    def _list_operations(self, q: Query, conv: Conversation, now: datetime) -> Answer:
        """'What operations do you know about?', '…in December?', '…planned this summer?'"""
        k = self.k
        if _FUTURE.search(q.text):
            return self._fallback(q, "I only know about operations already published; future "
                                     "operations aren't announced here.", 0.2)
        ops = [op for op in k.operations
               if (not q.forces or set(q.forces) & set(op.forces))
               and (not q.months or _covers_months(op, q.months))
               and (not q.years or not compose.op_years(k, op)
                    or q.years & compose.op_years(k, op))]
        if (q.months or q.years or q.forces) and not ops:
            when = " ".join([calendar.month_name[m] for m in sorted(q.months)]
                            + [str(y) for y in sorted(q.years)])
            return self._fallback(q, f"I don't know of any operations in {when}.", 0.2)
        conv.discuss([op.id for op in ops])
        conv.facet = "list"
        answer = self.command("operations", now)
        if len(ops) < len(k.operations):
            keep = {compose.op_label(k, op, distinguish=True) for op in ops}
            answer.body = [line for line in answer.body if line and line[0].text in keep]
            answer.suggestions = [s for s in answer.suggestions if s.label in keep
                                  or any(s.label == op.name for op in ops)]
        return answer

    def is_emergency(self, message: str) -> bool:
        """Triage alone, spelling corrected as in `answer` (for captions, command text, and
        messages a flooding chat sends)."""
        return self.triage(message).category == "emergency"

    def triage(self, message: str) -> Triage:
        """Triage of the message as typed and with one-letter corrections to triage's words
        ("stabing", "nife"): the graver of the two verdicts."""
        cleaned = clean(message)
        last = self._last_verdict  # one read of the pair, so another thread can't split it
        if last[0] == cleaned:
            return last[1]
        verdict = self._triage(cleaned)
        self._last_verdict = (cleaned, verdict)
        return verdict

    def _triage(self, cleaned: str) -> Triage:
        first = triage(cleaned)
        if first.danger == "sure":
            return first
        # ("staffed" must never become "stabbed": one edit only; idioms are left as typed)
        tokens = without_idioms(normalise_as_typed(cleaned)).split()
        fixed = self._triage_spelling(tokens)
        if fixed == " ".join(tokens):
            return first  # nothing to correct: the same reading
        again = triage(fixed, typed=cleaned)
        if _GRAVITY[again.danger] > _GRAVITY[first.danger]:
            return again
        return again if first.category == "none" and again.category != "none" else first

    def _triage_spelling(self, tokens: list[str]) -> str:
        """The message with each unknown word corrected to a triage word one edit away."""
        fixed = []
        for tok in tokens:
            if len(tok) > 3 and tok not in self._triage_words and tok not in STOP \
                    and tok not in COMMON and tok not in self.lexicon.words \
                    and not tok.isdigit() and not is_everyday(tok):
                if tok not in self._triage_cache:
                    found = process.extractOne(tok, self._triage_index.candidates(tok, 1),
                                               scorer=OSA.distance, score_cutoff=1)
                    if len(self._triage_cache) < 50_000:
                        self._triage_cache[tok] = found[0] if found else tok
                tok = self._triage_cache.get(tok, tok)
            fixed.append(tok)
        return " ".join(fixed)

    def _asks_knowledge(self, q: Query) -> bool:
        """'Which force led the county lines week of action?', 'what is cuckooing?': a question
        the knowledge answers, though it names a crime a report would name."""
        if _TO_ACT.search(q.text):
            return False  # "how can I give information…", "who should I contact…": a report
        return bool(_QUESTION.match(q.text)) and bool(
            q.ops or q.topic_ops or q.focus_ops or q.persons or self._quote_search(q, 80))

    def _latest(self) -> Operation | None:
        """The operation whose dates (or source date) are the latest; undated ones can't be."""
        def when(op: Operation) -> str:
            d = (op.dates.end or op.dates.start) if op.dates else None
            src = self.k.sources[op.id].date
            for value in (d, src):
                if value and partial_date_parts(value)[0]:
                    return value
            return ""
        dated = [op for op in self.ops.values() if when(op)]
        return max(dated, key=when) if dated else None

    def _smalltalk(self, q: Query) -> Answer | None:
        text = q.text
        if q.has_topic or q.forces:
            return None
        if text in HELP or any(text.startswith(h) for h in HELP if len(h) > 6):
            return guidance.about(self.k, title="What I can do", topic="help")
        if text in GREETING or (q.tokens and q.tokens[0] in GREETING and len(q.tokens) <= 3):
            return guidance.about(self.k, title="Hello", topic="greeting")
        if text in THANKS or text in BYE or (q.tokens and q.tokens[0] in THANKS
                                              and len(q.tokens) <= 4):
            return Answer(answered=True, kind="smalltalk", topic="thanks", confidence=1.0,
                          title="You're welcome",
                          body=[spans("If you need anything else, just ask. In an emergency, "
                                      "call ", bold("999"), "; otherwise ", bold("101"), ".")])
        return None

    def _closest(self, q: Query, n: int = 3) -> list[Suggestion]:
        """The suggestions nearest to what was asked (for an honest 'I don't know')."""
        near = self._suggestions.search(sentence_index.stems(q.tokens))  # those sharing words
        if not near:
            return list(guidance.GUIDANCE_SUGGESTIONS[:n])
        found = process.extract(q.text, [label for _, label in near],
                                scorer=fuzz.token_set_ratio, limit=n * 3)
        out: dict[tuple[str, str], None] = {}  # (label, query), each once, in order
        for _label, _, at in found:
            out[tuple(self._suggestion_pool[near[at][0]])] = None
        return [Suggestion(label=label, query=query) for label, query in list(out)[:n]]

    def _unknown_operation(self, q: Query, name: str) -> Answer:
        return self._fallback(q, f"I don't have any information about Operation {name.title()}.")

    def _no_figures_on(self, q: Query, subject: str, confidence: float) -> Answer:
        return self._fallback(q, f"The published figures don't include anything about "
                                 f"{subject}.", confidence)

    def _not_quoted(self, q: Query, who: str) -> Answer:
        return self._fallback(q, f"The releases don't quote anyone matching “{who}”.", 0.2)

    def _release_date(self, op: Operation, q: Query) -> bool:
        """Whether the day the question names is the date of the operation's source."""
        src = self.k.sources[op.id].date
        if not src:
            return False
        year, month, day = partial_date_parts(src)
        return day == q.day and month in q.months and (not q.years or year in q.years)

    def _no_breakdown(self, q: Query, ops: list[Operation], how: str) -> Answer:
        """'Arrests per day / on the first day': not published; say what period the published
        figures really cover."""
        k = self.k
        label = " and ".join(k.metric(m).label for m in q.metrics) or "the"
        periods = []
        for op in ops[: compose.MAX_BRIEF_OPS]:
            figs = [f for f in op.figures if not q.metrics or f.metric in q.metrics]
            spans_of = dict.fromkeys((f.period.describe() if f.period and f.period.describe()
                                      else compose.op_when(op)) for f in figs)
            if spans_of:
                periods.append(f"{op.name}: {'; '.join(spans_of)}")
        cover = (f" The published {label} figures cover the whole period they give ("
                 + "; ".join(periods) + ").") if periods else ""
        return self._fallback(q, f"The releases don't break the figures down {how}: they give "
                                 f"totals and some forces' own shares only.{cover}", 0.3)

    def _no_outcomes(self, q: Query) -> Answer:
        return self._fallback(q, "The releases don't say what happened after the arrests and "
                                 "seizures (charges, court results, sentences, values).", 0.2)

    def _fallback(self, q: Query, reason: str | None, confidence: float = 0.0) -> Answer:
        return guidance.fallback(self.k, reason=reason, suggestions=self._closest(q),
                                 confidence=confidence)

    # ---------------------------------------------------------------- guidance
    def _guidance_answer(self, q: Query, conv: Conversation, now: datetime,
                         follow_up: bool = False) -> Answer:
        k = self.k
        ids = list(q.specific_channels or q.channels)
        if conv.channel and (not ids or (q.generic_channel and q.follow_up)) and (
                follow_up or len(q.tokens) <= 8):
            ids = [conv.channel]
        # "999" inside "when should I call 999 or 101" keeps both; generic phone words defer
        if not ids:
            footage = bool(re.search(r"\b(footage|cctv|dash ?cam|video|evidence)\b", q.text))
            if q.subjects and not footage and len(q.unexplained) > 1:
                return self._fallback(q, None, 0.2)
            answer = guidance.crime_report(k, now, anonymous=False, footage=footage)
            answer.sensitive = False
            answer.kind = "guidance"
            answer.title = "How to pass information to the police"
            conv.channel = "non-emergency"
            return answer
        if "crimestoppers" in ids and len(ids) > 1 and "non-emergency" in ids:
            ids.remove("non-emergency")
        conv.channel = ids[0]
        conv.discuss([])
        confidence = 0.95 - 0.3 * len(q.unexplained) / max(q.content, 1) - 0.05 * q.corrections
        if not q.exact_matches and not follow_up and q.weak_corrections >= q.corrections:
            confidence = min(confidence, 0.4)  # only loosely guessed words: not sure enough
        if confidence < THRESHOLD:
            return self._fallback(q, None, max(confidence, 0.0))
        with_hours = [k.channel(c) for c in ids if k.channel(c).hours]
        on_day = target_day(q, now, with_hours[0].hours) if with_hours else None
        if on_day is None and with_hours and conv.day and _AFTER_THAT.search(q.text):
            # "when is it next open after that?" after an answer about one day
            after = datetime.combine(date.fromisoformat(conv.day), time(23, 59), tzinfo=LONDON)
            hours = with_hours[0].hours
            assert hours is not None
            nxt = opening_hours.next_opening(hours, after)
            if nxt:
                on_day = (nxt.date(), "Next open after that")
        conv.day = on_day[0].isoformat() if on_day else None
        answer = guidance.channel_answer(k, ids[:3], now, confidence, on_day)
        if on_day is None and re.search(r"\b(bank|public) holidays?\b", q.text):
            for cid in ids:
                line = guidance.holidays_line(k.channel(cid), now)
                if line:
                    answer.body.insert(0, line)
        return answer

    # ---------------------------------------------------------------- people
    def _person_answer(self, q: Query, conv: Conversation) -> Answer:
        """Who someone is, their part, and what they said."""
        k = self.k
        if len(q.unexplained) * 2 >= max(q.content, 1) and not _WHO_SAID.search(q.text):
            return self._fallback(q, None, 0.3)  # "what's the weather like, Lewis?"
        if _PRIVATE.search(q.text):
            return self._fallback(q, "I only know what the release says about them: their "
                                     "rank, their part and what they said.", 0.3)
        named = any(self.ops[o].people[i].name.split()[-1].lower() in q.text
                    for o, i in q.persons)
        if q.quantitative and not named:
            return self._fallback(q, None, 0.3)  # "how much does a superintendent earn?"
        lines: list[list[Span]] = []
        ops: list[Operation] = []
        quotes = "people" in q.facets and re.search(r"\b(say|said|says|quote|comment|statement|"
                                                    r"words)\b", q.text)
        for op_id, idx in q.persons:
            op = self.ops[op_id]
            person = op.people[idx]
            ops.append(op)
            intro = compose.person_intro(k, person)
            lines.append(spans(bold(intro), f" {person.part} ({op.name}, {compose.op_when(op)})."
                               if person.part else f" ({op.name})."))
            if (quotes or len(q.persons) == 1) and person.said:
                lines.append(spans("What they said, in summary:"))
                lines += [spans(f"• {s}") for s in person.said[: 4 if quotes else 2]]
        conv.discuss(list(dict.fromkeys(op.id for op in ops)))
        conv.person = f"{q.persons[0][0]}#{q.persons[0][1]}"
        first = self.ops[q.persons[0][0]].people[q.persons[0][1]]
        return compose.answer_from(
            k, title=f"Who is {first.name}?" if len(q.persons) == 1 else "People",
            lines=lines, ops=ops, figures=[], topic=f"person:{first.name}",
            confidence=0.9 - 0.05 * q.corrections,
            suggestions=[Suggestion(label=f"About {op.name}", query=f"tell me about {op.name}")
                         for op in ops[:2]])

    # ---------------------------------------------------------------- operations
    def _candidate_ops(self, q: Query, conv: Conversation) -> tuple[list[Operation], float, str]:
        """Which operations the message is about, how sure we are, and why."""
        ops = self.ops
        if q.ops:
            return [ops[i] for i in q.ops], 0.95, "named"
        if q.units:
            return [ops[i] for i in dict.fromkeys(u[0] for u in q.units)], 0.85, "unit"
        if q.method_ops:
            return [ops[i] for i in q.method_ops], 0.85, "method"
        if q.focus_ops and not (conv.operation_ids and q.follow_up):
            return [ops[i] for i in q.focus_ops], 0.8, "focus"
        if q.topic_ops and not (conv.operation_ids and q.follow_up and not q.unexplained):
            return [ops[i] for i in q.topic_ops], 0.75, "topic"
        if q.forces and "lead" in q.facets and not conv.operation_ids:
            led = [op for op in ops.values() if op.lead_force in q.forces]
            if led:
                return led, 0.85, "led"
        if q.months:
            dated = [op for op in ops.values() if op.dates and q.months & op.dates.months()]
            if dated:
                return dated, 0.8, "month"
        if conv.operation_ids and (q.metrics or q.facets or q.forces or q.scope_all
                                   or q.follow_up or q.quantitative):
            return [ops[i] for i in conv.operation_ids if i in ops], 0.85, "context"
        if q.metrics:
            have = [op for op in ops.values() if any(f.metric in q.metrics for f in op.figures)]
            return have, 0.8, "metric"
        if q.forces and not q.unexplained:
            involved = [op for op in ops.values() if set(q.forces) & set(op.forces)]
            return involved or list(ops.values()), 0.6, "force"
        if q.facets and not q.quantitative and not q.unexplained and conv.operation_ids:
            return [ops[i] for i in conv.operation_ids], 0.7, "context"
        asks_something = set(q.facets) - {"summary"} or q.scope_all or (
            q.summary_words - {"what is", "what was", "what are"})
        vague = [w for w in q.unexplained if not is_everyday(w) or w in COMMON]
        if asks_something and not vague and not q.subjects \
                and len(ops) <= compose.MAX_BRIEF_OPS:
            return list(ops.values()), 0.6, "all"  # few enough to answer each briefly
        return [], 0.0, "none"

    def _narrow(self, q: Query, cands: list[Operation]) -> tuple[list[Operation], str | None]:
        """Tell same-named operations apart by year, month and force; refuse unheld years."""
        k = self.k
        if q.years:
            keep = [op for op in cands if not compose.op_years(k, op)
                    or q.years & compose.op_years(k, op)]
            if not keep:
                years = ", ".join(str(y) for y in sorted(q.years))
                held = sorted({y for op in cands for y in compose.op_years(k, op)})
                have = f" What I have is from {', '.join(map(str, held))}." if held else ""
                return [], f"I don't have figures for {years}.{have}"
            cands = keep
        named_apart = len(q.ops) > 1 and len({self.ops[i].name for i in q.ops}) == len(q.ops)
        if q.months and not named_apart:
            dated = [op for op in cands if _covers_months(op, q.months)]
            if dated:
                cands = dated
            elif all(op.dates and op.dates.months() for op in cands):
                months = " or ".join(calendar.month_name[m] for m in sorted(q.months))
                return [], (f"I don't have figures for {months} for "
                            f"{' or '.join(dict.fromkeys(op.name for op in cands))}.")
        if len(cands) > 1 and q.forces and len({op.name for op in cands}) < len(cands):
            owned = [op for op in cands if compose.op_owner(k, op) in q.forces]
            if owned and len(owned) < len(cands):
                cands = owned
                # "Kent's Operation Sceptre" names which one; it doesn't ask for Kent's share
                owners = {compose.op_owner(k, op) for op in owned}
                q.forces = [f for f in q.forces if f not in owners]
        return cands, None

    def _operation_answer(self, q: Query, conv: Conversation, now: datetime) -> Answer:
        named = [self.ops[i] for i in q.ops or conv.operation_ids if i in self.ops]
        if "where" in q.facets and q.metrics and not (q.quantitative or q.numbers) and not any(
                f.metric in q.metrics for op in named for f in op.figures):
            q.metrics = []  # "which areas were drugs moved between": a place, not a count
        cands, confidence, why = self._candidate_ops(q, conv)
        if q.day and any(self._release_date(op, q) for op in cands):
            q.day, q.months = None, set()  # "the 28 July 2020 release": names it, not a day
        term_question = why == "topic" and not (q.metrics or set(q.facets) - {"summary"}) \
            and not re.search(r"\b(operation|operations|crackdown|week of action)\b", q.text)
        if not q.quantitative:
            hits = self._retrieve(q, {op.id for op in cands} or None)
            if hits and (not cands or term_question or self._unexplained_match(q, hits[0])
                         or self._specific_passage(q, hits[0])):
                return self._passage_answer(q, conv, hits)  # "how often do they patrol?"
        if (not cands or term_question) and not q.quantitative:
            found = self._quote_search(q, 70, people_and_appeal=True, conv=conv)
            if found:  # "what are the signs of cuckooing?", "any advice for farmers?"
                return found
        if not cands:
            if q.subjects:
                return self._no_figures_on(q, q.subjects[0], 0.1)
            if q.unexplained or not (q.facets or q.metrics or q.forces):
                return self._fallback(q, None, 0.1)
            return self._clarify(q)
        if why == "context" and conv.metric and q.metrics and conv.metric not in q.metrics:
            # "what kind of vehicle was it?" while talking about stolen vehicles recovered
            said = {singular(q.fixed[at]) for at, _ in q.metric_at if at < len(q.fixed)}
            if said <= self.analyser.metric_words.get(conv.metric, set()):
                q.metrics = [conv.metric]
        self._fit_metrics(q, cands)
        if why == "context" and conv.metric and not q.metrics and not q.persons and re.search(
                r"\bwho (did|made|carried out|seized|put in|worked|found) (them|those|these|it)\b",
                q.text):
            q.metrics, q.facets = [conv.metric], []  # "who did them?" after the patrol hours
        if q.quantitative and not q.metrics:
            q.metrics = self._metric_by_detail(q, cands)  # "how many were released under …"
        if q.quantitative and not q.metrics and conv.metric and why in ("context", "month") \
                and not q.asked_noun and not q.subjects and not self._count_facet(q):
            q.metrics = [conv.metric]  # "how many on 22 July?" after arrests
        if why == "context" and not q.metrics and conv.metric and _WHICH_MORE.search(q.text) \
                and len(conv.history) > 1:
            q.metrics = [conv.metric]  # "which was higher?" after two operations' figures
            cands = [self.ops[i] for i in conv.history[-2:] if i in self.ops]
            q.exact_matches += 1  # a comparison of what was just said: understood
            q.unexplained = [w for w in q.unexplained if not _WHICH_MORE.search(f"which {w}")]
        if q.numbers and not q.metrics:
            q.metrics = list(dict.fromkeys(f.metric for op in cands for f in op.figures
                                           if f.value in q.numbers))
        said = q.numbers | q.counted
        quoted = [op for op in cands if said and any(
            f.value in said and (not q.metrics or f.metric in q.metrics) for f in op.figures)]
        if quoted and why == "metric":  # "which operation made 32 arrests in a single day?":
            cands, why = quoted, "figure"  # a published figure quoted names its operation
        if q.follow_up and why in ("named", "month") and conv.operation_ids and not (
                q.metrics or q.facets or q.forces or q.scope_all or q.quantitative):
            # "and sceptre?" / "in the april one": the same question about another operation
            q.metrics = _carried(conv)
            if conv.scope and conv.scope != "all":
                q.forces = [conv.scope]
            if not q.metrics and conv.facet and conv.facet not in ("list", "summary"):
                q.facets = [conv.facet]
        cands, refusal = self._narrow(q, cands)
        if refusal:
            return self._fallback(q, refusal)
        if len(cands) > compose.MAX_BRIEF_OPS:
            return self._which_of(q, cands)
        detailed = any(f.detail or self._names_a_kind(f) for op in cands for f in op.figures
                       if f.metric in q.metrics)
        asked = re.search(r"\b(what|which) (\w+)", q.text)
        if not detailed and asked and asked.group(2) not in ("kind", "type", "sort") \
                and asked.group(2) not in FRAME_WORDS:  # "what operation is it?" asks no kind
            named = self._described(cands, [asked.group(2)], fields=("what", "detail"))
            kinds = [f for op in cands for f in op.figures if f.metric in named and f.detail]
            if kinds:  # "what drugs?" — a figure's detail names them (crack cocaine, heroin)
                q.metrics, detailed = list(dict.fromkeys(f.metric for f in kinds)), True
        if q.metrics and _BREAKDOWN.search(q.text) and not q.quantitative and not detailed:
            labels = " and ".join(self.k.metric(m).label for m in q.metrics)
            return self._fallback(q, f"The published figures don't break {labels} down by type: "
                                     "they give only how many.", 0.3)
        one_day = q.one_day and any(op.dates and op.dates.start != op.dates.end for op in cands)
        if (q.metrics or q.quantitative) and (_NO_BREAKDOWN.search(q.text) or one_day):
            return self._no_breakdown(q, cands, "for one day" if one_day else "that way")
        if q.other_force and _MEMBERSHIP.search(q.text) and len(cands) <= compose.MAX_BRIEF_OPS:
            # "did Hampshire take part?": a plain no, from the forces each release names
            lines = [spans("No: ", bold(q.other_force), f" is not among the forces named for "
                           f"{op.name} ({compose.forces_text(self.k, op)}).") for op in cands]
            conv.discuss([op.id for op in cands])
            return compose.answer_from(self.k, title="Forces taking part", lines=lines,
                                       ops=cands, figures=[], topic="membership",
                                       confidence=0.8)
        if q.other_force:  # "Sceptre results for Hampshire": a force these releases never name
            return self._fallback(q, f"The releases I hold don't mention {q.other_force}.", 0.2)
        if q.units and q.metrics and q.quantitative:
            names = [self.ops[o].units[i].name for o, i in q.units]
            unit_words = [w for n in names for w in normalise(n).split()
                          if w not in ("unit", "team", "group")]
            if not set(self._described(cands, unit_words, fields=("what", "detail"))) \
                    & set(q.metrics):  # "arrests by the dog unit": no figure says so
                return self._fallback(q, f"No figures were published for the "
                                         f"{', '.join(dict.fromkeys(names))} alone.", 0.3)
        if why == "metric" and _TO_ACT.search(q.text):
            return self._fallback(q, None, 0.2)  # "how do I get my impounded car back?"
        place = re.search(r"\b(at|in|during|from|for) (the )?([a-z]{4,})\b", q.text)
        if why == "metric" and place and place.group(3) in q.unexplained \
                and place.group(3) not in COMMON:
            return self._fallback(q, None, 0.2)  # "arrests at Glastonbury": not an operation held
        if why == "topic" and re.search(r"\b(open|opens|close|closes|opening|closing)\b", q.text):
            return self._fallback(q, None, 0.2)  # "what time does Piccadilly station open?"
        if _FUTURE.search(q.text) and not q.quantitative:
            return self._fallback(q, "I only know about operations already published; future "
                                     "operations aren't announced here.", 0.2)
        if q.recent and why != "context":
            return self._fallback(q, "I only have the published figures for the operations "
                                     "below, not recent or day-to-day events.")
        if _ASKS_PURPOSE.search(q.text) and not q.quantitative and not q.numbers \
                and set(q.facets) <= {"summary", "focus"}:  # not "are they after footage?"
            # "was Sceptre about drugs or knives?": its focus, not figures for those words
            q.metrics, q.facets, q.subjects, q.unexplained = [], ["focus"], [], []
        strong = bool(q.ops or q.metrics or q.units or q.persons or q.method_ops)
        confidence -= 0.05 * min(q.corrections, 3)
        share = len(q.unexplained) / max(q.content, 1)
        confidence -= (0.35 if strong else 0.7) * share
        if not q.exact_matches and q.weak_corrections >= q.corrections:
            confidence -= 0.2
        metric = q.metrics[0] if q.metrics else conv.metric if why == "context" else None
        outcome = _OUTCOMES.search(q.text)
        if outcome and any(w in self.lexicon.words for w in outcome.group(0).split()
                           if w not in ("of", "value")) or (outcome and any(
                               "value" in self.k.metric(m).label for m in q.metrics)):
            outcome = None  # the knowledge counts it ("street value of drugs seized")
        if metric and outcome and not q.quantitative:
            detailed = None
            if outcome.group(0) in ("charged", "charges"):
                detailed = self._detailed_figures(q, metric, cands)
            if detailed:  # "were the 8 people arrested in Essex charged?"
                return detailed
            return self._no_outcomes(q)
        focus_words = {singular(w) for op in cands for f in op.focus for w in normalise(f).split()}
        focus_words |= {w for op in cands  # "the shoplifting crackdown"
                        for w in self._topic_words.get(op.id, ())}
        if not q.quantitative:  # "what does Sceptre do about knives?": its focus, not a count
            q.subjects = [s for s in q.subjects if singular(s) not in focus_words]
        if q.asked_noun and q.metrics and not any(
                singular(q.asked_noun) in self.analyser.metric_words.get(m, set())
                for m in q.metrics):
            return self._fallback(q, f"The published figures don't count {q.asked_noun}.", 0.2)
        if why == "unit" and q.unexplained and not q.facets and not q.metrics:
            return self._fallback(q, None, 0.2)  # "how do I get a firearms licence"
        if why in ("unit", "metric") and share >= 0.5 and not q.quantitative:
            return self._fallback(q, None, 0.2)  # "the cannabis factory found in an Ipswich loft"
        if q.subjects and not q.metrics and (q.quantitative or not (q.units or q.persons)):
            return self._no_figures_on(q, q.subjects[0], 0.2)
        if why == "metric" and not q.quantitative and self._weak_metric_only(q):
            return self._fallback(q, None, 0.2)
        if confidence < THRESHOLD:
            return self._fallback(q, None, max(confidence, 0.0))
        if q.forces and not q.metrics and why == "context" and "units" not in q.facets and (
                _MEMBERSHIP.search(q.text) or conv.facet in ("forces", "membership")):
            q.facets = ["membership"] if "forces" not in q.facets or _MEMBERSHIP.search(
                q.text) else q.facets
        if q.descriptor_forces and (q.metrics or "summary" in q.facets):
            q.forces = [f for f in q.forces if f not in q.descriptor_forces]
        if why == "context" and q.forces and not q.metrics and set(q.facets) <= {"summary"} \
                and conv.metric:
            q.metrics = _carried(conv)  # "Essex-specific figures?" after several figures
        if why == "context" and not q.metrics and conv.metric and q.follow_up \
                and set(q.facets) <= {"focus", "when", "summary"} and q.facets:
            q.metrics = [conv.metric]  # "why?" / "since when?" about the figure just given
        if "methods" in q.facets and not q.quantitative:
            q.metrics = []
        if why == "context" and q.scope_all and not q.metrics and conv.metric:
            q.metrics = _carried(conv)
        conv.discuss([op.id for op in cands])
        if q.metrics:
            return self._figures_answer(q, conv, cands, confidence)
        if q.quantitative and q.forces and not self._count_facet(q):
            return self._force_figures(q, conv, cands, confidence)
        if q.quantitative and not self._count_facet(q) and "summary" not in q.facets:
            return self._unknown_metric(q, cands)
        facet = self._pick_facet(q, conv)
        cand_ids = {c.id for c in cands}
        if facet == "units" and q.units and not any(o in cand_ids for o, _ in q.units):
            names = ", ".join(u.name for op in cands for u in op.units) or "none"
            return self._fallback(q, f"The release on {cands[0].name} doesn't mention that unit "
                                     f"(units it names: {names}).", 0.3)
        if facet == "people" and not q.persons and len(q.unexplained) >= 1 and q.ops \
                and re.search(r"\b(say|said|says|think|thinks|comment)\b", q.text):
            who = " ".join(q.unexplained)  # "what did the Home Secretary say?"
            return self._not_quoted(q, who)
        if q.forces and not (q.units or q.method_ops or q.focus_ops) and why != "context" \
                and facet in ("summary", "figures-for-force") and not q.quantitative:
            return self._force_profile(q, conv, confidence, cands if q.ops else None)
        if facet == "figures-for-force" and q.forces:
            return self._force_figures(q, conv, cands, confidence)
        return self._facet_answer(q, conv, cands, facet, confidence)

    def _detailed_figures(self, q: Query, metric: str, ops: list[Operation]) -> Answer | None:
        """'were they charged?' after arrests: the release may not say, but what it does say
        about those figures (e.g. 'released under investigation') is the honest answer."""
        k = self.k
        lines: list[list[Span]] = []
        used = []
        for op in ops:
            for fig in op.figures:
                if fig.metric == metric and fig.detail and (
                        not q.forces or fig.scope in q.forces):
                    lines.append(compose.figure_spans(k, op, fig))
                    used.append(compose.figure_used(k, op, fig))
        if not used:
            return None
        subject = _OUTCOMES.search(q.text).group(0)  # type: ignore[union-attr]
        lines.insert(0, spans(f"The release gives no figures on “{subject}”. What it does "
                              "say about these figures:"))
        shown = [op for op in ops if any(u.operation_id == op.id for u in used)]
        return compose.answer_from(
            k, title=f"{shown[0].name}: {k.metric(metric).label}", lines=lines, ops=shown,
            figures=used, topic=f"{shown[0].id}:{metric}:detail", confidence=0.6)

    def _fit_metrics(self, q: Query, cands: list[Operation]) -> None:
        """Prefer what the operations actually count: 'drug drivers arrested' in a road safety
        operation is arrests (of drug drivers), not drug seizures; 'how much was recovered' in
        a rural crime operation is its recovered machinery. A subject or counted noun that a
        figure's own detail mentions is that figure ('any knives?' → weapons: machetes…)."""
        held = {f.metric for op in cands for f in op.figures}
        if q.metrics and not set(q.metrics) & held:
            others = [m for m in q.all_metrics if m in held and m not in q.metrics]
            dropped = [q.fixed[at] for at, m in q.metric_at if m in q.metrics
                       and at < len(q.fixed)]
            if not others:
                others = self._described(cands, dropped, fields=("what",))
            if others:
                q.metrics = list(dict.fromkeys(others))
                q.unexplained += [w for w in dropped if w not in q.unexplained]
        if q.asked_noun and q.metrics and set(self._described(
                cands, [q.asked_noun], fields=("what", "detail"))) & set(q.metrics):
            # "how many drink drivers were arrested": one of the arrests figures says drink
            q.unexplained.append(q.asked_noun)
            q.asked_noun = None
        # a counted noun must be what a figure counts; a subject may be in its detail
        found = self._described(cands, [q.asked_noun], fields=("what",)) if q.asked_noun \
            else self._described(cands, q.subjects, fields=("detail",)) if q.subjects else []
        if found:
            q.metrics = q.metrics if set(q.metrics) & set(found) else found
            q.asked_noun, q.subjects = None, []

    def _described(self, cands: list[Operation], words: list[str],
                   fields: tuple[str, ...]) -> list[str]:
        """Metrics of the figures whose own words (`what` and/or `detail`) mention one of
        `words`; words that only say who counted ('officers', 'forces') never count."""
        stems = {singular(w)[:5] for w in words if len(w) > 3} - _SCOPE_STEMS
        out = []
        for op in cands:
            for f in op.figures:
                text = " ".join(getattr(f, name) or "" for name in fields)
                if stems & {singular(w)[:5] for w in normalise(text).split()}:
                    out.append(f.metric)
        return list(dict.fromkeys(out))

    def _names_a_kind(self, fig: Figure) -> bool:
        """Whether a figure's own words name a kind of thing counted ('stolen caravan'), i.e.
        one of its metric's terms that its generic label lacks."""
        metric = self.k.metric(fig.metric)
        label = {singular(w) for w in normalise(metric.label).split()}
        kinds = {singular(w) for t in metric.terms for w in normalise(t).split()} - label - STOP
        return bool(kinds & {singular(w) for w in normalise(fig.what or "").split()})

    def _quote_search(self, q: Query, threshold: float = 55, people_and_appeal: bool = False,
                      conv: Conversation | None = None) -> Answer | None:
        """'Who said crime has no borders?', 'did the release say anything about children?':
        the person (or text) whose words match best, if any match well."""
        k = self.k
        text = " ".join(q.fixed)
        m = _WHO_SAID.search(text)
        tail = text[m.end():] if m else text
        words = [w for w in tail.split() if w not in STOP and w not in ("that", "release")]
        query = " ".join(words)
        stems = {w[:5] for w in words if len(w) > 3}
        if people_and_appeal:  # a last resort: only distinctive words ("cuckooing", "farmers")
            stems = {w[:5] for w in words if len(w) > 3 and w not in COMMON
                     and w not in self._force_words} - _SCOPE_STEMS
        best: tuple[float, Operation, int | None, str] | None = None
        people_first = 5 if m and m.group(1) in ("said", "says", "stated", "claimed",
                                                 "told", "was quoted", "is quoted") else 0
        # a last resort: what people said, the appeal, the methods (not the summary)
        for quote, words in self._quotes.search(stems, summaries=not people_and_appeal):
            overlap = 100 * len(stems & sentence_index.stems(words.split())) / max(len(stems), 1)
            similar = fuzz.token_set_ratio(query, words)
            score = max(overlap, similar) + similar / 1000  # tie-break
            if quote.person is not None:
                score += people_first  # "who said…" asks for a person
            if best is None or score > best[0]:
                best = (score, quote.op, quote.person, quote.text)
        if best is None or best[0] < threshold or len(stems) < 2 and people_and_appeal:
            return None
        _, op, idx, said = best
        if conv is not None:
            conv.discuss([op.id])  # "how many arrests?" next is about this operation
        if idx is None:
            lines = [spans(f"The release on {op.name} says:"), spans(said)]
            title, topic = op.name, f"{op.id}:quote"
        else:
            person = op.people[idx]
            lines = [spans(bold(compose.person_intro(k, person)), f" said this, in summary "
                           f"({op.name}):"), spans(f"“{said}”")]
            title, topic = f"Who said it: {person.name}", f"person:{person.name}"
        return compose.answer_from(k, title=title, lines=lines, ops=[op], figures=[],
                                   topic=topic, confidence=0.7)

    def _weak_metric_only(self, q: Query) -> bool:
        """'how do I tax my car': an everyday word for a metric, and no sign of a statistic."""
        if re.search(r"\b(seiz\w*|recover\w*|arrest\w*|confiscat\w*|taken|stolen|patrol\w*|"
                     r"total|figures?|results?|operations?)\b", q.text):
            return False
        return all(w in COMMON or len(w) <= 4 for w in q.tokens
                   if w not in STOP and w not in q.unexplained)

    def _count_facet(self, q: Query) -> bool:
        return bool({"forces", "duration", "units", "people"} & set(q.facets))

    def _pick_facet(self, q: Query, conv: Conversation) -> str:
        order = ["name", "lead", "units", "forces", "duration", "when", "where", "methods",
                 "source", "people", "focus", "appeal", "summary"]
        if q.units and not set(q.facets) & {"lead", "when", "duration", "where", "source"}:
            return "units"
        facets = [f for f in order if f in q.facets]
        if "membership" in q.facets:
            return "membership"
        if "meaning" in q.facets:  # "what does OSG / ANPR stand for?"
            return "units" if q.units else "methods" if q.method_ops else "summary"
        counts_forces = q.quantitative and "forces" in facets  # "apart from Essex, how many?"
        if q.forces and "units" not in facets and "lead" not in facets and not counts_forces and (
                _MEMBERSHIP.search(q.text) or (q.follow_up and conv.facet == "membership")):
            return "membership"
        if q.forces and not facets:
            return "figures-for-force"
        if "lead" in facets and (q.forces or q.descriptor_forces) and not q.ops and (
                q.descriptor_forces or re.search(r"\b(led|lead|run|headed) by\b", q.text)):
            facets.remove("lead")  # "the operation led by the Met" names it, doesn't ask it
        if "people" in facets and "source" in facets and _QUOTED.search(q.text):
            facets.remove("source")  # "which officer was quoted in the press release"
        if "people" in facets and ("lead" in facets or "forces" in facets):
            facets.remove("people")
        if facets:
            return facets[0]
        if q.follow_up and conv.facet and conv.facet != "summary" and not q.ops:
            return conv.facet
        return "summary"

    def _clarify(self, q: Query) -> Answer:
        return Answer(
            answered=False, kind="clarify", topic=None, confidence=0.3,
            title="Which operation do you mean?",
            body=[spans("I know about these operations: " + ", ".join(
                compose.op_label(self.k, op, distinguish=True) for op in self.k.operations)
                + ". Which one do you mean?")],
            suggestions=guidance.operation_suggestions(self.k)[:6])

    def _which_of(self, q: Query, ops: list[Operation]) -> Answer:
        """Too many operations fit to answer each: ask which, with one suggestion per operation
        whose text names it by force and date, so pressing it answers."""
        k = self.k
        what = " and ".join(k.metric(m).label for m in q.metrics)
        ops = sorted(ops, key=compose.op_start)  # oldest first: the same order every time
        labels = [compose.op_label(k, op, distinguish=True) for op in ops]
        return Answer(
            answered=False, kind="clarify", topic=None, confidence=0.4,
            title="Which operation do you mean?",
            body=[spans(f"{len(ops)} operations fit your question. Which one do you mean?"),
                  *[spans(f"• {label}") for label in labels]],
            suggestions=[Suggestion(label=label, query=f"{what} in {label}" if what
                                    else f"tell me about {label}") for label in labels[:8]])

    def _unknown_metric(self, q: Query, ops: list[Operation]) -> Answer:
        k = self.k
        what = " ".join(w for w in q.unexplained if w not in COMMON or w in SUBJECT_WORDS)
        labels = sorted({k.metric(f.metric).label for op in ops for f in op.figures})
        reason = (f"The published figures don't give a number for {what or 'that'}. "
                  f"They do count: {', '.join(labels)}.")
        return self._fallback(q, reason, 0.2)

    # ---------------------------------------------------------------- figures
    def _select(self, op: Operation, metric: str, q: Query,
                scope: str | None) -> tuple[list[Figure], bool]:
        """The figures of `op` for `metric` that fit the question; True when a figure's own
        description matched words of the question."""
        figs = [f for f in op.figures if f.metric == metric]
        quoted = [f for f in figs if f.value in q.numbers]
        share = scope and scope != "all" and _SHARE.search(q.text)
        if quoted and not (q.quantitative and scope) and not share:
            # "the £15,000: Essex alone or all forces?" — that figure, whoever's it is (but
            # "how many did Essex make out of the 215?" asks for Essex's share)
            return compose.order_figures(quoted), True
        if scope and op.forces == [scope]:
            scope = "all"  # a one-force operation: its totals are that force's
        if scope == "all":
            whole = {"all", None} | (set(op.forces) if len(op.forces) == 1 else set())
            figs = [f for f in figs if f.scope in whole]
        elif scope:
            figs = [f for f in figs if f.scope == scope]
        if not figs:
            return [], False
        if q.since_month:
            figs = _since(figs, op, q.since_month)
        if q.day:
            figs = [f for f in figs if _figure_on(f, op, q)]  # none: not published by day
        elif q.months:
            figs = [f for f in figs if _figure_on(f, op, q)]  # none: not published for it
        if len(figs) > 1 and q.unexplained:
            # "cars with no insurance": the figure whose own description says so
            own = {w[:5] for w in self.analyser.metric_words.get(metric, set())}
            stems = {w[:5] for w in q.unexplained if len(w) > 3} - own  # not "seize" for cash
            described = [f for f in figs if stems & {w[:5] for w in normalise(
                f"{f.what or ''} {f.detail or ''}").split() if len(w) > 3}]
            if described:
                return compose.order_figures(described), True
        # "Essex's share of the 215": only the operation that published the 215 is meant
        return compose.order_figures(figs), bool(quoted and share)


    def _figures_answer(self, q: Query, conv: Conversation, ops: list[Operation],
                        confidence: float) -> Answer:
        k = self.k
        scope = q.forces[0] if q.forces else ("all" if q.scope_all else None)
        if scope and scope != "all" and len(ops) > 1:
            ops = [op for op in ops if any(f.scope == scope for f in op.figures)] or ops
        distinguish = any(op.name in self._shared_names for op in ops)
        lines: list[list[Span]] = []
        used = []
        missing: list[str] = []
        answered_ops: list[Operation] = []
        selected = {op.id: {m: self._select(op, m, q, scope) for m in q.metrics} for op in ops}
        if any(d for per in selected.values() for _, d in per.values()):
            # only the operations whose figures are described the way the question asks
            ops = [op for op in ops if any(d for _, d in selected[op.id].values())]
        for op in ops[: compose.MAX_BRIEF_OPS]:
            label = compose.op_label(k, op, distinguish=distinguish)
            op_lines: list[list[Span]] = []
            for metric in q.metrics:
                figs, _ = selected[op.id][metric]
                if not figs:
                    if any(f.metric == metric for f in op.figures) and scope:
                        who = "all forces together" if scope == "all" else k.force_name(scope)
                        missing.append(f"{label} has no separate figure for {who} "
                                       f"({k.metric(metric).label}).")
                    continue
                for fig in figs:
                    op_lines.append(compose.figure_spans(k, op, fig))
                    used.append(compose.figure_used(k, op, fig))
                if scope and scope != "all" and op.forces != [scope] \
                        and all(f.scope == scope for f in figs):
                    for whole in self._select(op, metric, q, "all")[0][:1]:
                        op_lines.append(spans(f"For comparison, {compose.scope_text(k, op, whole)}"
                                              f": ", bold(compose.value_text(k, whole)), "."))
                        used.append(compose.figure_used(k, op, whole))
            if op_lines:
                answered_ops.append(op)
                if len(ops) > 1:
                    lines.append(spans(bold(label)) if distinguish
                                 else spans(bold(label), f" ({compose.op_when(op)})"))
                lines += op_lines
        metric_label = " and ".join(k.metric(m).label for m in q.metrics)
        if not used and (q.day or q.months):
            covered = "; ".join(f"{op.name}: {compose.op_when(op)}" for op in ops)
            span = "that day alone" if q.day else "that month"
            return self._fallback(q, f"No figures were published for {span}. The published "
                                     f"figures cover {covered}.", 0.3)
        if not used:
            names = " or ".join(dict.fromkeys(
                compose.op_label(k, op, distinguish=distinguish) for op in ops))
            held = sorted({k.metric(f.metric).label for op in ops for f in op.figures})
            reason = " ".join(missing) or (f"No figure for {metric_label} was published for "
                                           f"{names}. What was published: {', '.join(held)}.")
            return self._fallback(q, reason, 0.3)
        for m in missing:
            lines.append(spans(m))
        if q.since_month and any(f.period and not f.period.start for op in answered_ops
                                 for f in op.figures if f.metric in q.metrics):
            lines.append(spans(f"The release doesn't say when that total started counting, so "
                               f"I can't say how much of it is since "
                               f"{calendar.month_name[q.since_month]}."))
        lines += self._year_caveats(q, answered_ops)
        if len(answered_ops) == 2 and len(q.metrics) == 1 and _WHICH_MORE.search(q.text):
            lines += self._comparison(answered_ops, q.metrics[0])
        if len(answered_ops) == 1:
            op = answered_ops[0]
            if op.dates and "when" in q.facets:
                lines.append(spans(f"When: {compose.op_when(op)}."))
        conv.metric, conv.metrics = q.metrics[0], list(q.metrics)
        conv.scope = scope
        conv.facet = None
        conv.discuss([op.id for op in answered_ops])
        title_op = (compose.op_label(k, answered_ops[0], distinguish=distinguish)
                    if len(answered_ops) == 1 else "Operations")
        suggestions: list[Suggestion] = []
        if len(answered_ops) == 1:
            suggestions = compose.metric_suggestions(k, answered_ops[0], set(q.metrics),
                                                     answered_ops[0].name)
        else:
            suggestions = [Suggestion(label=f"{metric_label.capitalize()}: {op.name}",
                                      query=f"{metric_label} in {op.name}")
                           for op in answered_ops]
        return compose.answer_from(
            k, title=f"{title_op}: {metric_label}", lines=lines, ops=answered_ops,
            figures=used, topic=f"{'+'.join(o.id for o in answered_ops)}:{'+'.join(q.metrics)}",
            confidence=confidence, suggestions=suggestions)

    def _comparison(self, ops: list[Operation], metric: str) -> list[list[Span]]:
        """'Which was higher?': only when both all-forces figures carry the same qualifier, so
        that the comparison is exactly what was published."""
        totals = []
        for op in ops:
            whole = [f for f in op.figures if f.metric == metric and f.scope in ("all", None)]
            if len(whole) != 1 or whole[0].scope != "all":
                return []  # several totals (a day's and an overall one): no single comparison
            totals.append((op, whole[0]))
        (op_a, a), (op_b, b) = totals
        if a.qualifier != b.qualifier or a.value == b.value:
            return []
        (hi_op, hi), (lo_op, lo) = sorted(totals, key=lambda t: t[1].value, reverse=True)
        return [spans("Higher: ", bold(hi_op.name), f" ({compose.value_text(self.k, hi)}, "
                      f"against {compose.value_text(self.k, lo)} in {lo_op.name}).")]

    def _year_caveats(self, q: Query, ops: list[Operation]) -> list[list[Span]]:
        """Say so when a question names a year that an operation's source never gives."""
        if not q.years:
            return []
        years = " or ".join(str(y) for y in sorted(q.years))
        return [spans(f"The source doesn't give the year of the {op.name}, so I can't say "
                      f"whether this was in {years}.")
                for op in ops if not compose.op_years(self.k, op)]

    def _force_figures(self, q: Query, conv: Conversation, ops: list[Operation],
                       confidence: float) -> Answer:
        """Everything a force achieved in the operations ("how many did Essex make?")."""
        k = self.k
        force = q.forces[0]
        lines: list[list[Span]] = []
        used = []
        shown: list[Operation] = []
        for op in ops:
            figs = [f for f in op.figures if f.scope == force]
            if not figs:
                continue
            shown.append(op)
            lines.append(spans(bold(op.name), f" ({compose.op_when(op)})"))
            for fig in figs:
                lines.append(compose.figure_spans(k, op, fig))
                used.append(compose.figure_used(k, op, fig))
        if not used:
            involved = [op.name for op in ops if force in op.forces]
            reason = (f"No separate figures for {k.force_name(force)} were published"
                      + (f"; it took part in: {', '.join(involved)}." if involved else "."))
            return self._fallback(q, reason, 0.3)
        conv.scope = force
        conv.discuss([op.id for op in shown])
        return compose.answer_from(
            k, title=f"{k.force_name(force)}: results", lines=lines, ops=shown, figures=used,
            topic=f"{'+'.join(o.id for o in shown)}:force:{force}", confidence=confidence,
            suggestions=[Suggestion(label=f"All forces in {op.name}",
                                    query=f"results of {op.name}") for op in shown[:2]])

    def _force_profile(self, q: Query, conv: Conversation, confidence: float,
                       ops: list[Operation] | None = None) -> Answer:
        """What a force did in the operations ('what is the Met?', 'what did Essex do in
        the April operation?'): its part, its units and its own figures."""
        k = self.k
        force = q.forces[0]
        name = k.force_name(force)
        lines: list[list[Span]] = []
        used = []
        shown: list[Operation] = []
        for op in ops or list(self.ops.values()):
            if force not in op.forces:
                if ops:
                    lines.append(spans(bold(name), f" is not among the forces named for "
                                       f"{op.name}."))
                continue
            shown.append(op)
            role = "led" if op.lead_force == force else "took part in"
            lines.append(spans(bold(name), f" {role} {op.name} ({compose.op_when(op)})."))
            for unit in [u for u in op.units if u.force == force][:5]:
                lines.append(spans(f"• {unit.name}" + (f" ({unit.short})" if unit.short else "")
                                   + (f": {unit.part}." if unit.part else ".")))
            for fig in [f for f in op.figures if f.scope == force][:8]:
                lines.append([Span(text="• ")] + compose.figure_spans(k, op, fig))
                used.append(compose.figure_used(k, op, fig))
        if not shown:
            return self._fallback(q, f"None of the operations I know about names {name}.", 0.3)
        asks_figures = q.quantitative or q.summary_words & {"figures", "numbers", "stats",
                                                            "statistics", "results"}
        if not used and asks_figures and not any(op.lead_force == force for op in shown):
            return self._fallback(q, f"No figures for {name} alone were published; it took part "
                                     f"in {', '.join(op.name for op in shown)}.", 0.3)
        conv.discuss([op.id for op in shown])
        conv.scope = force
        return compose.answer_from(
            k, title=name, lines=lines, ops=shown, figures=used, topic=f"force:{force}",
            confidence=confidence,
            suggestions=[Suggestion(label=f"About {op.name}", query=f"tell me about {op.name}")
                         for op in shown[:3]])

    # ---------------------------------------------------------------- facets
    def _facet_answer(self, q: Query, conv: Conversation, ops: list[Operation], facet: str,
                      confidence: float) -> Answer:
        also = [f for f in _COMBINABLE if f in q.facets and f != facet] \
            if facet in _COMBINABLE else []
        k = self.k
        distinguish = any(op.name in self._shared_names for op in ops)
        lines: list[list[Span]] = []
        used = []
        for op in ops[: compose.MAX_BRIEF_OPS]:
            label = compose.op_label(k, op, distinguish=distinguish)
            if len(ops) > 1:
                lines.append(spans(bold(label)))
            for one in [facet, *also]:  # "when was it and who led it?": each part answered
                op_lines, op_used = facet_lines(k, op, one, q, brief=len(ops) > 1)
                lines += op_lines
                used += op_used
        lines += self._year_caveats(q, ops[: compose.MAX_BRIEF_OPS])
        conv.facet = facet
        if facet == "membership" and q.forces:
            conv.scope = q.forces[0]  # "and in sceptre?" asks the same of the same force
        conv.metric, conv.metrics = None, []  # the last question was about this facet
        shown_people = [(op.id, i) for op in ops for i, _ in enumerate(op.people)]
        if facet in ("people", "lead") and len(shown_people) == 1:
            conv.person = f"{shown_people[0][0]}#{shown_people[0][1]}"  # "what rank is he?"
        conv.discuss([op.id for op in ops])
        titles = {"membership": "Forces taking part", "when": "When", "duration": "How long",
                  "where": "Where", "lead": "Who led it",
                  "forces": "Forces taking part", "units": "Units involved",
                  "focus": "What it targeted", "people": "People", "source": "Source",
                  "methods": "How it was done", "appeal": "Information and footage",
                  "name": "Its name",
                  "summary": "Overview"}
        name = (compose.op_label(k, ops[0], distinguish=distinguish) if len(ops) == 1
                else "Operations")
        title = name if facet == "summary" and len(ops) == 1 else \
            f"{name}: " + " and ".join(titles[f].lower() if i else titles[f]
                                      for i, f in enumerate([facet, *also]))
        suggestions = []
        for op in ops[:2]:
            suggestions += compose.metric_suggestions(k, op, set(), op.name)[:2]
        return compose.answer_from(
            k, title=title, lines=lines, ops=ops[: compose.MAX_BRIEF_OPS], figures=used,
            topic=f"{'+'.join(o.id for o in ops)}:{facet}", confidence=confidence,
            suggestions=suggestions)



def _carried(conv: Conversation) -> list[str]:
    """The metrics a follow-up carries over: all those of the last figure answer."""
    return list(conv.metrics) or ([conv.metric] if conv.metric else [])


def _figure_on(fig: Figure, op: Operation, q: Query) -> bool:
    """Whether a figure is for the day (or month) the question names. A figure over several
    days is not 'on' any one of them: no day-by-day breakdown is published."""
    period = fig.period or op.dates
    if period is None:
        return False
    start, end = period.start, period.end or period.start
    if q.day:
        if not start or start != end:
            return False
        _, month, day = partial_date_parts(start)
        return day == q.day and (not q.months or month in q.months)
    return bool(q.months & period.months())


_GRAVITY = {None: 0, "possible": 1, "sure": 2}


def safe_answer(engine: Engine, message: str, conversation: Conversation,
                now: datetime) -> Answer:
    """`engine.answer`, but a fault in it gives the person a polite reply, never a traceback."""
    try:
        return engine.answer(message, conversation, now)
    except Exception:  # noqa: BLE001 - logged with its traceback for the maintainers
        log.exception("engine failed on a message of %d characters", len(message))
        conversation.reset()
        return guidance.invalid("Sorry, something went wrong while answering that.")






def _since(figs: list[Figure], op: Operation, month: int) -> list[Figure]:
    """'since June': the figures counted from June if any; else the running totals whose start
    the release doesn't give (the answer then says so); else those dated after June."""
    def start_month(f: Figure) -> int | None:
        period = f.period or op.dates
        return partial_date_parts(period.start)[1] if period and period.start else None
    exact = [f for f in figs if start_month(f) == month]
    if exact:
        return exact
    open_start = [f for f in figs if f.period and not f.period.start]
    if open_start:
        return open_start
    return [f for f in figs if (start_month(f) or 0) >= month]


def _covers_months(op: Operation, months: set[int]) -> bool:
    """Whether the operation's dates or any figure's period fall in one of `months`."""
    periods = [op.dates] + [f.period for f in op.figures]
    return any(p is not None and months & p.months() for p in periods)
