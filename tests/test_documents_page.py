"""The documents on the result page, through AppTest: the exact deadline for a date typed on the
question's screen, the calendar file, "Als PDF speichern" (the handout) and the letters that fit, each
with a short form that refuses a bad field with that field's message. Every download reaches the
courier (ui/download.py) with its file name and type, and opens."""

from __future__ import annotations

import base64
import io
from datetime import date, timedelta
from typing import Any

import pytest
from docx import Document as WordDocument
from icalendar import Calendar
from streamlit.testing.v1 import AppTest

import ui.advisor
import ui.deadlines
import ui.documents
import ui.download
from lotse.documents.document import Document
from lotse.guide.result import Result
from tests.apptest import (
    advise,
    click,
    in_order,
    ok,
    page,
    page_outline,
    plan_titles,
    result_page,
    texts,
    walk,
    walk_to_result,
)
from tests.documents_helpers import flat, pdf_says
from tests.documents_helpers import pdf_text as pages_text

TODAY = date(2026, 6, 1)
THREAT = {
    "incident": ["threat", "online_hate"],
    "danger": "no",
    "channel": ["online"],
    "storm": "no",
    "state": "BY",
    "police": "yes",
    "author_known": "yes",
    "learned": "1_to_3_months",
}
DROPPED = {
    "incident": ["insult"],
    "danger": "no",
    "channel": ["online"],
    "storm": "no",
    "state": "BE",
    "police": "already_reported",
    "report_status": "dropped",
    "author_known": "no",
}
LETTERS = [
    "Strafanzeige und Strafantrag",
    "Antrag auf Auskunftssperre im Melderegister",
    "Antrag auf ladungsfähige Anschrift statt Wohnanschrift",
]
NAME, ADDRESS, STORY = "Erika Quendelmoor", "Rathausplatz 1\n99999 Musterdorf", "Ein Kommentar drohte mir Prügel an."
FORM = "result_letter0_strafantrag"


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any] | None]:
    """What each run handed to the courier (None: nothing); the day is fixed to TODAY."""
    deliveries: list[dict[str, Any] | None] = []
    monkeypatch.setattr(ui.download, "_send", lambda key, document: deliveries.append(document))
    monkeypatch.setattr(ui.deadlines, "today", lambda: TODAY)
    monkeypatch.setattr(ui.documents, "today", lambda: TODAY)
    monkeypatch.setattr(ui.advisor, "today", lambda: TODAY)
    return deliveries


def delivered(sent: list[dict[str, Any] | None]) -> tuple[str, str, bytes]:
    document = sent[-1]
    assert document is not None, "nothing reached the courier"
    return document["filename"], document["mime"], base64.b64decode(document["base64"])


def pdf_text(data: bytes) -> str:
    return flat(" ".join(pages_text(data)))


def open_letter(at: AppTest, page: str = "result", letter: str = "strafantrag") -> AppTest:
    """Tap the letter's title: its expander reruns the page, which builds the form only now."""
    at.session_state[f"{page}_open_{letter}"] = True
    return ok(at.run())


def fill_letter(at: AppTest, name: str = NAME) -> AppTest:
    open_letter(at)
    at.text_input(key=f"{FORM}_name").input(name)
    at.text_area(key=f"{FORM}_address").input(ADDRESS)
    at.text_area(key=f"{FORM}_what_happened").input(STORY)
    return ok(at.run())


# --- deadlines --------------------------------------------------------------------------------------


def test_an_exact_date_gives_the_deadline_sentence_right_after_the_plan(sent: list) -> None:
    at = walk_to_result(THREAT, {"learned": date(2026, 3, 4)})  # typed on the question's screen
    outline = page_outline(at)
    box = outline.index(("subheader", "Frist für den Strafantrag"))
    last_plan_item = max(i for i, (kind, _) in enumerate(outline) if kind == "plan")
    assert last_plan_item < box < outline.index(("header", "Zu Ihrer Frist"))
    assert "**Ihre Frist endet am Freitag, 5. Juni 2026.**" in texts(at)
    assert "Der 4. Juni 2026 ist in Bayern ein gesetzlicher Feiertag: Fronleichnam." in texts(at)


def test_the_same_date_in_berlin_ends_a_day_earlier(sent: list) -> None:
    at = result_page({**THREAT, "state": "BE"}, {"learned": date(2026, 3, 4)})
    assert "**Ihre Frist endet am Donnerstag, 4. Juni 2026.**" in texts(at)


