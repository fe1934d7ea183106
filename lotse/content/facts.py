"""Facts Lotse derives from what the person gave, for the conditions of a step's urgency and text
variants (never for `when` or `next`, which read answers only).

- `days_left_strafantrag`, `days_left_beschwerde`: how much time the known deadline leaves, as one of
  DAYS_LEFT (`unknown` without the date). The days are counted by the one deadline code
  (`lotse.documents.dates.days_left`); the caller passes them in (`compute_result(..., days_left=...)`),
  as it passes the uses of the dates known.

The check evaluates conditions over every value of DAYS_LEFT, so a rule over these facts is checked like
any other (readable, not always or never true, reachable).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from lotse.content.expressions import AnswerDomain
from lotse.content.vocabulary import DAYS_LEFT, DAYS_LEFT_LIMITS, DEADLINE_USES

DAYS_LEFT_KEYS: Final = {use: f"days_left_{use}" for use in DEADLINE_USES}
"""The name a condition reads for each deadline, by the use of its date."""


def fact_domains() -> dict[str, AnswerDomain]:
    """Each derived fact with its values, for compiling and checking conditions."""
    return {key: AnswerDomain(DAYS_LEFT) for key in DAYS_LEFT_KEYS.values()}


def days_left_step(days: int | None) -> str:
    """The step of DAYS_LEFT for `days` left (0: today is the last day, negative: passed; None: no date)."""
    if days is None:
        return "unknown"
    if days < 0:
        return "passed"
    return next((name for name, limit in DAYS_LEFT_LIMITS if days <= limit), "more")


def deadline_facts(days_left: Mapping[str, int]) -> dict[str, str]:
    """Every `days_left_…` fact for the days left by use (a use missing counts as `unknown`)."""
    return {key: days_left_step(days_left.get(use)) for use, key in DAYS_LEFT_KEYS.items()}
