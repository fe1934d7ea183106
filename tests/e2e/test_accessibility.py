"""axe-core on every page registered in app.py and on every screen of the wizard: no serious or
critical violations. Rules switched off are listed in EXCLUDED_AXE_RULES (none now) and in
docs/accessibility.md."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from lotse.content.loader import Content
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import (
    VIEWPORTS,
    Wizard,
    blocking,
    describe_violations,
    discover_pages,
    run_axe,
    save_axe_report,
    wait_idle,
)

pytestmark = pytest.mark.e2e
PAGES = discover_pages()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("registered", PAGES, ids=[p.slug for p in PAGES])
def test_every_page_has_no_serious_violations(
    registered, viewport: str, open_page: Callable[..., Page], server: Server, axe_source: str
) -> None:
    page = open_page(VIEWPORTS[viewport])
    page.goto(f"{server.url}/{registered.url_path}")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    wait_idle(page)
    violations = {registered.slug: run_axe(page, axe_source)}
    save_axe_report(f"page-{registered.slug}-{viewport}", violations)
    assert not blocking(violations[registered.slug]), describe_violations(violations)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_wizard_screen_has_no_serious_violations(
    viewport: str, open_page: Callable[..., Page], server: Server, content: Content, axe_source: str
) -> None:
    """start, each question (one also with its "please choose" error), the emergency screen, check
    answers and the result."""
    page = open_page(VIEWPORTS[viewport])
    wizard = Wizard(page, content)
    per_screen: dict[str, list] = {}

    def audit(screen: str) -> None:
        per_screen[screen] = run_axe(page, axe_source)

    wizard.open(server.url)
    audit("start")
    wizard.start()
    wizard.next()  # nothing chosen: the error message
    expect(page.get_by_text("Bitte wählen Sie eine Antwort.", exact=False)).to_be_visible()
    wait_idle(page)
    audit("incident-error")
    answers = {
        "incident": ["threat", "online_hate"],
        "danger": "yes",
        "channel": ["letter", "phone"],
        "state": "TH",
        "police": "already_reported",
        "report_status": "dropped",
        "author_known": "yes",
        "learned": "1_to_3_months",
    }
    screens = [
        "incident",
        "danger",
        "emergency",
        "channel",
        "state",
        "police",
        "report_status",
        "author_known",
        "learned",
    ]
    for number, node_id in enumerate(screens):
        audit(node_id)
        if node_id == "emergency":
            wizard.next()
        else:
            wizard.answer(node_id, answers[node_id])
        if number + 1 < len(screens):
            wizard.expect_screen(screens[number + 1])
    wizard.expect_check()
    audit("check")
    wizard.show_result()
    audit("result")
    save_axe_report(f"wizard-screens-{viewport}", per_screen)
    assert len(per_screen) == len(screens) + 4
    assert not [v for vs in per_screen.values() for v in blocking(vs)], describe_violations(per_screen)


def test_axe_really_runs_and_finds_a_planted_violation(
    open_page: Callable[..., Page], server: Server, axe_source: str
) -> None:
    page = open_page()
    page.goto(server.url + "/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    wait_idle(page)
    page.evaluate(
        "() => { const img = document.createElement('img'); img.src = 'data:,'; "
        "document.querySelector('[data-testid=stMain]').appendChild(img); }"
    )
    assert "image-alt" in [v["id"] for v in blocking(run_axe(page, axe_source))]


def test_the_pages_tested_here_are_the_pages_in_the_sidebar(open_page: Callable[..., Page], server: Server) -> None:
    """The page list above is parsed from app.py; the sidebar must list exactly those pages, so a page
    added to st.navigation is tested without touching this file."""
    page = open_page()
    page.goto(server.url + "/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    wait_idle(page)  # before the first run, Streamlit's sidebar briefly could list page files
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    in_sidebar = sorted(link.get_attribute("href") or "" for link in links.all())
    assert in_sidebar == sorted(f"{server.url}/{p.url_path}" for p in PAGES)
    assert len(PAGES) >= 3 and PAGES[0].url_path == ""  # the guide is the default page
