"""The language as data (bot/language/): every facet's examples read as that facet and its
counter-examples don't; a broken cues file names the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import derived
from bot.vocabulary import (
    CUES_FILE,
    DERIVED_EXAMPLES,
    FACET_EXAMPLES,
    LanguageError,
    load_cues,
)

CASES = [(facet, text, True) for facet, (examples, _) in FACET_EXAMPLES.items()
         for text in examples]
CASES += [(facet, text, False) for facet, (_, counter) in FACET_EXAMPLES.items()
          for text in counter]


@pytest.mark.parametrize(("facet", "text", "expected"), CASES,
                         ids=[f"{f}:{'+' if e else '-'}:{t}" for f, t, e in CASES])
def test_each_cue_reads_its_examples_and_not_its_counter_examples(engine, now, facet, text,
                                                                   expected):
    assert (facet in engine.analyse(text, now).facets) is expected


def test_every_facet_has_an_example():
    assert all(examples for examples, _ in FACET_EXAMPLES.values())


@pytest.mark.parametrize(("content", "message"), [
    ("facets: []\n", "cues.yaml: facets"),
    ('facets:\n  when:\n    words: ["When?"]\n', "facets.when: words[0]"),
    ("facets:\n  when:\n    words: []\n", "facets.when: words: expected a non-empty list"),
])
def test_a_broken_cues_file_names_file_and_field(tmp_path: Path, content, message):
    broken = tmp_path / "cues.yaml"
    broken.write_text(content)
    with pytest.raises(LanguageError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_cues(broken)


def test_the_shipped_file_loads():
    assert load_cues(CUES_FILE)["facets"]["lead"]["words"]


DERIVED_CASES = [(kind, text, True) for kind, (examples, _) in DERIVED_EXAMPLES.items()
                 for text in examples]
DERIVED_CASES += [(kind, text, False) for kind, (_, counter) in DERIVED_EXAMPLES.items()
                  for text in counter]


@pytest.mark.parametrize(("kind", "text", "expected"), DERIVED_CASES,
                         ids=[f"{k}:{'+' if e else '-'}:{t}" for k, t, e in DERIVED_CASES])
def test_each_arithmetic_cue_reads_its_examples_and_not_its_counter_examples(
        engine, now, kind, text, expected):
    assert (derived.asked(engine.analyse(text, now)) == kind) is expected


def test_a_cues_file_without_arithmetic_cues_names_the_field(tmp_path: Path):
    broken = tmp_path / "cues.yaml"
    broken.write_text("facets:\n  when:\n    words: [when]\nderived:\n  share:\n    words: []\n")
    with pytest.raises(LanguageError, match="derived.share: words"):
        load_cues(broken)
