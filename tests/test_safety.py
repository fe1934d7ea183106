"""The Sicherheits-Check: flows/safety.yaml loads and is checked with file and line, the answers become
a dated plan of the open items, and the plan becomes a tagged A4 PDF and a calendar file."""

from __future__ import annotations

import io
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import docx
from icalendar import Calendar
from pypdf import PdfReader

from lotse.check import validate
from lotse.content.loader import Content
from lotse.content.safety import SAFETY_FILE
from lotse.documents.safety import safety_calendar, safety_docx, safety_page, safety_pdf, safety_plan
from tests.documents_helpers import ROOT, flat, pdf_facts, shipped

TODAY = date(2026, 12, 7)


def content() -> Content:
    return shipped()[0]


def test_the_shipped_check_has_the_eight_areas_and_every_item_a_source_and_a_date() -> None:
    check = content().safety
    assert check is not None
    assert [area.id for area in check.areas] == [
        "contacts",
        "personal-data",
        "online",
        "home",
        "on-the-way",
        "office-hours",
        "family",
        "afterwards",
    ]
    items = [item for _, item in check.items()]
    assert len(items) >= 20
    assert all(item.sources and all(s.url.startswith("https://") for s in item.sources) for item in items)
    providers = {provider.id for provider in content().providers}
    assert {item.contact for item in items if item.contact} <= providers


def test_only_open_items_go_into_the_plan_soonest_first() -> None:
    answers = {"car-check": "open", "phone-charged": "open", "passwords": "done", "garage": "not_applicable"}
    plan = safety_plan(content(), answers, TODAY)
    assert [(entry.item.id, entry.due) for entry in plan] == [
        ("phone-charged", date(2026, 12, 8)),
        ("car-check", date(2027, 1, 6)),
    ]


def test_the_plan_carries_the_contact_of_an_item() -> None:
    (entry,) = safety_plan(content(), {"starke-stelle-saved": "open"}, TODAY)
    assert entry.contact is not None and entry.contact.phone == "0800 300 99 44"


def test_answers_a_client_made_up_are_ignored() -> None:
    answers = {"no-such-item": "open", "passwords": "<script>", "two-factor": ["open"], "": "open"}
    assert safety_plan(content(), answers, TODAY) == []


