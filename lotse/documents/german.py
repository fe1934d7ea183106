"""German names of weekdays and months, so dates read the same on every machine (no locale needed)."""

from __future__ import annotations

from datetime import date
from typing import Final

WEEKDAYS: Final = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTHS: Final = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def long_date(day: date) -> str:
    """'Freitag, 5. Juni 2026'."""
    return f"{WEEKDAYS[day.weekday()]}, {plain_date(day)}"


def plain_date(day: date) -> str:
    """'5. Juni 2026'."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def numeric_date(day: date) -> str:
    """'05.06.2026', as used in letters."""
    return f"{day:%d.%m.%Y}"
