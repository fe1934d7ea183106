"""Exact legal deadlines in the user's state. Pure: no I/O, no clock unless `today` is passed.

Strafantrag, § 77b StGB: three months; the period starts at the end of the day on which the person
knew both the act and the author (Abs. 2 Satz 1) and ends on the day of the third month with the same
number, or on that month's last day where the number is missing. The StGB has its own weekend rule
(Abs. 1 Satz 2): "Fällt das Ende der Frist auf einen Sonntag, einen allgemeinen Feiertag oder einen
Sonnabend, so endet die Frist mit Ablauf des nächsten Werktags." No analogy to § 193 BGB is needed.

Beschwerde against a dropped case, § 172 Abs. 1 Satz 1 StPO: two weeks after the notice, counted by
§ 43 StPO (Abs. 1: the weekday with the same name; Abs. 2: the same weekend and holiday rule).

"Allgemeiner Feiertag" means a public holiday by law, which is state law: Fronleichnam counts in Bayern,
not in Berlin. What counts is the holiday law at the seat of the office where the filing must arrive
(a Bavarian's complaint to the Berlin prosecutor ends on 6 January, a Bavarian holiday), so a deadline
is counted for the office's state; where that state is not known (`state=None`), only the holidays of
every state count: the safe day, never later than the real one. Holidays that only some towns of a state
keep (Mariä Himmelfahrt in parts of Bayern, the Augsburger Friedensfest, Fronleichnam in parts of Sachsen
and Thüringen) are not counted either: moving a deadline later on a guess could make someone miss it.
The end moves day by day until it is neither a weekend nor a holiday, so Karfreitag, Easter weekend and
Ostermontag together move it to the Tuesday.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final, Literal

import holidays

from lotse.content.problems import RefusalError
from lotse.content.vocabulary import STATES

EARLIEST: Final = date(2000, 1, 1)
SATURDAY, SUNDAY = 5, 6


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    law: str
    months: int = 0
    weeks: int = 0
    office: Literal["user_state", "unknown"] = "user_state"
    """Where the filing arrives when nothing else is known: an office in the user's state (a Strafantrag
    at the local police), or anywhere (the prosecutor who closed the case, often in another state)."""


RULES: Final[dict[str, DeadlineRule]] = {
    "strafantrag": DeadlineRule("strafantrag", "§ 77b StGB", months=3),
    "beschwerde": DeadlineRule("beschwerde", "§ 172 Abs. 1 StPO", weeks=2, office="unknown"),
}


class DeadlineError(RefusalError):
    """A date or state that gives no deadline, said as a code (words: texts/de.yaml, `refusals`)."""


@dataclass(frozen=True)
class SkippedDay:
    """A day the deadline could not end on, and why ('Samstag', 'Sonntag' or the holiday's name)."""

    day: date
    reason: str
    holiday: bool


@dataclass(frozen=True)
class Deadline:
    id: str
    law: str
    state: str | None
    """The state whose holidays were counted (the office's seat); None: only the holidays of every state."""
    start: date
    """The day of the event: learning of act and author, or receiving the notice."""
    nominal_end: date
    """The end by counting alone, before weekends and holidays."""
    last_day: date
    """The last day on which the application or complaint can be made, until the end of the day."""
    skipped: tuple[SkippedDay, ...]

    @property
    def later_somewhere(self) -> bool:
        """Counted without the office's state, and the last day is a holiday in some state: there it ends later."""
        return self.state is None and any(self.last_day in public_holidays(s, self.last_day.year) for s in STATES)

    def days_left(self, today: date) -> int:
        """Days from today to the last day: 0 = today is the last day, negative = passed."""
        return (self.last_day - today).days

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start.isoformat(),
            "last_day": self.last_day.isoformat(),
            "law": self.law,
            "state": self.state,
            "nominal_end": self.nominal_end.isoformat(),
            "skipped": [{"day": s.day.isoformat(), "reason": s.reason} for s in self.skipped],
        }


def compute_deadline(rule_id: str, start: date, state: str | None, today: date | None = None) -> Deadline:
    """The deadline `rule_id` for an event on `start`, counted with the holidays of `state` (the office's
    seat; None: only those of every state). With `today`, a future start is refused."""
    rule = RULES.get(rule_id)
    if rule is None:
        raise DeadlineError("deadline_unknown", rule=rule_id, rules=", ".join(RULES))
    if state is not None:
        check_state(state)
    if start < EARLIEST:
        raise DeadlineError("date_too_early", date=f"{start:%d.%m.%Y}")
    if today is not None and start > today:
        raise DeadlineError("date_future", date=f"{start:%d.%m.%Y}")
    nominal = add_months(start, rule.months) + timedelta(weeks=rule.weeks)
    last_day, skipped = next_working_day(nominal, state)
    return Deadline(rule.id, rule.law, state, start, nominal, last_day, skipped)


def deadlines_for(dates: Mapping[str, date], state: str, today: date) -> tuple[list[Deadline], list[DeadlineError]]:
    """The deadlines that exact dates (by use, e.g. 'strafantrag') give, in the order of RULES, and the
    refusal for each date that gives none (a day in the future, say). Other uses are ignored.
    `state` is the user's: it counts where the filing usually arrives there (RULES' `office`)."""
    deadlines: list[Deadline] = []
    problems: list[DeadlineError] = []
    for rule_id, rule in RULES.items():
        if rule_id in dates:
            office = state if rule.office == "user_state" else None
            try:
                deadlines.append(compute_deadline(rule_id, dates[rule_id], office, today))
            except DeadlineError as exc:
                problems.append(exc)
    return deadlines, problems


def strafantrag_deadline(learned: date, state: str, today: date | None = None) -> Deadline:
    return compute_deadline("strafantrag", learned, state, today)


def check_state(state: str) -> None:
    if state not in STATES:
        raise DeadlineError("state_unknown", state=state, states=", ".join(STATES))


def add_months(day: date, months: int) -> date:
    """The day with the same number `months` later, or that month's last day where it is missing."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_working_day(day: date, state: str | None) -> tuple[date, tuple[SkippedDay, ...]]:
    """`day` itself if it is a working day in `state` (None: every state), otherwise the next one, with the
    days skipped."""
    skipped: list[SkippedDay] = []
    while (reason := _not_working(day, state)) is not None:
        skipped.append(SkippedDay(day, *reason))
        day += timedelta(days=1)
    return day, tuple(skipped)


def _not_working(day: date, state: str | None) -> tuple[str, bool] | None:
    if day.weekday() == SATURDAY:
        return "Samstag", False
    if day.weekday() == SUNDAY:
        return "Sonntag", False
    holidays_ = public_holidays(state, day.year) if state is not None else common_holidays(day.year)
    name = holidays_.get(day)
    return (name, True) if name else None


@lru_cache(maxsize=16)
def common_holidays(year: int) -> MappingProxyType[date, str]:
    """The public holidays every state keeps in `year` (Neujahr, Karfreitag, … Zweiter Weihnachtstag)."""
    first, *others = (public_holidays(state, year) for state in STATES)
    return MappingProxyType({day: name for day, name in first.items() if all(day in o for o in others)})


@lru_cache(maxsize=64)
def public_holidays(state: str, year: int) -> MappingProxyType[date, str]:
    """The state's public holidays by law in `year`, with German names (read-only, cached)."""
    calendar_ = holidays.Germany(subdiv=state, years=year, language="de", categories=(holidays.PUBLIC,))
    return MappingProxyType(dict(calendar_))
