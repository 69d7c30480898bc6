"""Answers about the people the releases name: who they are, their part, what they said,
and who said a given thing."""

from __future__ import annotations

from bot import compose, matching
from bot.analysis import Query
from bot.answer import Answer, Span, Suggestion, bold, spans
from bot.conversation import Conversation
from bot.knowledge.models import Operation


class PeopleAnswers:
    """Part of bot.engine.Engine (a mixin): see the module docstring."""

    def _person_answer(self, q: Query, conv: Conversation) -> Answer:
        """Who someone is, their part, and what they said."""
        k = self.k
        if len(q.unexplained) * 2 >= max(q.content, 1) and not q.cues.who_said_as_typed and \
                not (q.cues.opinion and any(self._said_hits(q, o, i) for o, i in q.persons)):
            return self._fallback(q, None, 0.3)  # "what's the weather like, Lewis?"
        if q.cues.private:
            return self._fallback(q, "I only know what the release says about them: their "
                                     "rank, their part and what they said.", 0.3)
        named = any(q.cues.names_surname(self.ops[o].people[i].name) for o, i in q.persons)
        if q.quantitative and not named:
            return self._fallback(q, None, 0.3)  # "how much does a superintendent earn?"
        lines: list[list[Span]] = []
        ops: list[Operation] = []
        quotes = "people" in q.facets and q.cues.asks_words
        for op_id, idx in q.persons:
            op = self.ops[op_id]
            person = op.people[idx]
            ops.append(op)
            intro = compose.person_intro(k, person)
            lines.append(spans(bold(intro), f" {person.part} ({op.name}, {compose.op_when(op)})."
                               if person.part else f" ({op.name})."))
            if (quotes or len(q.persons) == 1) and person.said:
                lines.append(spans("What they said, in summary:"))
                said = self._said_first(q, op_id, idx, person.said)
                lines += [spans(f"• {s}") for s in said[: 4 if quotes else 2]]
        conv.discuss(list(dict.fromkeys(op.id for op in ops)))
        conv.person = f"{q.persons[0][0]}#{q.persons[0][1]}"
        first = self.ops[q.persons[0][0]].people[q.persons[0][1]]
        return compose.answer_from(
            k, title=f"Who is {first.name}?" if len(q.persons) == 1 else "People",
            lines=lines, ops=ops, figures=[], topic=f"person:{first.name}",
            confidence=0.9 - 0.05 * q.corrections,
            suggestions=[Suggestion(label=f"About {op.name}", query=f"tell me about {op.name}")
                         for op in ops[:2]])

    def _said_first(self, q: Query, op_id: str, idx: int, said: list[str]) -> list[str]:
        """What a person said, the sentences that share most with the question first ("does
        he reckon arrests alone will do it": his words on enforcement on its own)."""
        return list(dict.fromkeys([*self._said_hits(q, op_id, idx), *said]))

    def _said_hits(self, q: Query, op_id: str, idx: int) -> list[str]:
        """The person's sentences that share a distinctive word with the question, best
        first."""
        hits = self.passages.search(q.search_words, {op_id}, ignore=set(self._name_stems),
                                    limit=12)
        return [h.passage.text for h in hits if h.passage.kind == "said"
                and h.passage.person == idx
                and any(self.passages.distinctive(s) for s in h.matched)]

    def _quote_search(self, q: Query, threshold: float = 55, people_and_appeal: bool = False,
                      conv: Conversation | None = None) -> Answer | None:
        """'Who said crime has no borders?', 'did the release say anything about children?':
        the person (or text) whose words match best, if any match well."""
        k = self.k
        words, asks_who = q.cues.quoted_words
        stems = matching.quote_stems(words, people_and_appeal, self._force_words)
        # a last resort: what people said, the appeal, the methods (not the summary)
        best = matching.best_quote(self._quotes, words, stems, 5 if asks_who else 0,
                                   summaries=not people_and_appeal)
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
