"""Which contacts fit the answers, and in which order.

Order: emergency numbers first when there is acute danger; then the chosen state's contacts, then
nationwide ones. Within each group the kinds are ordered by the person's wish about the police.
With `police=no`, contacts that are the police or a prosecutor come last of all (people change their
minds, and the Strafantrag deadline keeps running), except police prevention advice, which is not a
report. For an attack, a threat or stalking, reporting in person comes before any online form: online
police stations do not take violent crimes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lotse.content.schema import Provider
from lotse.content.vocabulary import IN_PERSON_FIRST, STATES

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
    ranked = [
        (_rank(provider, answers, position), provider)
        for position, provider in enumerate(providers)
        if _fits(provider, answers["state"], incidents, danger)
    ]
    return [provider for _, provider in sorted(ranked, key=lambda pair: pair[0])]


def is_deferred(provider: Provider, answers: Mapping[str, Any]) -> bool:
    """True for police and prosecutors when the person does not want the police: shown last, apart."""
    return (
        answers["police"] == "no"
        and provider.police_relation in {"police", "law_enforcement"}
        and provider.kind not in {"prevention", "emergency"}
    )


def _fits(provider: Provider, state: str, incidents: set[str], danger: bool) -> bool:
    if provider.kind == "emergency":
        return danger and bool(provider.incident_set & incidents)
    in_scope = provider.nationwide or state in provider.states
    return in_scope and bool(provider.incident_set & incidents)


def _rank(provider: Provider, answers: Mapping[str, Any], position: int) -> tuple[int, ...]:
    emergency_group = 0 if provider.kind == "emergency" else 1
    deferred = 1 if is_deferred(provider, answers) else 0
    state_group = 1 if provider.nationwide else 0
    kinds = PREVENTION_FIRST if set(answers["incident"]) == {"none"} else KIND_ORDER_BY_POLICE[answers["police"]]
    kind_rank = kinds.index(provider.kind) if provider.kind in kinds else len(kinds)
    return emergency_group, deferred, state_group, kind_rank, _route_rank(provider, answers), position


def _route_rank(provider: Provider, answers: Mapping[str, Any]) -> int:
    """In person before online where the incidents need it; otherwise file order decides."""
    if not IN_PERSON_FIRST.intersection(answers["incident"]):
        return 0
    return {"in_person": 0, None: 1, "online": 2}[provider.report_route]


ALL = "alle"


def filter_directory(
    providers: list[Provider], state: str = ALL, kind: str = ALL, incident: str = ALL, nationwide: bool = True
) -> list[Provider]:
    """The contacts directory: every contact that fits the filters, state contacts before nationwide ones."""

    def fits(provider: Provider) -> bool:
        in_scope = nationwide if provider.nationwide else state in (ALL, *provider.states)
        return in_scope and kind in (ALL, provider.kind) and (incident == ALL or incident in provider.incident_set)

    return sorted(filter(fits, providers), key=lambda p: (p.nationwide, _state_rank(p.states[0]), p.name))


def _state_rank(code: str) -> int:
    """States in the order of `STATES` (alphabetical by name); nationwide entries have none."""
    return STATES.index(code) if code in STATES else -1
