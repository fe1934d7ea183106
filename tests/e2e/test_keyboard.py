"""A walk with the keyboard alone, and the privacy proofs of a full walk: every request goes to the
app's own origin, the server opens no outbound connection, no answer reaches a log or a URL, and no
file is written."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from lotse.content import Content
from tests.e2e.conftest import Server, snapshot
from tests.e2e.lotse_ui import REPO, START_TITLE, VIEWPORTS, Wizard, option_name, origin_of, wait_idle

pytestmark = pytest.mark.e2e
ACTIVE_NAME = """() => {
  const el = document.activeElement;
  if (!el) return '';
  return (el.getAttribute('aria-label') || el.closest('label')?.innerText || el.innerText || '').trim();
}"""


def tab_to(page: Page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's accessible name is `name` (bounded)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE_NAME) == name:
            return
    raise AssertionError(f"'{name}' cannot be reached with Tab")


def choose_with_keys(page: Page, labels: list[str], wanted: str) -> None:
    """A radio group is one Tab stop; the arrow keys move within it and select (WAI-ARIA pattern)."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE_NAME) in labels:
            break
    else:
        raise AssertionError(f"no option of {labels} can be reached with Tab")
    for _ in range(len(labels)):
        if page.evaluate(ACTIVE_NAME) == wanted:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")


def test_walk_with_the_keyboard_alone(open_page: Callable[..., Page], server: Server, content: Content) -> None:
    page = open_page(VIEWPORTS["desktop"])
    wizard = Wizard(page, content)
    wizard.open(server.url)
    tab_to(page, "Start")
    page.keyboard.press("Enter")
    wizard.expect_screen("incident")
    questions = content.questions()
    tab_to(page, option_name(questions["incident"], "insult"))
    page.keyboard.press("Space")
    expect(wizard.option("incident", "insult")).to_be_checked()
    answers = {"danger": "no", "state": "HE", "police": "no", "author_known": "no"}
    following = {"incident": "danger", "danger": "state", "state": "police", "police": "author_known"}
    current = "incident"
    for key, value in answers.items():
        tab_to(page, "Weiter")
        page.keyboard.press("Enter")
        wizard.expect_screen(following[current])
        labels = [option_name(questions[key], v) for v in questions[key].option_values()]
        choose_with_keys(page, labels, option_name(questions[key], value))
        expect(wizard.option(key, value)).to_be_checked()
        current = key
    tab_to(page, "Weiter")
    page.keyboard.press("Enter")
    wizard.expect_check()
    tab_to(page, "Ergebnis anzeigen")
    page.keyboard.press("Enter")
    wizard.expect_result()
    assert "Hessen" in page.locator('[data-testid="stMain"]').inner_text()


def test_full_walk_keeps_every_answer_private(open_page: Callable[..., Page], server: Server, content: Content) -> None:
    repo_before = snapshot(REPO, exclude=(".git", ".venv", "node_modules", "test-artifacts", ".pytest_cache"))
    page = open_page(VIEWPORTS["phone"])
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    wizard = Wizard(page, content)
    wizard.open(server.url)
    wizard.start()
    answers = {
        "incident": ["stalking", "property_damage"],
        "danger": "no",
        "state": "ST",
        "police": "already_reported",
        "report_status": "private_prosecution",
        "author_known": "yes",
        "learned": "over_3_months",
    }
    following = ["danger", "state", "police", "report_status", "author_known", "learned"]
    for key, nxt in zip(answers, [*following, None], strict=True):
        wizard.answer(key, answers[key])
        if nxt:
            wizard.expect_screen(nxt)
    wizard.expect_check()
    wizard.show_result()
    wait_idle(page)

    # 1. every request (HTTP and websocket) goes to the app's own origin
    assert requests
    foreign = {
        url
        for url in requests
        if origin_of(url) not in {server.origin, server.origin.replace("http", "ws")} and not url.startswith("data:")
    }
    assert foreign == set()

    # 2. the server made no outbound connection: the guard loaded as sitecustomize records every
    #    non-loopback connect/lookup; it must be armed in the server process and have recorded nothing
    assert str(server.pid) in server.guard_armed.read_text()
    assert [json.loads(line) for line in server.outbound_log.read_text().splitlines() if line.strip()] == []

    # 3. no answer in the server log or in any URL the page used
    questions = content.questions()
    chosen_labels = [
        questions[k].label_of(v) for k, vs in answers.items() for v in (vs if isinstance(vs, list) else [vs])
    ]
    distinctive = [
        "stalking",
        "property_damage",
        "already_reported",
        "private_prosecution",
        "over_3_months",
        *chosen_labels,
    ]
    log = server.log.read_text(encoding="utf-8")
    assert [value for value in distinctive if value in log] == []
    urls = wizard.urls + requests
    assert [value for value in distinctive for url in urls if value in url] == []
    assert all("?" not in url or "scenario=" in url for url in wizard.urls)

    # 4. no file written: not in the repository, not in the server's HOME or TMPDIR
    repo_after = snapshot(REPO, exclude=(".git", ".venv", "node_modules", "test-artifacts", ".pytest_cache"))
    changed = {path for path in repo_after if repo_before.get(path) != repo_after[path]}
    assert {p for p in changed if "__pycache__" not in p} == set()
    assert snapshot(server.home) == server.home_before
    assert snapshot(server.tmpdir) == server.tmpdir_before
    expect(page.get_by_role("heading", level=1, name=START_TITLE)).to_have_count(0)
