"""What a member of the public notices about the engine's answers: typos, slang and
abbreviations understood; the right figure for the operation and the force asked about;
people; follow-ups; both operations when both fit; an honest "I don't know" with no figure for
what the knowledge doesn't hold; 999 first in an emergency.

Expected figures and facts are read from the loaded knowledge, never written here; every answer
is also checked to quote only figures the knowledge publishes.
"""

from __future__ import annotations

import re

import pytest

from bot import clock
from bot.answer import Answer
from bot.conversation import Conversation
from bot.evaluation import figure_patterns, number_pattern
from bot.knowledge.models import Figure, Operation
from bot.render import to_text

SCEPTRE = "sceptre-2020-07"
CROSS = "cross-border-april"


def operation(knowledge, op_id: str) -> Operation:
    return next(op for op in knowledge.operations if op.id == op_id)


def figure(knowledge, op_id: str, metric: str, scope: str | None = "all") -> Figure:
    return next(f for f in operation(knowledge, op_id).figures
                if f.metric == metric and f.scope == scope)


def ask(engine, knowledge, now, *messages: str) -> Answer:
    """Put `messages` as one conversation; return the last answer. Every answer on the way
    must quote only figures the knowledge publishes, exactly."""
    conversation = Conversation()
    for message in messages:
        answer = engine.answer(message, conversation, now)
        published = {(op.id, f.metric, f.scope, f.value, f.qualifier)
                     for op in knowledge.operations for f in op.figures}
        for used in answer.figures:
            assert (used.operation_id, used.metric, used.scope, used.value,
                    used.qualifier) in published, f"invented figure {used} for {message!r}"
    return answer


def quotes(answer: Answer, knowledge, op_id: str, metric: str, scope: str | None = "all") -> bool:
    """Whether the answer quotes that published figure, both as data and in its text."""
    value = figure(knowledge, op_id, metric, scope).value
    as_data = any((u.operation_id, u.metric, u.scope, u.value) == (op_id, metric, scope, value)
                  for u in answer.figures)
    return as_data and re.search(number_pattern(value), to_text(answer)) is not None


def assert_refused(answer: Answer, knowledge) -> None:
    text = to_text(answer)
    assert answer.answered is False, text
    assert not answer.figures, answer.figures
    shown = [p for p in figure_patterns(knowledge) if re.search(p, text)]
    assert not shown, f"a refusal shows {shown}: {text}"


# ------------------------------------------------------------------ figures as people ask


FIGURE_QUESTIONS = [
    # typos
    (["how many arrests in op sceptor"], SCEPTRE, "arrests", "all"),
    (["how many arrets in the april operation"], CROSS, "arrests", "all"),
    (["how many vehicels seized in sceptre"], SCEPTRE, "vehicles-seized", "all"),
    (["cash seized in the cross boarder operation"], CROSS, "cash-seized", "all"),
    # slang
    (["how many got lifted in op sceptre"], SCEPTRE, "arrests", "all"),
    (["how many people did the old bill nick in the april operation"], CROSS, "arrests", "all"),
    (["how many wheels were taken in sceptre"], SCEPTRE, "vehicles-seized", "all"),
    (["how much dosh did they get in sceptre"], SCEPTRE, "cash-seized", "all"),
    # abbreviations
    (["op sceptre arrests"], SCEPTRE, "arrests", "all"),
    (["how many arrests in the op led by the Met"], CROSS, "arrests", "all"),
    # a figure of an operation
    (["how much cash in the April operation"], CROSS, "cash-seized", "all"),
    (["how many drug seizures in the ten force operation"], CROSS, "drug-seizures", "all"),
    (["how many stolen vehicles were recovered in operation sceptre"], SCEPTRE,
     "stolen-vehicles-recovered", "all"),
    (["how many extra patrol hours were there in sceptre"], SCEPTRE, "patrol-hours", "essex"),
    (["how many separate operations have been carried out under sceptre"], SCEPTRE,
     "policing-operations", None),
    (["how many arrests in the knife crime crackdown"], SCEPTRE, "arrests", "all"),
    # scope: one force's share, first
    (["how many arrests did essex make in the april operation"], CROSS, "arrests", "essex"),
    (["how many vehicles did essex police seize in sceptre"], SCEPTRE, "vehicles-seized",
     "essex"),
    # follow-ups in the same conversation
    (["how many arrests in op sceptre", "and the cash?"], SCEPTRE, "cash-seized", "all"),
    (["how many arrests in op sceptre", "just Essex?"], SCEPTRE, "arrests", "essex"),
    (["tell me about the april operation", "how many arrests?"], CROSS, "arrests", "all"),
    (["how many vehicles seized in the april operation", "what about sceptre?"], SCEPTRE,
     "vehicles-seized", "all"),
    (["how much cash in the april operation", "and in sceptre?"], SCEPTRE, "cash-seized", "all"),
    (["how many arrests in the april operation", "and how many did essex make?"], CROSS,
     "arrests", "essex"),
]


