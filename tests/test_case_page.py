"""The page "Mein Fall" through AppTest: add an incident, its deadline, limits held on the server, the
encrypted file, the exports and the Strafantrag filled from the case."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import ui.case
import ui.documents
import ui.download
from lotse.case import age
from lotse.case.file import unseal
from lotse.case.model import Case, Incident, Reports
from tests.apptest import ok, page

TODAY = date(2026, 6, 1)
SECRET = "korrekt pferd batterie"
PAGE = "app_pages/case.py"


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any] | None]:
    deliveries: list[dict[str, Any] | None] = []
    monkeypatch.setattr(ui.download, "_send", lambda key, document: deliveries.append(document))
    monkeypatch.setattr(ui.case, "today", lambda: TODAY)
    monkeypatch.setattr(ui.documents, "today", lambda: TODAY)
    monkeypatch.setattr(age.encrypt, "__defaults__", (10,))  # speed only: a small scrypt work factor
    return deliveries


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def add(at: AppTest, words: str, author: str = "", happened: date | None = None) -> AppTest:
    ok(at.button(key="case_add").click().run())
    generation = at.session_state["case_form"]
    if happened:
        at.date_input(key=f"case_f{generation}_happened_on").set_value(happened)
        at.date_input(key=f"case_f{generation}_learned_on").set_value(happened)
    at.text_area(key=f"case_f{generation}_words").input(words)
    if author:
        at.text_input(key=f"case_f{generation}_author").input(author)
    return ok(button(at, "Vorfall übernehmen").click().run())


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_page_starts_empty_with_the_warning(sent: list) -> None:
    at = page(PAGE)
    assert at.title[0].value == "Mein Fall"
    assert at.warning[0].value.startswith("**Schreiben Sie nichts, was der Täter nicht lesen darf.**")
    assert at.info[0].value.startswith("Noch keine Vorfälle.")
    assert "Mein Fall sichern" not in [b.label for b in at.button]


def test_adding_two_incidents_lists_them_newest_first_by_author_with_deadlines(sent: list) -> None:
    at = page(PAGE)
    at.selectbox(key="case_state").set_value("BY").run()
    add(at, "Wir kriegen dich.", "Wahrheit123", date(2026, 3, 3))
    assert at.success[0].value.startswith("Der Vorfall steht jetzt in Ihrem Fall.")
    add(at, "Wir wissen, wo du wohnst.", "", date(2026, 4, 20))
    case: Case = at.session_state["case_file"]
    assert [i.words for i in case.newest_first()] == ["Wir wissen, wo du wohnst.", "Wir kriegen dich."]
    assert [s.value for s in at.subheader][:2] == ["Wahrheit123", "Ohne bekannte Person"]
    text = markdown(at)
    assert "Strafantrag bis Mittwoch, 3. Juni 2026" in text
    assert "Strafantrag bis Montag, 20. Juli 2026" in text
    assert "„Wir kriegen dich\\.“" in text


def test_a_status_request_is_added_to_the_reports(sent: list) -> None:
    at = page(PAGE)
    ok(at.button(key="case_add").click().run())
    generation = at.session_state["case_form"]
    at.text_area(key=f"case_f{generation}_words").input("Ein Vorfall")
    at.text_input(key=f"case_f{generation}_r_aktenzeichen").input("123 Js 4567/26")
    at.date_input(key=f"case_f{generation}_r_sr0").set_value(date(2026, 5, 2))
    ok(button(at, "Vorfall übernehmen").click().run())
    (incident,) = at.session_state["case_file"].incidents
    assert (incident.reports.aktenzeichen, incident.reports.status_requests) == ("123 Js 4567/26", [date(2026, 5, 2)])


def test_one_save_takes_several_status_requests_and_three_evidence_items(sent: list) -> None:
    at = page(PAGE)
    ok(at.button(key="case_add").click().run())
    generation = at.session_state["case_form"]
    key = f"case_f{generation}_"
    at.text_area(key=key + "words").input("Ein Vorfall")
    at.date_input(key=key + "r_sr0").set_value(date(2026, 5, 2))
    ok(button(at, "Weitere Nachfrage eintragen").click().run())
    at.date_input(key=key + "r_sr1").set_value(date(2026, 4, 1))
    for row, kind in enumerate(("Screenshot", "Brief")):
        at.text_input(key=f"{key}ev{row}_kind").input(kind)
    ok(button(at, "Weiteren Beweis eintragen").click().run())
    at.text_input(key=key + "ev2_kind").input("Sprachnachricht")
    assert at.text_area(key=key + "words").value == "Ein Vorfall"  # adding a row keeps what is typed
    ok(button(at, "Vorfall übernehmen").click().run())
    (incident,) = at.session_state["case_file"].incidents
    assert incident.reports.status_requests == [date(2026, 4, 1), date(2026, 5, 2)]
    assert [item.kind for item in incident.evidence] == ["Screenshot", "Brief", "Sprachnachricht"]
    ok(at.button(key=f"case_edit_{incident.id}").click().run())
    key = f"case_f{at.session_state['case_form']}_"
    assert at.date_input(key=key + "r_sr1").value == date(2026, 5, 2) and at.date_input(key=key + "r_sr2").value is None
    assert at.text_input(key=key + "ev3_kind").value == ""  # a free row after the three known ones


def test_the_server_holds_the_limits_a_browser_skips(sent: list) -> None:
    at = page(PAGE)
    ok(at.button(key="case_add").click().run())
    generation = at.session_state["case_form"]
    at.session_state[f"case_f{generation}_author"] = "x" * 500  # past the browser's max_chars
    at.session_state[f"case_f{generation}_happened_on"] = date(2026, 6, 2)  # past the date picker's last day
    ok(button(at, "Vorfall übernehmen").click().run())
    (incident,) = at.session_state["case_file"].incidents
    assert (len(incident.author), incident.happened_on) == (200, TODAY)


def test_the_file_is_saved_encrypted_and_the_passphrase_forgotten(sent: list) -> None:
    at = page(PAGE)
    add(at, "Dich kriegen wir noch 🙂", "Wahrheit123")
    at.text_input(key="case_secret").input(SECRET)  # in the form: sent with the tap on "sichern"
    ok(at.button(key="case_save").click().run())
    document = sent[-1]
    assert document is not None and document["filename"] == "Mein-Fall.age"
    case = unseal(base64.b64decode(document["base64"]), SECRET)
    assert case == at.session_state["case_file"]
    assert at.session_state["case_secret"] == ""


def test_a_save_while_the_server_derives_its_most_keys_gets_a_calm_message(
    sent: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(age, "KDF_WAIT", 0.0)
    at = page(PAGE)
    add(at, "Ein Vorfall")
    at.text_input(key="case_secret").input(SECRET)
    assert age.KDF_BUDGET.take(age.KDF_MEMORY, 0.0)  # as if other sessions were saving or opening right now
    try:
        ok(at.button(key="case_save").click().run())
    finally:
        age.KDF_BUDGET.give(age.KDF_MEMORY)
    assert sent[-1] is None
    assert at.error[0].value == (
        "Gerade sichern und öffnen viele Menschen ihren Fall. Bitte versuchen Sie es in einer Minute noch "
        "einmal. Was hier steht, bleibt erhalten."
    )
    assert len(at.session_state["case_file"].incidents) == 1


def test_a_short_passphrase_saves_nothing(sent: list) -> None:
    at = page(PAGE)
    add(at, "Ein Vorfall")
    at.text_input(key="case_secret").input("kurz")
    ok(at.button(key="case_save").click().run())
    assert sent[-1] is None
    assert at.error[0].value == "Das Passwort ist zu kurz. Nehmen Sie mindestens 8 Zeichen."


def test_the_exports_say_they_are_unencrypted_and_the_pdf_is_made(sent: list) -> None:
    at = page(PAGE)
    add(at, "Ein Vorfall")
    text = markdown(at)
    assert "Diese Dateien sind **nicht verschlüsselt**." in text
    ok(at.button(key="case_pdf").click().run())
    assert sent[-1]["filename"] == "Lotse-Zeitstrahl-fuer-die-Polizei.pdf"
    ok(at.button(key="case_csv").click().run())
    assert sent[-1]["filename"] == "Lotse-Vorfaelle.csv"


def test_the_strafantrag_takes_the_chosen_incidents(sent: list) -> None:
    at = page(PAGE)
    first = Incident(happened_on=date(2026, 3, 3), learned_on=date(2026, 3, 4), words="Wir kriegen dich.", author="W")
    second = Incident(
        happened_on=date(2026, 4, 20),
        learned_on=date(2026, 4, 20),
        words="Wir wissen, wo du wohnst.",
        kinds=["threat"],
        reports=Reports(aktenzeichen="123 Js 4567/26"),
    )
    at.session_state["case_file"] = Case(state="BY", incidents=[first, second])
    ok(at.run())
    at.multiselect(key="case_chosen").select(first.id).select(second.id).run()
    for toggle in at.toggle:
        toggle.set_value(True)
    ok(at.run())
    what = next(t for t in at.text_area if t.key and t.key.endswith("_what_happened"))
    assert "„Wir kriegen dich.“" in what.value and "„Wir wissen, wo du wohnst.“" in what.value
    assert (
        next(t for t in at.text_input if t.key and t.key.endswith("strafantrag_aktenzeichen")).value == "123 Js 4567/26"
    )
    assert (
        next(t for t in at.text_input if t.key and t.key.endswith("sachstand_aktenzeichen")).value == "123 Js 4567/26"
    )


def test_an_incident_opens_the_guide_with_its_answers_preset(sent: list) -> None:
    at = page(PAGE)
    at.selectbox(key="case_state").set_value("NW").run()
    ok(at.button(key="case_add").click().run())
    generation = at.session_state["case_form"]
    at.date_input(key=f"case_f{generation}_happened_on").set_value(date(2026, 5, 20))
    at.date_input(key=f"case_f{generation}_learned_on").set_value(date(2026, 5, 20))
    at.selectbox(key=f"case_f{generation}_channel").set_value("letter")
    at.multiselect(key=f"case_f{generation}_kinds").set_value(["threat"])
    ok(button(at, "Vorfall übernehmen").click().run())
    (incident,) = at.session_state["case_file"].incidents
    ok(at.button(key=f"case_guide_{incident.id}").click().run())
    wizard = at.session_state["wizard"]
    assert {k: wizard.answers[k] for k in ("incident", "channel", "state")} == {
        "incident": ["threat"],
        "channel": ["letter"],
        "state": "NW",
    }
    assert (wizard.dates, wizard.screen) == ({"strafantrag": date(2026, 5, 20)}, "danger")
    assert at.title[0].value != "Mein Fall"  # the guide's page, not the case's
    assert at.session_state["case_file"].incidents == [incident]  # the case stays open
