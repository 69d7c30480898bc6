"""Start-up: the engine for a knowledge folder, from the compiled cache when it is current.

A cold start reads and validates the YAML (bot.knowledge.load_knowledge), builds the engine,
and writes the cache: the validated knowledge, what every knowledge string normalises to, and
the indexes' plain data (bot.compiled). A warm start reads the cache instead, normalises
nothing and rebuilds no index it kept. Garbage collection is paused while the hundreds of
thousands of long-lived objects are made, then they are frozen out of its way (`gc.freeze`),
so that no later collection walks them while a message is being answered.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot import compiled, retrieval, text
from bot.engine import Engine
from bot.knowledge import Knowledge, cache, load_knowledge

log = logging.getLogger(__name__)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No collections inside; afterwards, what was made is frozen and collection resumes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@contextmanager
def _forgetting_words() -> Iterator[None]:
    """Every word of the knowledge passes through `singular` and `stem` while the indexes
    are built: their memory of them is for start-up, not for the life of the process."""
    try:
        yield
    finally:
        text.singular.cache_clear()
        retrieval.stem.cache_clear()


def start_engine(directory: str | Path, cache_dir: str | Path | None = None) -> Engine:
    """The engine for `directory`; with a `cache_dir`, read from (or write) its compiled
    cache there. Raises KnowledgeError, naming file and field, when the knowledge is bad."""
    root = Path(directory)
    with paused_gc(), _forgetting_words():
        if cache_dir is None:
            return Engine(load_knowledge(root))
        try:
            key = cache.content_key(root)
        except OSError:  # an unreadable folder: the loader says what is wrong with it
            return Engine(load_knowledge(root))
        path = cache.cache_path(Path(cache_dir), root)
        found = cache.read(path, key)
        if found is not None:
            try:
                return _from_cache(*found)
            except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt, not an error
                log.warning("ignoring the knowledge cache %s (%s): rebuilding it", path, exc)
        knowledge = load_knowledge(root)
        text._RECORDING, compiled._recording = {}, {}
        try:
            engine = Engine(knowledge)
            extras = {"normalised": text._RECORDING, "compiled": compiled._recording}
        finally:
            text._RECORDING, compiled._recording = None, None
        cache.write(path, key, knowledge, extras)
        return engine


def _from_cache(knowledge: Knowledge, extras: dict) -> Engine:
    normalised, values = extras.get("normalised"), extras.get("compiled")
    if not (isinstance(normalised, dict) and isinstance(values, dict)):
        raise ValueError("the cache lacks the engine's tables")
    text._KNOWN, compiled._read = normalised, values
    try:
        return Engine(knowledge)
    finally:
        text._KNOWN, compiled._read = {}, None
