"""The start page and the path for someone who helps, on a phone (390 × 844): "Start" is in view without
scrolling, the buttons for the other roles below it are 44 px targets the 110 bar does not cover, "Ich
helfe jemandem" opens "Was ist passiert?" at once (and the phone's Back returns to the start page), the helper's result puts the 110 for the person on top
with a clean axe report and 44 px targets, and the quick exit leaves from there. Screenshots of the start
page and the top of the result: test-artifacts/screenshots/supporter-phone/."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from lotse.content.loader import Content
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import (
    ARTIFACTS,
    EXIT_BUTTON,
    PHONE,
    Wizard,
    blocking,
    describe_violations,
    record_reruns,
    run_axe,
)
from tests.e2e.test_phone import MIN_PX, assert_not_covered, bar_top, box, walk_on
from tests.e2e.test_quick_exit import PREVIOUS, PREVIOUS_BODY, assert_left, sent_exit, serve_neutral_site

pytestmark = pytest.mark.e2e
SHOTS = ARTIFACTS / "screenshots" / "supporter-phone"
HELPER_110 = "Wann Sie für die Person die 110 rufen"
WHAT_HELPS = "Für die Person da sein – was hilft und was schadet"
TARGETS = "[data-testid=stMain] button, [data-testid=stMain] a.lotse-action, [data-testid=stMain] summary"
"""Everything in the main area a finger taps (links inside running text are exempt, WCAG 2.5.8)."""


def assert_targets_44px(page: Page, where: str) -> None:
    """Every visible button, call or write link and folded step of the main area is at least 44 × 44 px."""
    small = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.offsetParent !== null)
            .map((el) => ({ name: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
                            w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height }))
            .filter((t) => t.w < 44 || t.h < 44)""",
        TARGETS,
    )
    assert small == [], f"targets under 44 px on {where}: {small}"


def role_button(wizard: Wizard, role: str) -> Locator:
    return wizard.button(wizard.content.questions()["role"].label_of(role))


def test_a_helper_on_a_phone_starts_below_start_reads_110_for_the_person_and_exits(
    open_page: Callable[..., Page], server: Server, content: Content, axe_source: str
) -> None:
    page = open_page(PHONE)
    serve_neutral_site(page)
    reruns = record_reruns(page)
    page.context.route(PREVIOUS, lambda route: route.fulfill(body=PREVIOUS_BODY, content_type="text/html"))
    page.goto(PREVIOUS)
    wizard = Wizard(page, content)
    wizard.open(server.url)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "01-start.png"))
    start = wizard.button("Start")
    assert box(start)["y"] + box(start)["height"] <= bar_top(page), "Start is not above the fold"
    for role in ("supporter", "municipality"):
        target = role_button(wizard, role)
        assert box(target)["height"] >= MIN_PX and box(target)["width"] >= MIN_PX
        assert_not_covered(page, target, f"the start page's button for '{role}'")
    assert_targets_44px(page, "the start page")
    on_start = blocking(run_axe(page, axe_source))
    page.screenshot(path=str(SHOTS / "02-start-scrolled.png"))

    wizard.start("supporter")  # straight to "Was ist passiert?": the role question is not shown
    page.go_back()  # the phone's Back on the first question: the start page, not the role question
    wizard.expect_start()
    wizard.start("supporter")
    walk_on(
        wizard,
        {
            "incident": ["threat"],
            "danger": "unsure",
            "channel": ["letter"],
            "state": "ST",
            "police": "undecided",
            "author_known": "no",
        },
    )  # to the result
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text(HELPER_110)
    expect(main).to_contain_text(WHAT_HELPS)
    page.screenshot(path=str(SHOTS / "03-result-top.png"))
    assert_targets_44px(page, "the helper's result")
    on_result = blocking(run_axe(page, axe_source))
    assert not on_start and not on_result, describe_violations({"start": on_start, "result": on_result})

    history_before = page.evaluate("() => history.length")
    page.get_by_role("button", name=EXIT_BUTTON, exact=True).click()
    assert_left(page, history_before)
    assert sent_exit(reruns), f"the server was not told to clear the session: {reruns}"
