"""Privacy of what a person types into a letter form, proven like tests/e2e/test_privacy.py does for
the answers: one walk types distinctive strings into the form, downloads the letter (PDF and Word),
the handout and the calendar file, and then leaves with the quick exit. While it runs, requests,
websockets, URLs and the server's frames are recorded, and the repository is snapshotted. Then:

1. the typed strings reached the documents (so the checks below are not vacuous);
2. every request went to the app's own origin;
3. none of the strings is in the server's log, in any URL, or in a file on the server (the repository,
   the server's own HOME and TMPDIR);
4. after the quick exit the server answered with the start page, and none of the strings came back.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from docx import Document as WordDocument
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from lotse.content.loader import Content
from tests.e2e.conftest import Server, snapshot
from tests.e2e.lotse_ui import (
    EXIT_BUTTON,
    REPO,
    START_TITLE,
    Wizard,
    neutral_url,
    origin_of,
    wait_idle,
)
from tests.e2e.test_privacy import NOT_SNAPSHOTTED, recorded_page
from tests.e2e.test_privacy import Walk as PrivacyWalk
from tests.e2e.test_quick_exit import hold_neutral_site, received_screens, release

pytestmark = pytest.mark.e2e
ANSWERS: dict[str, str | list[str]] = {
    "incident": ["insult", "online_hate"],
    "danger": "no",
    "channel": ["online"],
    "storm": "no",
    "state": "HB",
    "police": "undecided",
    "author_known": "yes",
    "learned": "under_1_month",
}
TYPED = {
    "Ihr Vor- und Nachname (Pflichtangabe)": "Wendelin Quastmoor",
    "Ihre Anschrift (Pflichtangabe)": "Zypressenhain 7\n28999 Kleinbremhusen",
    "Was ist passiert? (Pflichtangabe)": "Er schrieb: Xylophonbaum wird dich finden.",
    "Wer war es?": "Nutzer Grimmwaldkauz",
    "Aktenzeichen": "971 Js 40417/26",
}


@dataclass
class Walk(PrivacyWalk):
    received: list[bytes] = field(default_factory=list)
    after_exit: int = 0
    """How many frames the server had sent before the quick exit."""
    letter_pdf: str = ""
    letter_docx: str = ""


@pytest.fixture(scope="module")
def walk(browser: Browser, server: Server, content: Content) -> Iterator[Walk]:
    record = Walk(repo_before=snapshot(REPO, NOT_SNAPSHOTTED))
    context, page = recorded_page(browser, record)
    try:
        held = hold_neutral_site(page)
        page.on("websocket", lambda socket: socket.on("framereceived", lambda f: record.received.append(_bytes(f))))
        wizard = Wizard(page, content)
        wizard.open(server.url)
        wizard.start()
        for node_id, value in ANSWERS.items():
            wizard.choose(node_id, value)
            if node_id == "learned":
                wizard.type_date("Wissen Sie den Tag genau? (freiwillig)", date.today() - timedelta(days=9))
            wizard.next()
            wait_idle(page)
        wizard.show_result()
        type_the_letter(page)
        for label in ("Brief als PDF speichern", "Brief als Word-Datei speichern"):
            with page.expect_download() as info:
                page.locator(".st-key-result_open_strafantrag").get_by_role("button", name=label).click()
            data = Path(info.value.path()).read_bytes()
            if label.endswith("PDF speichern"):
                record.letter_pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
            else:
                record.letter_docx = "\n".join(p.text for p in WordDocument(io.BytesIO(data)).paragraphs)
        for label in ("Als PDF speichern", "In den Kalender eintragen (.ics)"):
            with page.expect_download():
                page.get_by_role("button", name=label, exact=True).click()
        wait_idle(page)
        record.urls += [page.url, *wizard.urls]
        record.after_exit = len(record.received)
        page.get_by_role("button", name=EXIT_BUTTON, exact=True).click(no_wait_after=True)
        _wait_for_start_page(page, record)
        release(page, held)
        record.repo_after = snapshot(REPO, NOT_SNAPSHOTTED)
        yield record
    finally:
        context.close()


def type_the_letter(page: Page) -> None:
    """Open the letter and tap its switch once, as soon as it is there (as a quick person does)."""
    page.get_by_text("Strafanzeige und Strafantrag", exact=True).click()
    box = page.locator(".st-key-result_open_strafantrag")
    box.get_by_text("Weitere Angaben machen (freiwillig)").click()
    expect(box.get_by_role("switch", name="Weitere Angaben machen (freiwillig)")).to_be_checked()
    wait_idle(page)
    for label, text in TYPED.items():
        box.get_by_label(label, exact=True).fill(text)
        box.get_by_label(label, exact=True).press("Tab")
    # The last Tab lands in a date field, whose calendar opens with the focus (see Wizard.type_date) and
    # may cover the buttons below: Escape closes it, as a person does.
    page.keyboard.press("Escape")
    expect(page.locator("#stFloatingOverlayPortal [role=grid]")).to_have_count(0)
    wait_idle(page)


def _bytes(payload: bytes | str) -> bytes:
    return payload if isinstance(payload, bytes) else payload.encode("latin-1")


def _wait_for_start_page(page: Page, record: Walk) -> None:
    for _ in range(100):  # at most about 10 s
        if START_TITLE in received_screens(record.received[record.after_exit :]):
            return
        page.wait_for_timeout(100)


def typed_strings() -> list[str]:
    """Every typed text and every line of it, raw and URL-encoded."""
    strings = {line for text in TYPED.values() for line in text.split("\n")}
    return sorted(strings | {quote(s) for s in strings} | {quote_plus(s) for s in strings})


def test_what_was_typed_reached_the_letter(walk: Walk) -> None:
    assert "Wendelin Quastmoor" in walk.letter_pdf and "971 Js 40417/26" in walk.letter_pdf
    assert "Nutzer Grimmwaldkauz" in walk.letter_docx and "Xylophonbaum" in walk.letter_docx


def test_every_request_goes_to_the_apps_own_origin(walk: Walk, server: Server) -> None:
    exit_page = origin_of(neutral_url())  # where the quick exit goes at the end (answered locally here)
    allowed = {server.origin, f"ws://127.0.0.1:{server.port}", None, exit_page}
    foreign = sorted({url for url in walk.requests + walk.websockets if origin_of(url) not in allowed})
    assert foreign == [], "requests to other origins:\n" + "\n".join(foreign)


def test_nothing_typed_is_in_the_server_log(walk: Walk, server: Server) -> None:
    log = server.log.read_text(encoding="utf-8")
    assert "You can now view your Streamlit app" in log, "the server log was not captured"
    assert [s for s in typed_strings() if s in log] == []


def test_nothing_typed_is_in_any_url(walk: Walk) -> None:
    urls = walk.urls + walk.requests + walk.websockets
    assert len(urls) > 20, "(almost) no URL recorded: the recording is broken"
    assert sorted({f"{s!r} in {url}" for s in typed_strings() for url in urls if s in url}) == []


def test_no_file_is_written_on_the_server(walk: Walk, server: Server) -> None:
    changed = [path for path, stat in walk.repo_after.items() if walk.repo_before.get(path) != stat]
    written = [path for path in changed if not path.endswith(".pyc")]  # bytecode holds code, never input
    assert written == [], f"files written in the repository: {written}"
    assert snapshot(server.home) == server.home_before
    assert snapshot(server.tmpdir) == server.tmpdir_before


def test_the_quick_exit_forgets_the_letter(walk: Walk) -> None:
    after = walk.received[walk.after_exit :]
    assert START_TITLE in received_screens(after), "after the exit the server did not start afresh"
    frames = b"".join(after)
    assert [s for s in typed_strings() if s.encode("utf-8") in frames] == []
