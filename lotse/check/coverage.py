"""Coverage reports for editors: which states have which kinds of contact, what is stale, what is
missing; with `--scenarios`, which flow nodes and steps no training scenario reaches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lotse.check.dates import OLD_SOURCE_YEARS, never_live, old_source, stale
from lotse.content.loader import Content
from lotse.content.schema import Provider
from lotse.content.vocabulary import NATIONWIDE, PROVIDER_KINDS, STATES
from lotse.guide.result import compute_result
from lotse.guide.walk import walk

# Kinds every state must have (issue: police report route and victim counselling).
REQUIRED_KINDS = ("police", "victim_support")
SHORT_KIND = {
    "emergency": "Not",
    "police": "Pol",
    "prosecution": "StA",
    "reporting": "Meld",
    "victim_support": "Opfer",
    "counselling": "Ber",
    "legal": "Recht",
    "prevention": "Vorb",
    "network": "Netz",
}


@dataclass(frozen=True)
class StateCoverage:
    state: str
    counts: dict[str, int]

    @property
    def kinds_covered(self) -> int:
        return sum(1 for count in self.counts.values() if count)

    @property
    def missing_required(self) -> list[str]:
        return [kind for kind in REQUIRED_KINDS if not self.counts[kind]]


def state_coverage(providers: list[Provider]) -> list[StateCoverage]:
    """Contacts per state and kind; nationwide contacts are not counted for a state."""
    table = []
    for state in STATES:
        counts = {kind: 0 for kind in PROVIDER_KINDS}
        for provider in providers:
            if state in provider.states:
                counts[provider.kind] += 1
        table.append(StateCoverage(state, counts))
    return table


def stale_providers(providers: list[Provider], today: date) -> list[Provider]:
    return [p for p in providers if stale(p, today)]


def coverage_report(content: Content, today: date | None = None) -> str:
    today = today or date.today()
    table = state_coverage(content.providers)
    kinds = list(PROVIDER_KINDS)
    header = "Land  " + " ".join(f"{SHORT_KIND[k]:>5}" for k in kinds) + "  Arten"
    lines = ["Kontakte je Land und Art (bundesweite Kontakte nicht mitgezählt):", header]
    for row in table:
        cells = " ".join(f"{row.counts[k]:>5}" for k in kinds)
        lines.append(f"{row.state:<5} {cells}  {row.kinds_covered:>5}")
    nationwide = [p for p in content.providers if p.nationwide]
    lines.append(f"Bundesweit: {len(nationwide)} Kontakte.")
    labels = content.texts.labels.kinds
    lines.append("Legende: " + ", ".join(f"{SHORT_KIND[k]} = {labels[k]}" for k in PROVIDER_KINDS))
    lines.append("")
    stale = stale_providers(content.providers, today)
    lines.append(f"Veraltet (zuletzt geprüft vor mehr als 12 Monaten): {len(stale)}")
    lines += [f"  - {p.id}: geprüft am {p.verified}" for p in stale]
    lines += dates_by_state(content, today)
    gaps = [(row.state, kind) for row in table for kind in row.missing_required]
    lines.append(f"Lücken (Pflicht-Arten: {', '.join(labels[k] for k in REQUIRED_KINDS)}): {len(gaps)}")
    lines += [f"  - {state}: keine {labels[kind]}" for state, kind in gaps]
    lines.append("Begründungen und offene Punkte: docs/content-gaps.md")
    return "\n".join(lines)


def dates_by_state(content: Content, today: date) -> list[str]:
    """Per state (and nationwide): contacts never checked live, and those with sources over 3 years old."""
    lines = [f"Nie live geprüft / Quelle älter als {OLD_SOURCE_YEARS} Jahre, je Land:"]
    for where in (NATIONWIDE, *STATES):
        providers = [p for p in content.providers if where in p.states]
        unchecked = [p.id for p in providers if never_live(p)]
        old = [f"{p.id} ({p.source_date})" for p in providers if old_source(p, today)]
        if unchecked or old:
            lines.append(
                f"  {where}: nie live {len(unchecked)} von {len(providers)}"
                + (f"; alt: {', '.join(old)}" if old else "")
            )
    return lines


@dataclass(frozen=True)
class ScenarioReach:
    scenario_id: str
    nodes: tuple[str, ...]
    """Flow nodes on the scenario's path."""
    steps: tuple[str, ...]
    """Step blocks in the scenario's result."""


def scenario_reach(content: Content) -> list[ScenarioReach]:
    """For each training scenario: the flow nodes it passes and the step blocks its result shows."""
    reach = []
    for scenario in content.scenarios:
        nodes = walk(content, scenario.answers, use_defaults=True).path
        steps = tuple(step.id for step in compute_result(content, scenario.answers).steps)
        reach.append(ScenarioReach(scenario.id, nodes, steps))
    return reach


def unreached(content: Content, reach: list[ScenarioReach]) -> tuple[list[str], list[str]]:
    """(flow nodes, step ids) that no scenario reaches, in file order."""
    nodes = {node for item in reach for node in item.nodes}
    steps = {step for item in reach for step in item.steps}
    return (
        [node for node in content.flow.nodes if node not in nodes],
        [compiled.step.id for compiled in content.steps if compiled.step.id not in steps],
    )


def scenario_report(content: Content) -> str:
    if not content.scenarios:
        return "Keine Szenarien: flows/scenarios.yaml fehlt oder ist leer."
    reach = scenario_reach(content)
    node_total, step_total = len(content.flow.nodes), len(content.steps)
    width = max(len(item.scenario_id) for item in reach)
    lines = [
        f"Szenarien: {len(reach)}. Erreichte Knoten im Ablauf und Schritte im Ergebnis je Szenario:",
        f"{'Szenario':<{width}}  Knoten  Schritte",
    ]
    lines += [
        f"{item.scenario_id:<{width}}  {len(item.nodes):>2}/{node_total:<3}  {len(item.steps):>3}/{step_total}"
        for item in reach
    ]
    missing_nodes, missing_steps = unreached(content, reach)
    lines += ["", f"Knoten, die kein Szenario erreicht: {len(missing_nodes)} von {node_total}"]
    lines += [f"  - {node}" for node in missing_nodes]
    lines.append(f"Schritte, die kein Szenario erreicht: {len(missing_steps)} von {step_total}")
    lines += [f"  - {step}" for step in missing_steps]
    return "\n".join(lines)
