"""Five callers on a phone (390 × 844), as issue 12 asks: the official alone with a phone, frightened.

On every screen: the page says it is German, the screen opens at the top with its heading in view and
keyboard focus on it, and every button is at least 44 × 44 px. The emergency screen leads with a large
`tel:110` button before "Ich bin in Sicherheit – weiter". The phone's Back goes one question back with
the answer kept. The result's plan has at most five actions. Printed, the page shows no 110 bar and the
text of every step. Keyboard focus never disappears behind the bar. A screenshot of every screen, on the
phone and on a desktop, goes to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from lotse.content.loader import Content
from lotse.explain.summary import given_in_order, result_sections, to_plain_text
from lotse.guide.result import compute_result
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import (
    CALL_110,
    PHONE,
    SAFE,
    VIEWPORTS,
    Rerun,
    Shots,
    Wizard,
    record_reruns,
    show_all_contacts,
    wait_idle,
)

pytestmark = pytest.mark.e2e
MIN_TARGET_PX = 44
BAR = ".lotse-bar"

HEADING_IN_VIEW = """() => {
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  const bar = document.querySelector('.lotse-bar').getBoundingClientRect();
  const r = h1.getBoundingClientRect();
  return {text: h1.textContent.trim(), top: r.top, bottom: r.bottom, barTop: bar.top,
          focused: document.activeElement === h1, lang: document.documentElement.lang};
}"""

SMALL_TARGETS = """(minimum) => {
  const targets = [...document.querySelectorAll(
    '[data-testid="stMain"] button, .lotse-action, .lotse-bar a, .lotse-bar button, ' +
    '[data-testid="stMain"] label[data-baseweb="checkbox"], [data-testid="stMain"] label[data-baseweb="radio"]')];
  return targets.filter((el) => el.offsetParent !== null)
    .map((el) => ({name: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
                   width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height}))
    .filter((t) => t.width < minimum || t.height < minimum);
}"""


@dataclass
class Caller:
    name: str
    answers: dict[str, Any]
    back_at: str
    """The question on which the caller presses the phone's Back once (then goes on)."""
    screens: list[str] = field(default_factory=list)


CALLERS = [
    Caller(
        "death-threat-by-letter-bavaria",
        {
            "incident": ["threat"],
            "danger": "no",
            "channel": ["letter"],
            "state": "BY",
            "police": "yes",
            "author_known": "no",
        },
        back_at="state",
    ),
    Caller(
        "attacked-and-in-danger-saxony",
        {"incident": ["attack"], "danger": "yes", "state": "SN", "police": "undecided", "author_known": "unsure"},
        back_at="police",
    ),
    Caller(
        "address-published-online-saxony",
        {
            "incident": ["doxing", "online_hate"],
            "danger": "no",
            "channel": ["online", "message"],
            "storm": "no",
            "state": "SN",
            "police": "undecided",
            "author_known": "no",
        },
        back_at="channel",
    ),
    Caller(
        "reported-heard-nothing-hesse",
        {
            "incident": ["threat"],
            "danger": "no",
            "channel": ["phone"],
            "state": "HE",
            "police": "already_reported",
            "report_status": "waiting",
            "author_known": "yes",
            "learned": "1_to_3_months",
        },
        back_at="author_known",
    ),
    Caller(
        "insulted-online-no-police-saarland",
        {
            "incident": ["insult", "online_hate"],
            "danger": "no",
            "channel": ["online"],
            "storm": "no",
            "state": "SL",
            "police": "no",
            "author_known": "unsure",
        },
        back_at="police",
    ),
]


def assert_screen_opens_right(page: Page, expected_heading: str) -> None:
    """German, heading at the top in view (not under the bar) and focused; every target 44 px."""
    page.wait_for_function(
        "(h) => document.activeElement && document.activeElement.textContent.trim() === h", arg=expected_heading
    )
    state = page.evaluate(HEADING_IN_VIEW)
    assert state["lang"] == "de"
    assert state["text"] == expected_heading
    assert state["focused"], f"focus is not on the heading '{expected_heading}'"
    assert state["top"] >= 0 and state["bottom"] <= state["barTop"], f"'{expected_heading}' is not in view: {state}"
    assert page.evaluate(SMALL_TARGETS, MIN_TARGET_PX) == [], expected_heading


def assert_emergency_screen(page: Page) -> None:
    call = page.get_by_role("link", name=CALL_110, exact=True)
    safe = page.get_by_role("button", name=SAFE, exact=True)
    expect(call).to_have_attribute("href", "tel:110")
    box = call.bounding_box()
    assert box and box["height"] >= MIN_TARGET_PX and box["width"] >= MIN_TARGET_PX, box
    before = call.evaluate(
        "(a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)", safe.element_handle()
    )
    assert before, "the call button must come before 'weiter'"


def screen_after(page: Page, previous: str) -> str:
    """Wait for the next screen to be shown (the screen component runs after it is drawn)."""
    page.wait_for_function("(previous) => window.__lotseScreen && window.__lotseScreen !== previous", arg=previous)
    wait_idle(page)
    return page.evaluate("() => window.__lotseScreen")


