"""Words for the *kinds* of question people ask (when, who led, which forces…), loaded once
from bot/language/cues.yaml and checked there: these are about English, not about any
operation, so they are data; everything about the operations themselves (names, aliases,
metrics, forces, people) comes from the knowledge.

A problem in the file raises LanguageError naming the file and the field, like the knowledge's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: read at every start
CUES_FILE = Path(__file__).parent / "language" / "cues.yaml"
_PHRASE = re.compile(r"[a-z0-9£']+( [a-z0-9£']+)*")


class LanguageError(ValueError):
    """A language file that can't be used; the message names the file and the field."""


def _phrases(data: dict[str, Any], field: str, name: str, *, opener: bool = False) -> list[str]:
    value = data.get(field)
    if not isinstance(value, list) or not value:
        raise LanguageError(f"{name}: {field}: expected a non-empty list of phrases")
    for i, phrase in enumerate(value):
        text = phrase[:-1] if opener and isinstance(phrase, str) and phrase.endswith(" ") \
            else phrase
        if not isinstance(text, str) or not _PHRASE.fullmatch(text):
            raise LanguageError(f"{name}: {field}[{i}]: {phrase!r} is not lower-case words")
    return list(value)


def _derived(data: dict[str, Any], name: str) -> dict[str, dict[str, list[str]]]:
    """The cues for arithmetic on published figures: share, rest, others, combined."""
    section = data.get("derived")
    if not isinstance(section, dict):
        raise LanguageError(f"{name}: derived: expected a mapping of kind → words")
    out = {}
    for kind, entry in section.items():
        field = f"{name}: derived.{kind}"
        if not isinstance(entry, dict):
            raise LanguageError(f"{field}: expected words, examples, counter_examples")
        out[kind] = {"words": _phrases(entry, "words", field),
                     "examples": list(entry.get("examples") or []),
                     "counter_examples": list(entry.get("counter_examples") or [])}
    return out


def load_cues(path: Path = CUES_FILE) -> dict[str, Any]:
    """Read and check the cues file: each facet's words, examples and counter-examples, and
    the plain word lists."""
    name = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise LanguageError(f"{name}: can't be read: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("facets"), dict):
        raise LanguageError(f"{name}: facets: expected a mapping of facet → words")
    facets: dict[str, dict[str, list[str]]] = {}
    for facet, entry in data["facets"].items():
        field = f"facets.{facet}"
        if not isinstance(entry, dict):
            raise LanguageError(f"{name}: {field}: expected words, examples, counter_examples")
        facets[facet] = {
            "words": _phrases(entry, "words", f"{name}: {field}"),
            "examples": list(entry.get("examples") or []),
            "counter_examples": list(entry.get("counter_examples") or []),
        }
    out: dict[str, Any] = {"facets": facets, "derived": _derived(data, name)}
    for field in ("scope_all", "reporting", "hours", "greeting", "thanks", "bye", "help",
                  "generic_channel_words", "operation_nouns"):
        out[field] = _phrases(data, field, name)
    out["follow_up_openers"] = _phrases(data, "follow_up_openers", name, opener=True)
    return out


_CUES = load_cues()

FACETS: dict[str, list[str]] = {f: e["words"] for f, e in _CUES["facets"].items()}
# examples and counter-examples per facet, for tests/test_language.py
FACET_EXAMPLES: dict[str, tuple[list[str], list[str]]] = {
    f: (e["examples"], e["counter_examples"]) for f, e in _CUES["facets"].items()}
# Words that say "all forces together" rather than one force.
SCOPE_ALL: list[str] = _CUES["scope_all"]
# Words about getting information to the police: guidance rather than figures.
REPORTING: list[str] = _CUES["reporting"]
# Open-now / opening-hours words for a channel that keeps hours.
HOURS: list[str] = _CUES["hours"]
GREETING: set[str] = set(_CUES["greeting"])
THANKS: set[str] = set(_CUES["thanks"])
BYE: set[str] = set(_CUES["bye"])
HELP: set[str] = set(_CUES["help"])
FOLLOW_UP_OPENERS: tuple[str, ...] = tuple(_CUES["follow_up_openers"])
# Channel words too general to switch away from the channel being talked about:
# after Crimestoppers, "and the website?" means Crimestoppers' website.
GENERIC_CHANNEL_WORDS: set[str] = set(_CUES["generic_channel_words"])
# Everyday nouns for an operation ("the april thing"): each alias ending in "operation" is
# known with them too.
OPERATION_NOUNS: list[str] = _CUES["operation_nouns"]
# Cues for a share, the rest or a combined total worked out from published figures
# (bot/derived.py), with their examples and counter-examples for tests/test_language.py.
DERIVED: dict[str, list[str]] = {kind: e["words"] for kind, e in _CUES["derived"].items()}
DERIVED_EXAMPLES: dict[str, tuple[list[str], list[str]]] = {
    kind: (e["examples"], e["counter_examples"]) for kind, e in _CUES["derived"].items()}
