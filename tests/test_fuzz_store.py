"""Fuzzing engine + renderers + enquiry log with over 10,000 generated messages: no exception,
valid Telegram HTML, every enquiry recorded, and no planted personal detail stored anywhere.

Messages mix arbitrary Unicode, words people use with the bot (and markup that tries to break
HTML), and personal details in the formats people write them: phone numbers, e-mail addresses,
postcodes, registrations, street addresses and names. Derandomised so CI runs are reproducible.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import NOW, found_on_disk

from bot.conversation import Conversation
from bot.engine import Engine
from bot.evaluation import telegram_html_problems
from bot.render import split_message, to_html, to_text
from bot.service import EnquiryService
from bot.store import EnquiryLog
from bot.store.redact import _POSTCODE_AREAS

EXAMPLES = 1000  # conversations of 10 to 14 messages: over 10,000 messages
MESSAGES_PER_CONVERSATION = (10, 14)

VOCABULARY = [
    "how many arrests", "operation sceptre", "knives", "how many knives were seized", "in kent",
    "essex", "what about drugs", "cross border", "what is 101", "call 999", "live chat",
    "is live chat open", "crimestoppers", "report online", "anonymous", "thanks", "hello", "hi",
    "ok", "?", "!!!", "lol", "someone is breaking in", "he has a knife", "I want to report",
    "my car was stolen", "how many people were charged", "who led it", "when was it", "why",
    "<b>bold</b>", "</a>", "<script>alert(1)</script>", "&amp;", "& co", "<>", "a < b > c",
    "🚓", "🙏🏽", "مرحبا", "\u200b", "\n", "\t", "ʇxǝʇ", "/start", "/privacy", "0800 555 111",
    "101", "A12", "M25", "215 arrests", "£40,000", "28/07/2020",
]

NAMES = ["Gwendolyn", "Bartholomew", "Persephone", "Thaddeus", "Ottoline", "Ignatius",
         "Philippa", "Leopold", "Rosalind", "Cornelius"]
SURNAMES = ["Featherstonehaugh", "Quince", "Marchbanks", "Oyelaran", "Wojciechowski",
            "Throckmorton", "Abernethy", "Nakamura"]
STREET_NAMES = ["Acacia", "Wisteria", "Station", "Church", "Victoria", "Old Mill", "St Mary's",
                "Kingfisher", "Elm", "Coronation"]
STREET_KINDS = ["Road", "Street", "Avenue", "Lane", "Crescent", "Terrace", "Gardens", "Grove",
                "Rd", "St"]
LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
AREAS = sorted(_POSTCODE_AREAS)


def _case(value: str, rng: random.Random) -> str:
    return value.lower() if rng.random() < 0.4 else value


def phone(rng: random.Random) -> tuple[str, str]:
    n = f"{rng.randrange(10**9):09d}"
    value = rng.choice([
        f"07{n[:3]} {n[3:]}", f"07{n}", f"07{n[:3]} {n[3:6]} {n[6:]}",
        f"07{n[:3]}-{n[3:6]}-{n[6:]}", f"+44 7{n[:3]} {n[3:]}", f"+447{n}",
        f"0044 7{n[:3]} {n[3:]}", f"020 7{n[:3]} {n[3:7]}", f"(020) 7{n[:3]} {n[3:7]}",
        f"+44 (0)20 7{n[:3]} {n[3:7]}", f"01{n[:3]} {n[3:]}", f"0161 {n[:3]} {n[3:7]}",
        f"+33 6 {n[:2]} {n[2:4]} {n[4:6]} {n[6:8]}",
    ])
    return value, value


def email(rng: random.Random) -> tuple[str, str]:
    local = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 8)))
    local += rng.choice(["", ".", "_", "."]) + "".join(rng.choices("abcxyz0123456789", k=3))
    domain = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 10)))
    value = f"{local}@{domain}.{rng.choice(['com', 'co.uk', 'org', 'net', 'police.uk'])}"
    return value, value


def postcode(rng: random.Random) -> tuple[str, str]:
    district = str(rng.randint(1, 99)) if rng.random() < 0.7 else \
        f"{rng.randint(1, 9)}{rng.choice(LETTERS)}"
    inward = f"{rng.randint(0, 9)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}"
    value = _case(f"{rng.choice(AREAS)}{district}{rng.choice([' ', ''])}{inward}", rng)
    return value, value


def registration(rng: random.Random) -> tuple[str, str]:
    """(phrase, registration): the current format bare, older formats after a plate word."""
    letters = "".join(rng.choices(LETTERS, k=3))
    if rng.random() < 0.5:
        value = _case(f"{''.join(rng.choices(LETTERS, k=2))}{rng.randint(2, 99):02d}"
                      f"{rng.choice([' ', ''])}{letters}", rng)
        return value, value
    value = rng.choice([f"{rng.choice(LETTERS)}{rng.randint(1, 999)} {letters}",
                        f"{letters} {rng.randint(1, 999)}{rng.choice(LETTERS)}"])
    return f"{rng.choice(['reg', 'registration', 'number plate'])} {value}", value


def address(rng: random.Random) -> tuple[str, str]:
    value = _case(f"{rng.randint(1, 999)}{rng.choice(['', 'a', 'b'])} "
                  f"{rng.choice(STREET_NAMES)} {rng.choice(STREET_KINDS)}", rng)
    return value, value


def name(rng: random.Random) -> tuple[str, str]:
    full = f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}"
    intro = rng.choice(["my name is", "My name's", "I'm called", "this is", "Hi, I'm",
                        "Thanks,"])
    return f"{intro} {full}", full


PERSONAL_DETAILS = (phone, email, postcode, registration, address, name)


def _personal(seed: int) -> tuple[str, str | None]:
    """One personal detail, built from a single drawn integer (cheap to draw and to shrink)."""
    rng = random.Random(seed)
    return rng.choice(PERSONAL_DETAILS)(rng)


CHUNK = st.one_of(
    st.text(max_size=12).map(lambda t: (t, None)),
    st.sampled_from(VOCABULARY).map(lambda t: (t, None)),
    st.integers(0, 2**32).map(_personal),
)


@st.composite
def message(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A message and the personal details planted in it."""
    chunks = draw(st.lists(CHUNK, min_size=1, max_size=4))
    return " ".join(text for text, _ in chunks), [v for _, v in chunks if v is not None]


