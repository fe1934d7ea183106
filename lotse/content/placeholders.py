"""The placeholders a step text may use (see docs/editing.md, "Platzhalter"), and their values.

Every placeholder is a plain text, so a step text can only print it; names and meanings are
documented in docs/editing.md and a test keeps that table and this one the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lotse.content.schema import Flow
from lotse.content.texts import Texts

PLACEHOLDERS: dict[str, str] = {
    "state_name": "der Name des gewählten Landes, z. B. Nordrhein-Westfalen",
    "in_state": "„in“ mit dem Namen des Landes, z. B. „in Bayern“, „im Saarland“",
}


def placeholder_values(flow: Flow, texts: Texts, answers: Mapping[str, Any]) -> dict[str, str]:
    """The value of every placeholder for complete answers."""
    name = flow.questions()["state"].label_of(answers["state"])
    return {"state_name": name, "in_state": texts.in_state(answers["state"], name)}
