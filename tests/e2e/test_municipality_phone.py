"""The path for the municipality on a phone (390 × 844): the choice 'Für die Gemeinde oder den Rat' has
44 px answer rows that the 110 bar does not cover, the result for the mayor's administration after an
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
    wait_idle,
)
from tests.e2e.test_phone import assert_not_covered, assert_rows, forward, walk_on
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
    wizard.start(role=None)
    wizard.expect_screen("role")
    assert_rows(page.get_by_test_id("stRadioOption"), "role")
    assert_not_covered(page, forward(page), "Weiter on the role question")
    wizard.choose("role", "municipality")
    wait_idle(page)
    on_question = blocking(run_axe(page, axe_source))
    wizard.next()
    page.wait_for_function("() => window.__lotseScreen !== 'role'")
    wait_idle(page)
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
    assert not on_question and not on_result, describe_violations({"role": on_question, "result": on_result})
    history_before = page.evaluate("() => history.length")
    page.get_by_role("button", name=EXIT_BUTTON, exact=True).click()
    assert_left(page, history_before)
    assert sent_exit(reruns), f"the server was not told to clear the session: {reruns}"