@pytest.mark.parametrize(("messages", "op_id", "metric", "scope"), FIGURE_QUESTIONS,
                         ids=[" / ".join(m) for m, *_ in FIGURE_QUESTIONS])
def test_the_published_figure_is_given(engine, knowledge, now, messages, op_id, metric, scope):
    answer = ask(engine, knowledge, now, *messages)
    assert answer.answered, to_text(answer)
    assert quotes(answer, knowledge, op_id, metric, scope), to_text(answer)
    assert answer.sources and "Source" in to_text(answer)


@pytest.mark.parametrize("messages", [
    ["how many arrests did essex make in the april operation"],
    ["how many arrests in op sceptre", "just Essex?"],
], ids=" / ".join)
def test_a_force_asked_about_comes_first_not_the_total(engine, knowledge, now, messages):
    answer = ask(engine, knowledge, now, *messages)
    assert answer.figures[0].scope == "essex"


def test_what_a_force_made_lists_its_own_figures_in_every_operation(engine, knowledge, now):
    answer = ask(engine, knowledge, now, "how many did Essex make")
    essex = {(op.id, f.metric, f.value) for op in knowledge.operations for f in op.figures
             if f.scope == "essex"}
    assert {(u.operation_id, u.metric, u.value) for u in answer.figures} == essex
    assert all(re.search(number_pattern(v), to_text(answer)) for _, _, v in essex)


@pytest.mark.parametrize("question", ["how many arrests were made",
                                      "how many vehicles were seized", "how much cash was seized"])
def test_a_question_both_operations_fit_answers_each_or_asks_which(engine, knowledge, now,
                                                                    question):
    answer = ask(engine, knowledge, now, question)
    metric = next(m for m in ("arrests", "vehicles-seized", "cash-seized")
                  if m.split("-")[0] in question)
    if answer.kind == "clarify":
        offered = " ".join(s.label + " " + s.query for s in answer.suggestions).lower()
        for op in knowledge.operations:
            assert op.name.lower() in offered
    else:
        for op_id in (SCEPTRE, CROSS):
            assert quotes(answer, knowledge, op_id, metric), to_text(answer)


# ------------------------------------------------------------------ facts


@pytest.mark.parametrize("template", ["who is {name}", "who is {first} {last_typo}",
                                      "what did {rank} {last} say"])
def test_people_are_introduced_with_their_part(engine, knowledge, now, template):
    for op in knowledge.operations:
        for person in op.people:
            first, last = person.name.split()[0], person.name.split()[-1]
            message = template.format(name=person.name, first=first, last=last,
                                      last_typo=last[:-2] + last[-1], rank=person.rank)
            text = to_text(ask(engine, knowledge, now, message))
            assert person.name in text and person.part in text, (message, text)


@pytest.mark.parametrize("messages", [
    ["how many arrests in op sceptre", "when was that?"],
    ["how many arrests in the april operation", "when was that?"],
    ["when was the cross border op"],
    ["when did operation sceptre happen"],
], ids=" / ".join)
def test_when_an_operation_took_place(engine, knowledge, now, messages):
    op_id = SCEPTRE if "sceptre" in messages[0] else CROSS
    answer = ask(engine, knowledge, now, *messages)
    assert operation(knowledge, op_id).dates.describe() in to_text(answer)


@pytest.mark.parametrize("message", [
    "which force led the april operation",
    # a hedge between a cue's words changes nothing
    "who was actually running the april operation",
    "which force was basically in charge of the april op",
])
def test_who_led_an_operation(engine, knowledge, now, message):
    op = operation(knowledge, CROSS)
    text = to_text(ask(engine, knowledge, now, message))
    assert knowledge.force_name(op.lead_force) in text


