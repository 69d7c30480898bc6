"""Read, then decide: the engine and the deciding modules (bot/deciding/) decide on a message
already read (bot.analysis slots, bot.reading cues, bot.matching); they hold no regular
expression, no text-matching library and no word list of their own, so a fix for a misread
word has one home. The checker is run on a sample of what it must catch, so it can fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.knowledge.models import Figure
from bot.vocabulary import FACETS

BOT = Path(__file__).resolve().parent.parent / "bot"
DECIDING = [BOT / "engine.py", BOT / "facets.py", BOT / "derived.py",
            *sorted((BOT / "deciding").glob("*.py"))]

# modules that match text: reading them belongs in bot.reading / bot.matching
_TEXT_MODULES = {"re", "regex", "rapidfuzz", "bot.language.english", "bot.vocabulary"}
# what a deciding module may take from the text and retrieval modules: no words, no stems
_ALLOWED_NAMES = {"bot.text": {"clean", "has_letters", "latin_share"},
                  "bot.retrieval": {"Hit", "PassageIndex"}}
# the engine's own names (facets, why an operation was picked, a figure's fields, commands):
# strings compared with slots, never with what someone typed
_INTERNAL = set(FACETS) | set(Figure.model_fields) | {
    "membership", "figures-for-force", "list", "meaning", "summary", "unpublished",
    "named", "unit", "method", "focus", "topic", "led", "month", "context", "metric",
    "force", "all", "none", "figure", "approx", "exact",
    "start", "help", "report", "livechat", "operations", "privacy", "evidence"}


def text_reading(source: str) -> list[str]:
    """What in `source` reads text: imports of text-matching modules (or of word lists and
    stemmers), and collections of two or more strings that are not the engine's own names."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names
                      if a.name.split(".")[0] in _TEXT_MODULES or a.name in _TEXT_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            root = node.module.split(".")[0]
            if node.module in _TEXT_MODULES or root in _TEXT_MODULES - {"bot"}:
                found.append(f"line {node.lineno}: from {node.module} import …")
            allowed = _ALLOWED_NAMES.get(node.module)
            if allowed is not None:
                found += [f"line {node.lineno}: from {node.module} import {a.name}"
                          for a in node.names if a.name not in allowed]
        elif isinstance(node, (ast.List, ast.Set, ast.Tuple)):
            words = [e.value for e in node.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(words) >= 2 and not set(words) <= _INTERNAL:
                found.append(f"line {node.lineno}: word list {words[:4]}")
    return found


@pytest.mark.parametrize("path", DECIDING, ids=lambda p: p.name)
def test_deciding_modules_do_no_text_matching(path):
    assert text_reading(path.read_text()) == []


@pytest.mark.parametrize("path", DECIDING, ids=lambda p: p.name)
def test_deciding_modules_stay_small(path):
    assert len(path.read_text().splitlines()) <= 400


def test_the_checker_catches_regexes_matchers_and_word_lists():
    sample = (
        "import re\n"
        "from rapidfuzz import fuzz\n"
        "from bot.text import STOP, clean\n"
        "_FOOTAGE = {'cctv', 'dashcam'}\n"
        "def f(q):\n"
        "    return q.facets == ['lead', 'when'] or q.text in ('hi', 'hello')\n"
    )
    found = text_reading(sample)
    assert [f.split(":")[0] for f in found] == [
        "line 1", "line 2", "line 3", "line 4", "line 6"]
    assert "import STOP" in found[2] and "clean" not in found[2]
    assert "'hi'" in found[-1]  # the facet names on line 6 are not a word list
