"""`enquiry-bot review` end to end in a pseudo-terminal, as an editor uses it: each item shown
with its sentence and the bot's actual reply, then accepted, edited or dropped; the draft is
saved and `publish` then takes it whole."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from bot.importer.draft import list_drafts, read_draft
from bot.knowledge import default_knowledge_dir, load_knowledge

RELEASE = ("date 2011-09-30 Rural crime crackdown\n"
           "Lancashire Constabulary ran Operation Firecrest from 19 to 23 September.\n"
           "Officers seized over £50,o00 of cash and stolen property during the operation.\n"
           "In all, 21 people were arrested.\n"
           "If you have information, call Lancashire Constabulary on 101.\n")
TIMEOUT = 60


def enquiry_bot() -> str:
    script = Path(sys.executable).parent / "enquiry-bot"
    if not script.exists():
        pytest.skip("enquiry-bot is not installed beside the interpreter")
    return str(script)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), knowledge)
    release = tmp_path / "firecrest.txt"
    release.write_text(RELEASE, encoding="utf-8")
    done = pexpect.run(f"{enquiry_bot()} import {release} --knowledge {knowledge}",
                       timeout=TIMEOUT, withexitstatus=True, encoding="utf-8")
    assert done[1] == 0, done[0]
    return knowledge


def spawn(*args: str) -> pexpect.spawn:
    child = pexpect.spawn(enquiry_bot(), list(args), timeout=TIMEOUT, encoding="utf-8",
                          dimensions=(50, 200))
    child.logfile_read = None
    return child


def test_review_shows_each_item_and_the_bots_reply_then_edits_and_publishes(
        folder: Path) -> None:
    child = spawn("review", "--knowledge", str(folder))
    child.expect(r"\[FLAGGED\] figure 0: more than £50,000")
    child.expect('source: "Officers seized over £50,o00')
    child.expect(r"why flagged: the release prints \"£50,o00\"")
    child.expect(r"the bot says: .*More than £50,000")  # the read-back, before the public
    child.expect(r"\[q\]uit > ")
    child.sendline("x")  # a wrong key is explained, not taken as a choice
    child.expect("please type one of")
    child.sendline("e")
    child.expect(r"value \[50000\]: ")
    child.sendline("50,000")
    for _ in range(4):  # qualifier, scope, what, period: Enter keeps each
        child.expect(r"\]: ")
        child.sendline("")
    child.expect(r"\[sure\] figure 1: 21 · ")
    child.expect(r"\(Enter: accept\) > ")
    child.sendline("d")
    child.expect("dropped: it will not be published")
    while True:  # accept the rest, the flagged publisher included
        index = child.expect([r"\[q\]uit(?: \(Enter: accept\))? > ", "Saved "])
        if index == 1:
            break
        child.sendline("a")
    child.expect("nothing flagged; ready to publish")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    draft = read_draft(list_drafts(folder)[0])
    assert {i.status for i in draft.review.items} <= {"sure", "accepted", "dropped"}
    published = spawn("publish", "--knowledge", str(folder))
    published.expect("Published ")
    published.expect(pexpect.EOF)
    published.close()
    assert published.exitstatus == 0
    op = next(o for o in load_knowledge(folder).operations if o.name == "Operation Firecrest")
    assert [(f.metric, f.value) for f in op.figures] == [("cash-seized", 50000)]  # 21 dropped


def test_quitting_keeps_what_was_decided(folder: Path) -> None:
    child = spawn("review", "--knowledge", str(folder))
    child.expect(r"\[q\]uit > ")
    child.sendline("d")
    child.expect(r"\[q\]uit(?: \(Enter: accept\))? > ")
    child.sendline("q")
    child.expect("Saved ")
    child.expect(pexpect.EOF)
    child.close()
    data = yaml.safe_load(list_drafts(folder)[0].read_text(encoding="utf-8"))
    assert data["review"]["items"][0]["status"] == "dropped"
