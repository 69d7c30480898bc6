"""The indexes that keep a message's cost flat as the knowledge grows lose nothing: the spelling
index hands over every word within reach, the sentence index the sentences that share words,
and on large knowledge the engine still finds who said what."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot import clock
from bot.conversation import Conversation
from bot.engine import Engine
from bot.knowledge import load_knowledge
from bot.sentence_index import SentenceIndex, stems
from bot.spelling_index import SpellingIndex

WORD = st.text(alphabet="abcdeor", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORD, min_size=1, max_size=60, unique=True), token=WORD,
       edits=st.integers(min_value=0, max_value=3))
def test_every_word_within_reach_is_a_spelling_candidate(words, token, edits):
    words = sorted(words)
    index = SpellingIndex(words)
    candidates = index.candidates(token, edits)
    near = [w for w in words if OSA.distance(token, w) <= edits]
    assert set(near) <= set(candidates)
    assert candidates == sorted(candidates)  # in the words' own order, as rapidfuzz saw them


def test_spelling_index_leaves_far_words_out():
    rng = random.Random(1)
    words = sorted({"".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(3000)}
                   | {"copperbrook"})
    candidates = SpellingIndex(words).candidates("coperbrook", 2)
    assert "copperbrook" in candidates and len(candidates) < 50


def test_corrections_on_large_knowledge_are_those_a_full_scan_makes(synthetic_300):
    lexicon = synthetic_300.lexicon
    for token in ["sceptor", "coperbrook", "arrets", "vehicels", "chelmsferd", "dashcam",
                  "pizzza", "stabed", "beekeepers", "cocaien", "inspecter", "brdr"]:
        full = process.extract(token, lexicon._all_targets, scorer=OSA.distance,
                               score_cutoff=3, limit=8)
        quick = process.extract(token, lexicon._spelling.candidates(token, 3),
                                scorer=OSA.distance, score_cutoff=3, limit=8)
        assert [(w, d) for w, d, _ in full] == [(w, d) for w, d, _ in quick], token


def test_a_small_sentence_index_hands_over_everything_in_order():
    index = SentenceIndex([(i, text) for i, text in enumerate(["Crime has no borders.",
                                                               "Farmers should lock gates."])])
    assert [i for i, _ in index.search({"zzzzz"})] == [0, 1]
    assert index.texts[0] == "crime has no borders"


def test_a_large_sentence_index_hands_over_the_sentences_sharing_rare_words():
    texts = [f"patrols in town {i} kept everyone safe" for i in range(600)]
    texts.insert(300, "farmers asked to lock gates against hare coursing")
    index = SentenceIndex(list(enumerate(texts)), small=10, budget=700, limit=5)
    found = index.search(stems("advice for farmers about hare coursing".split()))
    assert [text for _, text in found] == ["farmers asked to lock gates against hare coursing"]
    common = index.search(stems("patrols kept everyone safe".split()))
    assert 0 < len(common) <= 5  # a stem every sentence has: a bounded few, never all 600


@pytest.fixture(scope="module")
def synthetic_300(tmp_path_factory):
    from benchmarks.synthetic import write_knowledge

    folder = write_knowledge(tmp_path_factory.mktemp("k300"), 300)
    return Engine(load_knowledge(folder))


def test_who_said_finds_the_speaker_among_hundreds_of_operations(synthetic_300):
    engine = synthetic_300
    assert len(engine._quotes) > 256  # past the size where every sentence is scored
    op = engine.k.operations[137]
    person = op.people[0]
    quote = next(s for s in person.said if "Operation" in s)
    answer = engine.answer(f"who said {quote.rstrip('.').lower()}", Conversation(), clock.now())
    assert answer.answered and person.name in answer.plain_body()


def test_a_refusal_on_large_knowledge_still_suggests_something_near(synthetic_300):
    answer = synthetic_300.answer("any advice for beekeepers about swarms", Conversation(),
                                  clock.now())
    assert not answer.answered and answer.suggestions


def test_passage_search_on_large_knowledge_keeps_the_best_covered_sentence(synthetic_300):
    from bot.retrieval import SCORED, content_stems
    from bot.text import normalise

    index = synthetic_300.passages
    op = synthetic_300.k.operations[137]
    said = op.people[0].said[-1]
    words = normalise(said).split()
    common = {i for s in content_stems(said) if index.distinctive(s) for i in index._postings[s]}
    assert len(common) > SCORED  # more candidates than are scored: only the likeliest are
    best = index.search(words)[0]
    assert best.passage.op_id == op.id and best.passage.text == said
