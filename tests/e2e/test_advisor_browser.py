"""The advisor page in Chromium: what AppTest cannot see. Keyboard focus stays on the widget just used
while the page changes around it, "Neues Gespräch" empties the widgets in the browser too (and no old
value comes back with the next answer), the wider layout, and axe on the filled page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from lotse.content.loader import Content
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import VIEWPORTS, blocking, describe_violations, run_axe, save_axe_report, wait_idle

pytestmark = pytest.mark.e2e
CENTERED_MAX_PX = 736
ACTIVE_NAME = """() => {
  const el = document.activeElement;
  if (!el) return '';
  return (el.getAttribute('aria-label') || el.closest('label')?.innerText || el.innerText || '').trim();
}"""


def open_advisor(open_page: Callable[..., Page], server: Server, viewport: str = "desktop") -> Page:
    page = open_page(VIEWPORTS[viewport])
    page.goto(server.url)  # the very first deep link after a server start can show "Page not found"
    wait_idle(page)
    page.goto(f"{server.url}/beratung")
    expect(page.get_by_role("heading", name="Beratung", level=1)).to_be_visible()
    wait_idle(page)
    return page


def focused(page: Page) -> str:
    """The focused element's name, without Material icon names such as 'restart_alt'."""
    lines = [line for line in page.evaluate(ACTIVE_NAME).splitlines() if line.strip()]
    return "\n".join(line for line in lines if not re.fullmatch(r"[a-z_]+", line.strip()))


def tab_to(page: Page, starts_with: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page).startswith(starts_with):
            return
    raise AssertionError(f"'{starts_with}' cannot be reached with Tab")


def press_and_wait(page: Page, key: str) -> None:
    page.keyboard.press(key)
    page.wait_for_timeout(300)  # the rerun starts after the widget reports its new value
    wait_idle(page)


def label(content: Content, key: str, value: str) -> str:
    return content.questions()[key].label_of(value)


def test_answer_with_the_keyboard_alone_and_focus_stays_put(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    page = open_advisor(open_page, server)
    steps = [
        (label(content, "incident", "threat"), "Space"),
        (label(content, "danger", "yes"), "Space"),  # adds the emergency box above everything
        (label(content, "police", "yes"), "Space"),
    ]
    for name, key in steps:
        tab_to(page, name)
        press_and_wait(page, key)
        assert focused(page).startswith(name), f"focus lost after answering '{name}': now on '{focused(page)}'"
    number = list(content.questions()).index("state") + 1
    tab_to(page, f"{number}. " + content.questions()["state"].text)
    page.keyboard.type("Bayern")
    press_and_wait(page, "Enter")
    assert focused(page).startswith(f"{number}. ")
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("Sie sind in Gefahr")
    expect(main).to_contain_text("Rufen Sie jetzt 110 an")
    tab_to(page, "Herunterladen (.txt)")  # the result, the contacts and the summary are reachable too


def test_new_conversation_empties_the_widgets_in_the_browser(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    page = open_advisor(open_page, server)
    page.get_by_text(label(content, "incident", "threat")).first.click()
    wait_idle(page)
    page.get_by_text(label(content, "danger", "no")).click()
    wait_idle(page)
    page.get_by_label("Notizen zum Gespräch").fill("Vertraulich")
    page.get_by_text("Notizen in die Zusammenfassung übernehmen").click()  # also sends the notes
    wait_idle(page)
    tab_to(page, "Neues Gespräch")
    press_and_wait(page, "Enter")
    assert focused(page).startswith("Neues Gespräch")
    page.keyboard.press("Tab")
    assert focused(page) == "Ja, alles löschen"
    press_and_wait(page, "Enter")
    expect(page.locator("input[type=checkbox]:checked")).to_have_count(0)
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    expect(page.get_by_label("Notizen zum Gespräch")).to_have_value("")
    page.get_by_text(label(content, "incident", "insult")).first.click()  # the browser sends all values again
    wait_idle(page)
    missing = page.locator('[data-testid="stAlertContentInfo"]').first
    expect(missing).to_contain_text(content.questions()["danger"].text)
    expect(page.locator("input[type=checkbox]:checked")).to_have_count(1)


def test_the_page_is_wider_than_the_others_and_the_others_stay_centered(
    open_page: Callable[..., Page], server: Server
) -> None:
    page = open_advisor(open_page, server)
    container = page.locator('[data-testid="stMainBlockContainer"]')
    assert container.bounding_box()["width"] > CENTERED_MAX_PX
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Ansprechstellen").click()
    expect(page.get_by_role("heading", level=1).first).not_to_have_text("Beratung")
    wait_idle(page)
    assert container.bounding_box()["width"] <= CENTERED_MAX_PX


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_filled_page_has_no_serious_violations(
    viewport: str, open_page: Callable[..., Page], server: Server, content: Content, axe_source: str
) -> None:
    page = open_advisor(open_page, server, viewport)
    for key, value in (("incident", "threat"), ("danger", "yes"), ("police", "no")):
        page.get_by_text(label(content, key, value)).first.click()
        wait_idle(page)
    page.get_by_role("combobox").first.click()
    page.get_by_role("option", name="Hamburg").click()
    wait_idle(page)
    expect(page.locator('[data-testid="stCode"]').first).to_be_visible()
    violations = {"advisor": run_axe(page, axe_source)}
    save_axe_report(f"advisor-filled-{viewport}", violations)
    assert not blocking(violations["advisor"]), describe_violations(violations)
