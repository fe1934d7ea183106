"""Lotse on a phone (390 × 844), as issue 25 asks: German from the first byte, every target at least
44 px with room between answers, Start in view without scrolling, nothing tappable under the 110 bar.

Measured with bounding boxes in Chromium; what a finger hits is asked of the page (`elementFromPoint`).
"""

from __future__ import annotations

import gzip
import itertools
import re
import urllib.request
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from lotse.content.loader import Content
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import (
    ARTIFACTS,
    CALL_110,
    EMERGENCY_BOX_TEXT,
    GLANCE_HEADING,
    PHONE,
    Wizard,
    blocking,
    describe_violations,
    full_screenshot,
    main_text,
    run_axe,
    show_all_contacts,
    wait_idle,
)

pytestmark = pytest.mark.e2e
MIN_PX = 44
GAP_PX = 8
BAR = ".lotse-bar"

HIT = """(el) => {
  // Scrolled into view as a finger would; then: do the middle of each edge (3 px in; the corners are
  // rounded) and the centre reach the element itself?
  el.scrollIntoView({block: "nearest"});
  const r = el.getBoundingClientRect();
  const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
  const points = [[x, y], [x, r.top + 3], [x, r.bottom - 3], [r.left + 3, y], [r.right - 3, y]];
  return points.every(([x, y]) => { const hit = document.elementFromPoint(x, y); return !!hit && el.contains(hit); });
}"""


def box(locator: Locator) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def bar_top(page: Page) -> float:
    return box(page.locator(BAR))["y"]


def assert_rows(rows: Locator, what: str) -> None:
    """Each row at least 44 px high and wide, each at least 8 px below the one before."""
    boxes = [box(rows.nth(i)) for i in range(rows.count())]
    assert len(boxes) >= 2, what
    for row in boxes:
        assert row["height"] >= MIN_PX and row["width"] >= MIN_PX, f"{what}: {row}"
    for upper, lower in itertools.pairwise(boxes):
        assert lower["y"] - (upper["y"] + upper["height"]) >= GAP_PX, f"{what}: {upper} {lower}"


def forward(page: Page) -> Locator:
    return page.locator("[class*='st-key-next_'] button")


def assert_not_covered(page: Page, target: Locator, what: str) -> None:
    assert target.evaluate(HIT), f"{what} is covered (by the 110 bar?)"


@pytest.fixture
def phone(open_page: Callable[..., Page], server: Server, content: Content) -> Wizard:
    page = open_page(PHONE)
    wizard = Wizard(page, content)
    wizard.open(server.url)
    return wizard


