"""`enquiry-bot import`: press releases in, knowledge files out, answered by the bot at once.

The seed releases must give back every figure of the hand-written knowledge; the fictional
releases in tests/fixtures/releases list what they must give in `NAME.expected.yaml`.
"""

from __future__ import annotations

import shutil
import textwrap
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.conversation import Conversation
from bot.engine import Engine
from bot.importer import extract, load_vocabulary
from bot.importer.draft import Draft, list_drafts, read_draft, render_draft
from bot.importer.readback import question_for
from bot.importer.reader import parse_release
from bot.knowledge import Knowledge, default_knowledge_dir, load_knowledge
from bot.knowledge.models import Figure, Operation, OperationFile

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
RELEASES = Path(__file__).parent / "fixtures" / "releases"
FICTIONAL = sorted(RELEASES.glob("*.txt"))
BUNDLED = default_knowledge_dir()
SHARED_FILES = ("forces.yaml", "metrics.yaml", "reporting.yaml")


def seed_files() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed releases not found at {SEEDS} (../shared/seeds beside the project)")
    return sorted(SEEDS.glob("*.txt"))


def base_knowledge(folder: Path) -> Path:
    """A knowledge folder with the shared files (forces, metrics, reporting), no operations."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SHARED_FILES:
        shutil.copy(BUNDLED / name, folder / name)
    return folder


def import_files(folder: Path, *files: Path | str, extra: tuple[str, ...] = (),
                 publish: bool = True) -> int:
    """Import `files` as drafts and, unless told not to, publish them as an editor would who
    accepts every item (these tests measure what the importer extracts, flagged or not)."""
    done = main(["import", *map(str, files), "--knowledge", str(folder), *extra])
    if publish and "--dry-run" not in extra:
        accept_and_publish(folder)
    return done


def accept_and_publish(folder: Path) -> None:
    for path in list_drafts(folder):
        draft = read_draft(path)
        draft.accept_all()
        path.write_text(render_draft(draft), encoding="utf-8")
    if list_drafts(folder):
        assert main(["publish", "--knowledge", str(folder), "--no-read-back"]) == 0


def drafts(folder: Path) -> dict[str, Draft]:
    return {p.name: read_draft(p) for p in list_drafts(folder)}


def imported(folder: Path) -> dict[str, OperationFile]:
    """The files the importer wrote, by file name, as the loader's model reads them."""
    return {p.name: OperationFile.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
            for p in sorted((folder / "operations").glob("*.yaml"))}


def figure_keys(figures: list[Figure]) -> Counter:
    return Counter((f.metric, f.value, f.qualifier, f.scope) for f in figures)


def only_file(folder: Path) -> OperationFile:
    files = imported(folder)
    assert len(files) == 1, files
    return next(iter(files.values()))


# --- the seed releases give back the hand-written knowledge -------------------------------


@pytest.fixture(scope="module")
def seeds_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = base_knowledge(tmp_path_factory.mktemp("seeds"))
    assert import_files(folder, *seed_files()) == 0
    return folder


def seed_pairs(folder: Path) -> list[tuple[Operation, Operation]]:
    """(imported, hand-written) for each seed; the hand-written file has the seed's name."""
    pairs = []
    written = imported(folder)
    for seed in seed_files():
        hand = OperationFile.model_validate(yaml.safe_load(
            (BUNDLED / "operations" / f"{seed.stem}.yaml").read_text(encoding="utf-8")))
        ours = [f for f in written.values() if f.operation.name == hand.operation.name]
        assert len(ours) == 1, f"{seed.name}: expected one file named {hand.operation.name}"
        pairs.append((ours[0].operation, hand.operation))
    return pairs


def test_seed_releases_reproduce_every_hand_written_figure(seeds_folder: Path) -> None:
    for ours, hand in seed_pairs(seeds_folder):
        assert figure_keys(ours.figures) == figure_keys(hand.figures), hand.name


def test_seed_releases_reproduce_the_operation_facts(seeds_folder: Path) -> None:
    for ours, hand in seed_pairs(seeds_folder):
        assert set(ours.forces) == set(hand.forces)
        assert ours.lead_force == hand.lead_force
        assert ours.dates and hand.dates
        assert (ours.dates.start, ours.dates.end) == (hand.dates.start, hand.dates.end)
        assert {(p.name, p.rank) for p in ours.people} == {(p.name, p.rank) for p in hand.people}
        assert {u.name for u in ours.units} == {u.name for u in hand.units}
        assert set(hand.focus) & set(ours.focus)


