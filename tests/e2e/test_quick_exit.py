"""GOV.UK-style quick exit: the button and pressing Shift three times replace the page at once with
a neutral website (intercepted here: there is no network) and end the session's state."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from lotse.content import Content
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import EXIT_BUTTON, START_TITLE, VIEWPORTS, Wizard, main_text, neutral_url

pytestmark = pytest.mark.e2e
NEUTRAL = neutral_url()
NEUTRAL_BODY = "<!doctype html><title>Wetter</title><h1>Wetter heute</h1>"


def serve_neutral_site(page: Page) -> None:
    page.context.route(NEUTRAL + "**", lambda route: route.fulfill(body=NEUTRAL_BODY, content_type="text/html"))


def start_walk(page: Page, server: Server, content: Content) -> Wizard:
    wizard = Wizard(page, content)
    wizard.open(server.url)
    wizard.start()
    wizard.answer("incident", ["stalking"])
    wizard.expect_screen("danger")
    return wizard


def assert_left(page: Page, history_before: int) -> None:
    expect(page).to_have_url(NEUTRAL)
    expect(page.get_by_role("heading", name="Wetter heute")).to_be_visible()
    # location.replace: the app's entry was replaced, the history did not grow ("Back" skips Lotse)
    assert page.evaluate("() => history.length") == history_before


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_exit_button_replaces_the_page(
    viewport: str, open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    page = open_page(VIEWPORTS[viewport])
    serve_neutral_site(page)
    start_walk(page, server, content)
    history_before = page.evaluate("() => history.length")
    page.get_by_role("button", name=EXIT_BUTTON, exact=True).click()
    assert_left(page, history_before)


def test_pressing_shift_three_times_replaces_the_page(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    page = open_page()
    serve_neutral_site(page)
    start_walk(page, server, content)
    history_before = page.evaluate("() => history.length")
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_left(page, history_before)


def test_two_shift_presses_do_not_exit(open_page: Callable[..., Page], server: Server, content: Content) -> None:
    page = open_page()
    start_walk(page, server, content)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(500)
    assert page.url.startswith(server.url)


def test_after_exit_nothing_of_the_walk_is_left(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    page = open_page()
    serve_neutral_site(page)
    exits: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: exits.append("sent")))
    start_walk(page, server, content)
    page.get_by_role("button", name=EXIT_BUTTON, exact=True).click()
    expect(page).to_have_url(NEUTRAL)
    page.go_back()  # back leads to the entry before Lotse, not to the walk
    assert START_TITLE not in (page.content() or "") or page.url == "about:blank"
    page.goto(server.url + "/")  # coming back: a fresh start, no answers
    expect(page.get_by_role("heading", level=1, name=START_TITLE)).to_be_visible()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_role("checkbox").first).to_be_visible()
    assert not any(box.is_checked() for box in page.get_by_role("checkbox").all())


def test_start_page_explains_the_exit(open_page: Callable[..., Page], server: Server) -> None:
    page = open_page()
    page.goto(server.url + "/")
    expect(page.get_by_role("heading", level=1, name=START_TITLE)).to_be_visible()
    text = main_text(page)
    assert "Seite verlassen" in text and "3-mal Umschalt-Taste" in text


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_110_is_visible_and_not_covered_on_every_page(
    viewport: str, open_page: Callable[..., Page], server: Server
) -> None:
    """The pinned emergency line must not be hidden under the sidebar or anything else."""
    from tests.e2e.lotse_ui import discover_pages, wait_idle

    page = open_page(VIEWPORTS[viewport])
    for registered in discover_pages():
        page.goto(f"{server.url}/{registered.url_path}")
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        wait_idle(page)
        for name in ("110 Polizei", EXIT_BUTTON):
            target = page.get_by_role("link" if name.startswith("110") else "button", name=name, exact=True)
            expect(target).to_be_in_viewport()
            on_top = target.evaluate(
                "el => { const r = el.getBoundingClientRect();"
                " const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                " return el === hit || el.contains(hit); }"
            )
            assert on_top, f"{registered.slug}: '{name}' is covered"
