"""The placeholders a step text may use (see docs/editing.md, "Platzhalter"), and their values.

Every placeholder is a plain text, so a step text can only print it; names and meanings are
documented in docs/editing.md and a test keeps that table and this one the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lotse.content.models import Flow

PLACEHOLDERS: dict[str, str] = {
    "state_name": "der Name des gewählten Landes, z. B. Nordrhein-Westfalen",
}


def placeholder_values(flow: Flow, answers: Mapping[str, Any]) -> dict[str, str]:
    """The value of every placeholder for complete answers."""
    return {"state_name": flow.questions()["state"].label_of(answers["state"])}
