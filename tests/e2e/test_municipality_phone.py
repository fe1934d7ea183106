"""The path for the municipality on a phone (390 × 844): the start page's button 'Für die Gemeinde oder
Verwaltung' is 44 px high and not under the 110 bar, the result for the mayor's administration after an
insult shows the superior's Strafantrag with a clean axe report, and the quick exit leaves from there."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from lotse.content.loader import Content
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import (
    EXIT_BUTTON,
    PHONE,
    Wizard,
    blocking,
    describe_violations,
    record_reruns,
    run_axe,
)
from tests.e2e.test_phone import MIN_PX, assert_not_covered, box, walk_on
from tests.e2e.test_quick_exit import PREVIOUS, PREVIOUS_BODY, assert_left, sent_exit, serve_neutral_site

pytestmark = pytest.mark.e2e
SUPERIOR = "Beleidigung im Amt – Strafantrag des Dienstvorgesetzten"
CARE = "Als Gemeinde für die betroffene Person da sein"


def test_the_municipality_on_a_phone_chooses_reads_the_superiors_strafantrag_and_exits(
    open_page: Callable[..., Page], server: Server, content: Content, axe_source: str
) -> None:
    page = open_page(PHONE)
    serve_neutral_site(page)
    reruns = record_reruns(page)
    page.context.route(PREVIOUS, lambda route: route.fulfill(body=PREVIOUS_BODY, content_type="text/html"))
    page.goto(PREVIOUS)
    wizard = Wizard(page, content)
    wizard.open(server.url)
    municipality = wizard.button(content.questions()["role"].label_of("municipality"))
    assert_not_covered(page, municipality, "the start page's button for the municipality")
    assert box(municipality)["height"] >= MIN_PX
    on_question = blocking(run_axe(page, axe_source))
    wizard.start("municipality")
    walk_on(
        wizard,
        {
            "incident": ["insult"],
            "danger": "no",
            "channel": ["in_person"],
            "state": "NW",
            "police": "yes",
            "author_known": "yes",
            "learned": "under_1_month",
        },
    )
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text(SUPERIOR)
    expect(main).to_contain_text(CARE)
    on_result = blocking(run_axe(page, axe_source))
    assert not on_question and not on_result, describe_violations({"start": on_question, "result": on_result})
    history_before = page.evaluate("() => history.length")
    page.get_by_role("button", name=EXIT_BUTTON, exact=True).click()
    assert_left(page, history_before)
    assert sent_exit(reruns), f"the server was not told to clear the session: {reruns}"
