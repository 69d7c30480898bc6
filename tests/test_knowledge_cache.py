"""The compiled knowledge cache: a warm start answers exactly as a start from the YAML, an edited
knowledge file is never answered from a stale cache, and a damaged, stale or unwritable cache
is rebuilt or skipped without the person asking ever noticing."""

from __future__ import annotations

import logging
import marshal
import re
import shutil
from pathlib import Path

import pytest
import yaml

from bot import clock, text
from bot.conversation import Conversation
from bot.engine import Engine
from bot.evaluation import number_pattern
from bot.knowledge import KnowledgeError, cache, default_knowledge_dir, load_knowledge
from bot.render import to_text
from bot.startup import start_engine

QUESTIONS = [
    "how many arrests were made in the cross-border operation?", "and the cash?",
    "who said a county border does not mean a crime is ignored",
    "what did operation sceptre use anpr for", "how many vehicles did essex seize in sceptre",
    "is live chat open", "any advice for farmers", "how many burglaries in sceptre",
    "what's the weather like in essex", "who led the april operation", "opration sceptor",
    "someone is breaking into my house right now", "were they charged?",
]
SCEPTRE = "operations/operation-sceptre-2020-07-28.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), copy)
    return copy


def replies(engine: Engine) -> list[str]:
    conversation, now = Conversation(), clock.parse_now("2026-11-18T11:00:00+00:00")
    return [to_text(engine.answer(q, conversation, now)) for q in QUESTIONS]


def cache_file(cache_dir: Path) -> Path:
    [path] = cache_dir.glob("knowledge-*.marshal")
    return path


def test_a_warm_start_reads_no_yaml_and_answers_exactly_as_a_cold_one(folder, tmp_path,
                                                                      monkeypatch):
    cold = start_engine(folder, tmp_path / "cache")
    assert cache_file(tmp_path / "cache").stat().st_size > 0

    def no_yaml(*_args, **_kwargs):
        raise AssertionError("a warm start must not read the YAML")

    monkeypatch.setattr("bot.startup.load_knowledge", no_yaml)
    warm = start_engine(folder, tmp_path / "cache")
    loaded = load_knowledge(folder)
    assert warm.k == loaded  # every field of every model, nested
    # and which fields the files set (what an export of the knowledge would write back)
    assert warm.k.model_dump(exclude_unset=True) == loaded.model_dump(exclude_unset=True)
    assert replies(warm) == replies(cold) == replies(Engine(load_knowledge(folder)))
    assert text._KNOWN == {}  # the table of normalised strings is dropped once built


def test_an_edited_knowledge_file_is_answered_from_the_new_figures(folder, tmp_path):
    start_engine(folder, tmp_path / "cache")
    path = folder / SCEPTRE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for fig in data["operation"]["figures"]:
        if fig["metric"] == "arrests" and fig.get("scope") == "all":
            fig["value"] = 4321
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    engine = start_engine(folder, tmp_path / "cache")
    reply = to_text(engine.answer("how many arrests in operation sceptre", Conversation(),
                                  clock.now()))
    assert re.search(number_pattern(4321), reply)


def test_a_removed_file_is_no_longer_known(folder, tmp_path):
    start_engine(folder, tmp_path / "cache")
    (folder / SCEPTRE).unlink()
    engine = start_engine(folder, tmp_path / "cache")
    assert [op.name for op in engine.k.operations] == ["Cross-border operation"]


def test_a_broken_edit_is_reported_not_hidden_by_an_older_cache(folder, tmp_path):
    start_engine(folder, tmp_path / "cache")
    (folder / SCEPTRE).write_text("operation: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as raised:
        start_engine(folder, tmp_path / "cache")
    assert any(p.startswith(SCEPTRE) for p in raised.value.problems)


@pytest.mark.parametrize("damage", [
    b"", b"not marshal at all", marshal.dumps([1, 2, 3]),
    marshal.dumps({"format": cache.FORMAT, "key": "?", "knowledge": {}, "extras": {}}),
])
def test_a_damaged_cache_is_rebuilt_and_never_an_error(folder, tmp_path, damage, caplog):
    start_engine(folder, tmp_path / "cache")
    path = cache_file(tmp_path / "cache")
    path.write_bytes(damage if damage else path.read_bytes()[:1000])  # garbage or truncated
    with caplog.at_level(logging.INFO):
        engine = start_engine(folder, tmp_path / "cache")
    assert replies(engine) == replies(Engine(load_knowledge(folder)))
    assert cache.read(path, cache.content_key(folder)) is not None  # written afresh


def test_a_cache_of_the_right_key_but_wrong_contents_is_rebuilt(folder, tmp_path):
    start_engine(folder, tmp_path / "cache")
    path = cache_file(tmp_path / "cache")
    payload = marshal.loads(path.read_bytes())
    payload["knowledge"]["operations"][0]["figures"][0]["colour"] = "blue"  # a field unheard of
    path.write_bytes(marshal.dumps(payload))
    engine = start_engine(folder, tmp_path / "cache")
    assert engine.k == load_knowledge(folder)
    payload = marshal.loads(path.read_bytes())
    payload["extras"] = {"compiled": "?"}
    path.write_bytes(marshal.dumps(payload))
    assert replies(start_engine(folder, tmp_path / "cache")) == replies(engine)


def test_an_unwritable_data_folder_only_costs_the_cache(folder, tmp_path, caplog):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        engine = start_engine(folder, blocked)
    assert engine.k == load_knowledge(folder)
    assert "could not write the knowledge cache" in caplog.text


def test_the_cache_holds_plain_data_only(folder, tmp_path):
    start_engine(folder, tmp_path / "cache")
    plain = (dict, list, tuple, str, int, float, bool, bytes, type(None))

    def check(value: object) -> None:
        assert isinstance(value, plain), type(value)
        if isinstance(value, dict):
            for key, item in value.items():
                check(key)
                check(item)
        elif isinstance(value, list | tuple):
            for item in value:
                check(item)

    check(marshal.loads(cache_file(tmp_path / "cache").read_bytes()))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))  # before enquiry_bot reads it
    return tmp_path / "data"


def test_the_commands_keep_the_cache_in_the_data_folder(data_dir, enquiry_bot, folder):
    first = enquiry_bot("ask", "--knowledge", str(folder), "how many arrests in sceptre")
    second = enquiry_bot("ask", "--knowledge", str(folder), "how many arrests in sceptre")
    assert first.returncode == second.returncode == 0, first.stderr
    assert first.stdout == second.stdout and "32" in first.stdout
    assert cache_file(data_dir / "cache")
