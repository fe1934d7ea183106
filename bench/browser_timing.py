"""Time to the first question in headless Chromium: Lotse against a hello-world Streamlit page.

For each run a fresh browser context (no cache, no cookies) opens the start page. Measured with the
Python clock from just before `page.goto`:
- start page: until the "Start" button is visible (the start page has rendered);
- first question: until, after clicking "Start", the first question and its first option are visible.
The browser's own first-contentful-paint (Paint Timing API, relative to navigation start) is reported
too: the first paint of Streamlit's page shell, before the app's content arrives.
Runs alternate between the two apps, so that load on the machine affects both alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from common import CHROMIUM_ARGS
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 30_000

HELLO_APP = """import streamlit as st

st.title("Hallo Welt")
if st.button("Start") or st.session_state.get("started"):
    st.session_state["started"] = True
    st.radio("Wie geht es Ihnen?", ["Gut", "Nicht gut"], index=None)
"""
# Flags that give the hello-world page the same production settings Lotse has in .streamlit/config.toml.
HELLO_FLAGS = ("--runner.postScriptGC", "false", "--server.fileWatcherType", "none", "--logger.level", "warning")


@dataclass
class AppTimes:
    start_page_s: list[float] = field(default_factory=list)
    first_question_s: list[float] = field(default_factory=list)
    fcp_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _lotse_question(page: Page) -> None:
    page.get_by_role("heading", name="Was ist passiert?").wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("Ich wurde beleidigt.").first.wait_for(timeout=TIMEOUT_MS)


def _hello_question(page: Page) -> None:
    page.get_by_text("Wie geht es Ihnen?").wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("Gut", exact=True).wait_for(timeout=TIMEOUT_MS)


def _one_run(browser: Browser, url: str, wait_question: Callable[[Page], None], times: AppTimes) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        start = page.get_by_role("button", name="Start", exact=True)
        start.wait_for(timeout=TIMEOUT_MS)
        start_page = time.perf_counter() - started
        start.click(timeout=TIMEOUT_MS)
        wait_question(page)
        first_question = time.perf_counter() - started
        fcp = page.evaluate(
            "() => { const e = performance.getEntriesByName('first-contentful-paint')[0];"
            " return e ? e.startTime : null; }"
        )
        times.start_page_s.append(start_page)
        times.first_question_s.append(first_question)
        if fcp is not None:
            times.fcp_s.append(fcp / 1000)
    except Exception as exc:
        times.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        context.close()


def run(lotse_url: str, hello_url: str, runs: int = 10, budget_s: float = 120) -> tuple[AppTimes, AppTimes]:
    """`runs` measured runs per app (after one unmeasured warm-up each), within `budget_s`."""
    lotse, hello = AppTimes(), AppTimes()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            _one_run(browser, lotse_url, _lotse_question, AppTimes())  # warm-up: first session, content load
            _one_run(browser, hello_url, _hello_question, AppTimes())
            deadline = time.monotonic() + budget_s
            for index in range(runs):
                order = [(lotse_url, _lotse_question, lotse), (hello_url, _hello_question, hello)]
                for url, wait_question, times in order if index % 2 == 0 else order[::-1]:
                    _one_run(browser, url, wait_question, times)
                if time.monotonic() > deadline:
                    break
        finally:
            browser.close()
    return lotse, hello


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()