def test_seed_source_and_unsure_marks(seeds_folder: Path) -> None:
    files = {f.operation.name: f for f in imported(seeds_folder).values()}
    assert files["Operation Sceptre"].source.date == "2020-07-28"
    assert files["Operation Sceptre"].source.title.startswith("Further arrests")
    assert files["Cross-border operation"].source.date is None
    texts = {p.name: p.read_text(encoding="utf-8")
             for p in (seeds_folder / "operations").glob("*.yaml")}
    for text in texts.values():  # page furniture is left out
        for furniture in ("Comments: Our rules", "Read the rules", "lively and valuable"):
            assert furniture not in text


def test_seed_drafts_flag_the_guessed_scopes(tmp_path: Path) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    assert import_files(folder, *seed_files(), publish=False) == 0
    reasons = {name: [i.reason for i in d.flagged()] for name, d in drafts(folder).items()}
    sceptre = next(r for n, r in reasons.items() if n.startswith("operation-sceptre"))
    assert any('scope of "Eight people arrested"' in r for r in sceptre)
    cross = next(r for n, r in reasons.items() if n.startswith("cross-border"))
    assert any('scope of "12 arrests"' in r for r in cross)
    assert not (folder / "operations").exists()  # a draft is never served


def test_check_accepts_the_imported_seeds(seeds_folder: Path, capsys) -> None:
    assert main(["check", "--knowledge", str(seeds_folder)]) == 0
    assert "OK: 2 operations, 18 figures" in capsys.readouterr().out


# --- fictional releases: every figure extracted ------------------------------------------


