"""Exact dates asked with a question (`dates:` in flows/guide.yaml): which answer asks which date, which
dates count on the path the person took, the wizard keeping them, and the deadlines they give."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lotse.content.vocabulary import DATE_USES
from lotse.documents.calendar import status_reminder_days
from lotse.documents.catalog import DOCUMENTS_FILE, check_catalog
from lotse.documents.deadlines import RULES, deadlines_for
from lotse.documents.letters import form_defaults
from lotse.guide.answers import dates_in_effect
from lotse.guide.wizard import WizardState, answers_of, submit
from tests.apptest import copy_content
from tests.documents_helpers import said, shipped

REPORTED = {
    "role": "self",
    "incident": ["threat"],
    "danger": "no",
    "channel": ["letter"],
    "state": "BE",
    "police": "already_reported",
    "report_status": "dropped",
    "author_known": "yes",
    "learned": "1_to_3_months",
}
NOTICE, LEARNED, REPORT = date(2026, 5, 21), date(2026, 3, 4), date(2026, 3, 10)


def test_each_shipped_date_belongs_to_its_answers() -> None:
    questions = shipped()[0].questions()
    report_status, learned = questions["report_status"], questions["learned"]
    assert {value: getattr(report_status.date_for(value), "use", None) for value in report_status.option_values()} == {
        "waiting": "report",
        "dropped": "beschwerde",
        "private_prosecution": None,
        "unsure": "report",
    }
    assert {getattr(learned.date_for(value), "use", None) for value in learned.option_values()} == {"strafantrag"}
    assert learned.date_for(None) is None


def test_every_deadline_rule_has_a_use_and_one_use_is_for_reminders() -> None:
    assert set(DATE_USES) - set(RULES) == {"report"}
    assert set(RULES) <= set(DATE_USES)


def test_only_the_date_of_the_answer_given_counts() -> None:
    content = shipped()[0]
    dates = {"beschwerde": NOTICE, "report": REPORT, "strafantrag": LEARNED}
    assert dates_in_effect(content, REPORTED, dates) == {"beschwerde": NOTICE, "strafantrag": LEARNED}
    waiting = {**REPORTED, "report_status": "waiting"}
    assert dates_in_effect(content, waiting, dates) == {"report": REPORT, "strafantrag": LEARNED}
    unknown_author = {k: v for k, v in REPORTED.items() if k != "learned"} | {"author_known": "no"}
    assert dates_in_effect(content, unknown_author, dates) == {"beschwerde": NOTICE}


def test_the_wizard_keeps_a_date_with_its_answer_and_drops_it_with_another() -> None:
    content = shipped()[0]
    on_status = WizardState("report_status", {k: v for k, v in REPORTED.items() if k in list(REPORTED)[:6]})
    dropped = submit(content, on_status, "dropped", NOTICE)
    assert dropped.screen == "author_known" and dropped.dates == {"beschwerde": NOTICE}
    back_on_status = WizardState("report_status", dropped.answers, dates=dropped.dates)
    waiting = submit(content, back_on_status, "waiting")
    assert waiting.dates == {}
    private = submit(content, back_on_status, "private_prosecution", NOTICE)
    assert private.dates == {}, "no date is asked with this answer, so none is kept"


def test_a_date_counts_only_while_its_question_is_on_the_path() -> None:
    content = shipped()[0]
    finished = WizardState("#check", REPORTED, dates={"strafantrag": LEARNED, "beschwerde": NOTICE})
    assert answers_of(content, finished).dates == {"strafantrag": LEARNED, "beschwerde": NOTICE}
    other_way = WizardState("#check", {**REPORTED, "author_known": "no"}, dates=finished.dates)
    assert answers_of(content, other_way).dates == {"beschwerde": NOTICE}


def test_dates_give_their_deadlines_in_rule_order() -> None:
    deadlines, problems = deadlines_for(
        {"beschwerde": NOTICE, "report": REPORT, "strafantrag": LEARNED}, "BE", date(2026, 6, 1)
    )
    assert [(d.id, d.last_day) for d in deadlines] == [
        ("strafantrag", date(2026, 6, 4)),
        ("beschwerde", date(2026, 6, 4)),
    ]
    assert problems == []


def test_a_date_that_gives_no_deadline_says_why() -> None:
    deadlines, problems = deadlines_for({"strafantrag": date(2026, 7, 1)}, "BY", date(2026, 6, 1))
    assert deadlines == []
    assert [said(p) for p in problems] == [
        "Das Datum 01.07.2026 liegt in der Zukunft. Bitte den Tag nennen, der schon war."
    ]


def test_letters_are_prefilled_with_the_dates_already_given() -> None:
    catalog = shipped()[1]
    dates = {"strafantrag": LEARNED, "report": REPORT}
    today = date(2026, 6, 1)
    assert form_defaults(catalog, "strafantrag", REPORTED, today, dates)["learned"] == LEARNED
    assert form_defaults(catalog, "sachstand", REPORTED, today, dates) == {"date": today, "reported_on": REPORT}
    assert "learned" not in form_defaults(catalog, "strafantrag", REPORTED, today)


def test_status_reminders_follow_the_report_by_the_months_in_the_file() -> None:
    assert status_reminder_days(shipped()[1], date(2026, 3, 31)) == [date(2026, 6, 30), date(2026, 9, 30)]


def test_a_date_for_a_deadline_without_its_texts_is_an_error(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    documents = root / DOCUMENTS_FILE
    text = documents.read_text(encoding="utf-8")
    start, end = text.index("  beschwerde:\n"), text.index("# Erinnerung in der Kalenderdatei")
    documents.write_text(text[:start] + text[end:], encoding="utf-8")
    messages = [f"{p.file}:{p.line}: {p.message}" for p in check_catalog(root, shipped()[0])[1]]
    assert messages == [
        "flows/documents.yaml:16: flows/guide.yaml fragt bei 'report_status' nach einem Datum für die Frist "
        "'beschwerde'. Ergänzen Sie hier ihre Texte unter 'deadlines: beschwerde:'."
    ]
