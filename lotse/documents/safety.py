"""The Sicherheits-Check's dated plan (lotse/documents/safety_plan.py) as an A4 PDF, a Word file and a
calendar file. The documents hold the items, the contacts and the sources, never the answers the person
gave.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from lotse.content.safety import SafetyFile
from lotse.documents.blocks import Block, Card, Heading, Page, Paragraph
from lotse.documents.calendar import ICS_MIME, MORNING
from lotse.documents.document import DOCX_MIME, PDF_MIME, Document
from lotse.documents.docx import render_docx
from lotse.documents.german import numeric_date, plain_date
from lotse.documents.pdf import render_pdf
from lotse.documents.safety_plan import PlanItem, safety_plan

__all__ = ["PlanItem", "plan_lines", "safety_calendar", "safety_docx", "safety_page", "safety_pdf", "safety_plan"]

PRODID = "-//Lotse//Sicherheitsplan//DE"


def plan_lines(check: SafetyFile, entry: PlanItem) -> tuple[tuple[str, str], ...]:
    """(label, value) rows of one plan item: who, by when, the contact's ways, the sources' addresses."""
    words = check.words
    rows = [(words.who_label, entry.item.who), (words.due_label, plain_date(entry.due))]
    if entry.contact is not None:
        rows.append((words.contact_label, entry.contact.name))
        if entry.contact.phone:
            rows.append((words.phone_label, entry.contact.phone))
        if entry.contact.url:
            rows.append((words.web_label, entry.contact.url))
    rows += [(f"{words.source_label} ({source.label})", source.url) for source in entry.item.sources]
    return tuple(rows)


def safety_page(check: SafetyFile, plan: Sequence[PlanItem], today: date) -> Page:
    """The plan on A4: a card per open item (a page break never splits one), grouped by nothing but
    the date, so the sheet reads from the top like a to-do list."""
    words = check.words
    blocks: list[Block] = [
        Heading(words.pdf_title, 1),
        Paragraph(f"{words.pdf_date} {plain_date(today)}"),
        Paragraph(words.pdf_intro),
    ]
    if not plan:
        blocks.append(Paragraph(words.plan_empty))
    blocks += [Card(entry.item.text, plan_lines(check, entry), (entry.area.title,)) for entry in plan]
    blocks.append(Paragraph(f"{words.pdf_footer} {words.pdf_reviewed} {numeric_date(check.reviewed)}.", "small"))
    return Page(words.pdf_title, tuple(blocks), "handout")


def safety_pdf(check: SafetyFile, plan: Sequence[PlanItem], today: date) -> Document:
    return Document(check.words.pdf_name, PDF_MIME, render_pdf(safety_page(check, plan, today)))


def safety_docx(check: SafetyFile, plan: Sequence[PlanItem], today: date) -> Document:
    """The same plan as an A4 Word file, to add one's own notes or dates."""
    return Document(check.words.word_name, DOCX_MIME, render_docx(safety_page(check, plan, today)))


def safety_calendar(check: SafetyFile, plan: Sequence[PlanItem], now: datetime | None = None) -> Document:
    """An .ics file: each open item an all-day event on its day, with a reminder that morning."""
    stamp = now or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for entry in plan:
        calendar.add_component(_event(check, entry, stamp))
    return Document(check.words.calendar_name, f"{ICS_MIME}; charset=utf-8", calendar.to_ical())


def _event(check: SafetyFile, entry: PlanItem, stamp: datetime) -> Event:
    summary = f"{check.words.calendar_prefix} {entry.item.text}"
    event = Event()
    event.add("uid", f"{uuid.uuid4()}@lotse")  # random: nothing in it points to the person
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.due)
    event.add("dtend", entry.due + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", "\n".join(f"{label}: {value}" for label, value in plan_lines(check, entry)))
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", MORNING)
    alarm.add("description", summary)
    event.add_component(alarm)
    return event
