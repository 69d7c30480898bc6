"""Which operations a question is about, and what kind of answer it gets: a figure, a facet
card, a sentence, or an honest refusal (the figures and facets themselves are composed in
bot.deciding.figures and bot.deciding.facet_answers)."""

from __future__ import annotations

import calendar
from datetime import datetime

from bot import compose, matching
from bot.analysis import Query
from bot.answer import Answer, bold, spans
from bot.conversation import Conversation
from bot.deciding import THRESHOLD
from bot.knowledge.models import Operation, partial_date_parts
from bot.reading import not_comparisons


class OperationAnswers:
    """Part of bot.engine.Engine (a mixin): see the module docstring."""

    def _list_operations(self, q: Query, conv: Conversation, now: datetime) -> Answer:
        """'What operations do you know about?', '…in December?', '…planned this summer?'"""
        k = self.k
        if q.cues.future:
            return self._fallback(q, "I only know about operations already published; future "
                                     "operations aren't announced here.", 0.2)
        ops = [op for op in k.operations
               if (not q.forces or set(q.forces) & set(op.forces))
               and (not q.months or compose.covers_months(op, q.months))
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

    def _release_date(self, op: Operation, q: Query) -> bool:
        """Whether the day the question names is the date of the operation's source."""
        src = self.k.sources[op.id].date
        if not src:
            return False
        year, month, day = partial_date_parts(src)
        return day == q.day and month in q.months and (not q.years or year in q.years)

    def _candidate_ops(self, q: Query, conv: Conversation) -> tuple[list[Operation], float, str]:
        """Which operations the message is about, how sure we are, and why."""
        ops = self.ops
        if q.ops:
            named = [ops[i] for i in q.ops]
            if q.months and q.cues.compares:  # "more cash than the april one": april names one
                named += [op for op in ops.values() if op not in named and op.dates
                          and q.months & op.dates.months()]
            return named, 0.95, "named"
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
        quoted = [op for op in ops.values() if q.numbers
                  and any(f.value in q.numbers for f in op.figures)]
        if quoted and not q.metrics:
            return quoted, 0.8, "figure"  # "which op was the 15 grand one"
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
        asks_something = set(q.facets) - {"summary"} or q.scope_all or \
            matching.asks_beyond_what_is(q.summary_words)
        if asks_something and not matching.vague(q.unexplained) and not q.subjects \
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
        named_apart = (len(q.ops) > 1 and len({self.ops[i].name for i in q.ops}) == len(q.ops)
                       ) or (len(cands) > 1 and q.cues.compares)
        if q.months and not named_apart:
            dated = [op for op in cands if compose.covers_months(op, q.months)]
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
        """An answer about operations: which ones, then a sentence, a figure, a facet card or
        an honest refusal, in that order of checks."""
        named = [self.ops[i] for i in q.ops or conv.operation_ids if i in self.ops]
        if "where" in q.facets and q.metrics and not (q.quantitative or q.numbers) and not any(
                f.metric in q.metrics for op in named for f in op.figures):
            q.metrics = []  # "which areas were drugs moved between": a place, not a count
        cands, confidence, why = self._candidate_ops(q, conv)
        if q.day and any(self._release_date(op, q) for op in cands):
            q.day, q.months = None, set()  # "the 28 July 2020 release": names it, not a day
        told = self._sentence_first(q, conv, cands, why)
        if told:
            return told
        cands, why = self._infer_metrics(q, conv, cands, why)
        cands, refusal = self._narrow(q, cands)
        if refusal:
            return self._fallback(q, refusal)
        if len(cands) > compose.MAX_BRIEF_OPS:
            return self._which_of(q, cands)
        refused = self._not_published(q, conv, cands, why)
        if refused:
            return refused
        confidence, share = self._confidence(q, confidence)
        refused = self._refused(q, conv, cands, why, confidence, share)
        if refused:
            return refused
        self._settle_follow_up(q, conv, why)
        return self._compose(q, conv, cands, why, confidence)

    def _sentence_first(self, q: Query, conv: Conversation, cands: list[Operation],
                        why: str) -> Answer | None:
        """A sentence of the knowledge when it answers more closely than a card, or when no
        operation fits; else, with no operation, a refusal or 'which operation?'."""
        term_question = why == "topic" and not (q.metrics or set(q.facets) - {"summary"}) \
            and not q.cues.says_operation
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
        return None

    def _infer_metrics(self, q: Query, conv: Conversation, cands: list[Operation],
                       why: str) -> tuple[list[Operation], str]:
        """The metrics asked, from the question and what was just said (a follow-up carries
        the last figure over), and the operations a quoted figure names."""
        # "what kind of vehicle was it?" while talking about stolen vehicles recovered
        if why == "context" and conv.metric and q.metrics and conv.metric not in q.metrics \
                and matching.said_singulars(q) <= self.analyser.metric_words.get(conv.metric,
                                                                                 set()):
            q.metrics = [conv.metric]
        self._fit_metrics(q, cands)
        if why == "context" and conv.metric and not q.metrics and not q.persons \
                and q.cues.who_did_them:
            q.metrics, q.facets = [conv.metric], []  # "who did them?" after the patrol hours
        if q.quantitative and not q.metrics:
            q.metrics = self._metric_by_detail(q, cands)  # "how many were released under …"
        if q.quantitative and not q.metrics and conv.metric and why in ("context", "month") \
                and not q.asked_noun and not q.subjects and not self._count_facet(q):
            q.metrics = [conv.metric]  # "how many on 22 July?" after arrests
        if why == "context" and not q.metrics and conv.metric and q.cues.which_more \
                and len(conv.history) > 1:
            q.metrics = [conv.metric]  # "which was higher?" after two operations' figures
            cands = [self.ops[i] for i in conv.history[-2:] if i in self.ops]
            q.exact_matches += 1  # a comparison of what was just said: understood
            q.unexplained = not_comparisons(q.unexplained)
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
        return cands, why

    def _not_published(self, q: Query, conv: Conversation, cands: list[Operation],
                       why: str) -> Answer | None:
        """What the releases don't publish (breakdowns, days, unheld forces, units' own
        figures, the future) or what isn't about an operation at all."""
        detailed = any(f.detail or self._names_a_kind(f) for op in cands for f in op.figures
                       if f.metric in q.metrics)
        asked = q.cues.kind_word  # "what operation is it?" asks no kind
        if not detailed and asked:
            named = self._described(cands, [asked], fields=("what", "detail"))
            kinds = [f for op in cands for f in op.figures if f.metric in named and f.detail]
            if kinds:  # "what drugs?" — a figure's detail names them (crack cocaine, heroin)
                q.metrics, detailed = list(dict.fromkeys(f.metric for f in kinds)), True
        if q.metrics and q.cues.breakdown and not q.quantitative and not detailed:
            told = self._kind_told(q, cands)
            if told:  # "what sort of vehicles were the cameras after": what a method says
                return self._passage_answer(q, conv, told)
            labels = " and ".join(self.k.metric(m).label for m in q.metrics)
            return self._fallback(q, f"The published figures don't break {labels} down by type: "
                                     "they give only how many.", 0.3)
        one_day = q.one_day and any(op.dates and op.dates.start != op.dates.end for op in cands)
        if (q.metrics or q.quantitative) and (q.cues.no_breakdown or one_day):
            return self._no_breakdown(q, cands, "for one day" if one_day else "that way")
        if q.other_force and q.cues.membership and len(cands) <= compose.MAX_BRIEF_OPS:
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
            said = self._described(cands, matching.unit_words(names), fields=("what", "detail"))
            if not set(said) & set(q.metrics):  # "arrests by the dog unit": no figure says so
                return self._fallback(q, f"No figures were published for the "
                                         f"{', '.join(dict.fromkeys(names))} alone.", 0.3)
        if why == "metric" and q.cues.to_act:
            return self._fallback(q, None, 0.2)  # "how do I get my impounded car back?"
        place = q.cues.place_word
        if why == "metric" and place and place in q.unexplained:
            return self._fallback(q, None, 0.2)  # "arrests at Glastonbury": not an operation held
        if why == "topic" and q.cues.opening:
            return self._fallback(q, None, 0.2)  # "what time does Piccadilly station open?"
        if q.cues.future and not q.quantitative:
            return self._fallback(q, "I only know about operations already published; future "
                                     "operations aren't announced here.", 0.2)
        if q.recent and why != "context":
            return self._fallback(q, "I only have the published figures for the operations "
                                     "below, not recent or day-to-day events.")
        if q.cues.asks_purpose and not q.quantitative and not q.numbers \
                and set(q.facets) <= {"summary", "focus"}:  # not "are they after footage?"
            # "was Sceptre about drugs or knives?": its focus, not figures for those words
            q.metrics, q.facets, q.subjects, q.unexplained = [], ["focus"], [], []
        return None

    def _confidence(self, q: Query, confidence: float) -> tuple[float, float]:
        """The confidence after corrections and unexplained words, and the share of the
        question's words left unexplained."""
        strong = bool(q.ops or q.metrics or q.units or q.persons or q.method_ops)
        confidence -= 0.05 * min(q.corrections, 3)
        share = len(q.unexplained) / max(q.content, 1)
        confidence -= (0.35 if strong else 0.7) * share
        if not q.exact_matches and q.weak_corrections >= q.corrections:
            confidence -= 0.2
        return confidence, share

    def _refused(self, q: Query, conv: Conversation, cands: list[Operation], why: str,
                 confidence: float, share: float) -> Answer | None:
        """Outcomes, things the figures don't count, questions not understood well enough."""
        metric = q.metrics[0] if q.metrics else conv.metric if why == "context" else None
        outcome = q.cues.outcome
        if outcome and q.cues.outcome_counted(self.lexicon.words) or (outcome and any(
                "value" in self.k.metric(m).label for m in q.metrics)):
            outcome = None  # the knowledge counts it ("street value of drugs seized")
        if metric and outcome and not q.quantitative:
            detailed = None
            if q.cues.outcome_is_charge:
                detailed = self._detailed_figures(q, metric, cands)
            if detailed:  # "were the 8 people arrested in Essex charged?"
                return detailed
            return self._no_outcomes(q)
        if not q.quantitative:  # "what does Sceptre do about knives?": its focus, not a count
            # (or words only its own text uses: "the shoplifting crackdown")
            q.subjects = matching.outside(q.subjects, matching.focus_words(cands,
                                                                          self._topic_words))
        if q.asked_noun and q.metrics and not any(
                matching.counted_by(q.asked_noun, self.analyser.metric_words.get(m, set()))
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
        return None

    def _settle_follow_up(self, q: Query, conv: Conversation, why: str) -> None:
        """In a follow-up: membership, and the metrics carried over from the last figures."""
        if q.forces and not q.metrics and why == "context" and "units" not in q.facets and (
                q.cues.membership or conv.facet in ("forces", "membership")):
            q.facets = ["membership"] if "forces" not in q.facets or q.cues.membership \
                else q.facets
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

    def _compose(self, q: Query, conv: Conversation, cands: list[Operation], why: str,
                 confidence: float) -> Answer:
        """Figures, a force's figures or profile, or a facet card, for the operations."""
        conv.discuss([op.id for op in cands])
        if q.metrics:
            return self._and_facets(q, cands, self._figures_answer(q, conv, cands, confidence))
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
                and q.cues.says:
            who = " ".join(q.unexplained)  # "what did the Home Secretary say?"
            return self._not_quoted(q, who)
        if q.forces and not (q.units or q.method_ops or q.focus_ops) and why != "context" \
                and facet in ("summary", "figures-for-force") and not q.quantitative:
            return self._force_profile(q, conv, confidence, cands if q.ops else None)
        if facet == "figures-for-force" and q.forces:
            return self._force_figures(q, conv, cands, confidence)
        return self._facet_answer(q, conv, cands, facet, confidence)

    def _weak_metric_only(self, q: Query) -> bool:
        """'how do I tax my car': an everyday word for a metric, and no sign of a statistic."""
        return q.cues.everyday_only(q.unexplained)


def _carried(conv: Conversation) -> list[str]:
    """The metrics a follow-up carries over: all those of the last figure answer."""
    return list(conv.metrics) or ([conv.metric] if conv.metric else [])
