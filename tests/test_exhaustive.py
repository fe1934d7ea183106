"""Every combination of the four canonical answers gets a usable result from the shipped content:
each incident alone and typical combinations, × danger × police wish × 16 states."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest

from lotse.content.loader import load_content
from lotse.content.vocabulary import DANGER, INCIDENTS, POLICE, STATES
from lotse.guide.result import compute_result

CONTENT = load_content(Path(__file__).resolve().parents[1])
INCIDENT_SETS = [[incident] for incident in INCIDENTS] + [
    ["threat", "online_hate"],
    ["insult", "defamation"],
    ["insult", "online_hate"],
    ["attack", "property_damage"],
    ["doxing", "threat"],
    ["stalking", "threat"],
    ["insult", "threat", "online_hate", "doxing"],
]
COMBINATIONS = list(product(STATES, DANGER, POLICE))


def test_the_combination_grid_is_complete() -> None:
    assert len(INCIDENT_SETS) * len(COMBINATIONS) == 16 * 16 * 2 * 4


@pytest.mark.parametrize("incidents", INCIDENT_SETS, ids="+".join)
def test_every_combination_has_steps_state_and_national_contacts(incidents: list[str]) -> None:
    failures = []
    for state, danger, police in COMBINATIONS:
        result = compute_result(CONTENT, {"incident": incidents, "danger": danger, "state": state, "police": police})
        label = f"{state}/{danger}/{police}"
        if len(result.steps) < 3:
            failures.append(f"{label}: only {len(result.steps)} steps")
        if not any(state in contact.states for contact in result.contacts):
            failures.append(f"{label}: no contact for the state")
        if not any(contact.nationwide and contact.kind != "emergency" for contact in result.contacts):
            failures.append(f"{label}: no national contact")
        if danger == "yes":
            if result.steps[0].id != "emergency-110" or result.contacts[0].phone != "110":
                failures.append(f"{label}: 110 is not first")
        elif result.emergency or any(c.kind == "emergency" for c in result.contacts):
            failures.append(f"{label}: emergency shown without danger")
    assert failures == []


@pytest.mark.parametrize("state", STATES)
def test_without_police_wish_no_police_contact_comes_first(state: str) -> None:
    for incidents in INCIDENT_SETS:
        result = compute_result(CONTENT, {"incident": incidents, "danger": "no", "state": state, "police": "no"})
        first = result.contacts[0]
        assert first.police_relation not in {"police", "law_enforcement"} or first.kind == "prevention", (
            f"{state} {incidents}: {first.id} comes first"
        )


def test_every_contact_is_shown_for_some_combination() -> None:
    shown: set[str] = set()
    for incidents, (state, danger, police) in product(INCIDENT_SETS, COMBINATIONS):
        result = compute_result(CONTENT, {"incident": incidents, "danger": danger, "state": state, "police": police})
        shown.update(contact.id for contact in result.contacts)
    assert {provider.id for provider in CONTENT.providers} - shown == set()


def test_every_step_is_shown_for_some_answers() -> None:
    further = [
        {},
        {"author_known": "yes", "learned": "1_to_3_months"},
        {"author_known": "yes", "learned": "over_3_months"},
    ]
    further += [{"report_status": status} for status in ("waiting", "dropped", "private_prosecution")]
    shown: set[str] = set()
    for incidents, danger, police, more in product(INCIDENT_SETS, DANGER, POLICE, further):
        answers = {"incident": incidents, "danger": danger, "state": "BY", "police": police, **more}
        shown.update(step.id for step in compute_result(CONTENT, answers).steps)
    assert {compiled.step.id for compiled in CONTENT.steps} - shown == set()


# The police's online report route per state (issue 2). Saarland: no official page with the address
# yet, see docs/content-gaps.md ("Fourth research round"); it keeps the report-at-any-station entry.
ONLINE_REPORT_ROUTES = {
    "BW": "bw-onlinewache",
    "BY": "by-online-anzeige",
    "BE": "be-polizei-buergertelefon",
    "BB": "bb-onlinewache",
    "HB": "hb-onlinewache",
    "HH": "hh-onlinewache",
    "HE": "he-onlinewache",
    "MV": "mv-onlinewache",
    "NI": "ni-onlinewache",
    "NW": "nw-internetwache",
    "RP": "rp-onlinewache",
    "SN": "sn-onlinewache",
    "ST": "st-e-revier",
    "SH": "sh-onlinewache",
    "TH": "th-onlinewache",
}
WITHOUT_CONFIRMED_ONLINE_ROUTE = {"SL": "sl-polizei-dienststellen"}


def test_every_state_has_its_online_report_route_or_a_documented_gap() -> None:
    assert set(ONLINE_REPORT_ROUTES) | set(WITHOUT_CONFIRMED_ONLINE_ROUTE) == set(STATES)
    gaps = (Path(__file__).resolve().parents[1] / "docs" / "content-gaps.md").read_text(encoding="utf-8")
    for state, provider_id in WITHOUT_CONFIRMED_ONLINE_ROUTE.items():
        assert f"`{state.lower()}-onlinewache`: **still unconfirmed**" in gaps
        assert CONTENT.provider(provider_id).kind == "police"


@pytest.mark.parametrize(("state", "provider_id"), ONLINE_REPORT_ROUTES.items())
def test_the_online_route_is_a_police_contact_of_that_state_shown_to_who_wants_to_report(
    state: str, provider_id: str
) -> None:
    provider = CONTENT.provider(provider_id)
    assert provider.kind == "police" and provider.states == [state] and provider.url
    incident = sorted(provider.incident_set)[0]
    result = compute_result(CONTENT, {"incident": [incident], "danger": "no", "state": state, "police": "yes"})
    assert provider_id in [contact.id for contact in result.contacts]
