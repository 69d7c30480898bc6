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

T = TypeVar("T")
_read: dict[str, Any] | None = None  # values from the cache, while an engine is built from it
_recording: dict[str, Any] | None = None  # values worked out while one is built without


def compiled(name: str, build: Callable[[], T]) -> T:
    """The value called `name`: from the cache when starting from one, else `build()`."""
    if _read is not None and name in _read:
        return _read[name]
    value = build()
    if _recording is not None:
        _recording[name] = value
    return value
