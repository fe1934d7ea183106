"""A calendar file (.ics) with the deadlines and reminders, made in memory.

Each deadline is an all-day event on its last day, with an alarm 14 days before and one on the morning
of the last day. Optional reminders to ask for the status of a report follow the report date by the
months set in flows/documents.yaml. The file holds nothing about the person: no name, no offence, no
place; only dates and the rule, plus the report date if the user typed it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from lotse.documents.catalog import DocumentCatalog
from lotse.documents.deadlines import Deadline, add_months
from lotse.documents.document import Document
from lotse.documents.german import plain_date
from lotse.documents.parts import deadline_context

ICS_MIME = "text/calendar"
FILENAME = "Lotse-Fristen.ics"
PRODID = "-//Lotse//Fristen//DE"
MORNING = timedelta(hours=9)


def calendar_document(
    catalog: DocumentCatalog,
    deadlines: Sequence[Deadline] = (),
    reported_on: date | None = None,
    now: datetime | None = None,
) -> Document:
    """An .ics file with every deadline and, given a report date, the reminders to ask for its status."""
    stamp = now or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for deadline in deadlines:
        calendar.add_component(_deadline_event(catalog, deadline, stamp))
    if reported_on is not None:
        for day in status_reminder_days(catalog, reported_on):
            calendar.add_component(_status_event(catalog, reported_on, day, stamp))
    return Document(FILENAME, f"{ICS_MIME}; charset=utf-8", calendar.to_ical())


def status_reminder_days(catalog: DocumentCatalog, reported_on: date) -> list[date]:
    """The days to ask for the status of a report made on `reported_on` (months from documents.yaml)."""
    return [add_months(reported_on, months) for months in catalog.file.status_reminder.after_months]


def _deadline_event(catalog: DocumentCatalog, deadline: Deadline, stamp: datetime) -> Event:
    texts = catalog.file.deadlines[deadline.id].calendar  # type: ignore[index]
    context = deadline_context(catalog, deadline)
    event = _all_day(deadline.last_day, catalog.render(texts.summary, context), stamp)
    event.add("description", catalog.render(texts.description, context))
    event.add_component(_alarm(-timedelta(days=14), catalog.render(texts.alarm, context)))
    event.add_component(_alarm(MORNING, catalog.render(texts.summary, context)))
    return event


def _status_event(catalog: DocumentCatalog, reported_on: date, day: date, stamp: datetime) -> Event:
    texts = catalog.file.status_reminder
    context = {"reported_on": plain_date(reported_on)}
    event = _all_day(day, catalog.render(texts.summary, context), stamp)
    event.add("description", catalog.render(texts.description, context))
    event.add_component(_alarm(MORNING, catalog.render(texts.summary, context)))
    return event


def _all_day(day: date, summary: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{uuid.uuid4()}@lotse")  # random: nothing in it points to the person
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    return event


def _alarm(trigger: timedelta, description: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", trigger)
    alarm.add("description", description)
    return alarm