def went_back_once(reruns: list[Rerun]) -> bool:
    """One request, carrying the 'go' trigger: no rerun of Streamlit's own (without the widgets' values)
    races it."""
    if len(reruns) != 1 or reruns[0].history_navigation or len(reruns[0].triggers) != 1:
        return False
    events = json.loads(reruns[0].triggers[0])
    return [event["event"] for event in events] == ["go"] and isinstance(events[0]["value"], int)


def walk(wizard: Wizard, caller: Caller, content: Content, base_url: str, reruns: list[Rerun]) -> None:
    """Answer screen by screen; on `back_at`, first press the phone's Back once and come forward again.
    `reruns` records what the page asks of the server (from before it opened Lotse at `base_url`)."""
    page, questions = wizard.page, content.questions()
    wizard.start()
    screen = page.evaluate("() => window.__lotseScreen")
    assert_screen_opens_right(page, questions[screen].text)
    went_back = False
    while screen != "#check":
        caller.screens.append(screen)
        if screen == "emergency":
            assert_emergency_screen(page)
            wizard.next()
        elif screen == caller.back_at and not went_back:
            went_back = True
            length, address = page.evaluate("() => history.length"), page.url
            asked = len(reruns)
            page.go_back()
            previous = screen_after(page, screen)
            assert previous == caller.screens[-2], "Back must go exactly one question back"
            assert page.url == address == base_url + "/#"  # Lotse's own address and a bare "#": no answer in it
            assert went_back_once(reruns[asked:]), f"Back must send one request, the 'go': {reruns[asked:]}"
            assert page.evaluate("() => history.length") == length  # Lotse's history does not grow
            if previous in caller.answers:
                wizard.expect_chosen(previous, caller.answers[previous])  # the answer is kept
            assert_screen_opens_right(page, questions[previous].text)
            caller.screens.append(previous)
            wizard.next()
        else:
            wizard.answer(screen, caller.answers[screen])
        screen = screen_after(page, caller.screens[-1])
        if wizard.shots:
            wizard.shots.take(screen)
        heading = questions[screen].text if screen in questions else page.locator("h1").first.inner_text().strip()
        assert_screen_opens_right(page, heading)
    assert went_back, f"{caller.name}: never reached '{caller.back_at}'"


def assert_result(page: Page, content: Content, caller: Caller) -> None:
    given = given_in_order(content, caller.answers)
    result = compute_result(content, given)
    sections = result_sections(content, result)
    plan = page.locator("[class*='st-key-result_plan_']")
    expect(plan).to_have_count(len(sections.plan))
    assert 1 <= len(sections.plan) <= 5
    page.emulate_media(media="print")
    try:
        expect(page.locator(BAR)).to_be_hidden()
        printed = page.locator(".st-key-print_only_result")
        expect(printed).to_be_visible()
        printed_text = " ".join(printed.inner_text().split())
        for step in result.steps:
            first_line = " ".join(to_plain_text(step.text).split("\n\n")[0].split())
            assert step.title in printed_text and first_line in printed_text, step.id
        expect(page.get_by_role("button", name="Drucken")).to_be_hidden()
    finally:
        page.emulate_media(media="screen")


def assert_focus_never_behind_the_bar(page: Page, stops: int = 60) -> None:
    hidden = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => { const el = document.activeElement; const r = el.getBoundingClientRect();
                       const bar = document.querySelector('.lotse-bar');
                       return {inBar: bar.contains(el) || el.contains(bar), bottom: r.bottom, top: r.top,
                               barTop: bar.getBoundingClientRect().top,
                               name: (el.innerText || el.getAttribute('aria-label') || el.tagName).slice(0, 40)}; }"""
        )
        if not where["inBar"] and where["bottom"] > where["barTop"] + 1:
            hidden.append(where)
    assert hidden == [], f"focus behind the bar: {hidden[:5]}"


@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c.name)
def test_a_caller_on_the_phone(
    caller: Caller,
    open_page: Callable[..., Page],
    server: Server,
    content: Content,
    make_shots: Callable[[Page], Shots],
) -> None:
    page = open_page(PHONE)
    reruns = record_reruns(page)
    wizard = Wizard(page, content, make_shots(page))
    wizard.open(server.url)
    assert_screen_opens_right(page, "Lotse: Ihr Wegweiser bei Hass, Bedrohung und Angriffen")
    walk(wizard, caller, content, server.url, reruns)
    wizard.show_result()
    assert_screen_opens_right(page, "Ihr Plan")
    assert_result(page, content, caller)
    assert_focus_never_behind_the_bar(page)
    if caller.answers["state"] == "SL":
        show_all_contacts(page)  # the Saarland's own contacts may be below the three that fit best
        assert "im Saarland" in page.locator('[data-testid="stMain"]').inner_text()


@pytest.mark.parametrize("caller", CALLERS[:2], ids=lambda c: c.name)
def test_the_same_callers_on_a_desktop(
    caller: Caller,
    open_page: Callable[..., Page],
    server: Server,
    content: Content,
    make_shots: Callable[[Page], Shots],
) -> None:
    """The screenshots for the desktop width, with the same checks of every screen."""
    page = open_page(VIEWPORTS["desktop"])
    reruns = record_reruns(page)
    wizard = Wizard(page, content, make_shots(page))
    wizard.open(server.url)
    walk(wizard, Caller(caller.name, caller.answers, caller.back_at), content, server.url, reruns)
    wizard.show_result()
    assert_screen_opens_right(page, "Ihr Plan")
    assert_result(page, content, caller)
