"""The start page answers the first question (who uses Lotse): "Start" for oneself goes straight to
"Was ist passiert?", a button below it for each other role; the question itself is never shown on the
way forward, Back from the first question returns to the start page, and the check page can change it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lotse.check import validate
from lotse.guide.wizard import START, back, begin, depth, question_count
from tests.apptest import answer, click, fresh_app, page_outline, shipped, started, title, walk
from tests.trees import build_tree, minimal_guide


def test_the_start_page_offers_start_first_and_the_other_roles_below_it() -> None:
    outline = [entry for entry in page_outline(fresh_app()) if entry[0] in {"title", "subheader", "button"}]
    assert outline[:5] == [
        ("title", "Lotse: Ihr Wegweiser bei Hass, Bedrohung und Angriffen"),
        ("button", "Start"),
        ("subheader", "Sie nutzen Lotse für jemand anderen?"),
        ("button", "Ich helfe jemandem"),
        ("button", "Für die Gemeinde oder Verwaltung"),
    ]


def test_start_is_for_oneself_and_opens_at_what_happened() -> None:
    at = started()
    assert title(at) == "Was ist passiert?"
    assert at.caption[0].value == "Frage 1 von höchstens 9"
    assert at.session_state["wizard"].answers == {"role": "self"}


def test_each_other_button_starts_with_its_role() -> None:
    for role in ("supporter", "municipality"):
        at = click(fresh_app(), f"start_{role}")
        assert title(at) == "Was ist passiert?"
        assert at.session_state["wizard"].answers == {"role": role}


def test_back_on_the_first_question_returns_to_the_start_page() -> None:
    at = click(started("supporter"), "back_incident")
    assert title(at) == "Lotse: Ihr Wegweiser bei Hass, Bedrohung und Angriffen"
    assert at.session_state["wizard"].screen == START


def test_the_check_page_lists_the_role_and_changes_it() -> None:
    at = walk({"incident": ["attack"], "danger": "no", "state": "BE", "police": "yes", "author_known": "no"})
    click(at, "check_change_role")
    assert title(at) == "Für wen nutzen Sie Lotse?"
    answer(at, "role", "supporter")
    assert title(at) == "Ihre Angaben prüfen"
    assert at.session_state["wizard"].answers["role"] == "supporter"


def test_begin_answers_the_first_question_and_counts_from_the_next() -> None:
    content = shipped()
    state = begin(content, "municipality")
    assert (state.screen, state.answers) == ("incident", {"role": "municipality"})
    assert begin(content, "made_up").answers == {"role": "self"}  # only an option counts; else the default
    assert begin(content).answers == {"role": "self"}
    assert depth(content, state) == 1 and back(content, state).screen == START
    assert question_count(content, state)[0] == 1


def test_the_check_names_a_start_question_the_start_page_cannot_answer(tmp_path: Path) -> None:
    guide = minimal_guide().replace("start: incident\n", "start: incident\nasked_on_start: incident\n")
    build_tree(tmp_path, guide=guide)
    assert [str(problem) for problem in validate(tmp_path, date(2026, 11, 30)).errors] == [
        "flows/guide.yaml:5: Fehler: 'asked_on_start: incident' muss die Frage unter 'start' "
        "sein ('incident'), mit einer Antwort (ohne 'multiple'): Ihre Antworten werden die Knöpfe der Startseite."
    ]
