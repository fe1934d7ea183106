"""Which contacts fit the answers, and in which order; the rules are content (flows/ranking.yaml).

Order: emergency numbers first, and only, when the predicate `in_danger` holds; then the chosen state's
contacts, then nationwide ones. Within each group the kinds follow the first order of flows/ranking.yaml
whose predicate holds (after the person's wish about the police; prevention first when nothing has
happened). A contact a deferral holds for (with `no_police`: police and prosecutors, except police
prevention advice, which is not a report) comes last of all. For an attack, a threat or stalking,
reporting in person comes before any online form (`in_person_first` in flows/ranking.yaml): online
police stations do not take violent crimes.
Someone who helps the affected person (role `supporter`) sees only the contacts whose source says they
advise people around the affected person too (`helps_people_around`), besides the emergency numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lotse.content.ranking import EMERGENCY, IN_DANGER, Ranking, deferred_by
from lotse.content.schema import Provider
from lotse.content.vocabulary import STATES, SUPPORTER


def match_providers(providers: list[Provider], answers: Mapping[str, Any], ranking: Ranking) -> list[Provider]:
    incidents = set(answers["incident"])
    danger = ranking.holds(IN_DANGER, answers)
    kinds = ranking.kinds(answers)
    deferrals = ranking.deferrals_holding(answers)
    in_person_first = bool(ranking.in_person_first(incidents))
    around = answers.get("role") == SUPPORTER  # someone who helps: only contacts whose source says they help them too
    ranked = [
        (_rank(provider, kinds, deferred_by(provider, deferrals), in_person_first, position), provider)
        for position, provider in enumerate(providers)
        if _fits(provider, answers["state"], incidents, danger)
        and (not around or provider.helps_people_around or provider.kind == EMERGENCY)
    ]
    return [provider for _, provider in sorted(ranked, key=lambda pair: pair[0])]


def is_deferred(provider: Provider, answers: Mapping[str, Any], ranking: Ranking) -> bool:
    """True for a contact a deferral of flows/ranking.yaml holds for: shown last, apart."""
    return ranking.is_deferred(provider, answers)


def _fits(provider: Provider, state: str, incidents: set[str], danger: bool) -> bool:
    if provider.kind == EMERGENCY:
        return danger and bool(provider.incident_set & incidents)
    in_scope = provider.nationwide or state in provider.states
    return in_scope and bool(provider.incident_set & incidents)


def _rank(
    provider: Provider, kinds: tuple[str, ...], deferred: bool, in_person_first: bool, position: int
) -> tuple[int, ...]:
    emergency_group = 0 if provider.kind == EMERGENCY else 1
    state_group = 1 if provider.nationwide else 0
    kind_rank = kinds.index(provider.kind) if provider.kind in kinds else len(kinds)
    route_rank = _route_rank(provider) if in_person_first else 0
    return emergency_group, int(deferred), state_group, kind_rank, route_rank, position


def _route_rank(provider: Provider) -> int:
    """In person before online where the incidents need it; otherwise file order decides."""
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