def conversations() -> st.SearchStrategy:
    low, high = MESSAGES_PER_CONVERSATION
    return st.tuples(st.integers(-10**13, 10**13), st.lists(message(), min_size=low,
                                                            max_size=high))


def test_engine_renderers_and_log_survive_generated_messages(engine: Engine,
                                                             tmp_path: Path) -> None:
    database = tmp_path / "enquiries.db"
    log = EnquiryLog(database)
    service = EnquiryService(engine, log)
    everything_planted: set[str] = set()
    seen = {"messages": 0}
    reader = sqlite3.connect(database, check_same_thread=False)

    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(conversations())
    def run(conversation: tuple[int, list[tuple[str, list[str]]]]) -> None:
        chat_id, messages = conversation
        state = Conversation()
        for minute, (text, values) in enumerate(messages):
            answer, row_id = service.handle(text, state, chat_id=chat_id, channel="telegram",
                                            now=NOW + timedelta(minutes=minute))
            assert to_text(answer)
            markup = to_html(answer)
            assert telegram_html_problems(markup) == []
            assert all(telegram_html_problems(part) == [] for part in split_message(markup))
            assert row_id is not None, "the enquiry was not recorded"
            (stored,) = reader.execute("SELECT message FROM enquiries WHERE id = ?",
                                       [row_id]).fetchone()
            if answer.sensitive:
                assert stored is None
            for value in values:
                assert stored is None or value.lower() not in stored.lower(), (value, stored)
            everything_planted.update(values)
            seen["messages"] += 1

    try:
        run()
    finally:
        reader.close()
        log.close()
    assert seen["messages"] >= 10_000
    assert len(everything_planted) > 1000
    with contextlib.closing(sqlite3.connect(database)) as conn:
        assert conn.execute("SELECT count(*) FROM enquiries").fetchone()[0] >= 10_000
    assert found_on_disk(everything_planted, database) == {}
