"""Answers that are facts about an operation other than figures (who led it, when, where,
forces, units…), and what a force did across the operations."""

from __future__ import annotations

from bot import compose, matching
from bot.analysis import Query
from bot.answer import Answer, Span, Suggestion, bold, spans
from bot.conversation import Conversation
from bot.facets import facet_lines
from bot.knowledge.models import Operation

# facets that can be answered together in one reply, in this order
COMBINABLE = ("lead", "when", "duration", "where", "forces", "units", "focus", "methods",
               "source")


class FacetAnswers:
    """Part of bot.engine.Engine (a mixin): see the module docstring."""

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
                q.cues.membership or (q.follow_up and conv.facet == "membership")):
            return "membership"
        if q.forces and not facets:
            return "figures-for-force"
        if "lead" in facets and (q.forces or q.descriptor_forces) and not q.ops and (
                q.descriptor_forces or q.cues.led_by):
            facets.remove("lead")  # "the operation led by the Met" names it, doesn't ask it
        if "people" in facets and "source" in facets and q.cues.quoted:
            facets.remove("source")  # "which officer was quoted in the press release"
        if "people" in facets and ("lead" in facets or "forces" in facets):
            facets.remove("people")
        if facets:  # the facet asked in the most words first, then in the order above
            # ("what was" asks for nothing in particular: the summary is only the default)
            return max(facets, key=lambda f: 0 if f == "summary" else q.facet_words.get(f, 0))
        if q.follow_up and conv.facet and conv.facet != "summary" and not q.ops:
            return conv.facet
        return "summary"

    def _and_facets(self, q: Query, cands: list[Operation], answer: Answer) -> Answer:
        """A figure asked together with a fact ("which force led it and how many vehicles were
        seized?"): the fact's lines follow the figure's, so neither part goes unanswered."""
        also = [f for f in COMBINABLE if f in q.facets and f != "forces"]
        if not (answer.answered and also and q.cues.two_asks and len(cands) == 1):
            return answer
        for facet in also[:1]:  # one (when and how long would say the date twice)
            lines, _ = facet_lines(self.k, cands[0], facet, q, brief=True)
            answer.body += lines
        return answer

    def _facet_answer(self, q: Query, conv: Conversation, ops: list[Operation], facet: str,
                      confidence: float) -> Answer:
        also = [f for f in COMBINABLE if f in q.facets and f != facet] \
            if facet in COMBINABLE else []
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
        asks_figures = q.quantitative or matching.asks_for_figures(q.summary_words)
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