def test_the_calendar_file_holds_the_deadline_and_its_alarms(sent: list) -> None:
    at = result_page(THREAT, {"learned": date(2026, 3, 4)})
    click(at, "result_calendar")
    filename, mime, data = delivered(sent)
    assert (filename, mime) == ("Lotse-Fristen.ics", "text/calendar; charset=utf-8")
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events] == [
        ("Letzter Tag für den Strafantrag (§ 77b StGB)", date(2026, 6, 5))
    ]
    assert [alarm.decoded("TRIGGER") for alarm in events[0].walk("VALARM")] == [timedelta(days=-14), timedelta(hours=9)]


def test_a_dropped_case_with_its_notice_date_gets_the_complaint_deadline(sent: list) -> None:
    at = result_page(DROPPED, {"report_status": date(2026, 5, 21)})
    page = texts(at)
    assert "Frist für die Beschwerde gegen die Einstellung" in page
    assert "**Ihre Frist endet am Donnerstag, 4. Juni 2026.**" in page


def test_a_report_date_gives_reminders_to_ask_and_their_calendar(sent: list) -> None:
    waiting = {**DROPPED, "report_status": "waiting"}
    at = result_page(waiting, {"report_status": date(2026, 3, 10)})
    assert (
        "Haben Sie nichts gehört? Dann fragen Sie bei der Staatsanwaltschaft nach: am 10. Juni 2026 und am "
        "10. September 2026. Die Kalenderdatei erinnert Sie daran."
    ) in texts(at)
    click(at, "result_calendar")
    events = Calendar.from_ical(delivered(sent)[2]).walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [date(2026, 6, 10), date(2026, 9, 10)]


def test_without_a_date_there_is_no_deadline_box_and_no_calendar(sent: list) -> None:
    at = result_page(THREAT)
    assert "Frist für den Strafantrag" not in [text for kind, text in page_outline(at) if kind == "subheader"]
    assert "result_calendar" not in [button.key for button in at.button]


def test_a_date_typed_with_another_answer_does_not_count(sent: list) -> None:
    at = walk(DROPPED, {"report_status": date(2026, 5, 21)})
    at.button(key="check_change_report_status").click().run()
    ok(at.radio(key="q_report_status").set_value("private_prosecution").run())
    assert [d.key for d in at.date_input] == [], "no date is asked with this answer"
    click(at, "next_report_status")
    click(at, "show_result")
    assert "Frist für die Beschwerde gegen die Einstellung" not in texts(at)


# --- handout and letters ---------------------------------------------------------------------------


def test_the_result_offers_the_handout_and_the_letters_that_fit_after_the_plan(sent: list) -> None:
    at = result_page(THREAT)
    outline = page_outline(at)
    assert outline[:2] == [("title", "Ihr Plan"), ("glance", "Auf einen Blick")]
    assert plan_titles(at)[0] == "So zeigen Sie die Tat an"  # police wanted after a threat
    letters = outline.index(("header", "Briefe und Vorlagen"))
    assert outline.index(("header", "Mehr dazu")) < outline.index(("button", "Als PDF speichern")) < letters
    assert [text for kind, text in outline[letters:] if kind == "expander"][:3] == LETTERS
    assert letters < outline.index(("header", "Passende Ansprechstellen"))


def test_no_police_offers_no_strafantrag(sent: list) -> None:
    at = result_page({**THREAT, "police": "no"})
    assert [e.label for e in at.expander if e.label in LETTERS] == ["Antrag auf Auskunftssperre im Melderegister"]


def test_the_handout_is_made_on_the_click_with_the_plan_and_the_deadline(sent: list) -> None:
    insult_by_letter = {**THREAT, "incident": ["insult"], "channel": ["letter"]}  # a short handout
    at = result_page(insult_by_letter, {"learned": date(2026, 3, 4)})
    assert not any(sent), "no document may travel before the click"
    click(at, "result_handout")
    filename, mime, data = delivered(sent)
    assert (filename, mime) == ("Lotse-naechste-Schritte.pdf", "application/pdf")
    text = pdf_text(data)
    assert "Lotse: Ihre nächsten Schritte" in text and "Stand: 1. Juni 2026" in text
    assert "Ihre Frist endet am Freitag, 5. Juni 2026." in text
    assert "Mit der starken Stelle sprechen" in text and "0800 300 99 44" in text
    assert "Auf einen Blick" in text and "Die Schritte im Einzelnen" not in text  # the short one


