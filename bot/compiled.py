"""Values worked out from the knowledge at start-up, kept in the compiled cache so that a warm
start reads them instead of working them out again (see bot.startup).

    self.topic_index = compiled("topic index", lambda: _distinctive_words(knowledge))

Outside a start from the cache (tests, `Engine(knowledge)`), `compiled` just builds the value.
A value must be plain data (dicts, lists, tuples, strings, numbers, bytes) and depend only on
the knowledge and the code, both of which the cache's key covers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from bot import text

T = TypeVar("T")
_read: dict[str, Any] | None = None  # values from the cache, while an engine is built from it
_recording: dict[str, Any] | None = None  # values worked out while one is built without


def compiled(name: str, build: Callable[[], T]) -> T:
    """The value called `name`: from the cache when starting from one, else `build()`."""
    if _read is not None and name in _read:
        return _read[name]
    if _recording is None:
        return build()
    # what a kept value normalises while it is built is never normalised at a warm start:
    # the cache's table of normalised strings leaves it out
    recording, text._RECORDING = text._RECORDING, None
    try:
        value = build()
    finally:
        text._RECORDING = recording
    _recording[name] = value
    return value
