"""Advisor mode: the pure consultation core and the page through AppTest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lotse.advisor import consult
from lotse.content import load_content
from lotse.summary import call_summary, to_plain_text

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content(ROOT)
APP = str(ROOT / "app.py")
BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}


def test_consult_lists_missing_canonical_answers_in_flow_order() -> None:
    consultation = consult(CONTENT, {"state": "HH"})
    assert consultation.missing == ("incident", "danger", "police")
    assert consultation.result is None


def test_consult_in_any_order_gives_the_same_result_as_the_engine() -> None:
    consultation = consult(CONTENT, dict(reversed(list(BASE.items()))))
    assert consultation.missing == ()
    assert consultation.result is not None
    assert "threat-241" in [step.id for step in consultation.result.steps]


def test_answers_off_the_path_do_not_count() -> None:
    entered = {**BASE, "author_known": "no", "learned": "1_to_3_months"}
    consultation = consult(CONTENT, entered)
    assert "learned" not in consultation.given
    assert "learned" not in consultation.relevant
    assert "strafantrag-urgent" not in [step.id for step in consultation.result.steps]


def test_contradiction_is_reported_in_plain_german() -> None:
    consultation = consult(CONTENT, {**BASE, "incident": ["none", "threat"]})
    assert consultation.result is None and consultation.problem


def test_call_summary_contains_steps_contacts_and_notes_only_when_chosen() -> None:
    result = consult(CONTENT, BASE).result
    without = call_summary(CONTENT, result, BASE, notes="Aktenzeichen 123", include_notes=False, day=date(2026, 11, 22))
    with_notes = call_summary(CONTENT, result, BASE, notes="Aktenzeichen 123", include_notes=True)
    assert "Gespräch vom 22.11.2026" in without
    assert all(step.title in without for step in result.steps)
    assert all(contact.name in without for contact in result.contacts)
    assert "Aktenzeichen 123" not in without and "Aktenzeichen 123" in with_notes
    plain = to_plain_text(with_notes)
    assert "**" not in plain and not any(line.startswith("#") for line in plain.splitlines())


def advisor_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("pages/advisor.py").run()
    assert not at.exception
    return at


def fill(at: AppTest, state: str = "BY", police: str = "yes") -> AppTest:
    at.checkbox(key="adv_q_incident_threat").check().run()
    at.radio(key="adv_q_danger").set_value("no").run()
    at.selectbox(key="adv_q_state").set_value(state).run()
    at.radio(key="adv_q_police").set_value(police).run()
    assert not at.exception
    return at


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.label for e in at.expander] + [s.value for s in at.subheader]
    parts += [i.value for i in at.info] + [c.value for c in at.code]
    return "\n".join(parts)


def test_page_shows_what_is_missing_until_the_four_answers_are_given() -> None:
    at = advisor_page()
    assert "Für das Ergebnis fehlt noch" in page_text(at)
    fill(at)
    text = page_text(at)
    assert "Bedrohung ernst nehmen (§ 241 StGB)" in text
    assert "Für das Ergebnis fehlt noch" not in text


def test_changing_an_answer_updates_the_result() -> None:
    at = fill(advisor_page(), state="BY")
    assert "Bayern" in page_text(at)
    at.selectbox(key="adv_q_state").set_value("HH").run()
    text = page_text(at)
    assert "Hamburg" in text and "· Bayern" not in text
    at.radio(key="adv_q_police").set_value("no").run()
    assert "Falls Sie sich doch für eine Anzeige entscheiden" in page_text(at)


def test_danger_puts_the_emergency_box_first() -> None:
    at = fill(advisor_page())
    at.radio(key="adv_q_danger").set_value("yes").run()
    assert at.error and "110" in at.error[0].value


def test_summary_contains_steps_contacts_and_notes_only_when_ticked() -> None:
    at = fill(advisor_page())
    at.text_area(key="adv_notes").input("Rückruf Dienstag").run()
    summary = "\n".join(c.value for c in at.code)
    assert "Bedrohung ernst nehmen (§ 241 StGB)" in summary and "starke Stelle" in summary
    assert "Rückruf Dienstag" not in summary
    at.checkbox(key="adv_notes_in_summary").check().run()
    assert "Rückruf Dienstag" in "\n".join(c.value for c in at.code)


def test_new_conversation_clears_everything_after_confirmation() -> None:
    at = fill(advisor_page())
    at.text_area(key="adv_notes").input("vertraulich").run()
    at.button(key="adv_btn_new").click().run()
    assert "Alle Antworten und Notizen dieses Gesprächs löschen?" in at.warning[0].value
    at.button(key="adv_btn_clear").click().run()
    assert not at.exception
    assert not at.checkbox(key="adv_q_incident_threat").value
    assert at.radio(key="adv_q_danger").value is None
    assert at.selectbox(key="adv_q_state").value is None
    assert at.text_area(key="adv_notes").value == ""
    assert "Für das Ergebnis fehlt noch" in page_text(at)