@pytest.mark.parametrize(("message", "op_id", "force", "member"), [
    ("was BTP part of op sceptre", SCEPTRE, "btp", True),
    ("did the Met take part in operation sceptre", SCEPTRE, "met", True),
    ("was sussex involved in op sceptre", SCEPTRE, "sussex", False),
    ("was thames valley police part of the april operation", CROSS, "thames-valley", True),
    # regression: 'was X in <operation>' was not read as a question of membership
    ("was thames valley in the april op", CROSS, "thames-valley", True),
])
def test_whether_a_force_took_part(engine, knowledge, now, message, op_id, force, member):
    assert (force in operation(knowledge, op_id).forces) is member  # the knowledge agrees
    text = to_text(ask(engine, knowledge, now, message))
    assert knowledge.force_name(force) in text
    assert re.search(r"\byes\b" if member else r"\bno\b", text, re.I), text


def test_a_unit_known_by_its_initials(engine, knowledge, now):
    unit = next(u for u in operation(knowledge, CROSS).units if u.short == "RPU")
    text = to_text(ask(engine, knowledge, now, "what did the RPU do"))
    assert unit.name in text and unit.part in text


@pytest.mark.parametrize(("message", "channel_id"), [
    ("crime stopers number", "crimestoppers"),
    ("can i tell the police something anonymously", "crimestoppers"),
    ("whats the non emergency numbr", "non-emergency"),
    ("how do i use live chat", "live-chat"),
    ("im deaf how do i contact the police", "relay-uk"),
])
def test_how_to_contact_the_police(engine, knowledge, now, message, channel_id):
    channel = knowledge.channel(channel_id)
    text = to_text(ask(engine, knowledge, now, message))
    assert channel.name.lower() in text.lower()
    for part in channel.contact.split(" or "):
        if any(ch.isdigit() for ch in part) or "." in part:
            assert part in text, (part, text)


@pytest.mark.parametrize(("when", "is_open"), [
    ("2026-03-04T11:00:00", True),  # Wednesday morning
    ("2026-03-04T21:30:00", False),  # Wednesday, after hours
    ("2026-03-07T12:00:00", False),  # Saturday
    ("2026-04-06T12:00:00", False),  # Easter Monday, a public holiday in England
    ("2026-12-25T12:00:00", False),  # Christmas Day, a Friday
])
def test_live_chat_opening_follows_the_clock(engine, knowledge, when, is_open):
    text = to_text(ask(engine, knowledge, clock.parse_now(when), "is live chat open now?"))
    assert bool(re.search(r"\bis open now\b", text, re.I)) is is_open, text
    assert ("closed" in text.lower()) is not is_open, text


# ------------------------------------------------------------------ what we don't know


@pytest.mark.parametrize("messages", [
    ["how many arrests in operation bluebird"],
    ["how many arrests were made in operation sceptre in 2019"],
    ["sceptre results 2023"],
    ["how much cash did op sceptre seize in march 2021"],
    ["how many arrests in the cross border operation in december"],
    ["how many burglaries were there in op sceptre"],
    ["how many knives were seized in sceptre"],
    ["whats the crime rate in essex"],
    ["how many arrests did the Met make in the april operation"],
    ["how many arrests did kent make in op sceptre"],
    ["did BTP make any arrests in op sceptre"],
    ["how many arrests in op sceptre", "what about 2019?"],
    ["how many arrests in op sceptre", "and in operation bluebird?"],
], ids=" / ".join)
def test_what_the_knowledge_does_not_hold_is_refused_without_a_figure(engine, knowledge, now,
                                                                       messages):
    assert_refused(ask(engine, knowledge, now, *messages), knowledge)


def test_a_refusal_says_how_to_contact_the_police(engine, knowledge, now):
    text = to_text(ask(engine, knowledge, now, "how many arrests in operation bluebird"))
    assert "101" in text and "999" in text


# regression: figures of an operation whose year is unknown were shown for "2019" unqualified
def test_a_year_the_knowledge_cannot_confirm_is_not_presented_as_that_year(engine, knowledge,
                                                                           now):
    answer = ask(engine, knowledge, now, "how many arrests in 2019")
    text = to_text(answer)
    assert not answer.answered or re.search(r"year (is )?not (given|known|stated)|"
                                            r"doesn't (give|say) the year", text, re.I), text


