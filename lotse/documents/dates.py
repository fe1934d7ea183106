"""The exact dates of a result in short lines: the deadlines and the days to ask about a report.

The days each deadline leaves (`days_left`, for the urgency rules of the plan). For "Auf einen Blick"
(`nearest_deadline`, the sentence `lotse.explain.glance.glance` takes) and the advisor's call summary
(`date_lines`, the lines `lotse.explain.summary.call_summary` takes), so neither
says "Ihre Frist läuft bald ab" where Lotse knows the day. Every word comes from flows/documents.yaml
(the deadlines) and texts/de.yaml (the reminders).
"""

from __future__ import annotations

from datetime import date

from lotse.content.loader import Content
from lotse.content.texts import fill
from lotse.documents.calendar import status_reminder_days
from lotse.documents.catalog import DocumentCatalog
from lotse.documents.deadlines import Deadline
from lotse.documents.german import plain_date
from lotse.documents.parts import deadline_text


def nearest_deadline(catalog: DocumentCatalog, deadlines: list[Deadline], today: date) -> str | None:
    """The sentence of the open deadline that ends first ("Ihre Frist endet am …"); with none open, of
    the first (it says the deadline has passed); None without deadlines."""
    if not deadlines:
        return None
    open_ = [deadline for deadline in deadlines if deadline.days_left(today) >= 0]
    chosen = min(open_, key=lambda d: d.last_day) if open_ else deadlines[0]
    return deadline_text(catalog, chosen, today).sentence


def days_left(deadlines: list[Deadline], today: date) -> dict[str, int]:
    """The days each deadline leaves, by use (0: today is the last day, negative: passed): what
    `lotse.guide.result.compute_result` takes as `days_left` for the urgency rules."""
    return {deadline.id: deadline.days_left(today) for deadline in deadlines}


def date_lines(
    content: Content, catalog: DocumentCatalog, deadlines: list[Deadline], today: date, reported_on: date | None = None
) -> list[str]:
    """One line per deadline ("Frist für den Strafantrag: Ihre Frist endet am …") and, after a report,
    the days still to come on which to ask about it."""
    lines = []
    for deadline in deadlines:
        text = deadline_text(catalog, deadline, today)
        lines.append(f"{text.title}: {text.sentence}")
    reminders = [day for day in status_reminder_days(catalog, reported_on) if day >= today] if reported_on else []
    if reminders:
        words = content.texts.documents
        days = [fill(words.reminder_day, date=plain_date(day)) for day in reminders]
        listed = days[0] if len(days) == 1 else f"{', '.join(days[:-1])} {content.texts.wording.and_word} {days[-1]}"
        lines.append(f"{words.reminders_title}: {fill(words.reminders, dates=listed)}")
    return lines
