"""The compiled cache of a knowledge folder: validated knowledge as plain data, read back in a
fraction of the time YAML parsing and validation take.

The cache is one file per knowledge folder in the data folder's `cache/`, written with
`marshal` holding only plain data (dicts, lists, strings, numbers: nothing that runs code, no
pickle). It is keyed by a hash of every knowledge file's name and bytes, of the model code,
the Python version and the English word list's release, so an edited, added or removed file,
or a new release of the bot, makes it stale; a stale, corrupt or unreadable cache is ignored
and rebuilt, and a cache that can't be written is only logged: the cache never stops the bot
from starting.

Besides the knowledge, the cache keeps what building the engine worked out (`extras`): what
each knowledge string normalises to, and the indexes' plain data (bot.compiled), so that a warm
start repeats no normalising and rebuilds no index it kept.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
import types
from datetime import date, time
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from bot.knowledge import models
from bot.knowledge.loader import knowledge_files
from bot.knowledge.models import Knowledge

log = logging.getLogger(__name__)
FORMAT = 2  # bump when what the cache holds changes shape
_PACKAGE = Path(models.__file__).resolve().parents[1]  # bot/: its code decides what is cached


def content_key(root: Path) -> str:
    """A hash of every knowledge file (its path below `root` and its bytes), the bot's code
    and its language files (which decide what is validated and indexed), the cache format,
    the everyday word list's release and the Python version (marshal's format is Python's own)."""
    digest = hashlib.sha256(
        f"{FORMAT} {sys.version} {marshal.version} {_word_list_version()}".encode())
    code = [*_PACKAGE.rglob("*.py"), *(_PACKAGE / "language").glob("*.yaml")]
    for source in sorted(code):  # the language files decide the indexes as much as the code
        digest.update(source.read_bytes())
    prefix = len(str(root)) + 1
    for path in map(str, knowledge_files(root)):
        with open(path, "rb") as file:
            data = file.read()
        digest.update(f"\0{path[prefix:]}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _word_list_version() -> str:
    """The English word list's release (bot.language.english keeps its everyday words)."""
    try:
        import spellchecker
    except ImportError:
        return "none"
    return str(getattr(spellchecker, "__version__", "unknown"))


def cache_path(cache_dir: Path, root: Path) -> Path:
    """One cache file per knowledge folder (by its resolved path) in `cache_dir`."""
    where = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"knowledge-{where}.marshal"


def read(path: Path, key: str) -> tuple[Knowledge, dict[str, Any]] | None:
    """The knowledge and extras from a cache file made for `key`; None if there is none, or it
    is stale or damaged in any way (then it is rebuilt, so it is not an error)."""
    try:
        payload = marshal.loads(path.read_bytes())
        if not (isinstance(payload, dict) and payload.get("format") == FORMAT):
            raise ValueError("not a knowledge cache of this format")
        if payload.get("key") != key:
            log.info("knowledge changed since %s was written: rebuilding it", path)
            return None
        knowledge = construct(Knowledge, payload["knowledge"])
        extras = payload["extras"]
        if not isinstance(extras, dict):
            raise ValueError("extras are not a table")
        return knowledge, extras
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - any damage means: rebuild from the YAML
        log.warning("ignoring the knowledge cache %s (%s): rebuilding it", path, exc)
        return None


def write(path: Path, key: str, knowledge: Knowledge, extras: dict[str, Any]) -> None:
    """Write the cache atomically (a reader sees the old file or the new, never half); a
    folder that can't be written is logged, never raised."""
    plain = knowledge.model_dump(mode="json")
    _mark_set(knowledge, plain)
    payload = {"format": FORMAT, "key": key, "extras": extras, "knowledge": _shared(plain, {})}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".knowledge-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                marshal.dump(payload, out)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError) as exc:
        log.warning("could not write the knowledge cache %s (%s); starting without it", path,
                    exc)


def _mark_set(model: BaseModel, data: dict[str, Any]) -> None:
    """Add to each model's data (every field, in the model's order) the names of the fields
    its files set, under SET: a warm start then uses that very dict as the model's own, so
    that reading the cache leaves no copy behind (see `construct`)."""
    data[SET] = tuple(n for n in type(model).model_fields if n in model.model_fields_set)
    for name, how, _ in _plan(type(model)).built:
        value = getattr(model, name)
        if value is None or how in ("time", "date"):
            continue
        if how == "model":
            _mark_set(value, data[name])
        elif how == "models":
            for item, plain in zip(value, data[name], strict=True):
                _mark_set(item, plain)
        else:
            for k, item in value.items():
                _mark_set(item, data[name][k])


def _shared(value: Any, seen: dict[Any, Any]) -> Any:
    """The same data with each repeated short string one object ('exact', 'all', a force
    id…): marshal then writes it once, and a warm start holds it once."""
    if isinstance(value, str):
        return seen.setdefault(value, value) if len(value) <= 40 else value
    if isinstance(value, dict):
        return {k: _shared(v, seen) for k, v in value.items()}
    if isinstance(value, list):
        return [_shared(v, seen) for v in value]
    if isinstance(value, tuple):  # a model's set fields: the same few over and over
        return seen.setdefault(value, value)
    return value


# ------------------------------------------------------------------------- plain data → models
# The data was validated before it was written (and the key covers the model code), so the
# models are put together directly, as pydantic's model_construct does (without its per-call
# overhead), without paying for validation again. How each field is built is worked out once
# per model class.

SET = "\0set"  # in a model's data: the names of the fields its files set (pydantic's fields set)


class _Plan:
    """How to build one model class from plain data, worked out once."""

    def __init__(self, cls: type[BaseModel]):
        self.names = {*cls.model_fields, SET}
        self.built = [(n, *_how(f.annotation)) for n, f in cls.model_fields.items()]
        self.built = [(n, how, model) for n, how, model in self.built if how != "plain"]


_PLANS: dict[type, _Plan] = {}


def _how(annotation: Any) -> tuple[str, Any]:
    """How to build a field from plain data: as is, a model, a list or dict of models, a time
    or a date."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        if len(inner) == 1:
            return _how(inner[0])
        return "plain", None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    if origin is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "models", item
    if origin is dict:
        value = get_args(annotation)[1]
        if isinstance(value, type) and issubclass(value, BaseModel):
            return "model values", value
    if annotation is time:
        return "time", None
    if annotation is date:
        return "date", None
    return "plain", None


def _plan(cls: type[BaseModel]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


def construct(cls: type[BaseModel], data: dict[str, Any]) -> Any:
    """A model (and the models inside it) from data written by `write`: every field in the
    model's order and SET. The dict itself becomes the model's `__dict__` (nested models,
    times and dates replaced in place), so a warm start makes no second copy of the
    knowledge; data that doesn't have exactly the model's fields raises."""
    plan = _plan(cls)
    if data.keys() != plan.names:
        raise ValueError(f"{cls.__name__}: fields {sorted(data)} don't fit the model")
    set_names = data.pop(SET)
    for name, how, model in plan.built:
        value = data[name]
        if value is None:
            continue
        if how == "model":
            data[name] = construct(model, value)
        elif how == "models":
            value[:] = [construct(model, item) for item in value]
        elif how == "model values":
            for k, item in value.items():
                value[k] = construct(model, item)
        elif how == "time":
            data[name] = time.fromisoformat(value)
        else:
            data[name] = date.fromisoformat(value)
    model = cls.__new__(cls)
    _set(model, "__dict__", data)
    # one set per distinct set of fields, shared: the models are frozen, so it never changes
    fields_set = _FIELDS_SETS.get(set_names)
    if fields_set is None:
        fields_set = _FIELDS_SETS[set_names] = set(set_names)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


_set = object.__setattr__
_FIELDS_SETS: dict[tuple[str, ...], set[str]] = {}