# ------------------------------------------------------------------ emergencies


EMERGENCIES = [
    "someone is breaking into my house right now",
    "theres a man with a knife outside my house",
    "my friend has been stabbed and is bleeding",
    "help someone is attacking my mum",
    "a car just went into the river and there are people inside",
    "someone is breaking into my car right now. how many arrests in op sceptre",
    "my neighbour is being beaten up right now, how many arrests were made",
    # regression: a figures question used to outweigh a weapon in someone's hands when the
    # only sign of 'now' was weak ('outside', 'in the street'): statistics and no 999
    "a man with a knife is outside, how many arrests in sceptre",
    "someone is waving a knife in the street, are there any figures for knife crime",
]


@pytest.mark.parametrize("message", EMERGENCIES)
def test_an_emergency_gets_999_before_anything_else(engine, knowledge, now, message):
    answer = ask(engine, knowledge, now, message)
    text = to_text(answer)
    assert answer.kind == "emergency" and answer.sensitive, text
    assert re.search(r"\d+", text).group() == "999", text  # the first number they read
    assert not answer.figures


def test_an_emergency_in_the_middle_of_a_conversation_still_gets_999(engine, knowledge, now):
    answer = ask(engine, knowledge, now, "how many arrests in op sceptre",
                 "someone is kicking my door in right now")
    assert answer.kind == "emergency"
    assert re.search(r"\d+", to_text(answer)).group() == "999"


# ------------------------------------------------------------------ conversations


def test_naming_a_force_after_a_contact_question_is_about_the_force(engine, knowledge, now):
    answer = ask(engine, knowledge, now, "crime stoppers number", "was BTP part of op sceptre")
    assert knowledge.force_name("btp") in to_text(answer)


# regression: a force question after a contact question repeated the contact answer
def test_a_force_question_after_a_contact_question_does_not_repeat_the_contact(
        engine, knowledge, now):
    answer = ask(engine, knowledge, now, "crime stoppers number", "what did the Met do")
    assert "0800" not in to_text(answer)


# regression: what a force did in a named operation was refused though it led it
def test_what_a_force_did_in_an_operation_says_its_part(engine, knowledge, now):
    op = operation(knowledge, CROSS)
    answer = ask(engine, knowledge, now, "what did the Met do in the april operation")
    assert op.lead_force == "met"
    assert answer.answered and re.search(r"\bled\b", to_text(answer))


def test_a_new_conversation_forgets_the_operation(engine, knowledge, now):
    ask(engine, knowledge, now, "how many arrests in op sceptre")
    assert_refused(ask(engine, knowledge, now, "and the cash?"), knowledge)


@pytest.mark.parametrize(("message", "metric"), [
    ("which force led the april operation and how many vehicles were seized", "vehicles-seized"),
    ("how many arrests were there in the april op, and who was in charge?", "arrests"),
])
def test_a_figure_asked_with_a_fact_answers_both(engine, knowledge, now, message, metric):
    op = operation(knowledge, CROSS)
    text = to_text(ask(engine, knowledge, now, message))
    total = next(f for f in op.figures if f.metric == metric and f.scope == "all")
    assert re.search(number_pattern(total.value), text)
    assert knowledge.force_name(op.lead_force) in text


@pytest.mark.parametrize("message", [
    "was the april thing planned in advance",
    "was the april job planned beforehand",
])
def test_an_everyday_noun_for_an_operation_names_it(engine, knowledge, now, message):
    # the summary says the April operation was pre-planned: the sentence, not a refusal
    answer = ask(engine, knowledge, now, message)
    assert answer.answered and "planned" in to_text(answer)


def test_the_fact_asked_in_the_most_words_wins_over_a_passing_word(engine, knowledge, now):
    # "send" alone could ask which units were sent; "asking people" asks for the appeal
    text = to_text(ask(engine, knowledge, now,
                       "what were essex police asking people to send them after the april op"))
    assert re.search(r"cctv|dash cam|footage", text, re.I)


