"""The self-guided wizard and every page through Streamlit's AppTest (no browser): the way through,
the emergency screen, restarting, the question count."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ui.content
from lotse.check.live import LiveContent
from tests.apptest import (
    answer,
    click,
    copy_content,
    fresh_app,
    page,
    page_outline,
    registered_pages,
    started,
    texts,
    title,
    walk,
    walk_to_result,
)


@pytest.mark.parametrize("script", registered_pages())
def test_every_page_renders_without_exception(script: str) -> None:
    at = page(script)
    assert at.title, f"{script} has no page title"


def test_start_page_says_what_lotse_does_and_does_not_do() -> None:
    at = fresh_app()
    assert title(at) == "Lotse: Ihr Wegweiser bei Hass, Bedrohung und Angriffen"
    page_text = texts(at)
    assert "keine Rechtsberatung" in page_text and "Lotse speichert\nnichts" in page_text
    assert "„Seite verlassen“" in page_text
    assert at.button(key="start").label == "Start"


def test_the_words_come_from_the_texts_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor changes a button in texts/de.yaml; the page shows it without a change in Python."""
    root = copy_content(tmp_path)
    texts_file = root / "texts" / "de.yaml"
    texts_file.write_text(
        texts_file.read_text(encoding="utf-8").replace("  start: Start\n", "  start: Los geht's\n"), encoding="utf-8"
    )
    monkeypatch.setattr(ui.content, "LIVE", LiveContent(root))
    at = fresh_app()
    assert at.button(key="start").label == "Los geht's"


def test_full_walk_with_back_and_change_reaches_the_right_result() -> None:
    at = click(fresh_app(), "start")
    assert at.caption[0].value == "Frage 1 von höchstens 9"
    answer(at, "incident", ["threat", "online_hate"])
    answer(at, "danger", "no")
    assert title(at) == "Wie kam es bei Ihnen an?"
    answer(at, "channel", ["online"])
    answer(at, "storm", "no")
    answer(at, "state", "BY")
    click(at, "back_police")  # back to the state question: the choice is still selected
    assert at.radio(key="q_state").value == "BY"
    answer(at, "state", "NW")
    answer(at, "police", "yes")
    answer(at, "author_known", "no")
    assert title(at) == "Ihre Angaben prüfen"
    assert "Nordrhein-Westfalen" in texts(at)

    click(at, "check_change_state")  # "Ändern" on the check page, then back to the check page
    answer(at, "state", "HH")
    assert title(at) == "Ihre Angaben prüfen"
    assert "Hamburg" in texts(at) and "Nordrhein-Westfalen" not in texts(at)

    click(at, "show_result")
    page_text = texts(at)
    assert title(at) == "Ihr Plan"
    assert "Bedrohung ernst nehmen (§ 241 StGB)" in page_text
    assert "Onlinewache der Polizei Hamburg" in page_text  # a contact of the chosen state
    assert "Inhalte zuletzt geprüft am" in page_text


def test_the_question_count_never_grows_on_the_way() -> None:
    at = click(fresh_app(), "start")
    counts = []
    for node, value in (
        ("incident", ["threat"]),
        ("danger", "no"),
        ("channel", ["letter"]),
        ("state", "BE"),
        ("police", "already_reported"),
        ("report_status", "waiting"),
        ("author_known", "yes"),
        ("learned", "unsure"),
    ):
        number, total = map(int, re.fullmatch(r"Frage (\d+) von höchstens (\d+)", at.caption[0].value).groups())
        counts.append((number, total))
        answer(at, node, value)
    assert counts == [
        (1, 9),
        (2, 8),
        (3, 8),
        (4, 8),
        (5, 8),
        (6, 8),
        (7, 8),
        (8, 8),
    ]  # a threat only: no storm question
    assert title(at) == "Ihre Angaben prüfen"


def test_the_count_shrinks_when_fewer_questions_remain() -> None:
    at = started()
    answer(at, "incident", ["attack"])  # an attack: no question about the channel
    assert at.caption[0].value == "Frage 2 von höchstens 7"


def test_the_emergency_screen_leads_with_the_call_button() -> None:
    at = started()
    answer(at, "incident", ["attack"])
    answer(at, "danger", "yes")
    assert page_outline(at)[:4] == [
        ("title", "Rufen Sie jetzt die 110 an."),
        ("link", "110 anrufen -> tel:110"),
        ("button", "Ich bin in Sicherheit – weiter"),
        ("button", "Zurück"),
    ]
    click(at, "next_emergency")
    assert title(at) == "In welchem Bundesland sind Sie tätig?"


def test_danger_puts_the_emergency_box_and_110_first_in_the_result() -> None:
    at = walk_to_result({"incident": ["attack"], "danger": "yes", "state": "SN", "police": "yes", "author_known": "no"})
    outline = page_outline(at)
    assert outline[:3] == [("title", "Ihr Plan"), ("link", "110 anrufen -> tel:110"), ("glance", "Auf einen Blick")]
    assert at.error[0].value.startswith("**Sie sind in Gefahr: Rufen Sie jetzt die Polizei unter 110.**")
    plan = outline.index(("plan", "1. Rufen Sie jetzt 110 an"))
    assert outline[plan + 1] == ("expander", "Mehr lesen")  # the call button is in the red box, not repeated
    assert [item for item in outline if item[1] == "110 anrufen -> tel:110"] == [("link", "110 anrufen -> tel:110")]


def test_nothing_chosen_shows_a_message_instead_of_moving_on() -> None:
    at = click(started(), "next_incident")
    assert title(at) == "Was ist passiert?"
    assert at.error[0].value == "Bitte wählen Sie eine Antwort. Mehrere sind möglich."


def test_prevention_cannot_be_combined_with_incidents() -> None:
    at = started()
    answer(at, "incident", ["none", "insult"])
    assert title(at) == "Was ist passiert?"
    assert at.error[0].value == (
        "„Noch nichts. Ich möchte vorbeugen.“ passt nicht zu den anderen Antworten bei „Was ist passiert?“. "
        "Bitte wählen Sie neu."
    )


def test_restart_asks_first_and_no_keeps_everything() -> None:
    at = walk(
        {
            "incident": ["stalking"],
            "danger": "no",
            "channel": ["phone"],
            "state": "HE",
            "police": "no",
            "author_known": "no",
        }
    )
    assert at.button(key="restart_check").proto.type == "tertiary"  # visually below Weiter and Zurück
    click(at, "restart_check")
    assert at.warning[0].value == "Alle Antworten löschen und neu beginnen?"
    assert title(at) == "Ihre Angaben prüfen"
    click(at, "restart_check_no")
    assert not at.warning and title(at) == "Ihre Angaben prüfen"
    assert "Ich werde verfolgt oder belästigt." in texts(at)


def test_restart_yes_clears_every_answer() -> None:
    at = started()
    answer(at, "incident", ["stalking"])
    click(at, "restart_danger")
    click(at, "restart_danger_yes")
    assert at.button(key="start").label == "Start"
    click(at, "start")
    assert not any(box.value for box in at.checkbox)