@pytest.fixture(scope="module")
def fictional_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled knowledge (real operations included) plus every fictional release."""
    folder = tmp_path_factory.mktemp("fictional") / "knowledge"
    shutil.copytree(BUNDLED, folder)
    assert import_files(folder, *FICTIONAL) == 0
    return folder


def expected(release: Path) -> dict:
    return yaml.safe_load(release.with_suffix(".expected.yaml").read_text(encoding="utf-8"))


def expected_keys(release: Path) -> Counter:
    return Counter((f["metric"], f["value"], f["qualifier"], f["scope"])
                   for f in expected(release)["figures"])


@pytest.mark.parametrize("release", FICTIONAL, ids=[p.stem for p in FICTIONAL])
def test_every_figure_of_a_fictional_release_is_extracted(release: Path, tmp_path: Path) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    assert import_files(folder, release) == 0
    file = only_file(folder)
    operation = file.operation
    want = expected(release)
    assert figure_keys(operation.figures) == expected_keys(release)
    facts = want["operation"]
    assert operation.name == facts["name"]
    assert operation.forces == facts["forces"]
    assert operation.lead_force == facts["lead_force"]
    assert operation.dates and operation.dates.start == facts["dates"]["start"]
    assert operation.dates.end == facts["dates"]["end"]
    assert operation.duration == facts["duration"]
    assert [(p.name, p.rank, p.force) for p in operation.people] == [
        (p["name"], p["rank"], p["force"]) for p in want["people"]]
    for person, wanted in zip(operation.people, want["people"], strict=True):
        for key in ("role", "part"):  # where the release gives them
            if key in wanted:
                assert getattr(person, key) == wanted[key], (person.name, key)
        if "said" in wanted:  # words of their quotation
            assert any(wanted["said"] in q for q in person.said), (person.name, person.said)
    assert [u.name for u in operation.units] == want["units"]
    for name, words in want.get("unit_parts", {}).items():  # what a unit did, where said
        assert words in next(u.part or "" for u in operation.units if u.name == name), name
    if "publisher" in facts:
        assert file.source.publisher == facts["publisher"]
    for key in ("focus", "aliases"):  # what the public will call it by
        assert set(facts.get(key, [])) <= set(getattr(operation, key)), getattr(operation, key)
    for key in ("area", "methods"):  # words the release's places and tactics must keep
        for words in facts.get(key, []):
            assert words in " ".join([operation.area or "", *operation.methods]), key
    for figure in want["figures"]:  # the reason or place the release gives is kept
        if "detail" in figure:
            key = (figure["metric"], figure["value"], figure["qualifier"], figure["scope"])
            details = [f.detail or "" for f in operation.figures
                       if (f.metric, f.value, f.qualifier, f.scope) == key]
            assert any(figure["detail"] in d for d in details), (key, details)


def test_page_furniture_is_left_out(fictional_folder: Path) -> None:
    for path in (fictional_folder / "operations").glob("*-20*.yaml"):
        text = path.read_text(encoding="utf-8")
        for furniture in ("Read more", "Teenager charged", "Share this", "newsletter",
                          "Comments", "lively part", "Cyclist seriously injured",
                          "cannabis factory", "Village post office"):
            assert furniture not in text, path.name


def test_fictional_releases_get_names_that_never_collide(fictional_folder: Path) -> None:
    names = sorted(p.name for p in (fictional_folder / "operations").glob("*.yaml"))
    assert "operation-sceptre-kent-2019-05-21.yaml" in names
    assert "operation-lanternfly-sussex-2021-03-19.yaml" in names
    assert "operation-lanternfly-surrey-2023-11-24.yaml" in names
    knowledge = load_knowledge(fictional_folder)
    assert len(knowledge.operations) == len(names)
    sceptres = [op for op in knowledge.operations if op.name == "Operation Sceptre"]
    assert len(sceptres) == 2  # the real Essex one and the fictional Kent one


def test_check_accepts_the_imported_fictional_releases(fictional_folder: Path) -> None:
    assert main(["check", "--knowledge", str(fictional_folder)]) == 0


def test_new_metrics_are_defined_alike_and_reused(fictional_folder: Path) -> None:
    # drafts imported together each define what published knowledge lacks (any of them may
    # be published alone), always identically; what the knowledge has is never redefined
    files = imported(fictional_folder)
    defined = Counter(m.id for f in files.values() for m in f.metrics)
    assert defined["test-purchases"] >= 1
    assert len({m.model_dump_json() for f in files.values() for m in f.metrics
                if m.id == "test-purchases"}) == 1
    assert defined["arrests"] == 0  # knowledge/metrics.yaml has it
    sceptre = files["operation-sceptre-kent-2019-05-21.yaml"]
    knives = next(m for m in sceptre.metrics if m.id == "knives-surrendered")
    assert "knives handed in" in knives.terms
    quarry = files["operation-quarrystone-west-midlands-2022-10-14.yaml"]
    assert "west-midlands" in {f.id for f in quarry.forces}
    staffs = {f.model_dump_json() for file in files.values() for f in file.forces
              if f.id == "staffordshire"}
    assert len(staffs) == 1  # Quarrystone and Quillfeather define it alike


def test_new_metric_terms_name_what_was_counted(fictional_folder: Path) -> None:
    # a term is a phrase the public would use for that figure alone: never a bare word that
    # fits many figures ('visits', 'premises'), nor a verb glued to a synonym ('doors executed')
    too_vague = {"visits", "searches", "purchases", "premises", "sweeps", "notices",
                 "officers", "staff", "items"}
    for file in imported(fictional_folder).values():
        for metric in file.metrics:
            assert not too_vague & set(metric.terms), (metric.id, too_vague & set(metric.terms))
            assert "doors executed" not in metric.terms
    terms = {m.id: m.terms for f in imported(fictional_folder).values() for m in f.metrics}
    assert {"cuckooing visits", "welfare visits"} <= set(terms["cuckooing-welfare-visits"])
    assert "shops that sold alcohol" in terms[
        "premises-that-sold-alcohol-to-an-underage-volunteer"]
    assert "recovered property" in terms["value-of-property-recovered"]
    assert "officers took part" in terms["officers-and-staff-took-part"]


def test_importing_again_into_the_same_folder_reuses_forces_and_metrics(tmp_path: Path) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    first = RELEASES / "surrey-lanternfly-2023.txt"
    second = RELEASES / "sussex-lanternfly-2021.txt"
    assert import_files(folder, first) == 0
    assert import_files(folder, second) == 0  # a separate run reads what the first one wrote
    sussex = imported(folder)["operation-lanternfly-sussex-2021-03-19.yaml"]
    assert "test-purchases" not in {m.id for m in sussex.metrics}
    assert load_knowledge(folder)


# --- the bot answers about every imported figure ------------------------------------------


def assert_answered(engine: Engine, knowledge: Knowledge, op: Operation, figure: Figure,
                    now: datetime) -> None:
    q = question_for(knowledge, op, figure)  # the question `review` and `publish` ask
    answer = engine.answer(q, Conversation(), now)
    used = {(f.operation_id, f.metric, f.value, f.scope) for f in answer.figures}
    assert (op.id, figure.metric, figure.value, figure.scope) in used, (q, answer.plain_body())
    shown = f"{figure.value:,}"
    assert shown in answer.plain_body(), (q, answer.plain_body())


@pytest.fixture(scope="module")
def seeds_engine(seeds_folder: Path) -> tuple[Knowledge, Engine]:
    knowledge = load_knowledge(seeds_folder)
    return knowledge, Engine(knowledge)


@pytest.fixture(scope="module")
def fictional_engine(fictional_folder: Path) -> tuple[Knowledge, Engine, set[str]]:
    knowledge = load_knowledge(fictional_folder)
    ours = {f.operation.id for f in imported(fictional_folder).values()} - {
        op.id for op in load_knowledge(BUNDLED).operations}
    return knowledge, Engine(knowledge), ours


def test_the_bot_answers_every_figure_of_the_imported_seeds(seeds_engine, now) -> None:
    knowledge, engine = seeds_engine
    for op in knowledge.operations:
        for figure in op.figures:
            assert_answered(engine, knowledge, op, figure, now)


def test_the_bot_answers_every_figure_of_the_fictional_releases(fictional_engine, now) -> None:
    knowledge, engine, ours = fictional_engine
    assert len(ours) == len(FICTIONAL)
    for op in knowledge.operations:
        if op.id in ours:
            for figure in op.figures:
                assert_answered(engine, knowledge, op, figure, now)


@pytest.mark.parametrize("ask", ["How many arrests in Kent's Operation Sceptre?",
                                 "How many arrests in Operation Sceptre in May 2019?"])
def test_same_named_operations_are_told_apart(ask: str, fictional_engine, now) -> None:
    knowledge, engine, ours = fictional_engine
    kent = next(op for op in knowledge.operations if op.id in ours and op.name ==
                "Operation Sceptre")
    answer = engine.answer(ask, Conversation(), now)
    assert {f.operation_id for f in answer.figures} == {kent.id}
    assert {f.value for f in answer.figures} == {
        f.value for f in kent.figures if f.metric == "arrests"}


def test_import_then_ask_on_the_command_line(tmp_path: Path, enquiry_bot) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    release = RELEASES / "hampshire-speeding-2023.txt"
    done = enquiry_bot("import", str(release), "--knowledge", str(folder))
    assert done.returncode == 0, done.stderr
    assert "fines-issued" in done.stdout and "156" in done.stdout  # the table
    asked = enquiry_bot("ask", "--knowledge", str(folder),
                        "How many fines were issued in the speeding crackdown?")
    assert "156" not in asked.stdout  # a draft is not served
    published = enquiry_bot("publish", "--confident-only", "--knowledge", str(folder))
    assert published.returncode == 0, published.stderr
    assert "Published" in published.stdout and "156" in published.stdout  # the read-back
    asked = enquiry_bot("ask", "--knowledge", str(folder),
                        "How many fines were issued in the speeding crackdown?")
    assert asked.returncode == 0, asked.stderr
    assert "156" in asked.stdout


# --- bad input: a clear message, nothing written -----------------------------------------

ENGLISH_WITHOUT_FIGURES = (
    "Essex Police has reminded drivers to take care on the roads this winter.\n"
    "Officers urge everyone to check their tyres, lights and wipers before setting off.\n")
NO_FORCE = ("Officers made 12 arrests and seized three vehicles during a day of action in the "
            "town centre on Tuesday, the council said.\n")
WELSH = ("Mae Heddlu Dyfed-Powys wedi diolch i'r cyhoedd am eu cymorth yn ystod yr wythnos. "
         "Cafodd deuddeg o bobl eu harestio a chafodd tri cherbyd eu cymryd gan swyddogion "
         "yn y dref ddydd Mawrth. Dywedodd yr heddlu fod y gwaith yn parhau.\n")
FRENCH = ("La police du Kent a arrêté douze personnes lors d'une opération menée mardi dans le "
          "centre-ville, et a saisi trois véhicules, selon un porte-parole.\n")
GREEK = "Η αστυνομία συνέλαβε δώδεκα άτομα και κατέσχεσε τρία οχήματα στο κέντρο της πόλης.\n"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"  \n\n \t\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (b"%PDF-1.7\n" + bytes(range(128, 256)) * 8, "binary"),
    (b"Essex Police made 12 arrests. " * 5000, "too large"),
    (WELSH.encode(), "English"),
    (GREEK.encode(), "English"),
    (FRENCH.encode(), "English"),
    (ENGLISH_WITHOUT_FIGURES.encode(), "no figures"),
    (NO_FORCE.encode(), "no police force"),
    (b"date 2020-02-30 A title\nEssex Police made 12 arrests.\n", "impossible date"),
], ids=["empty", "blank", "png", "pdf", "huge", "welsh", "greek", "french", "no-figures",
        "no-force", "bad-date"])
def test_bad_input_gives_a_clear_message_and_writes_nothing(
    content: bytes, message: str, tmp_path: Path, capsys
) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    release = tmp_path / "release.txt"
    release.write_bytes(content)
    assert import_files(folder, release) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing written" in err and "Traceback" not in err
    assert not (folder / "operations").exists() and not list_drafts(folder)


def test_a_missing_file_or_folder_is_named(tmp_path: Path, capsys) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    assert import_files(folder, tmp_path / "nope.txt") == 1
    assert "nope.txt: no such file" in capsys.readouterr().err
    assert import_files(tmp_path / "missing", RELEASES / "sussex-lanternfly-2021.txt") == 1
    assert "knowledge folder" in capsys.readouterr().err


def test_one_bad_file_does_not_stop_the_good_ones(tmp_path: Path, capsys) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert import_files(folder, empty, RELEASES / "sussex-lanternfly-2021.txt") == 1
    assert list(imported(folder)) == ["operation-lanternfly-sussex-2021-03-19.yaml"]
    assert "1 of 2 release(s) not imported" in capsys.readouterr().err


def test_importing_again_updates_the_draft_and_names_answers_that_would_change(
        tmp_path: Path, capsys) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    release = RELEASES / "kent-sceptre-surrender-2019.txt"
    assert import_files(folder, release) == 0
    published = imported(folder)
    assert list(published) == ["operation-sceptre-kent-2019-05-21.yaml"]
    assert not list_drafts(folder)
    changed = tmp_path / release.name
    text = release.read_text(encoding="utf-8")
    figure = next(f for f in published["operation-sceptre-kent-2019-05-21.yaml"].operation.figures
                  if f"{f.value:,}" in text and f.value >= 10)
    changed.write_text(text.replace(f"{figure.value:,}", f"{figure.value + 1:,}"),
                       encoding="utf-8")
    capsys.readouterr()
    for _ in range(2):  # twice: the draft is updated, never doubled
        assert import_files(folder, changed, publish=False) == 0
    out = capsys.readouterr().out
    assert "published answers that would change" in out
    assert f"{figure.value:,} → " in out and f"{figure.value + 1:,}" in out
    assert list(drafts(folder)) == ["operation-sceptre-kent-2019-05-21.yaml"]
    assert main(["check", "--knowledge", str(folder)]) == 0
    assert "1 draft(s) waiting" in capsys.readouterr().out
    accept_and_publish(folder)
    assert list(imported(folder)) == ["operation-sceptre-kent-2019-05-21.yaml"]
    values = {f.value for f in only_file(folder).operation.figures}
    assert figure.value + 1 in values


def test_dry_run_prints_the_table_and_writes_nothing(tmp_path: Path, capsys) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    assert import_files(folder, RELEASES / "west-midlands-quarrystone-2022.txt",
                        extra=("--dry-run",)) == 0
    out = capsys.readouterr().out
    for column in ("metric", "value", "qualifier", "scope", "warrants-executed", "12,500"):
        assert column in out
    assert "nothing written" in out
    assert not (folder / "operations").exists()


def test_a_release_without_a_date_line_or_name(tmp_path: Path) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    release = tmp_path / "release.txt"
    release.write_text(
        "Officers from Kent Police and Essex Police carried out a joint operation to tackle "
        "cross border crime on 4 June.\nThey made 14 arrests and seized nearly £3,000 in cash.\n",
        encoding="utf-8")
    assert import_files(folder, release) == 0
    written = only_file(folder)
    assert written.operation.name == "Cross-border operation"
    assert written.operation.dates and written.operation.dates.start == "--06-04"
    assert figure_keys(written.operation.figures) == Counter(
        {("arrests", 14, "exact", "all"): 1, ("cash-seized", 3000, "nearly", "all"): 1})
    assert main(["import", str(release), "--knowledge", str(folder)]) == 0
    notes = next(iter(drafts(folder).values())).review.notes
    assert any("the release gives no operation name" in n for n in notes)


def test_another_release_about_the_same_day_gets_its_own_file(tmp_path: Path) -> None:
    folder = base_knowledge(tmp_path / "knowledge")
    release = RELEASES / "sussex-lanternfly-2021.txt"
    follow_up = tmp_path / "follow-up.txt"
    text = release.read_text(encoding="utf-8").replace(
        "Shops fail underage sales checks", "Update: shops fail underage sales checks")
    follow_up.write_text(text, encoding="utf-8")
    assert import_files(folder, release, follow_up) == 0
    assert sorted(imported(folder)) == ["operation-lanternfly-sussex-2021-03-19-2.yaml",
                                        "operation-lanternfly-sussex-2021-03-19.yaml"]
    assert main(["check", "--knowledge", str(folder)]) == 0


@pytest.mark.parametrize(("sentence", "figure"), [
    ("Officers made more than 40 arrests.", ("arrests", 40, "more_than")),
    ("Officers made over 40 arrests.", ("arrests", 40, "more_than")),
    ("Nearly 40 people were arrested.", ("arrests", 40, "nearly")),
    ("Almost forty people were arrested.", ("arrests", 40, "nearly")),
    ("About 1,250 people were arrested.", ("arrests", 1250, "about")),
    ("Officers made at least twenty-five arrests.", ("arrests", 25, "at_least")),
    ("Up to 12 people were arrested.", ("arrests", 12, "up_to")),
    ("Fewer than 10 people were arrested.", ("arrests", 10, "fewer_than")),
    ("A total of 45 people were arrested.", ("arrests", 45, "exact")),
    ("Officers seized £1.2m in cash.", ("cash-seized", 1_200_000, "exact")),
    ("Officers seized cash totalling almost £3,500.", ("cash-seized", 3500, "nearly")),
    ("Two men, aged 24 and 31, were charged.", ("people-charged", 2, "exact")),
    ("Officers carried out 80 stop and searches.", ("stop-and-searches", 80, "exact")),
    ("A dozen people were arrested.", ("arrests", 12, "exact")),
    ("Officers made thirty-one arrests.", ("arrests", 31, "exact")),
    ("Nearly three hundred people were arrested.", ("arrests", 300, "nearly")),
    ("More than two thousand five hundred people were arrested.",
     ("arrests", 2500, "more_than")),
    ("Officers seized around half a million pounds in cash.",
     ("cash-seized", 500_000, "about")),
    ("Officers seized £3,500 cash.", ("cash-seized", 3500, "exact")),
    ("Around 1.2kg of suspected class A drugs seized.",
     ("kg-of-class-a-drugs-seized", 1.2, "about")),
    ("Nine vehicles reported stolen were recovered.", ("stolen-vehicles-recovered", 9, "exact")),
    ("£8,400 worth of stolen goods was recovered.",
     ("value-of-stolen-goods-recovered", 8400, "exact")),
    ("The property recovered is estimated to be worth £20,000.",
     ("value-of-property-recovered", 20_000, "about")),
    ("Four shops sold knives to a 15-year-old volunteer.",
     ("shops-that-sold-knives-to-a-15-year-old-volunteer", 4, "exact")),
    ("More than 200 officers and staff took part.",
     ("officers-and-staff-took-part", 200, "more_than")),
], ids=lambda v: v if isinstance(v, str) else None)
def test_value_and_qualifier_of_a_figure(sentence: str, figure: tuple, tmp_path: Path) -> None:
    vocab = load_vocabulary(base_knowledge(tmp_path / "knowledge"))
    text = f"date 2024-05-02 Day of action\nKent Police held a day of action. {sentence}\n"
    found = extract(parse_release(text), vocab).file.operation.figures
    assert [(f.metric, f.value, f.qualifier) for f in found] == [figure]


def test_a_release_wrapped_at_a_fixed_width_gives_the_same_figures(tmp_path: Path) -> None:
    release = RELEASES / "west-midlands-quarrystone-2022.txt"
    first, *body = release.read_text(encoding="utf-8").splitlines()
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("\n\n".join([first, *(textwrap.fill(p, 72) for p in body)]) + "\n",
                       encoding="utf-8")
    folder = base_knowledge(tmp_path / "knowledge")
    assert import_files(folder, wrapped) == 0
    assert figure_keys(only_file(folder).operation.figures) == expected_keys(release)


def test_a_release_the_knowledge_already_has_is_pointed_out(tmp_path: Path, capsys) -> None:
    sceptre = next(p for p in seed_files() if p.name.startswith("operation-sceptre"))
    folder = tmp_path / "knowledge"
    shutil.copytree(BUNDLED, folder)
    assert import_files(folder, sceptre, extra=("--dry-run",)) == 0
    assert f"{sceptre.stem}.yaml already has Operation Sceptre" in capsys.readouterr().out


@pytest.mark.parametrize(("sentences", "figures"), [
    ("Kent and Essex officers seized 20 vehicles, five of them in Essex.",
     [("vehicles-seized", 20, "all"), ("vehicles-seized", 5, "essex")]),
    ("Officers made 14 arrests, nine for burglary and five for theft.",
     [("arrests", 14, "all"), ("arrests", 9, "all"), ("arrests", 5, "all")]),
    ("Officers stopped 200 drivers. Of these, 40 were caught speeding.",
     [("drivers-stopped", 200, "all"), ("speeding-offences", 40, "all")]),
    ("More than 500 drivers were stopped. In all, officers stopped 512 drivers.",
     [("drivers-stopped", 512, "all")]),
    ("Officers recovered 12 stolen cars, together worth £150,000.",
     [("stolen-vehicles-recovered", 12, "all"),
      ("value-of-stolen-cars-recovered", 150_000, "all")]),
    ("Officers safeguarded 20 people, including four children.",
     [("people-safeguarded", 20, "all"), ("children-safeguarded", 4, "all")]),
    ("Officers seized cannabis with a street value of £8,000.",
     [("value-of-drugs", 8_000, "all")]),
    ("Six stolen cars were recovered, along with 40 power tools and two quad bikes.",
     [("stolen-vehicles-recovered", 6, "all"), ("power-tools-recovered", 40, "all"),
      ("quad-bikes-recovered", 2, "all")]),
    ("Results across both forces:\n\n- 14 arrests\n* 3 cars seized\n\nIn Essex alone:\n\n"
     "- 5 arrests\n• 2 of the cars\n\nOfficers thanked the public.",
     [("arrests", 14, "all"), ("vehicles-seized", 3, "all"), ("arrests", 5, "essex"),
      ("vehicles-seized", 2, "essex")]),
    ("Over the two days:\n\n38 people were arrested\n12 cars were seized in Essex\n"
     "24 test purchases were carried out, and five shops sold alcohol to a child\n"
     "17 dispersal orders were issued",
     [("arrests", 38, "all"), ("vehicles-seized", 12, "essex"), ("test-purchases", 24, "all"),
      ("shops-that-sold-alcohol-to-a-child", 5, "all"), ("dispersal-orders-issued", 17, "all")]),
], ids=["part-in-a-force", "reasons", "of-these", "rounded", "together-worth", "including",
        "drugs-value", "along-with", "bullet-lists", "plain-line-list"])
def test_parts_and_repeats_of_figures(sentences: str, figures: list, tmp_path: Path) -> None:
    # parts of a figure keep its scope unless their own words name a force; a rounded or
    # repeated figure is not a second figure
    vocab = load_vocabulary(base_knowledge(tmp_path / "knowledge"))
    text = ("date 2024-05-02 Day of action\nKent Police and Essex Police held a joint day of "
            f"action.\n{sentences}\n")
    found = extract(parse_release(text), vocab).file.operation.figures
    assert [(f.metric, f.value, f.scope) for f in found] == figures


def test_who_issued_a_release_owns_its_file(tmp_path: Path) -> None:
    # the force the appeal sends people to issued the release, however often others are named
    vocab = load_vocabulary(base_knowledge(tmp_path / "knowledge"))
    text = ("date 2024-05-02 Day of action\nNorfolk Constabulary officers made 12 arrests in "
            "Norfolk. Norfolk Constabulary also seized two cars. Suffolk Constabulary took "
            "part.\nIf you have information, report it at suffolk.police.uk or call 101.\n")
    extraction = extract(parse_release(text), vocab)
    assert extraction.file.source.publisher == "Suffolk Constabulary"
    assert extraction.stem.startswith("day-of-action-suffolk")
