"""Each incident's Strafantrag deadline (§ 77b StGB), by the very function the guide uses, and one
calendar file with all of them. Pure: no clock unless `today` is passed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from lotse.case.model import Case, Incident
from lotse.documents.calendar import calendar_document
from lotse.documents.catalog import DocumentCatalog
from lotse.documents.deadlines import Deadline, strafantrag_deadline
from lotse.documents.document import Document

CALENDAR_FILE = "Lotse-Mein-Fall-Fristen.ics"


@dataclass(frozen=True)
class IncidentDeadline:
    incident: Incident
    deadline: Deadline


def incident_deadline(incident: Incident, state: str) -> Deadline:
    """The Strafantrag deadline of one incident: it starts on the day the person knew act and author."""
    return strafantrag_deadline(incident.learned_on, state)


def case_deadlines(case: Case) -> list[IncidentDeadline]:
    """Every incident's deadline, newest incident first; none without the office's state."""
    if case.state is None:
        return []
    return [IncidentDeadline(i, incident_deadline(i, case.state)) for i in case.newest_first()]


def case_calendar(catalog: DocumentCatalog, case: Case, now: datetime | None = None) -> Document:
    """One .ics file with the deadline of every incident (only dates and the rule, nothing typed)."""
    deadlines: Sequence[Deadline] = sorted(
        {d.deadline.last_day: d.deadline for d in case_deadlines(case)}.values(), key=lambda d: d.last_day
    )
    document = calendar_document(catalog, deadlines, now=now)
    return Document(CALENDAR_FILE, document.mime, document.data)
