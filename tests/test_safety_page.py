"""The page "Sicherheits-Check" through AppTest: three choices per item, the open ones as a dated plan
with contact and source, the plan as PDF, Word and calendar file through the private download, nothing kept
beyond the session's widgets."""

from __future__ import annotations

import base64
import io
from datetime import date
from typing import Any

import docx
import pytest
from icalendar import Calendar
from streamlit.testing.v1 import AppTest

import ui.download
import ui.safety
from tests.apptest import ok, page, shipped
from tests.documents_helpers import flat, pdf_facts

TODAY = date(2026, 12, 7)
PAGE = "app_pages/safety.py"


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any] | None]:
    deliveries: list[dict[str, Any] | None] = []
    monkeypatch.setattr(ui.download, "_send", lambda key, document: deliveries.append(document))
    monkeypatch.setattr(ui.safety, "today", lambda: TODAY)
    return deliveries


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def choose(at: AppTest, item: str, value: str) -> AppTest:
    return ok(at.radio(key=f"safety_{item}").set_value(value).run())


def test_every_item_is_asked_with_the_three_choices_under_its_area() -> None:
    at = page(PAGE)
    check = shipped().safety
    assert check is not None
    assert at.title[0].value == "Sicherheits-Check"
    assert [header.value for header in at.header][:8] == [area.title for area in check.areas]
    items = [item for _, item in check.items()]
    radios = [radio for radio in at.radio if radio.key.startswith("safety_")]
    assert [radio.label for radio in radios] == [item.text for item in items]
    first = radios[0]
    assert first.value is None
    assert list(first.options) == ["Erledigt", "Offen", "Passt nicht"]
    assert at.info[0].value.startswith("Noch kein Punkt ist offen.")


def test_open_items_become_a_dated_plan_with_contact_and_source(sent: list[Any]) -> None:
    at = page(PAGE)
    choose(at, "car-check", "open")
    choose(at, "starke-stelle-saved", "open")
    choose(at, "passwords", "done")
    choose(at, "garage", "not_applicable")
    boxes = [md.value for md in at.markdown if md.value.startswith("**") and md.value.endswith("**")]
    assert boxes[-2:] == [
        "**Die Nummer der starken Stelle ist in Ihrem Handy gespeichert. Sie berät auch ohne Polizei.**",
        "**Sie prüfen ab und zu Bremsen, Lenkung und Radmuttern Ihres Autos.**",
    ]
    dates = [md.value for md in at.markdown if md.value.startswith("Bis: ")]
    assert dates == [
        "Bis: **8. Dezember 2026** · Wer: Sie",
        "Bis: **6. Januar 2027** · Wer: Sie",
    ]
    assert any("Kontakt: starke Stelle" in md.value for md in at.markdown)
    assert any("kommunal.de/sicherheitsempfehlungen-fuer-kommunalpolitiker" in c.value for c in at.caption)


def test_the_plan_downloads_as_pdf_and_calendar_through_the_session(sent: list[Any]) -> None:
    at = page(PAGE)
    choose(at, "register-block", "open")
    ok(at.button(key="safety_pdf").click().run())
    pdf = sent[-1]
    assert pdf is not None and pdf["filename"] == "Lotse-Sicherheitsplan.pdf"
    facts = pdf_facts(base64.b64decode(pdf["base64"]))
    assert facts.tagged and "Bis: 21. Dezember 2026" in flat(facts.text)
    ok(at.button(key="safety_word").click().run())
    word = sent[-1]
    assert word is not None and word["filename"] == "Lotse-Sicherheitsplan.docx"
    assert "Bis: 21. Dezember 2026" in docx_text(base64.b64decode(word["base64"]))
    ok(at.button(key="safety_calendar").click().run())
    ics = sent[-1]
    assert ics is not None and ics["filename"] == "Lotse-Sicherheitsplan.ics"
    (event,) = Calendar.from_ical(base64.b64decode(ics["base64"])).walk("VEVENT")
    assert event["dtstart"].dt == date(2026, 12, 21)


def test_reset_forgets_every_answer() -> None:
    at = page(PAGE)
    choose(at, "car-check", "open")
    ok(at.button(key="safety_reset").click().run())
    assert at.radio(key="safety_car-check").value is None
    assert at.session_state["safety_car-check"] is None
    assert at.info[0].value.startswith("Noch kein Punkt ist offen.")
