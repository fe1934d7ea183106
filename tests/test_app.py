"""The self-guided wizard and the other pages through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def registered_pages() -> list[str]:
    """Every page script app.py registers, so a new page is smoke-tested without editing this file."""
    return re.findall(r'st\.Page\("([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))


def fresh_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def answer_radio(at: AppTest, node: str, value: str) -> AppTest:
    at.radio(key=f"q_{node}").set_value(value).run()
    return click(at, f"next_{node}")


def answer_incidents(at: AppTest, *values: str) -> AppTest:
    for value in values:
        at.checkbox(key=f"q_incident_{value}").check().run()
    return click(at, "next_incident")


def walk_to_result(incident: str, state: str, police: str) -> AppTest:
    """Start, one incident, no danger, the state and police wish, author unknown, then the result."""
    at = click(fresh_app(), "start")
    answer_incidents(at, incident)
    answer_radio(at, "danger", "no")
    answer_radio(at, "state", state)
    answer_radio(at, "police", police)
    answer_radio(at, "author_known", "no")
    return click(at, "show_result")


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader] + [e.value for e in at.error] + [c.value for c in at.caption]
    parts += [e.label for e in at.expander]
    return "\n".join(parts)


@pytest.mark.parametrize("page", registered_pages())
def test_every_page_renders_without_exception(page: str) -> None:
    at = fresh_app()
    at.switch_page(page).run()
    assert not at.exception
    assert at.title, f"{page} has no page title"


def test_start_page_explains_what_lotse_does_and_does_not_do() -> None:
    at = fresh_app()
    page = texts(at)
    assert "keine Rechtsberatung" in page and "speichert nichts" in page
    assert "Seite verlassen" in page
    assert at.button(key="start").label == "Start"


def test_full_walk_with_back_and_change_reaches_the_right_result() -> None:
    at = click(fresh_app(), "start")
    assert "Frage 1 von 5" in texts(at)
    answer_incidents(at, "threat", "online_hate")
    answer_radio(at, "danger", "no")
    answer_radio(at, "state", "BY")
    click(at, "back_police")  # back to the state question: the choice is still selected
    assert at.radio(key="q_state").value == "BY"
    answer_radio(at, "state", "NW")
    answer_radio(at, "police", "yes")
    answer_radio(at, "author_known", "no")
    assert at.title[0].value == "Ihre Angaben prüfen"
    assert "Nordrhein-Westfalen" in texts(at)

    click(at, "check_change_state")  # "Ändern" on the check page, then back to the check page
    answer_radio(at, "state", "HH")
    assert at.title[0].value == "Ihre Angaben prüfen"
    assert "Hamburg" in texts(at) and "Nordrhein-Westfalen" not in texts(at)

    click(at, "show_result")
    page = texts(at)
    assert at.title[0].value == "Ihr Ergebnis"
    assert "Bedrohung ernst nehmen (§ 241 StGB)" in page
    assert "Hamburg" in page  # contacts of the chosen state
    assert "starke Stelle" in page
    assert "Inhalte zuletzt geprüft am" in page


def test_danger_yes_shows_emergency_screen_next_and_first_in_result() -> None:
    at = click(fresh_app(), "start")
    answer_incidents(at, "attack")
    answer_radio(at, "danger", "yes")
    assert at.title[0].value == "Rufen Sie jetzt die 110 an."
    click(at, "next_emergency")
    answer_radio(at, "state", "SN")
    answer_radio(at, "police", "yes")
    answer_radio(at, "author_known", "no")
    click(at, "show_result")
    assert "110" in at.error[0].value  # the emergency box comes before every step
    assert at.expander[0].label == "**1. Rufen Sie jetzt 110 an**"


def test_nothing_chosen_shows_a_message_instead_of_moving_on() -> None:
    at = click(click(fresh_app(), "start"), "next_incident")
    assert at.title[0].value == "Was ist passiert?"
    assert at.error[0].value == "Bitte wählen Sie eine Antwort. Mehrere sind möglich."


def test_prevention_cannot_be_combined_with_incidents() -> None:
    at = click(fresh_app(), "start")
    answer_incidents(at, "none", "insult")
    assert at.title[0].value == "Was ist passiert?"
    assert "passt nicht zu den anderen Antworten bei „Was ist passiert?“" in at.error[0].value


def test_no_police_wish_lists_police_contacts_last_under_their_own_heading() -> None:
    at = walk_to_result("insult", "NW", "no")
    headings = [s.value for s in at.subheader]
    assert "Falls Sie sich doch für eine Anzeige entscheiden" in headings
    assert "Ohne Polizei – das können Sie trotzdem tun" in texts(at)


def test_restart_clears_answers() -> None:
    at = click(fresh_app(), "start")
    answer_incidents(at, "stalking")
    click(at, "restart_danger")
    assert at.button(key="start").label == "Start"
    click(at, "start")
    assert not any(cb.value for cb in at.checkbox)


def test_steps_for_now_and_today_are_open_and_later_ones_folded() -> None:
    at = walk_to_result("threat", "BE", "yes")
    assert "Was heute wichtig ist, ist schon aufgeklappt." in texts(at)
    headings = [s.value for s in at.subheader]
    assert "Heute" in headings and len(headings) > 1  # a later group exists, so something is folded
    open_steps = [e.proto.expanded for e in at.expander if re.match(r"\*\*\d+\. ", e.label)]
    first_folded = open_steps.index(False)
    assert first_folded > 0 and not any(open_steps[first_folded:])
