"""Danger told in everyday words: the word classes and rules of bot/language/danger.yaml, and
what a person in danger (or not) sees first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import yaml

from bot import danger
from bot.cli import main
from bot.conversation import Conversation
from bot.render import to_text
from bot.safety import respond
from bot.triage import triage

LANGUAGE = danger.load()
EXAMPLES = [(r.id, r.level, text) for r in LANGUAGE.rules for text in r.examples]
COUNTER = [(r.id, text) for r in LANGUAGE.rules for text in r.counter_examples]
CANCEL = [(kind, text, True) for kind, c in LANGUAGE.cancel_examples.items()
          for text in c.examples] + \
    [(kind, text, False) for kind, c in LANGUAGE.cancel_examples.items()
     for text in c.counter_examples]
NOW = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)  # a Wednesday afternoon


@pytest.mark.parametrize(("rule", "level", "message"), EXAMPLES)
def test_every_rule_example_gets_at_least_its_level(rule, level, message):
    verdict = triage(message)
    assert verdict.danger is not None, rule
    assert level == "possible" or verdict.danger == "sure", (rule, verdict)


@pytest.mark.parametrize(("rule", "message"), COUNTER)
def test_no_counter_example_gets_the_card(rule, message):
    assert triage(message).danger != "sure", rule


@pytest.mark.parametrize(("kind", "message", "caught"), CANCEL)
def test_every_canceller_catches_its_examples_and_leaves_its_counter_examples(
        kind, message, caught):
    from bot.triage import _prepare

    assert danger.cancels(kind, _prepare(message), message) is caught


@pytest.mark.parametrize("message", [
    "my laptop is dying, can i carry on this chat on my phone later?",
    "no one's dying mate, how do i complain about a parking fine",
    "how can I report that I was threatened with a machete back in 2021",
    "could live chat help me with a report about threats on facebook",
    "my gran is scared stiff of burglars, what is the best way to protect her house",
])
def test_a_question_for_information_never_gets_the_card(message):
    assert triage(message).danger != "sure"


@pytest.mark.parametrize(("message", "sure"), [
    ("the smoke alarm battery keeps beeping and it's driving me mad", False),
    ("is the horse stable now? the vet came round", False),
    ("he's battering her in the kitchen right now", True),
    ("they kidnapped my son, hes in their van now", True),
])
def test_a_danger_stem_takes_its_own_endings_not_another_word(message, sure):
    # "batter*" is battered and battering, not battery; "stab*" is not stable
    assert (triage(message).danger == "sure") is sure


@pytest.mark.parametrize("message", [
    "she swallowed all her tablets twenty minutes ago and now shes really sleepy",
    "my grandad fell in the garden and hes been lying there since yesterday, cant get up",
    "how many drugs seized last year... wait theres a man waving a machete at the bus stop",
])
def test_danger_just_now_or_still_going_on_gets_the_card(message):
    assert triage(message).danger == "sure"


@pytest.mark.parametrize("message", [
    "a man threatened to stab my brother last week at the chippy",
    "yesterday a bloke punched my son outside the school gates",
])
def test_danger_told_in_the_past_still_gets_the_999_line(engine, message):
    assert triage(message).danger == "possible"
    assert "999" in first_line(engine, message)


@pytest.mark.parametrize("message", [
    "Can I hand in an old sword I found in the loft? It belonged to my late uncle.",
    "there was a stabbing on our estate in the 80s, my nan still goes on about it",
    "im writing a thriller where a girl gets abducted from a festival, how fast would police act",
    "aye the polis were round earlier about the bins, nae bother",
    "my driving test on monday is going to kill me",
])
def test_a_question_or_a_moan_in_several_sentences_gets_its_answer(message):
    assert triage(message).danger != "sure"


@pytest.mark.parametrize("message", [
    "does a kid carrying a knife to school get arrested straight away?",
    "are officers allowed to hit someone with a baton",
    "why would someone stab a stranger for no reason",
])
def test_a_question_about_the_world_gets_the_999_line_not_the_card(message):
    assert triage(message).danger != "sure"


@pytest.mark.parametrize("message", [
    "can someone come my dad is hitting my mum with a belt?",
    "a lad is being stabbed on the green. why is no one here yet?",
    "what do i do hes got a knife to her throat?",
])
def test_a_question_that_asks_for_help_now_keeps_the_card(message):
    assert triage(message).danger == "sure"


@pytest.mark.parametrize("message", [
    "how do i stop the bleeding hes been stabbed",
    "he has a knife and is at the door right now how do i report it",
    "my dad collapsed and isnt breathing what do i do",
])
def test_a_question_in_the_middle_of_danger_still_starts_with_999(engine, message):
    assert "999" in first_line(engine, message)


def first_line(engine, message: str) -> str:
    return to_text(respond(engine, message, Conversation(), NOW)).split("\n", 1)[0]


@pytest.mark.parametrize("message", [
    "what's the weather like in Chelmsford",  # a refusal
    "tell me about operation bluebird",  # an operation the bot doesn't know
    "someone broke into my van last night, how do i report it",  # the reporting card
    "zxcv qwer",
])
def test_every_unsure_reply_starts_with_999(engine, message):
    assert "999" in first_line(engine, message)


@pytest.mark.parametrize("message", [
    "lad on a push bike weaving between the lorries on the dual carriageway, no lights",
    "our neighbours little girl wandering round the car park on her own in the dark",
])
def test_a_scene_told_rather_than_asked_starts_with_999(engine, message):
    assert "999" in first_line(engine, message)


@pytest.mark.parametrize("message", [
    "i am deaf, how do i contact you by text",  # Relay UK: used when someone may be in danger
    "what do i do if i cant talk on the phone to 999",
    "my mum is deaf and her husband keeps ramming her car, text number?",
])
def test_a_channel_for_emergencies_starts_with_999(engine, message):
    assert "999" in first_line(engine, message)


def test_a_confident_answer_has_no_999_line(engine):
    answer = respond(engine, "how many arrests in the cross border operation", Conversation(),
                     NOW)
    assert answer.answered and "999" not in to_text(answer).split("\n", 1)[0]


def test_possible_danger_gets_one_999_line_then_its_answer(engine):
    answer = respond(engine, "a toddler near the main road, is live chat open now",
                     Conversation(), NOW)
    lines = to_text(answer).split("\n")
    assert answer.kind != "emergency" and answer.answered
    assert "999" in lines[0] and "Live Chat" in "\n".join(lines[1:])


@pytest.mark.parametrize(("message", "words"), [
    ("my dad collapsed and isnt breathing", "ambulance"),
    ("the flat downstairs is on fire and theres people inside", "fire service"),
    ("i've got all my pills lined up, nobody will miss me", "116 123"),
    ("can i order a pizza to 4 high street please hurry he is listening", "55"),
])
def test_the_card_speaks_to_the_situation(engine, message, words):
    answer = respond(engine, message, Conversation(), NOW)
    text = to_text(answer)
    assert answer.kind == "emergency" and text.startswith("Call 999 now")
    assert words in text


def test_someone_who_already_called_999_is_told_how_to_follow_up(engine):
    answer = respond(engine, "I already called 999 about the crash earlier and I'm home safe "
                     "now, how do I give a witness statement?", Conversation(), NOW)
    text = to_text(answer)
    assert answer.kind != "emergency"
    assert "999" in text.split("\n", 1)[0] and "101" in text and "reference" in text


@pytest.mark.parametrize("message", [
    "I'm dying to know how many arrests there were",
    "help me find the arrests figure",
    "Dave here, quick question about the cash seized",
])
def test_danger_words_that_are_not_danger_get_their_answer(engine, message):
    answer = respond(engine, message, Conversation(), NOW)
    assert answer.kind != "emergency" and answer.answered


def test_a_malformed_language_file_names_file_and_field(tmp_path):
    data = yaml.safe_load(danger.DATA.read_text(encoding="utf-8"))
    data["rules"][0]["when"] = ["no_such_class"]
    del data["rules"][1]["examples"]
    with pytest.raises(danger.DangerDataError) as err:
        danger.validate(data, tmp_path / "danger.yaml")
    message = str(err.value)
    assert "danger.yaml: rules.1.examples: Field required" in message


def test_a_class_naming_an_unknown_class_is_an_error(tmp_path):
    data = yaml.safe_load(danger.DATA.read_text(encoding="utf-8"))
    data["rules"][0]["when"] = ["no_such_class"]
    with pytest.raises(danger.DangerDataError, match=r"rules\[0\].*unknown class 'no_such_class'"):
        danger.validate(data, tmp_path / "danger.yaml")


def test_a_canceller_without_examples_is_an_error(tmp_path):
    data = yaml.safe_load(danger.DATA.read_text(encoding="utf-8"))
    del data["cancel_examples"]["asking"]
    with pytest.raises(danger.DangerDataError, match=r"cancel_examples.asking: missing"):
        danger.validate(data, tmp_path / "danger.yaml")


def test_check_reports_the_language_files(capsys):
    assert main(["check"]) == 0
    assert "danger rules" in capsys.readouterr().out


@pytest.mark.parametrize("message", [
    "a toddler near the main road, is live chat open now",  # possible danger: the 999 line
    "there was a knife fight near my school last year, who do i ask",  # unsure, danger words
    "im in the boot of a car i dont know where we are",  # the card
])
def test_danger_is_logged_by_its_category_never_its_words(engine, tmp_path, message):
    import sqlite3

    from bot.service import EnquiryService
    from bot.store.log import EnquiryLog

    db = tmp_path / "log.db"
    with EnquiryLog(db, hash_secret="s") as log:
        EnquiryService(engine, log).handle(message, Conversation(), chat_id=7, now=NOW)
    with sqlite3.connect(db) as conn:
        stored = [r[0] for r in conn.execute("SELECT message FROM enquiries")]
    assert stored == [None]


@pytest.mark.parametrize("message", [
    "im 10 and theres a lady at the rec who keeps telling me to come see puppies in her car "
    "and she wont go away",
    "theres a man by the swings who keeps telling my little brother to come and see his van",
])
def test_a_scene_told_with_a_relative_who_starts_with_999(engine, message):
    # "who" joins a clause here; it asks nothing, so the message tells of people and a place
    assert "999" in first_line(engine, message)
