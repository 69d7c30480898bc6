"""Flag rather than guess: each general pattern of real releases that a rule-based reader
could get wrong is flagged with its reason, and `publish --confident-only` leaves it out."""

from __future__ import annotations

import shutil

import pytest

from bot.importer import extract, load_vocabulary
from bot.importer.draft import without
from bot.importer.items import build_review
from bot.importer.reader import parse_release
from bot.knowledge import default_knowledge_dir

HEAD = "date 2024-05-02 Results of a day of action\nKent Police held a day of action on 1 May.\n"


@pytest.fixture(scope="module")
def vocab(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("k") / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    return load_vocabulary(folder)


def review_of(text: str, vocab):
    extraction = extract(parse_release(text), vocab)
    return extraction, build_review(extraction, "release.txt", vocab)


def flagged_values(text: str, vocab) -> dict[float, str]:
    extraction, review = review_of(text, vocab)
    figures = extraction.file.operation.figures
    return {figures[int(i.ref.split()[1])].value: i.reason or "" for i in review.items
            if i.flagged and i.ref.startswith("figure")}


@pytest.mark.parametrize(("body", "value", "why"), [
    ("Officers made 40 arrests. That compares with 35 arrests in 2023.", 35, "comparison"),
    ("Officers made 40 arrests, against 31 arrests in 2023.", 31, "comparison"),
    ("Officers made 40 arrests.\n\nThe figures for the same period last year were:\n\n"
     "Officers made 28 arrests.", 28, "previous period"),
    ("Officers made 40 arrests. That is 12 more arrests than last year.", 12, "comparison"),
    ("Officers arrested 500 men and 86 women.", 86, "split"),
    ("Officers seized over £50,o00 in cash.", 50000, "typo"),
    ("Officers stopped 1947 people.", 1947, "separator"),
    ("Officers made 40 arrests, and Border Force received more than 1,000 referrals.", 1000,
     "Border Force"),
    ("Officers made 40 arrests. Over the past five years, 310 arrests were made.", 310,
     "another period"),
    ("Officers made 40 arrests. In Milton Keynes alone, 12 arrests were made.", 12,
     "Milton Keynes"),
    ("Officers made 40 arrests, and the National Crime Agency seized 9 guns.", 9,
     "National Crime Agency"),
], ids=["compares", "against", "comparison-heading", "difference", "split", "typo", "year-like",
        "other-organisation", "window", "sub-area", "agency"])
def test_a_doubtful_figure_is_flagged_with_its_reason(body: str, value: float, why: str,
                                                     vocab) -> None:
    flagged = flagged_values(HEAD + body + "\n", vocab)
    assert value in flagged, flagged
    assert why.lower() in flagged[value].lower()


def test_the_plain_result_beside_them_stays_sure(vocab) -> None:
    flagged = flagged_values(HEAD + "Officers made 40 arrests. That compares with 35 arrests "
                             "in 2023.\n", vocab)
    assert 40 not in flagged


def test_a_typo_is_never_published_without_review(vocab) -> None:
    extraction, review = review_of(HEAD + "Officers seized over £50,o00 in cash.\n", vocab)
    refs = {i.ref for i in review.items if i.flagged}
    published = without(extraction.file, refs)
    assert all(f.value not in (50, 50000) for f in published.operation.figures)


def test_headings_scope_what_follows_and_a_place_that_is_no_force_is_flagged(vocab) -> None:
    text = ("date 2012-01-20 Christmas drink drive figures\nPolice in three counties ran "
            "their campaigns over Christmas, and these are the figures that they gave to us "
            "for the period.\n\nHertfordshire\n\nOfficers arrested 134 drivers.\n\n"
            "Bedfordshire\n\nOfficers arrested 69 drivers.\n\nBuckinghamshire\n\n"
            "Officers arrested 102 drivers.\n")
    extraction, review = review_of(text, vocab)
    figures = extraction.file.operation.figures
    scopes = {f.value: f.scope for f in figures}
    assert scopes[134] == "hertfordshire" and scopes[69] == "bedfordshire"
    flagged = {figures[int(i.ref.split()[1])].value for i in review.items
               if i.flagged and i.ref.startswith("figure")}
    assert flagged == {102}
    dates = extraction.file.operation.dates
    assert dates and dates.start == "2011-12"  # over Christmas, in a January release


def test_a_national_campaign_is_every_force_led_by_the_national_body(vocab) -> None:
    text = ("date 2020-11-20 Knife crime week\nBetween November 9 and 15, all 43 police forces "
            "in England and Wales worked with the British Transport Police on Operation "
            "Sceptre. Officers seized 723 knives, the National Police Chiefs' Council (NPCC) "
            "said.\n")
    extraction, _ = review_of(text, vocab)
    op = extraction.file.operation
    assert op.lead_force == "npcc" and "btp" in op.forces and len(op.forces) == 44
    figure = op.figures[0]
    assert figure.scope == "all" and "British Transport Police" not in (figure.what or "")
    assert "npcc" in {f.id for f in extraction.file.forces}


def test_website_date_lines_and_page_furniture(vocab) -> None:
    text = ("Drink-drive results\n\nAuthor: Jo Bloggs\nPublished 5th Jan 2023\n"
            "Last updated 6th Jan 2023\nShare this article\nContact Us\nQuickly exit this site\n"
            "Press office: 01234 567890\n\nThames Valley Police made 451 arrests during the "
            "month of December, and they said that it was the result of their work."
            "\n")
    release = parse_release(text)
    assert release.date == "2023-01-05"
    assert not any(w in release.text for w in ("Contact Us", "exit this site", "01234",
                                                 "Jo Bloggs", "Share this"))
    extraction, review = review_of(text, vocab)
    publisher = next(i for i in review.items if i.ref == "publisher")
    assert publisher.flagged and "Author" in (publisher.reason or "")
    assert next(i for i in review.items if i.ref == "published").source == \
        "Published 5th Jan 2023"


def test_the_nca_is_a_partner_never_a_force(vocab) -> None:
    extraction, _ = review_of(HEAD + "Officers made 40 arrests with the National Crime Agency "
                              "(NCA).\n", vocab)
    assert "nca" not in extraction.file.operation.forces


def test_a_forces_own_release_about_a_national_campaign_stays_that_forces(vocab) -> None:
    text = ("date 2023-11-24 Knife crime week of action\nThe Metropolitan Police took part in "
            "Operation Sceptre, a national week of action against knife crime, from 13 to 19 "
            "November.\nAcross London, officers arrested 351 people.\nNationally, the "
            "operation led to 1,200 arrests, the National Police Chiefs' Council said.\n")
    extraction, review = review_of(text, vocab)
    op = extraction.file.operation
    assert op.forces == ["met"]
    figures = {f.value: f for f in op.figures}
    assert "Metropolitan Police" in (figures[351].what or "")
    flagged = {op.figures[int(i.ref.split()[1])].value for i in review.items
               if i.flagged and i.ref.startswith("figure")}
    assert flagged == {1200}


def test_a_trend_window_is_not_taken_as_the_operations_dates_unflagged(vocab) -> None:
    text = ("date 2023-11-20 Knife crime falls\nKent Police made 40 arrests in a week of "
            "action. Between 1 October 2022 and 31 October 2023, compared with the year "
            "before, knife crime fell.\n")
    _, review = review_of(text, vocab)
    dates = next(i for i in review.items if i.ref == "dates")
    assert dates.flagged and "comparison" in (dates.reason or "")


def test_running_totals_and_one_forces_figures_beside_unnamed_ones_are_flagged(vocab) -> None:
    text = ("date 2024-05-14 Operation Raptor results\nEssex Police made 64 arrests during a "
            "week of action against county lines drug dealing between 6 and 12 May.\n"
            "Officers also seized £43,500 in cash.\nSince Operation Raptor began in 2016, "
            "officers have arrested more than 3,000 people.\nKent Police supported the "
            "operation and made 8 arrests.\n")
    flagged = flagged_values(text, vocab)
    assert 64 not in flagged and 8 not in flagged  # "against county lines" is no comparison
    assert "running total" in flagged[3000]
    assert "force by force" in flagged[43500]  # Essex's, Kent's, or both together?


def test_a_mistyped_number_that_gives_no_figure_is_reported_never_stored(vocab) -> None:
    extraction, review = review_of(HEAD + "Officers made 1,2OO stops and 40 arrests.\n", vocab)
    assert 1200 not in {f.value for f in extraction.file.operation.figures}
    assert any('"1,2OO"' in s for s in review.skipped)


@pytest.mark.parametrize(("line", "iso", "sure"), [
    ("Published 5th Jan 2023", "2023-01-05", True),
    ("20 January 2012, 06:00", "2012-01-20", True),
    ("Posted on Tuesday 14 May 2024 at 10:15", "2024-05-14", True),
    ("Date: 14/05/2024", "2024-05-14", True),
    ("Published: 2024-05-14", "2024-05-14", True),
    ("Last updated 15/05/2024", "2024-05-15", False),
])
def test_website_date_lines_in_the_forms_sites_use(line: str, iso: str, sure: bool) -> None:
    release = parse_release(f"Results\n{line}\nKent Police made 40 arrests in the town, and "
                            "they said that it was a good result for the area.\n")
    assert (release.date, release.date_sure) == (iso, sure)
    assert line not in release.text


@pytest.mark.parametrize(("sentence", "scope"), [
    ("Kent Police made 134 arrests, Essex Police 69 and Surrey Police 117.", "kent"),
    ("Kent and Essex officers seized 20 vehicles.", "all"),
    ("Officers from Kent Police and Essex Police made 30 arrests.", "all"),
])
def test_a_sentence_naming_several_forces_gives_the_figure_its_own(sentence: str, scope: str,
                                                                  vocab) -> None:
    text = f"date 2024-05-02 Day of action\nThree forces held a day of action. {sentence}\n"
    extraction, _ = review_of(text, vocab)
    assert [f.scope for f in extraction.file.operation.figures][:1] == [scope]


def test_a_photo_caption_is_page_furniture() -> None:
    release = parse_release("Rural crime crackdown a success\nSuperintendent Richard Spedding "
                            "with Farmer Ally Weare during Operation Firecrest\nPolice say a "
                            "week-long operation against rural crime in Lancashire has been a "
                            "success, and they made 21 arrests.\n")
    assert "Ally Weare" not in release.text
    assert release.paragraphs[-1].startswith("Police say")


def test_people_stopped_and_breath_tested_is_one_figure_found_by_either_word(vocab) -> None:
    extraction, _ = review_of(HEAD + "Officers say 2,532 people were stopped and breath tested, "
                              "and 117 of them were arrested.\n", vocab)
    figure = extraction.file.operation.figures[0]
    metric = next(m for m in extraction.file.metrics if m.id == figure.metric)
    assert figure.value == 2532
    assert {"people breath tested", "people stopped"} <= set(metric.terms)
