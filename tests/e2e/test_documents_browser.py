"""The documents in Chromium, on a phone (390 × 844) and a desktop: from the result page, the handout
(PDF), a letter (PDF and Word) and the calendar file are each at most three taps away; each file opens
(pypdf, python-docx, icalendar) and holds what it must. Typing into a field is not a tap; opening a
letter and pressing a button are. The new screens pass axe and keep every target at 44 × 44 px, and
the letter works with the keyboard alone.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document as WordDocument
from icalendar import Calendar
from playwright.sync_api import Download, Locator, Page, expect
from pypdf import PdfReader

from lotse.content.loader import Content
from lotse.documents.deadlines import strafantrag_deadline
from lotse.documents.german import long_date
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import (
    VIEWPORTS,
    Shots,
    Wizard,
    blocking,
    describe_violations,
    run_axe,
    save_axe_report,
    wait_idle,
)
from tests.e2e.test_phone_callers import MIN_TARGET_PX, SMALL_TARGETS

pytestmark = pytest.mark.e2e
MAX_TAPS = 3
ANSWERS: dict[str, str | list[str]] = {
    "incident": ["threat", "online_hate"],
    "danger": "no",
    "channel": ["online"],
    "storm": "no",
    "state": "BY",
    "police": "yes",
    "author_known": "yes",
    "learned": "1_to_3_months",
}
DATE_LABEL = "Wissen Sie den Tag genau? (freiwillig)"
LETTER = "Strafanzeige und Strafantrag"
NAME, ADDRESS, STORY = "Erika Quendelmoor", "Rathausplatz 1\n99999 Musterdorf", "Ein Kommentar drohte mir Prügel an."


def learned_day() -> date:
    """Forty days ago: the deadline is still open, whatever day the test runs."""
    return date.today() - timedelta(days=40)


@dataclass
class Taps:
    """Counts what a person taps (buttons, a folded letter), not what they type."""

    page: Page
    count: int = 0

    def tap(self, target: Locator) -> None:
        self.count += 1
        target.click()

    def download(self, target: Locator) -> Download:
        with self.page.expect_download() as info:
            self.tap(target)
        return info.value


def to_result(page: Page, server: Server, content: Content, shots: Shots | None = None) -> Wizard:
    wizard = Wizard(page, content, shots)
    wizard.open(server.url)
    wizard.start()
    for node_id, value in ANSWERS.items():
        wizard.choose(node_id, value)
        if node_id == "learned":
            wizard.type_date(DATE_LABEL, learned_day())
        wizard.next()
        wait_idle(page)
    wizard.expect_check()
    wizard.show_result()
    return wizard


def letter_box(page: Page) -> Locator:
    return page.locator(".st-key-result_open_strafantrag")


def fill_letter(page: Page) -> None:
    box = letter_box(page)
    box.get_by_label("Ihr Vor- und Nachname (Pflichtangabe)").fill(NAME)
    box.get_by_label("Ihre Anschrift (Pflichtangabe)").fill(ADDRESS)
    box.get_by_label("Was ist passiert? (Pflichtangabe)").fill(STORY)


def button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


def pdf_text(download: Download) -> str:
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_each_document_is_at_most_three_taps_from_the_result(
    viewport: str, open_page: Callable[..., Page], server: Server, content: Content, make_shots
) -> None:
    page = open_page(VIEWPORTS[viewport])
    shots = make_shots(page)
    to_result(page, server, content)
    deadline = strafantrag_deadline(learned_day(), "BY", date.today())
    sentence = f"Ihre Frist endet am {long_date(deadline.last_day)}."
    expect(page.locator(".st-key-result_deadlines")).to_contain_text(sentence)
    shots.take("result")

    handout = Taps(page)
    saved = handout.download(button(page, "Als PDF speichern"))
    assert saved.suggested_filename == "Lotse-naechste-Schritte.pdf" and handout.count <= MAX_TAPS
    text = pdf_text(saved)
    assert "Lotse: Ihre nächsten Schritte" in text and sentence in text

    calendar = Taps(page)
    saved = calendar.download(button(page, "In den Kalender eintragen (.ics)"))
    assert saved.suggested_filename == "Lotse-Fristen.ics" and calendar.count <= MAX_TAPS
    events = Calendar.from_ical(Path(saved.path()).read_bytes()).walk("VEVENT")
    assert [event.decoded("DTSTART") for event in events] == [deadline.last_day]

    letter = Taps(page)
    letter.tap(page.get_by_text(LETTER, exact=True))
    fill_letter(page)
    shots.take("letter")
    pdf = letter.download(letter_box(page).get_by_role("button", name="Brief als PDF speichern"))
    word = letter.download(letter_box(page).get_by_role("button", name="Brief als Word-Datei speichern"))
    assert letter.count <= MAX_TAPS
    assert pdf.suggested_filename == "Strafanzeige-und-Strafantrag.pdf" and NAME in pdf_text(pdf)
    assert word.suggested_filename == "Strafanzeige-und-Strafantrag.docx"
    paragraphs = [p.text for p in WordDocument(io.BytesIO(Path(word.path()).read_bytes())).paragraphs]
    assert NAME in paragraphs[0]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_new_screens_pass_axe_and_keep_targets_large(
    viewport: str, open_page: Callable[..., Page], server: Server, content: Content, axe_source: str
) -> None:
    """The question with its date field, the result with the deadline, a letter with its messages."""
    page = open_page(VIEWPORTS[viewport])
    wizard = Wizard(page, content)
    wizard.open(server.url)
    wizard.start()
    per_screen: dict[str, list] = {}
    for node_id, value in ANSWERS.items():
        wizard.choose(node_id, value)
        if node_id == "learned":
            wait_idle(page)
            per_screen["learned-with-date"] = run_axe(page, axe_source)
            assert page.evaluate(SMALL_TARGETS, MIN_TARGET_PX) == []
            wizard.type_date(DATE_LABEL, learned_day())
        wizard.next()
        wait_idle(page)
    wizard.show_result()
    page.get_by_text(LETTER, exact=True).click()
    letter_box(page).get_by_role("button", name="Brief als PDF speichern").click()
    expect(letter_box(page).get_by_text("Bitte prüfen Sie diese Angaben:")).to_be_visible()
    wait_idle(page)
    per_screen["result-letter-with-messages"] = run_axe(page, axe_source)
    save_axe_report(f"documents-{viewport}", per_screen)
    problems = {screen: blocking(violations) for screen, violations in per_screen.items()}
    assert not any(problems.values()), describe_violations(problems)
    assert page.evaluate(SMALL_TARGETS, MIN_TARGET_PX) == []


def test_a_letter_with_the_keyboard_alone(open_page: Callable[..., Page], server: Server, content: Content) -> None:
    page = open_page()
    to_result(page, server, content)
    summary = letter_box(page).locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    name = letter_box(page).get_by_label("Ihr Vor- und Nachname (Pflichtangabe)")
    expect(name).to_be_visible()
    name.focus()
    page.keyboard.type(NAME)
    page.keyboard.press("Tab")
    page.keyboard.type("Rathausplatz 1, 99999 Musterdorf")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("aria-label", "An wen geht der Brief?")  # in view, optional
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("aria-label", "Was ist passiert? (Pflichtangabe)")
    page.keyboard.type(STORY)
    pdf = letter_box(page).get_by_role("button", name="Brief als PDF speichern")
    for _ in range(10):  # Tab on until the PDF button has focus (the switch and help texts lie between)
        page.keyboard.press("Tab")
        if pdf.evaluate("el => el === document.activeElement"):
            break
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert NAME in pdf_text(info.value)


GROWING = """(details) => {
  details.style.height = "120px";  // as Streamlit holds the fold while it grows to its new content
  details.style.overflow = "hidden";
  details.scrollTop = 200;  // what a scroll into view (a focus, a tap's) does to a box it can scroll
  const seen = [getComputedStyle(details).overflowY, details.scrollTop];
  details.style.height = "";
  details.style.overflow = "";
  return seen;
}"""


def test_a_growing_letter_is_clipped_so_its_switch_stays_under_the_tap(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    """The lost tap on 'Weitere Angaben machen': the form comes after the fold opened, and Streamlit grows
    the fold for half a second under overflow: hidden. A scroll into view could scroll that box, and as it
    grew it pulled the switch away between press and release. The page's CSS makes it clip (unscrollable)."""
    page = open_page()
    to_result(page, server, content)
    page.get_by_text(LETTER, exact=True).click()
    expect(letter_box(page).get_by_role("switch", name="Weitere Angaben machen (freiwillig)")).to_be_visible()
    wait_idle(page)
    assert letter_box(page).locator("details").first.evaluate(GROWING) == ["clip", 0]
