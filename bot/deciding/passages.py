"""Answers that are a sentence of the knowledge: when no figure or facet card fits, or when
one sentence answers more closely than any card (see bot.retrieval for the index)."""

from __future__ import annotations

from bot import compose, matching
from bot.analysis import Query
from bot.answer import Answer
from bot.conversation import Conversation
from bot.knowledge.models import Operation
from bot.reading import KIND_WORDS
from bot.retrieval import Hit

_SPECIFIC_COVER = 0.55  # share of the question a sentence must hold to beat a card


class Passages:
    """Part of bot.engine.Engine (a mixin): see the module docstring."""

    def _retrieve(self, q: Query, op_ids: set[str] | None) -> list[Hit]:
        """The sentences of the knowledge that answer the question well enough, best first
        (at most two, of one operation)."""
        words = q.search_words
        asked = matching.asked_stems(words, self._name_stems)
        hits = self.passages.search(words, op_ids, ignore=set(self._name_stems))
        if q.persons:  # "what did Patterson say…": her words, not anyone's
            people = {(o, i) for o, i in q.persons}
            hits = [h for h in hits if (h.passage.op_id, h.passage.person) in people]
        explained = matching.stems_of(w for m in q.all_metrics
                                      for w in self.analyser.metric_words.get(m, ()))
        good = [h for h in hits if self.passages.answerable(h, len(asked), explained)]
        if not good:
            return []
        best = good[0]
        return [best] + [h for h in good[1:2] if h.passage.op_id == best.passage.op_id
                         and h.score >= 0.8 * best.score]

    def _unexplained_match(self, q: Query, hit: Hit) -> bool:
        """Whether a sentence holds a distinctive word (or its synonym) that nothing else in
        the question explained: the sentence, not a figure or facet, is what was asked."""
        asked = matching.distinctive_unexplained(q.unexplained)
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
        cue_stems = matching.facet_stems(q.facets)
        strong = {s for s in hit.matched if self.passages.distinctive(s)} - cue_stems
        return len(strong) >= 2

    def _detail_told(self, q: Query) -> list[Hit]:
        """The sentences that do give a detail releases usually leave out: a hit must hold
        the detail's own word ('roads', 'reward'), not only the rest of the question."""
        detail = matching.unpublished_detail(q.tokens)
        hits = self._retrieve(q, set(q.ops) or None) if detail else []
        return hits if hits and detail & hits[0].matched else []

    def _kind_told(self, q: Query, cands: list[Operation]) -> list[Hit]:
        """'What sort of vehicles were the cameras after?': no figure is broken down by type,
        but a sentence (not a figure's) that holds most of the question and a distinctive
        word beside the figure's own says what kind."""
        explained = matching.stems_of(w for m in q.metrics
                                      for w in self.analyser.metric_words.get(m, ()))
        words = [w for w in q.search_words if w not in KIND_WORDS]
        hits = self.passages.search(words, {op.id for op in cands}, ignore=set(self._name_stems))
        return [h for h in hits[:1] if h.passage.kind != "figure" and h.cover >= 0.5
                and {s for s in h.matched if self.passages.distinctive(s)} - explained]

    def _told_by_a_sentence(self, q: Query) -> list[Hit]:
        """A question about what the police did, in reporting words ('do forces share
        information about criminals?'), that one sentence of the knowledge holds: not a
        request to report (no 'I', no 'how do I'), so the sentence, not the reporting card."""
        if q.channels or q.cues.to_act or q.cues.first_person:
            return []
        hits = self._retrieve(q, None)
        return hits if hits and self._specific_passage(q, hits[0]) else []

    def _metric_by_detail(self, q: Query, cands: list[Operation]) -> list[str]:
        """A count asked in the words of what a figure says of itself ('how many people were
        released under investigation?': the arrests figure whose detail says so)."""
        words = q.search_words
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
