"""The four real releases in ../shared/releases, imported and published with
`--confident-only`, against their ground truth (facts.yaml): every figure the bot may state is
one the release reports as this operation's result, with the right value and scope; no
previous year's figure, no national figure credited to a partner force, no mistyped value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.knowledge import default_knowledge_dir, load_knowledge

SHARED = Path(__file__).resolve().parents[2] / "shared" / "releases"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory):
    if not (SHARED / "facts.yaml").is_file():
        pytest.skip(f"real releases not found at {SHARED}")
    folder = tmp_path_factory.mktemp("real") / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    bundled = {op.id for op in load_knowledge(folder).operations}
    releases = sorted(SHARED.glob("*.txt"))
    assert main(["import", *map(str, releases), "--knowledge", str(folder)]) == 0
    main(["publish", "--confident-only", "--no-read-back", "--knowledge", str(folder)])
    knowledge = load_knowledge(folder)
    facts = yaml.safe_load((SHARED / "facts.yaml").read_text(encoding="utf-8"))
    by_release = {}
    for path in (folder / "operations").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        for name in facts:
            if name in first:
                by_release[name] = path.stem
    ops = {op.id: op for op in knowledge.operations if op.id not in bundled}
    return facts, {name: ops[stem] for name, stem in by_release.items()}, folder


def _scope_matches(truth: str, scope: str | None, forces: list[str]) -> bool:
    if scope == "all":
        return truth == "all" or (len(forces) == 1 and truth == forces[0])
    return truth == scope


def test_every_published_figure_is_a_result_with_its_value_and_scope(published) -> None:
    facts, ops, _ = published
    assert len(ops) >= 3  # a release whose every figure is flagged stays a draft
    for name, op in ops.items():
        truth = facts[name]["figures"]
        for figure in op.figures:
            matches = [t for t in truth if float(t["value"]) == float(figure.value)
                       and _scope_matches(str(t["scope"]), figure.scope, op.forces)]
            assert matches, f"{name}: {figure.value} ({figure.scope}) is in no ground truth"
            assert any(t.get("kind") in ("result", "part") for t in matches), (
                f"{name}: {figure.value} is a {matches[0].get('kind')}, not a result")


def test_a_national_campaign_is_not_credited_to_its_partner_force(published) -> None:
    _, ops, _ = published
    sceptre = ops["npcc-sceptre-2020.txt"]
    assert sceptre.lead_force != "btp" and len(sceptre.forces) >= 44
    assert all("British Transport Police" not in (f.what or "") for f in sceptre.figures)


def test_previous_years_and_typos_are_left_out(published) -> None:
    _, ops, _ = published
    values = {f.value for op in ops.values() for f in op.figures}
    assert not values & {1500, 139, 1066, 95, 60, 29, 77, 50}  # 2010 figures; "£50,o00"


def test_dates_come_from_the_release_not_the_website(published) -> None:
    _, ops, _ = published
    holly = ops["operation-holly-2022.txt"]
    assert holly.dates and (holly.dates.start, holly.dates.end) == ("2022-12-01", "2022-12-31")
    firecrest = ops["lancashire-firecrest-2011.txt"]
    assert firecrest.dates and firecrest.dates.start == "2011-09-19"


def test_operations_sharing_a_name_are_told_apart_and_picked(published, now) -> None:
    from bot.compose import op_label
    from bot.conversation import Conversation
    from bot.engine import Engine

    _, ops, folder = published
    national = ops["npcc-sceptre-2020.txt"]
    knowledge = load_knowledge(folder)
    label = op_label(knowledge, national, distinguish=True)
    assert label == "Operation Sceptre (national, November 2020)"
    engine, conversation = Engine(knowledge), Conversation()
    engine.answer("How many arrests in Operation Sceptre?", conversation, now)
    picked = engine.answer("the national one", conversation, now)
    assert {f.operation_id for f in picked.figures} == {national.id}
    assert "2,005" in picked.plain_body() and "British Transport Police" not in picked.plain_body()