def test_the_long_handout_only_on_its_own_button(sent: list) -> None:
    at = result_page({**THREAT, "incident": ["insult"], "channel": ["letter"]})
    labels = [b.label for b in at.button if str(b.key).startswith("result_handout")]
    assert labels == ["Als PDF speichern", "Ausführlich als PDF (alle Schritte)"]
    click(at, "result_handout_full")
    filename, _, data = delivered(sent)
    assert filename == "Lotse-naechste-Schritte-ausfuehrlich.pdf" and pdf_says(data, "Die Schritte im Einzelnen")


def test_a_letter_builds_its_form_only_when_it_is_opened(sent: list) -> None:
    at = result_page(THREAT)
    assert [e.key for e in at.text_input if "letter" in str(e.key)] == []
    open_letter(at)
    assert [e.key for e in at.text_input if "letter" in str(e.key)] == [f"{FORM}_name"]


def test_the_form_refuses_missing_fields_each_with_its_message_under_it(sent: list) -> None:
    at = open_letter(result_page(THREAT))
    click(at, f"{FORM}_pdf")
    assert sent[-1] is None, "a form with mistakes sends nothing"
    elements = [node for node in in_order(at) if node.type in {"text_input", "text_area", "error", "button"}]
    name = next(i for i, node in enumerate(elements) if getattr(node, "key", None) == f"{FORM}_name")
    assert elements[name + 1].value == "Bitte füllen Sie „Ihr Vor- und Nachname“ aus."
    story = next(i for i, node in enumerate(elements) if getattr(node, "key", None) == f"{FORM}_what_happened")
    assert elements[story + 1].value == "Bitte füllen Sie „Was ist passiert?“ aus."
    summary = elements[story + 2].value
    assert summary.startswith("Bitte prüfen Sie diese Angaben:\n\n- Bitte füllen Sie „Ihr Vor- und Nachname“ aus.")


def test_a_hidden_control_character_is_refused_at_its_field(sent: list) -> None:
    at = fill_letter(result_page(THREAT), name="Erika\u202eQuendelmoor")
    click(at, f"{FORM}_pdf")
    assert sent[-1] is None
    assert (
        "„Ihr Vor- und Nachname“ enthält ein unsichtbares Steuerzeichen (U+202E). "
        "Bitte löschen Sie es oder tippen Sie den Text neu."
    ) in [e.value for e in at.error]


