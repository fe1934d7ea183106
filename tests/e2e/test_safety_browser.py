"""The Sicherheits-Check in Chromium on a phone (390 × 844), one walk: answer three items, see the
open ones as the plan, save the plan as PDF, carry it into "Mein Fall", then leave with the quick exit. Then:
1. the page with answers and plan passes axe, and every target (each answer row, the link to "Mein Fall"
   after carrying) is 44 px;
2. the PDF came through the session and names the open item with its date;
3. after the quick exit the server answered with the page again, without any answer: the plan is empty.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from lotse.documents.german import plain_date
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import (
    ACTION_TIMEOUT_MS,
    EXIT_BUTTON,
    NAVIGATION_TIMEOUT_MS,
    PHONE,
    blocking,
    describe_violations,
    run_axe,
    save_axe_report,
    wait_idle,
)
from tests.e2e.test_case_browser import _bytes
from tests.e2e.test_phone_callers import MIN_TARGET_PX, SMALL_TARGETS
from tests.e2e.test_quick_exit import hold_neutral_site, received_screens, release

pytestmark = pytest.mark.e2e
TITLE = "Sicherheits-Check"
EMPTY = "Noch kein Punkt ist offen."
OPEN_ITEM = "Sie prüfen ab und zu Bremsen, Lenkung und Radmuttern Ihres Autos."


@dataclass
class Walk:
    received: list[bytes] = field(default_factory=list)
    axe: dict[str, list] = field(default_factory=dict)
    small: dict[str, list] = field(default_factory=dict)
    rows: list[float] = field(default_factory=list)
    plan_text: str = ""
    pdf: str = ""
    after_exit: int = 0
    case_link: float = 0.0


def choose(page: Page, item: str, answer: str) -> None:
    group = page.get_by_role("radiogroup", name=item, exact=True)
    group.get_by_text(answer, exact=True).click()
    wait_idle(page)


@pytest.fixture(scope="module")
def walk(browser: Browser, server: Server, axe_source: str) -> Iterator[Walk]:
    record = Walk()
    context = browser.new_context(viewport=PHONE, locale="de-DE", timezone_id="Europe/Berlin", accept_downloads=True)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    page.on("websocket", lambda socket: socket.on("framereceived", lambda f: record.received.append(_bytes(f))))
    try:
        held = hold_neutral_site(page)
        page.goto(server.url + "/sicherheits-check")
        expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
        wait_idle(page)
        choose(page, OPEN_ITEM, "Offen")
        choose(page, "Ihr Handy ist bei Terminen geladen.", "Erledigt")
        choose(page, "Ihr Auto steht zu Hause möglichst in einer Garage.", "Passt nicht")
        expect(page.get_by_text(OPEN_ITEM, exact=True).last).to_be_visible()
        options = page.get_by_role("radiogroup", name=OPEN_ITEM, exact=True).get_by_test_id("stRadioOption")
        record.rows = [(options.nth(i).bounding_box() or {"height": 0})["height"] for i in range(options.count())]
        record.axe["answered"] = run_axe(page, axe_source)
        record.small["answered"] = page.evaluate(SMALL_TARGETS, MIN_TARGET_PX)
        record.plan_text = page.locator("[class*='st-key-safety_plan_']").inner_text()
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Plan als PDF speichern", exact=True).click()
        assert info.value.suggested_filename == "Lotse-Sicherheitsplan.pdf"
        data = Path(info.value.path()).read_bytes()
        record.pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
        page.get_by_role("button", name="In „Mein Fall“ übernehmen", exact=True).click()
        link = page.get_by_role("button", name="Zu „Mein Fall“", exact=True)
        expect(link).to_be_visible()
        wait_idle(page)
        record.case_link = (link.bounding_box() or {"height": 0})["height"]
        record.axe["carried"] = run_axe(page, axe_source)
        record.small["carried"] = page.evaluate(SMALL_TARGETS, MIN_TARGET_PX)
        record.after_exit = len(record.received)
        page.get_by_role("button", name=EXIT_BUTTON, exact=True).click(no_wait_after=True)
        for _ in range(100):
            if TITLE in received_screens(record.received[record.after_exit :]):
                break
            page.wait_for_timeout(100)
        page.wait_for_timeout(500)
        release(page, held)
        yield record
    finally:
        context.close()


def test_the_page_passes_axe_and_every_target_is_44_px(walk: Walk) -> None:
    save_axe_report("safety-phone", walk.axe)
    problems = {screen: blocking(violations) for screen, violations in walk.axe.items()}
    assert not any(problems.values()), describe_violations(problems)
    assert walk.small == {"answered": [], "carried": []}
    assert walk.case_link >= MIN_TARGET_PX, "the link to 'Mein Fall' after carrying the plan"
    assert len(walk.rows) == 3 and min(walk.rows) >= MIN_TARGET_PX


def test_the_open_item_is_in_the_plan_with_its_date(walk: Walk) -> None:
    due = plain_date(date.today() + timedelta(days=30))
    assert OPEN_ITEM in walk.plan_text and due in walk.plan_text
    assert OPEN_ITEM in walk.pdf and f"Bis: {due}" in walk.pdf


def test_the_quick_exit_empties_the_answers(walk: Walk) -> None:
    after = walk.received[walk.after_exit :]
    assert TITLE in received_screens(after), "after the exit the server did not answer"
    frames = b"".join(after)
    assert EMPTY.encode() in frames
    assert plain_date(date.today() + timedelta(days=30)).encode() not in frames
