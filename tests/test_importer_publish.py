"""Draft → publish: what `enquiry-bot import` writes is never served until published, a draft
with flagged items is published whole only once they are reviewed, and `--confident-only`
leaves the flagged items out and says which."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.cli import main
from bot.importer.draft import list_drafts, read_draft
from bot.knowledge import default_knowledge_dir, load_knowledge

RELEASE = ("date 2024-05-02 Day of action in two counties\n"
           "Kent Police and Essex Police held a joint day of action on 1 May.\n"
           "In Essex, officers made 12 arrests.\n"
           "Nine vehicles were seized.\n"
           "Officers also recovered three stolen cars in Kent.\n")


def knowledge_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    return folder


def release_file(tmp_path: Path, text: str = RELEASE, name: str = "day.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_draft_is_never_served_and_check_reports_it(tmp_path: Path, capsys) -> None:
    folder = knowledge_copy(tmp_path)
    before = len(load_knowledge(folder).operations)
    assert main(["import", str(release_file(tmp_path)), "--knowledge", str(folder)]) == 0
    assert len(list_drafts(folder)) == 1
    assert len(load_knowledge(folder).operations) == before
    capsys.readouterr()
    assert main(["check", "--knowledge", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "1 draft(s) waiting" in out and "flagged" in out


def test_every_item_keeps_its_sentence(tmp_path: Path) -> None:
    folder = knowledge_copy(tmp_path)
    assert main(["import", str(release_file(tmp_path)), "--knowledge", str(folder)]) == 0
    draft = read_draft(list_drafts(folder)[0])
    figures = draft.file.operation.figures
    for i, figure in enumerate(figures):
        item = draft.item(f"figure {i}")
        assert item is not None and item.source and f"{figure.value:g}" in item.source.replace(
            "Nine", "9").replace("three", "3")
    assert draft.item("dates").source.startswith("Kent Police and Essex Police held")
    assert {i.ref for i in draft.review.items} >= {"force kent", "force essex", "publisher"}


def test_flagged_items_block_publishing_until_confident_only(tmp_path: Path, capsys) -> None:
    folder = knowledge_copy(tmp_path)
    assert main(["import", str(release_file(tmp_path)), "--knowledge", str(folder)]) == 0
    draft = read_draft(list_drafts(folder)[0])
    flagged = draft.flagged()
    assert any("Nine vehicles" in (i.source or "") for i in flagged)  # no force named
    capsys.readouterr()
    assert main(["publish", "--knowledge", str(folder)]) == 1
    assert "still flagged" in capsys.readouterr().err
    assert len(list_drafts(folder)) == 1
    assert main(["publish", "--confident-only", "--knowledge", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "left out (flagged)" in out and "What the bot now says" in out
    assert not list_drafts(folder)
    op = next(o for o in load_knowledge(folder).operations if o.name.startswith("Day of"))
    values = {f.value for f in op.figures}
    assert 12 in values and 9 not in values


def test_publish_names_a_missing_draft(tmp_path: Path, capsys) -> None:
    folder = knowledge_copy(tmp_path)
    assert main(["publish", "nope", "--knowledge", str(folder)]) == 1
    assert "no draft nope" in capsys.readouterr().err
    assert main(["publish", "--knowledge", str(folder)]) == 0
    assert "No drafts waiting" in capsys.readouterr().out


def test_a_broken_draft_is_named_with_its_problem(tmp_path: Path, capsys) -> None:
    folder = knowledge_copy(tmp_path)
    (folder / "drafts").mkdir()
    (folder / "drafts" / "bad.yaml").write_text("review:\n  release: x.txt\noperation: {id: x}\n",
                                                encoding="utf-8")
    assert main(["check", "--knowledge", str(folder)]) == 0  # the served knowledge is fine
    assert "bad.yaml: operation.name: Field required" in capsys.readouterr().out
    assert main(["publish", "--knowledge", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "operation.name" in err and "Traceback" not in err
