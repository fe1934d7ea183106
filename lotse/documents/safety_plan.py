"""The Sicherheits-Check's answers turned into a dated plan (the documents: lotse/documents/safety.py).

Pure: the answers come in as a mapping (item id -> "done", "open" or "not_applicable"), nothing is
kept. Only the open items go into the plan, each due `days` after today as flows/safety.yaml says,
the soonest first (file order within a day). An answer that is not one of the three, or an item id the
file does not have, is ignored: the page sends only its own values, but a client may send anything.
Apart from the documents because the check and "Mein Fall" need the plan but not WeasyPrint or
python-docx, which the documents load (tests/test_cli.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from lotse.content.loader import Content
from lotse.content.safety import OPEN, SafetyArea, SafetyItem
from lotse.content.schema import Provider


@dataclass(frozen=True)
class PlanItem:
    """One open item of the check, with its date and its contact."""

    area: SafetyArea
    item: SafetyItem
    due: date
    contact: Provider | None


def safety_plan(content: Content, answers: Mapping[str, object], today: date) -> list[PlanItem]:
    """The open items, soonest first; empty where the content has no safety check."""
    check = content.safety
    if check is None:
        return []
    providers = {provider.id: provider for provider in content.providers}
    plan = [
        PlanItem(area, item, today + timedelta(days=item.days), providers.get(item.contact or ""))
        for area, item in check.items()
        if answers.get(item.id) == OPEN
    ]
    return sorted(plan, key=lambda entry: entry.due)  # stable: file order within a day
