"""One incident of the case opened in the guide: its answers pre-set (what happened, the channel, the
state, whether the author is known, when the person learned of it, with the exact day), so the guide
asks only what the case does not say (danger first) and every answer stays changeable on its check
page. Only the session's wizard state carries them, never a URL."""

from __future__ import annotations

from datetime import date
from typing import Any

from lotse.case.model import Case, Incident
from lotse.content.loader import Content
from lotse.guide.walk import walk
from lotse.guide.wizard import CHECK, WizardState

OWN_CASE = {"role": "self"}
"""A case file is the person's own: the guide's first question (for whom) is answered for them."""
KNOWN = {"yes": "yes", "no": "no", "unknown": "unsure"}
"""The case's 'Kennen Sie die Person?' as the guide's 'Wissen Sie, wer es war?'."""


def guide_answers(case: Case, incident: Incident, today: date) -> tuple[dict[str, Any], dict[str, date]]:
    """The guide's answers and dates (by use) that the case knows for `incident`."""
    answers: dict[str, Any] = {
        **OWN_CASE,
        "author_known": KNOWN[incident.author_known],
        "learned": _learned(incident, today),
    }
    if incident.kinds:
        answers["incident"] = list(incident.kinds)
    if incident.channel:
        answers["channel"] = [incident.channel]
    if case.state:
        answers["state"] = case.state
    return answers, {"strafantrag": incident.learned_on}


def guide_state(content: Content, case: Case, incident: Incident, today: date) -> WizardState:
    """The wizard at the first question the case does not answer, back to the check page after it; or
    at the check page when the case answers every question on the way."""
    answers, dates = guide_answers(case, incident, today)
    answers = {key: value for key, value in answers.items() if key in content.questions()}
    found = walk(content, answers)
    if found.complete:
        return WizardState(CHECK, answers, dates=dates)
    return WizardState(found.stopped_at, answers, return_to_check=True, dates=dates)


def _learned(incident: Incident, today: date) -> str:
    if incident.learned_on > _months_before(today, 1):
        return "under_1_month"
    if incident.learned_on > _months_before(today, 3):
        return "1_to_3_months"
    return "over_3_months"


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")
