"""The hatestorm path on a phone (390 × 844): the question about many senders has 44 px answer rows that
the 110 bar does not cover, the result shows the first hour with a clean axe report, and the
quick exit leaves from the storm's result as from every page."""

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
FIRST_HOUR = "Viele Angriffe auf einmal – die erste Stunde"


def test_a_storm_on_a_phone_asks_plans_the_first_hour_and_exits(
    open_page: Callable[..., Page], server: Server, content: Content, axe_source: str
) -> None:
    page = open_page(PHONE)
    serve_neutral_site(page)
    reruns = record_reruns(page)
    page.context.route(PREVIOUS, lambda route: route.fulfill(body=PREVIOUS_BODY, content_type="text/html"))
    page.goto(PREVIOUS)
    wizard = Wizard(page, content)
    wizard.open(server.url)
    wizard.start()
    wizard.answer("incident", ["online_hate", "insult"])
    wizard.expect_screen("danger")
    wizard.answer("danger", "no")
    wizard.expect_screen("channel")
    wizard.answer("channel", ["online"])
    wizard.expect_screen("storm")
    assert_rows(page.get_by_test_id("stRadioOption"), "storm")
    assert_not_covered(page, forward(page), "Weiter on the storm question")
    wizard.choose("storm", "yes")
    wait_idle(page)
    on_question = blocking(run_axe(page, axe_source))
    wizard.next()
    page.wait_for_function("() => window.__lotseScreen !== 'storm'")
    wait_idle(page)
    walk_on(wizard, {"state": "NW", "police": "undecided", "author_known": "no"})
    # on the result (its place in the plan: tests/test_storm.py)
    expect(page.get_by_test_id("stMain")).to_contain_text(FIRST_HOUR)
    on_result = blocking(run_axe(page, axe_source))
    assert not on_question and not on_result, describe_violations({"storm": on_question, "result": on_result})
    history_before = page.evaluate("() => history.length")
    page.get_by_role("button", name=EXIT_BUTTON, exact=True).click()
    assert_left(page, history_before)
    assert sent_exit(reruns), f"the server was not told to clear the session: {reruns}"
