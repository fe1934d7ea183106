"""Which contacts fit the answers, and in which order.

Order: emergency numbers first when there is acute danger; then the chosen state's contacts, then
nationwide ones. Within each group the kinds are ordered by the person's wish about the police.
With `police=no` contacts that are the police or a prosecutor are left out, except emergency numbers
(acute danger) and police prevention advice, which is not a report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lotse.models import Provider

KIND_ORDER_BY_POLICE: dict[str, tuple[str, ...]] = {
    "yes": ("police", "prosecution", "reporting", "victim_support", "counselling", "legal", "prevention", "network"),
    "already_reported": (
        "prosecution",
        "police",
        "victim_support",
        "counselling",
        "legal",
        "reporting",
        "prevention",
        "network",
    ),
    "undecided": (
        "counselling",
        "victim_support",
        "legal",
        "reporting",
        "police",
        "prosecution",
        "prevention",
        "network",
    ),
    "no": ("counselling", "victim_support", "legal", "reporting", "prevention", "network", "police", "prosecution"),
}
PREVENTION_FIRST = (
    "prevention",
    "counselling",
    "network",
    "police",
    "victim_support",
    "legal",
    "reporting",
    "prosecution",
)


def match_providers(providers: list[Provider], answers: Mapping[str, Any]) -> list[Provider]:
    incidents = set(answers["incident"])
    danger = answers["danger"] == "yes"
    matches = [p for p in providers if _fits(p, answers["state"], incidents, answers["police"], danger)]
    return sorted(matches, key=lambda p: _rank(p, answers, providers.index(p)))


def _fits(provider: Provider, state: str, incidents: set[str], police: str, danger: bool) -> bool:
    if provider.kind == "emergency":
        return danger and bool(provider.incident_set & incidents)
    if not (provider.nationwide or state in provider.states):
        return False
    if not provider.incident_set & incidents:
        return False
    if police == "no" and provider.police_relation in {"police", "law_enforcement"}:
        return provider.kind == "prevention"
    return True


def _rank(provider: Provider, answers: Mapping[str, Any], position: int) -> tuple[int, int, int, int]:
    emergency_group = 0 if provider.kind == "emergency" else 1
    state_group = 1 if provider.nationwide else 0
    kinds = PREVENTION_FIRST if set(answers["incident"]) == {"none"} else KIND_ORDER_BY_POLICE[answers["police"]]
    kind_rank = kinds.index(provider.kind) if provider.kind in kinds else len(kinds)
    return emergency_group, state_group, kind_rank, position