# --- German from the first byte ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/beratung"])
def test_the_page_as_sent_is_german(server: Server, content: Content, path: str) -> None:
    """Before any script runs: lang, title and the line a browser without JavaScript shows."""
    request = urllib.request.Request(server.url + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        raw = response.read()
        html = (gzip.decompress(raw) if response.headers.get("Content-Encoding") == "gzip" else raw).decode()
    assert '<html lang="de">' in html
    assert f"<title>{content.texts.app.page_title}</title>" in html
    assert f"<noscript><p>{content.texts.app.noscript}</p></noscript>" in html
    assert "Streamlit</title>" not in html and "You need to enable JavaScript" not in html


def test_the_date_field_speaks_german(phone: Wizard) -> None:
    """Its parts ("Tag, …" instead of "day, …"), their empty value, a chosen month and its clear button."""
    page = phone.page
    to_the_dropped_case(phone)
    label = "An welchem Tag kam der Brief bei Ihnen an? (freiwillig)"
    field = page.get_by_role("group", name=label, exact=True)
    parts = field.get_by_role("spinbutton")
    expect(parts).to_have_count(3)
    names = [parts.nth(i).get_attribute("aria-label") for i in range(3)]
    assert names == [f"Tag, {label}", f"Monat, {label}", f"Jahr, {label}"]
    assert {parts.nth(i).get_attribute("aria-valuetext") for i in range(3)} == {"leer"}
    phone.type_date(label, date(2026, 12, 1))
    expect(parts.nth(1)).to_have_attribute("aria-valuetext", "12 – Dezember")
    expect(page.get_by_test_id("stDateInputClearButton")).to_have_attribute("aria-label", "Datum löschen")


def to_the_dropped_case(wizard: Wizard) -> None:
    """From the start to the report's status, answered "dropped" (the question asks for a date then)."""
    wizard.start()
    answers = {"incident": ["threat"], "danger": "no", "channel": ["letter"], "state": "HH"}
    answers["police"] = "already_reported"
    for node_id, value in answers.items():
        wizard.expect_screen(node_id)
        wizard.answer(node_id, value)
    wizard.expect_screen("report_status")
    wizard.choose("report_status", "dropped")


def test_no_icon_names_are_read_out_on_the_advisor_page(open_page: Callable[..., Page], server: Server) -> None:
    page = open_page(PHONE)
    page.goto(server.url + "/beratung")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    wait_idle(page)
    tree = page.locator("body").aria_snapshot()
    assert " icon" not in tree and "support_agent" not in tree, [line for line in tree.splitlines() if "icon" in line]


# --- targets ----------------------------------------------------------------------------------------


def test_start_is_in_view_without_scrolling(phone: Wizard) -> None:
    page = phone.page
    start = page.get_by_role("button", name="Start", exact=True)
    assert box(start)["y"] + box(start)["height"] <= bar_top(page)
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop") == 0
    assert_not_covered(page, start, "Start")
    toggle = page.get_by_test_id("stExpandSidebarButton")
    assert box(toggle)["height"] >= MIN_PX and box(toggle)["width"] >= MIN_PX


def test_answer_rows_are_44px_apart_and_a_near_miss_picks_the_row_under_the_finger(phone: Wizard) -> None:
    page = phone.page
    phone.start()
    assert_rows(page.locator("[data-testid=stMain] [data-testid=stCheckbox] > label"), "incident")
    assert_not_covered(page, forward(page), "Weiter on question 1")
    phone.answer("incident", ["threat"])
    phone.expect_screen("danger")
    assert_rows(page.get_by_test_id("stRadioOption"), "danger")
    no = page.get_by_text(phone.content.questions()["danger"].option("no").text, exact=True)
    text = box(no)
    page.mouse.click(text["x"] + text["width"] / 2, text["y"] + text["height"] / 2 - 12)
    expect(phone.option("danger", "no")).to_be_checked()
    expect(phone.option("danger", "yes")).not_to_be_checked()
    assert_not_covered(page, forward(page), "Weiter on the danger question")


def test_the_contacts_switch_and_the_calendar_days_are_44px(
    open_page: Callable[..., Page], server: Server, phone: Wizard
) -> None:
    page = open_page(PHONE)
    page.goto(server.url + "/kontakte")
    switch = page.get_by_test_id("stCheckbox").locator("label").first
    expect(switch).to_be_visible()
    assert box(switch)["height"] >= MIN_PX
    page = phone.page
    to_the_dropped_case(phone)
    page.get_by_test_id("stDateInputCalendarButton").click()
    days = page.get_by_role("grid").locator("[role=gridcell] [role=button]")
    expect(days.first).to_be_visible()
    sizes = [box(days.nth(i)) for i in range(days.count())]
    assert sizes and all(d["height"] >= MIN_PX and d["width"] >= MIN_PX for d in sizes), sizes[:3]


# --- the result ---------------------------------------------------------------------------------------

CALLERS: dict[str, dict[str, Any]] = {
    "threat-by-letter-bavaria": {
        "incident": ["threat"],
        "danger": "no",
        "channel": ["letter"],
        "state": "BY",
        "police": "undecided",
        "author_known": "no",
    },
    "hatestorm-online-nrw": {
        "incident": ["online_hate"],
        "danger": "no",
        "channel": ["online"],
        "storm": "yes",
        "state": "NW",
        "police": "undecided",
        "author_known": "no",
    },
    "case-dropped-hamburg": {
        "incident": ["threat"],
        "danger": "no",
        "channel": ["letter"],
        "state": "HH",
        "police": "already_reported",
        "report_status": "dropped",
        "author_known": "no",
    },
}


def walk(wizard: Wizard, answers: dict[str, Any]) -> list[str]:
    """From the start page to the result (see `walk_on`)."""
    wizard.start()
    return walk_on(wizard, answers)


def assert_glance_on_top(page: Page) -> Locator:
    """ "Auf einen Blick" begins on the first screen of the result, without scrolling."""
    glance = page.locator(".lotse-glance")
    expect(glance).to_be_visible()
    expect(glance.get_by_role("heading", level=2, name=GLANCE_HEADING, exact=True)).to_be_visible()
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop") == 0
    assert box(glance)["y"] + 100 < bar_top(page), box(glance)
    for i in range(glance.locator("a").count()):
        link = box(glance.locator("a").nth(i))
        assert link["height"] >= MIN_PX and link["width"] >= MIN_PX, link
    return glance


@pytest.mark.parametrize("name", CALLERS)
def test_a_caller_sees_the_glance_first_and_a_clean_page(name: str, phone: Wizard, axe_source: str) -> None:
    page = phone.page
    walk(phone, CALLERS[name])
    assert_glance_on_top(page)
    shots = ARTIFACTS / "screenshots" / "phone-results"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{name}-first-screen.png"))  # what a person sees first
    expect(page.get_by_text(EMERGENCY_BOX_TEXT, exact=False)).to_have_count(0)
    cards = page.locator(".lotse-card:visible")
    expect(cards).to_have_count(3)  # the three that fit best; the others folded
    show_all_contacts(page)
    assert cards.count() > 3
    shown = main_text(page)
    assert not re.search(r"https?://|www\.|\?\w+=", shown), re.findall(r"\S*(?:https?://|\?\w+=)\S*", shown)
    page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
    full_screenshot(page, shots / f"{name}.png")
    violations = blocking(run_axe(page, axe_source))
    assert not violations, describe_violations({name: violations})


def test_not_sure_about_danger_leads_to_110_on_top_without_the_emergency_screen(phone: Wizard) -> None:
    page = phone.page
    phone.start()
    phone.answer("incident", ["attack"])
    phone.expect_screen("danger")
    expect(page.get_by_test_id("stRadioOption")).to_have_count(3)
    answers = {"danger": "unsure", "state": "SN", "police": "yes", "author_known": "no"}
    screens = walk_on(phone, answers)
    assert "emergency" not in screens
    glance = assert_glance_on_top(page)
    call = glance.get_by_role("link", name=CALL_110, exact=True)
    expect(call).to_have_attribute("href", "tel:110")
    assert box(call)["y"] + box(call)["height"] <= bar_top(page)  # in view without scrolling
    expect(glance).to_contain_text("Im Zweifel: Rufen Sie die 110.")
    expect(page.get_by_text(EMERGENCY_BOX_TEXT, exact=False)).to_have_count(0)


def walk_on(wizard: Wizard, answers: dict[str, Any]) -> list[str]:
    """From the screen shown now to the result; on every screen the forward button is not covered.
    Returns the screens in the order shown."""
    page, screens = wizard.page, []
    while (screen := str(page.evaluate("() => window.__lotseScreen"))) != "#check":
        screens.append(screen)
        assert_not_covered(page, forward(page), f"the forward button on '{screen}'")
        if screen in answers:
            wizard.answer(screen, answers[screen])
        else:
            wizard.next()
        page.wait_for_function("(previous) => window.__lotseScreen !== previous", arg=screen)
        wait_idle(page)
    wizard.show_result()
    return screens


def test_a_letters_switch_and_the_date_field_are_44px(phone: Wizard) -> None:
    page = phone.page
    walk(phone, CALLERS["case-dropped-hamburg"])
    letter = page.locator("details", has=page.locator("summary", has_text="Strafanzeige und Strafantrag"))
    letter.locator("summary").click()
    switch = letter.get_by_role("switch", name="Weitere Angaben machen (freiwillig)")
    expect(switch).to_be_attached()
    row = switch.locator("xpath=ancestor::label[1]")
    assert box(row)["height"] >= MIN_PX and box(row)["width"] >= MIN_PX, box(row)
    row.click()
    expect(switch).to_be_checked()
    fields = letter.get_by_test_id("stDateInputField")
    expect(fields.first).to_be_visible()
    for i in range(fields.count()):
        assert box(fields.nth(i))["height"] >= MIN_PX, box(fields.nth(i))


ENGLISH = re.compile(r"\b(?:icon|Clear|Empty|Choose|Expand|Collapse|Open|Close|Copy|Skip|Press|day|month|year)\b")
NAMES_READ_OUT = """() => [...document.querySelectorAll('body *')]
  .filter((el) => !el.closest('[aria-hidden=true]'))
  .flatMap((el) => ['aria-label', 'title', 'placeholder', 'aria-valuetext', 'alt']
    .map((name) => el.getAttribute(name)).filter(Boolean))"""


@pytest.mark.parametrize("path", ["/", "/beratung", "/kontakte", "/datenschutz", "/training"])
def test_no_english_name_is_read_out_on_any_page(open_page: Callable[..., Page], server: Server, path: str) -> None:
    """What a screen reader announces besides the text: labels, titles, placeholders, values."""
    page = open_page(PHONE)
    page.goto(server.url + path)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    wait_idle(page)
    page.get_by_test_id("stExpandSidebarButton").click()  # the sidebar's names too
    wait_idle(page)
    english = [name for name in page.evaluate(NAMES_READ_OUT) if ENGLISH.search(name)]
    assert english == [], english