def test_a_filled_letter_downloads_as_pdf_and_word(sent: list) -> None:
    at = fill_letter(result_page(THREAT))
    click(at, f"{FORM}_pdf")
    filename, mime, data = delivered(sent)
    assert (filename, mime) == ("Strafanzeige-und-Strafantrag.pdf", "application/pdf")
    text = pdf_text(data)
    assert NAME in text and "Bedrohung (§ 241 StGB)" in text, "the typed name and the preselected offence"
    click(at, f"{FORM}_docx")
    filename, mime, data = delivered(sent)
    assert (filename, mime) == (
        "Strafanzeige-und-Strafantrag.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    paragraphs = [paragraph.text for paragraph in WordDocument(io.BytesIO(data)).paragraphs]
    assert NAME in "\n".join(paragraphs)


def test_the_letter_takes_the_date_already_given_for_its_deadline(sent: list) -> None:
    at = fill_letter(result_page(THREAT, {"learned": date(2026, 3, 4)}))
    click(at, f"{FORM}_pdf")
    assert "Ihre Frist endet am Freitag, 5. Juni 2026." in pdf_text(delivered(sent)[2])


def test_starting_again_forgets_what_was_typed(sent: list) -> None:
    at = fill_letter(result_page(THREAT, {"learned": date(2026, 3, 4)}))
    assert NAME in at.session_state.to_dict().values()
    click(at, "restart_result")
    click(at, "restart_result_yes")
    state = at.session_state.to_dict()
    assert [key for key in state if "letter" in str(key)] == []
    assert NAME not in state.values() and STORY not in state.values()
    assert state["wizard"].dates == {}


# --- the advisor page ------------------------------------------------------------------------------


def advisor(answers: dict[str, Any]) -> AppTest:
    return advise(page("app_pages/advisor.py"), answers)


def test_the_advisor_asks_the_date_beside_its_question_and_shows_the_deadline(sent: list) -> None:
    at = advisor(DROPPED)
    assert [d.label for d in at.date_input] == ["An welchem Tag kam der Brief bei Ihnen an? (freiwillig)"]
    ok(at.date_input(key="adv_date_beschwerde").set_value(date(2026, 5, 21)).run())
    assert "**Ihre Frist endet am Donnerstag, 4. Juni 2026.**" in texts(at)
    line = "Frist für die Beschwerde gegen die Einstellung: Ihre Frist endet am Donnerstag, 4. Juni 2026."
    assert f"## Fristen und Termine\n- **{line}**" in at.code[1].value  # the call summary, Markdown
    assert f"Fristen und Termine\n- {line}" in at.code[0].value  # and plain text
    click(at, "adv_calendar")
    assert delivered(sent)[0] == "Lotse-Fristen.ics"


def test_the_advisor_hands_out_the_pdf_and_the_letters(sent: list, monkeypatch: pytest.MonkeyPatch) -> None:
    """The handout of the caller's result reaches the courier (how it is made: tests/test_handout.py)."""
    made: list[Result] = []

    def handout(catalog: object, content: object, result: Result, *args: object, **options: object) -> Document:
        made.append(result)
        return Document("Lotse-naechste-Schritte.pdf", "application/pdf", b"%PDF-1.7 handout")

    monkeypatch.setattr(ui.documents, "handout_pdf", handout)
    at = advisor(THREAT)
    outline = page_outline(at)
    assert outline.index(("header", "Zusammenfassung")) < outline.index(("header", "Zum Mitgeben"))
    assert [text for kind, text in outline if kind == "expander" and text in LETTERS] == LETTERS
    assert made == [], "no document may be made before the click"
    click(at, "adv_handout")
    assert delivered(sent) == ("Lotse-naechste-Schritte.pdf", "application/pdf", b"%PDF-1.7 handout")
    assert [result.answers.effective["state"] for result in made] == ["BY"]


def test_a_new_conversation_empties_the_dates_and_the_letters(sent: list) -> None:
    at = advisor(THREAT)
    ok(at.date_input(key="adv_date_strafantrag").set_value(date(2026, 3, 4)).run())
    open_letter(at, page="adv")
    at.text_input(key="adv_letter0_strafantrag_name").input(NAME)
    ok(at.run())
    click(at, "adv_btn_new")
    click(at, "adv_btn_clear")
    state = at.session_state.to_dict()
    assert NAME not in state.values() and date(2026, 3, 4) not in state.values()
    assert "Frist für den Strafantrag" not in texts(at)


def test_the_complaint_form_shows_the_last_day_and_asks_where_the_prosecutor_sits(sent: list) -> None:
    """Issue 20: the complaint letter's form, with the notice date from the guide, shows the safe last day;
    choosing the prosecutor's state counts its holidays (the Berlin example: 6 January, not a Bavarian 7th)."""
    at = result_page({**DROPPED, "state": "BY"}, {"report_status": date(2026, 5, 21)})
    assert "Beschwerde gegen die Einstellung" in [e.label for e in at.expander]
    at = open_letter(at, letter="beschwerde")
    form = "result_letter0_beschwerde"
    assert at.text_input(key=f"{form}_aktenzeichen")  # in view, not behind the switch
    assert "Ihre Frist endet am Donnerstag, 4. Juni 2026." in [i.value for i in at.info]
    at.selectbox(key=f"{form}_prosecutor_state").set_value("BY")
    ok(at.run())
    assert "Ihre Frist endet am Freitag, 5. Juni 2026." in [i.value for i in at.info]  # Fronleichnam in Bayern


@pytest.mark.parametrize(("ago", "in_plan"), [(80, True), (10, False)])
def test_a_strafantrag_deadline_near_its_end_is_in_the_plan_on_the_page(sent: list, ago: int, in_plan: bool) -> None:
    """The page passes the days the deadline leaves (counted for BY on TODAY) to the plan's urgency rules."""
    at = result_page({**THREAT, "learned": "under_1_month"}, {"learned": TODAY - timedelta(days=ago)})
    assert ("Strafantrag innerhalb von 3 Monaten stellen" in plan_titles(at)) is in_plan


def test_on_the_advisor_page_a_strafantrag_deadline_near_its_end_is_in_the_plan(sent: list) -> None:
    at = advisor({**THREAT, "learned": "under_1_month"})
    assert "Strafantrag innerhalb von 3 Monaten stellen" not in plan_titles(at)
    ok(at.date_input(key="adv_date_strafantrag").set_value(TODAY - timedelta(days=80)).run())
    assert "Strafantrag innerhalb von 3 Monaten stellen" in plan_titles(at)
