"""GOV.UK-style quick exit: the button and pressing Shift three times replace the page at once with
a neutral website (intercepted here: there is no network), so that "Back" does not lead to Lotse, and
the server clears the session's state.

The neutral site and a "previous" site are served by `page.context.route` with tiny local pages. The
websocket frames the page sends are parsed as Streamlit BackMsgs to see the exit trigger reach the
server; holding back the neutral site's response keeps the old document alive for a moment, long
enough to watch the server's answer to that trigger: the start page, i.e. an empty session.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from lotse.content.loader import Content
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import (
    EXIT_BUTTON,
    START_TITLE,
    VIEWPORTS,
    Rerun,
    Wizard,
    discover_pages,
    main_text,
    neutral_url,
    record_reruns,
    wait_idle,
)

pytestmark = pytest.mark.e2e
NEUTRAL = neutral_url()
NEUTRAL_BODY = "<!doctype html><html lang=de><title>Wetter</title><h1>Wetter heute</h1></html>"
PREVIOUS = "http://vorher.test/"
PREVIOUS_BODY = "<!doctype html><html lang=de><title>Vorher</title><h1>Eine andere Seite</h1></html>"


def serve_neutral_site(page: Page) -> None:
    page.context.route(NEUTRAL + "**", lambda route: route.fulfill(body=NEUTRAL_BODY, content_type="text/html"))


EXIT_TRIGGER = '[{"event":"exit","value":true}]'


def sent_exit(reruns: list[Rerun]) -> bool:
    return any(EXIT_TRIGGER in rerun.triggers for rerun in reruns)


def start_walk(page: Page, server: Server, content: Content) -> Wizard:
    """Open a neutral "previous" page first, then Lotse, and answer the first question."""
    page.context.route(PREVIOUS, lambda route: route.fulfill(body=PREVIOUS_BODY, content_type="text/html"))
    page.goto(PREVIOUS)
    wizard = Wizard(page, content)
    wizard.open(server.url)
    wizard.start()
    wizard.answer("incident", ["stalking"])
    wizard.expect_screen("danger")
    wizard.choose("danger", "no")
    wait_idle(page)  # the rerun for that choice is done: what the server sends next answers the exit
    return wizard


def assert_left(page: Page, history_before: int) -> None:
    expect(page).to_have_url(NEUTRAL)
    expect(page.get_by_role("heading", name="Wetter heute")).to_be_visible()
    # location.replace: Lotse's history entry was replaced, the history did not grow …
    assert page.evaluate("() => history.length") == history_before
    # … so "Back" leads to the page before Lotse, not back into the walk.
    page.go_back()
    expect(page).to_have_url(PREVIOUS)
    expect(page.get_by_role("heading", name="Eine andere Seite")).to_be_visible()
    assert START_TITLE not in page.content() and "Sind Sie gerade in Gefahr" not in page.content()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_exit_button_replaces_the_page(
    viewport: str, open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    page = open_page(VIEWPORTS[viewport])
    serve_neutral_site(page)
    reruns = record_reruns(page)
    start_walk(page, server, content)
    history_before = page.evaluate("() => history.length")
    page.get_by_role("button", name=EXIT_BUTTON, exact=True).click()
    assert_left(page, history_before)
    assert sent_exit(reruns), f"the server was not told to clear the session: {reruns}"


def test_pressing_shift_three_times_replaces_the_page(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    page = open_page()
    serve_neutral_site(page)
    reruns = record_reruns(page)
    start_walk(page, server, content)
    history_before = page.evaluate("() => history.length")
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_left(page, history_before)
    assert sent_exit(reruns), f"the server was not told to clear the session: {reruns}"


def test_two_shift_presses_do_not_exit(open_page: Callable[..., Page], server: Server, content: Content) -> None:
    page = open_page()
    reruns = record_reruns(page)
    start_walk(page, server, content)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(500)
    assert page.url.startswith(server.url)
    assert not sent_exit(reruns)
    expect(page.get_by_role("heading", level=1, name="Sind Sie gerade in Gefahr?")).to_be_visible()


def hold_neutral_site(page: Page) -> list[Route]:
    """Intercept the neutral site and keep its requests waiting: the old document stays alive."""
    held: list[Route] = []

    def keep(route: Route) -> None:  # Playwright needs a Python function here, not a bound builtin
        held.append(route)

    page.context.route(NEUTRAL + "**", keep)
    return held


def release(page: Page, held: list[Route]) -> None:
    assert held, "the page never asked for the neutral site"
    held[0].fulfill(body=NEUTRAL_BODY, content_type="text/html")
    expect(page).to_have_url(NEUTRAL)


def test_exit_blanks_the_page_in_the_same_instant(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    """Before the neutral site has even answered, the handler has covered the page with a blank layer
    and removed the title (read in the same JavaScript turn as the click)."""
    page = open_page()
    held = hold_neutral_site(page)
    start_walk(page, server, content)
    state = page.evaluate(
        """() => { document.querySelector('[data-exit]').click();
                   const hit = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
                   const style = getComputedStyle(hit);
                   return {title: document.title, position: style.position, background: style.backgroundColor,
                           children: hit.childElementCount, text: hit.innerText}; }"""
    )
    assert state == {
        "title": "",
        "position": "fixed",
        "background": "rgb(255, 255, 255)",
        "children": 0,
        "text": "",
    }, f"the page is not blanked at once: {state}"
    for _ in range(40):  # the held request arrives once the wizard's history entry is left (ui/screen.py)
        if held:
            break
        page.wait_for_timeout(50)
    release(page, held)


def received_screens(frames: list[bytes]) -> list[str]:
    """Headings the server sent (Streamlit ForwardMsg deltas), in order."""
    headings = []
    for payload in frames:
        message = ForwardMsg()
        message.ParseFromString(payload)
        if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "heading":
                headings.append(element.heading.body)
    return headings


def wait_for_quiet_socket(page: Page, frames: list[bytes], quiet_ms: int = 500) -> None:
    """Wait until the server has sent nothing for `quiet_ms` (at most about 10 s)."""
    seen, quiet = len(frames), 0
    for _ in range(100):
        page.wait_for_timeout(100)
        quiet = quiet + 100 if len(frames) == seen else 0
        seen = len(frames)
        if quiet >= quiet_ms:
            return
    raise AssertionError("the server kept sending for 10 s")


def test_exit_makes_the_server_clear_the_session(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    """The click sends the exit trigger; the server's callback empties st.session_state, so its answer
    to that trigger is the start page, not the question the walk was on. While the neutral site is
    held back, the page's websocket still receives that answer, which is read from the frames (the
    document itself cannot be queried during the pending navigation)."""
    page = open_page()
    held = hold_neutral_site(page)
    reruns = record_reruns(page)
    frames: list[bytes] = []

    def on_frame(payload: bytes | str) -> None:
        frames.append(payload if isinstance(payload, bytes) else payload.encode("latin-1"))

    page.on("websocket", lambda socket: socket.on("framereceived", on_frame))
    start_walk(page, server, content)
    wait_for_quiet_socket(page, frames)  # the rerun for the last choice may still be on its way
    before, reruns_before = len(frames), len(reruns)
    page.get_by_role("button", name=EXIT_BUTTON, exact=True).click(no_wait_after=True)
    for _ in range(100):  # at most about 10 s
        if START_TITLE in received_screens(frames[before:]):
            break
        page.wait_for_timeout(100)
    # Exactly one request, the exit's: a second one right after it (Streamlit's own rerun on the exit's
    # step back in the history) makes the server stop the exit's run, and the trigger can be lost.
    assert reruns[reruns_before:] == [Rerun(history_navigation=False, triggers=(EXIT_TRIGGER,))]
    screens = received_screens(frames[before:])
    assert START_TITLE in screens, f"after the exit the server did not reset the session; it sent {screens}"
    assert "Sind Sie gerade in Gefahr?" not in screens
    release(page, held)

    page.goto(server.url + "/")  # coming back later: a fresh start
    expect(page.get_by_role("heading", level=1, name=START_TITLE)).to_be_visible()


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