def test_the_pdf_is_tagged_german_a4_and_names_who_when_contact_and_source() -> None:
    check = content().safety
    assert check is not None
    plan = safety_plan(content(), {"starke-stelle-saved": "open", "register-block": "open"}, TODAY)
    document = safety_pdf(check, plan, TODAY)
    assert document.filename == "Lotse-Sicherheitsplan.pdf" and document.mime == "application/pdf"
    facts = pdf_facts(document.data)
    box = PdfReader(io.BytesIO(document.data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert facts.tagged and facts.marked and facts.lang == "de" and facts.embedded
    assert facts.title == "Mein Sicherheitsplan"
    text = flat(facts.text)
    assert "Stand: 7. Dezember 2026" in text
    assert "Die Punkte wurden zuletzt geprüft am 07.12.2026." in text
    assert "Die Nummer der starken Stelle ist in Ihrem Handy gespeichert." in text
    assert "Wer: Sie, beim Bürgeramt" in text
    assert "Bis: 8. Dezember 2026" in text and "Bis: 21. Dezember 2026" in text
    assert "Telefon: 0800 300 99 44" in text
    assert "https://www.gesetze-im-internet.de/bmg/__51.html" in text.replace(" ", "")
    assert text.index("starken Stelle") < text.index("Auskunftssperre")  # the sooner one first


def test_an_empty_plan_says_so() -> None:
    check = content().safety
    assert check is not None
    page = safety_page(check, [], TODAY)
    assert check.words.plan_empty in [getattr(block, "text", None) for block in page.blocks]


def test_the_calendar_has_one_all_day_event_per_open_item_with_a_morning_alarm() -> None:
    check = content().safety
    assert check is not None
    plan = safety_plan(content(), {"passwords": "open", "debrief": "open"}, TODAY)
    document = safety_calendar(check, plan, datetime(2026, 12, 7, 12, tzinfo=UTC))
    assert document.filename == "Lotse-Sicherheitsplan.ics" and document.mime.startswith("text/calendar")
    events = Calendar.from_ical(document.data).walk("VEVENT")
    assert [(str(e["summary"]), e["dtstart"].dt) for e in events] == [
        (
            "Sicherheitsplan: Jedes Konto hat ein eigenes, sicheres Passwort. Ein Passwort-Manager hilft dabei.",
            date(2026, 12, 14),
        ),
        (
            "Sicherheitsplan: Nach einem Vorfall sprechen Sie mit Ihrem Team darüber. Was ist passiert? Was ändern Sie?",
            date(2026, 12, 21),
        ),
    ]
    assert "https://www.stark-im-amt.de/rat-und-tat/online-hetze/sicher-in-den-sozialen-medien/" in str(
        events[0]["description"]
    )
    assert [str(alarm["trigger"].dt) for alarm in events[0].walk("VALARM")] == ["9:00:00"]


def test_a_wrong_contact_and_a_doubled_id_are_reported_with_file_and_line(tmp_path: Path) -> None:
    for name in ("flows", "texts"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "providers.yaml", tmp_path / "providers.yaml")
    text = (tmp_path / SAFETY_FILE).read_text(encoding="utf-8")
    text = text.replace("contact: de-telefonseelsorge", "contact: de-telefonseelsorg", 1)
    text = text.replace("id: phone-charged", "id: trusted-person", 1)
    (tmp_path / SAFETY_FILE).write_text(text, encoding="utf-8")
    lines = text.splitlines()
    report = validate(tmp_path, TODAY, warnings=False)
    found = {(p.file, p.line, p.message.split(".")[0]) for p in report.errors}
    assert (
        SAFETY_FILE,
        lines.index("        contact: de-telefonseelsorg") + 1,
        "Die Ansprechstelle 'de-telefonseelsorg' gibt es in providers",
    ) in found
    second = [i for i, line in enumerate(lines) if line.endswith("id: trusted-person")][1] + 1
    assert (SAFETY_FILE, second, "Den Punkt 'trusted-person' gibt es schon") in found


def test_a_negative_day_count_is_a_validation_error_with_its_line(tmp_path: Path) -> None:
    for name in ("flows", "texts"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "providers.yaml", tmp_path / "providers.yaml")
    text = (tmp_path / SAFETY_FILE).read_text(encoding="utf-8")
    (tmp_path / SAFETY_FILE).write_text(text.replace("        days: 1\n", "        days: -1\n", 1), encoding="utf-8")
    report = validate(tmp_path, TODAY, warnings=False)
    assert report.content is None
    assert any(p.file == SAFETY_FILE and p.line > 1 for p in report.errors)


def _broken(tmp_path: Path, old: str, new: str) -> tuple[list[str], list[tuple[str, int, str, str]]]:
    for name in ("flows", "texts"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "providers.yaml", tmp_path / "providers.yaml")
    text = (tmp_path / SAFETY_FILE).read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    (tmp_path / SAFETY_FILE).write_text(text, encoding="utf-8")
    report = validate(tmp_path, TODAY, warnings=False)
    found = [(p.file, p.line, p.severity, p.message) for p in report.problems if p.file == SAFETY_FILE]
    return text.splitlines(), found


def test_the_check_names_an_unsafe_link_with_its_line(tmp_path: Path) -> None:
    lines, found = _broken(
        tmp_path,
        "text: Ihr Handy ist bei Terminen geladen.",
        "text: Ihr Handy ist geladen, [mehr](javascript:alert(1)).",
    )
    line = next(n for n, text in enumerate(lines, 1) if "javascript:" in text)
    assert [(f, n, s) for f, n, s, _ in found] == [(SAFETY_FILE, line, "error")]
    assert found[0][3].startswith("areas.0.items.3.text: ")


def test_the_check_warns_about_a_norm_without_its_source(tmp_path: Path) -> None:
    lines, found = _broken(
        tmp_path, "text: Fremde können Ihren Terminkalender nicht einsehen.", "text: Das schützt § 201 StGB."
    )
    line = next(n for n, text in enumerate(lines, 1) if "§ 201 StGB" in text)
    assert found == [
        (
            SAFETY_FILE,
            line,
            "warning",
            "Punkt 'private-calendar' nennt § 201 StGB, aber keine Quelle dafür. Fügen Sie unter 'sources' die "
            "Seite dieser Vorschrift hinzu (etwa bei gesetze-im-internet.de).",
        )
    ]


def test_the_shipped_check_has_no_problem() -> None:
    report = validate(ROOT, TODAY, warnings=False)
    assert [p for p in report.problems if p.file == SAFETY_FILE] == []


def test_the_plan_as_an_a4_word_file_with_the_same_cards() -> None:
    check = content().safety
    assert check is not None
    plan = safety_plan(content(), {"starke-stelle-saved": "open", "register-block": "open"}, TODAY)
    document = safety_docx(check, plan, TODAY)
    assert document.filename == "Lotse-Sicherheitsplan.docx"
    assert document.mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    word = docx.Document(io.BytesIO(document.data))
    assert round(word.sections[0].page_width.mm) == 210 and round(word.sections[0].page_height.mm) == 297
    assert word.core_properties.language == "de-DE"
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert paragraphs[:2] == [("Heading 1", "Mein Sicherheitsplan"), ("Normal", "Stand: 7. Dezember 2026")]
    titles = [text for style, text in paragraphs if style == "Heading 3"]
    assert titles[0] == "Die Nummer der starken Stelle ist in Ihrem Handy gespeichert. Sie berät auch ohne Polizei."
    assert ("Normal", "Bis: 8. Dezember 2026") in paragraphs and ("Normal", "Telefon: 0800 300 99 44") in paragraphs
    assert ("Normal", "Wer: Sie, beim Bürgeramt") in paragraphs
