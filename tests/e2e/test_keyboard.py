"""A walk through the wizard with the keyboard alone: Tab, Space, Enter and the arrow keys, no clicks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from lotse.content.loader import Content
from lotse.guide.result import compute_result
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import VIEWPORTS, Shots, Wizard, main_text, option_name

pytestmark = pytest.mark.e2e
ACTIVE_NAME = """() => {
  const el = document.activeElement;
  if (!el) return '';
  return (el.getAttribute('aria-label') || el.closest('label')?.innerText || el.innerText || '').trim();
}"""


def tab_to(page: Page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's accessible name is `name` (bounded)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE_NAME) == name:
            return
    raise AssertionError(f"'{name}' cannot be reached with Tab")


def choose_with_keys(page: Page, labels: list[str], wanted: str) -> None:
    """A radio group is one Tab stop; the arrow keys move within it and select (WAI-ARIA pattern)."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE_NAME) in labels:
            break
    else:
        raise AssertionError(f"no option of {labels} can be reached with Tab")
    for _ in range(len(labels)):
        if page.evaluate(ACTIVE_NAME) == wanted:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")


def tab_into(page: Page, target: Locator, limit: int = 80) -> None:
    """Press Tab until the focus is on or inside `target` (bounded)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el.contains(document.activeElement)"):
            return
    raise AssertionError(f"{target} cannot be reached with Tab")


def press_button(page: Page, name: str) -> None:
    tab_to(page, name)
    page.keyboard.press("Enter")


def test_walk_with_the_keyboard_alone(
    open_page: Callable[..., Page], server: Server, content: Content, make_shots: Callable[[Page], Shots]
) -> None:
    """Start, tick a checkbox, choose radios with the arrow keys, "Zurück", "Ändern" on the check page
    and the result: every action is a key press (Tab, Space, Enter, arrows), none is a click."""
    page = open_page(VIEWPORTS["desktop"])
    wizard = Wizard(page, content, make_shots(page))
    questions = content.questions()
    wizard.open(server.url)
    press_button(page, "Start")  # for oneself: the start page answers the first question
    wizard.expect_screen("incident")
    tab_to(page, option_name(questions["incident"], "insult"))
    page.keyboard.press("Space")
    expect(wizard.option("incident", "insult")).to_be_checked()

    answers = {"danger": "no", "state": "HE", "police": "no", "author_known": "no"}
    following = {"incident": "danger", "danger": "channel", "state": "police", "police": "author_known"}
    current = "incident"
    for key, value in answers.items():
        press_button(page, "Weiter")
        wizard.expect_screen(following[current])
        if key == "police":  # once "Zurück": the previous answer is still chosen
            press_button(page, "Zurück")
            wizard.expect_screen("state")
            wizard.expect_chosen("state", "HE")
            press_button(page, "Weiter")
            wizard.expect_screen("police")
        if key == "state":  # the channel question: tick "on paper" with the keyboard, then on
            tab_to(page, option_name(questions["channel"], "letter"))
            page.keyboard.press("Space")
            expect(wizard.option("channel", "letter")).to_be_checked()
            press_button(page, "Weiter")
            wizard.expect_screen("state")
        labels = [option_name(questions[key], v) for v in questions[key].option_values()]
        choose_with_keys(page, labels, option_name(questions[key], value))
        expect(wizard.option(key, value)).to_be_checked()
        current = key
    press_button(page, "Weiter")
    wizard.expect_check()
    wizard.assert_check_lists({"incident": ["insult"], "channel": ["letter"], **answers})

    tab_into(page, page.locator(".st-key-check_change_incident"))  # "Ändern" next to "Was ist passiert?"
    page.keyboard.press("Enter")
    wizard.expect_screen("incident")
    tab_to(page, option_name(questions["incident"], "threat"))
    page.keyboard.press("Space")
    expect(wizard.option("incident", "threat")).to_be_checked()
    press_button(page, "Weiter")
    wizard.expect_check()
    final = {"incident": ["insult", "threat"], "channel": ["letter"], **answers}
    wizard.assert_check_lists(final)

    press_button(page, "Ergebnis anzeigen")
    wizard.expect_result()
    text = main_text(page)
    result = compute_result(content, final)
    shown = [step.title for step in result.plan] + [step.title for step in result.more]
    assert all(title in text for title in shown), "result steps missing"
    assert "Hessen" in text
