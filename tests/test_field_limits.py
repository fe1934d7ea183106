"""Field limits hold on the server: a client that skips the browser's `max_chars` (or sends a value that
is no option at all) gets its value cut to the limit or refused before the page uses it. (The size of a
whole websocket message and an answer that is no option are checked in tests/e2e/test_hostile_client.py
against a real server.)"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest import ok, page, result_page
from ui.advisor import NOTES_KEY, NOTES_MAX_CHARS

THREAT = {
    "incident": ["threat"],
    "danger": "no",
    "channel": ["online"],
    "state": "BY",
    "police": "yes",
    "author_known": "yes",
    "learned": "1_to_3_months",
}
FORM = "result_letter0_strafantrag"


def letter_form() -> AppTest:
    at = result_page(THREAT)
    at.session_state["result_open_strafantrag"] = True
    at.session_state[f"{FORM}_more"] = True  # the optional fields too
    return ok(at.run())


def test_every_text_field_of_a_letter_and_the_advisors_notes_has_a_limit() -> None:
    at = letter_form()
    fields = [*at.text_input, *at.text_area]
    assert len(fields) >= 5
    assert [f.key for f in fields if not f.proto.max_chars] == []
    assert page("app_pages/advisor.py").text_area(key=NOTES_KEY).proto.max_chars == NOTES_MAX_CHARS


def test_a_story_longer_than_its_limit_is_cut_on_the_server() -> None:
    at = letter_form()
    field = at.text_area(key=f"{FORM}_what_happened")
    assert field.proto.max_chars == 6000
    field.set_value("Drohung. " * 2000)  # 18,000 characters: what a client without the browser can send
    ok(at.run())
    assert len(at.session_state[f"{FORM}_what_happened"]) == 6000


def test_the_advisors_notes_are_cut_to_their_limit_on_the_server() -> None:
    at = page("app_pages/advisor.py")
    at.text_area(key=NOTES_KEY).set_value("x" * (NOTES_MAX_CHARS * 4))
    ok(at.run())
    assert len(at.session_state[NOTES_KEY]) == NOTES_MAX_CHARS
