"""Making a public statement after a hatestorm on a phone (390 × 844): from the storm's result, the text
"Kurze Erklärung nach einem Hatestorm" opens with one tap, asks the name, and comes as PDF and Word
with the name under the text and no letterhead. The open form passes axe and keeps every target at
44 × 44 px. What the texts say: tests/test_statements.py."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as WordDocument
from playwright.sync_api import Page, expect

from lotse.content.loader import Content
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import PHONE, Wizard, blocking, describe_violations, run_axe, wait_idle
from tests.e2e.test_documents_browser import MAX_TAPS, Taps, pdf_text
from tests.e2e.test_phone_callers import MIN_TARGET_PX, SMALL_TARGETS

pytestmark = pytest.mark.e2e
STORM: dict[str, str | list[str]] = {
    "incident": ["online_hate", "insult"],
    "danger": "no",
    "channel": ["online"],
    "storm": "yes",
    "state": "NW",
    "police": "undecided",
    "author_known": "no",
}
TITLE = "Kurze Erklärung nach einem Hatestorm"
NAME = "Erika Quendelmoor"


def test_a_public_statement_on_a_phone(
    open_page: Callable[..., Page], server: Server, content: Content, axe_source: str
) -> None:
    page = open_page(PHONE)
    wizard = Wizard(page, content)
    wizard.open(server.url)
    wizard.start()
    for node_id, value in STORM.items():
        wizard.choose(node_id, value)
        wizard.next()
        wait_idle(page)
    wizard.expect_check()
    wizard.show_result()
    box = page.locator(".st-key-result_open_erklaerung-hatestorm")
    taps = Taps(page)
    taps.tap(page.get_by_text(TITLE, exact=True))
    name = box.get_by_label("Ihr Name (unter dem Text) (Pflichtangabe)")
    expect(name).to_be_visible()
    name.fill(NAME)
    wait_idle(page)
    violations = blocking(run_axe(page, axe_source))
    assert not violations, describe_violations({"statement-form": violations})
    assert page.evaluate(SMALL_TARGETS, MIN_TARGET_PX) == []
    pdf = taps.download(box.get_by_role("button", name="Text als PDF speichern"))
    word = taps.download(box.get_by_role("button", name="Text als Word-Datei speichern"))
    assert taps.count <= MAX_TAPS
    assert pdf.suggested_filename == "Erklaerung-nach-einem-Hatestorm.pdf"
    text = pdf_text(pdf)
    assert text.startswith("In eigener Sache") and f"{NAME} Seite 1 von 1" in text
    assert "Mit freundlichen Grüßen" not in text
    assert word.suggested_filename == "Erklaerung-nach-einem-Hatestorm.docx"
    paragraphs = [p.text for p in WordDocument(io.BytesIO(Path(word.path()).read_bytes())).paragraphs]
    assert paragraphs[0] == "In eigener Sache" and NAME in paragraphs
