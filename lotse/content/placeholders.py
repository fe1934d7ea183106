"""The documented context that step texts are rendered with (see docs/editing.md, "Placeholders")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lotse.content.models import Flow
from lotse.content.vocabulary import STATE_NAMES

# Derived placeholders, computed from the answers. Each is documented in docs/editing.md.
DERIVED_KEYS: dict[str, str] = {
    "incident_labels": "list of the chosen incidents in plain German",
    "state_name": "the full German name of the chosen state",
}


def context_keys(flow: Flow) -> set[str]:
    """Every name a step text may use: each question's answer key plus the derived keys."""
    return set(flow.questions()) | set(DERIVED_KEYS)


def step_context(flow: Flow, answers: Mapping[str, Any]) -> dict[str, Any]:
    incident_question = flow.questions()["incident"]
    context = dict(answers)
    context["incident_labels"] = [incident_question.label_of(v) for v in answers["incident"]]
    context["state_name"] = STATE_NAMES[answers["state"]]
    return context