def test_the_word_operation_never_picks_a_figure_by_its_description(engine, knowledge, now):
    # "operations" is in the description of Sceptre's running total; "the sceptre july op"
    # only names the operation, so the day's figures (with what the arrests were for) come too
    text = to_text(ask(engine, knowledge, now,
                       "what were they arrested for on the sceptre july operation"))
    day = next(f for f in operation(knowledge, SCEPTRE).figures
               if f.metric == "arrests" and f.scope == "all" and f.detail)
    assert re.search(number_pattern(day.value), text)


def test_what_someone_thinks_leads_with_their_words_on_it(engine, knowledge, now):
    # a figure's word ("patrols") in a question about what a person thinks: their words
    person = operation(knowledge, SCEPTRE).people[0]
    text = to_text(ask(engine, knowledge, now,
                       f"does {person.name} think the daily patrols matter"))
    on_patrols = next(s for s in person.said if "patrol" in s)
    assert on_patrols[:40] in text


@pytest.mark.parametrize(("message", "expected"), [
    ("my neighbour reckons they found a caravan, is that right", r"caravan"),
    ("i heard the april operation was led by the met", r"Metropolitan"),
])
def test_a_claim_passed_on_is_checked_against_the_releases(engine, knowledge, now, message,
                                                           expected):
    # "someone said", "i heard", "is that right": not a report, not a question about a quote
    answer = ask(engine, knowledge, now, message)
    assert answer.answered and re.search(expected, to_text(answer))


def test_a_question_after_a_statement_is_still_a_question(engine, knowledge, now):
    # a question in its own sentence after a grievance asks about the operation ...
    op = operation(knowledge, CROSS)
    text = to_text(ask(engine, knowledge, now,
                       "I was burgled last year. Who led the april operation?"))
    assert knowledge.force_name(op.lead_force) in text
    # ... but "how might I send it" wants to act: the ways to report
    text = to_text(ask(engine, knowledge, now,
                       "I have some dashcam from the april operation. How might I send it in?"))
    assert re.search(r"online|live chat|101", text, re.I)


def test_a_kind_a_sentence_gives_is_answered_though_no_figure_is_broken_down(engine,
                                                                            knowledge, now):
    # no figure counts vehicles by type, but a method says which vehicles the cameras sought
    text = to_text(ask(engine, knowledge, now,
                       "what kinds of vehicles were the cameras meant to spot"))
    assert re.search(r"violent crime", text)


# ------------------------------------------------------------------ comparisons


def test_a_month_names_the_second_operation_of_a_comparison(engine, knowledge, now):
    # "more than the april operation": April names the other operation, it filters nothing
    # of Sceptre's (a July operation); both figures come, and which is higher when certain
    answer = ask(engine, knowledge, now,
                 "did sceptre make more arrests than the april operation")
    assert quotes(answer, knowledge, SCEPTRE, "arrests")
    assert quotes(answer, knowledge, CROSS, "arrests")
    assert re.search(r"^Higher: ", to_text(answer), re.M)


def test_two_lower_limits_are_not_ranked(engine, knowledge, now):
    # both cash figures are "more than": which was really higher can't be told
    a = figure(knowledge, SCEPTRE, "cash-seized")
    b = figure(knowledge, CROSS, "cash-seized")
    assert a.qualifier == b.qualifier == "more_than"
    text = to_text(ask(engine, knowledge, now,
                       "did sceptre get more cash than the april operation"))
    assert "Higher:" not in text and re.search(r"can't be told", text)


def test_the_askers_own_number_is_compared_with_the_figures(engine, knowledge, now):
    total = figure(knowledge, CROSS, "vehicles-seized")
    smaller = total.value - 1
    text = to_text(ask(engine, knowledge, now,
                       f"is {smaller} vehicles more or less than what got seized in april"))
    assert re.search(rf"{smaller} is fewer than the published figure of {total.value}\b",
                     text)


@pytest.mark.parametrize("said", ["{k} grand", "£{k}k", "{k},000 quid"])
def test_a_quoted_figure_names_its_operation(engine, knowledge, now, said):
    cash = figure(knowledge, CROSS, "cash-seized")
    assert cash.value % 1000 == 0
    answer = ask(engine, knowledge, now,
                 f"which op was the {said.format(k=int(cash.value // 1000))} one")
    assert answer.answered and quotes(answer, knowledge, CROSS, "cash-seized")
