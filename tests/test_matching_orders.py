"""Who comes first among the contacts (lotse/guide/matching.py with the shipped flows/ranking.yaml), one
test per order and per rule, with made-up contacts so that each test sees exactly the rule it is about."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from lotse.content.schema import Provider
from lotse.guide import matching
from lotse.guide.matching import filter_directory
from tests.conftest import REPO
from tests.speedups import validate_once

RANKING = validate_once(REPO, warnings=False).content.ranking
match_providers = partial(matching.match_providers, ranking=RANKING)
is_deferred = partial(matching.is_deferred, ranking=RANKING)

KINDS = ("police", "prosecution", "reporting", "victim_support", "counselling", "legal", "prevention", "network")
RELATION = {"police": "police", "prosecution": "law_enforcement"}


def contact(name: str, kind: str, states: tuple[str, ...] = ("BY",), **extra: object) -> Provider:
    fields = {
        "id": name.replace("_", "-"),
        "name": name,
        "kind": kind,
        "states": list(states),
        "incidents": "all",
        "police_relation": RELATION.get(kind, "independent"),
        "description": "Beschreibung",
        "anonymous": "unknown",
        "free_of_charge": "yes",
        "source": "https://example.org/quelle",
        "source_date": "2026",
        "verified": date(2026, 11, 1),
        "verified_how": "live",
    }
    return Provider.model_validate(fields | extra)


def answers(police: str = "yes", incident: tuple[str, ...] = ("insult",), danger: str = "no") -> dict:
    return {"incident": list(incident), "danger": danger, "state": "BY", "police": police}


EVERY_KIND = [contact(kind, kind) for kind in reversed(KINDS)]


@pytest.mark.parametrize(
    ("police", "order"),
    [
        ("yes", KINDS),
        (
            "already_reported",
            ("prosecution", "police", "victim_support", "counselling", "legal", "reporting", "prevention", "network"),
        ),
        (
            "undecided",
            ("counselling", "victim_support", "legal", "reporting", "police", "prosecution", "prevention", "network"),
        ),
        (
            "no",
            ("counselling", "victim_support", "legal", "reporting", "prevention", "network", "police", "prosecution"),
        ),
    ],
)
def test_the_kinds_follow_the_wish_about_the_police(police: str, order: tuple[str, ...]) -> None:
    assert [p.kind for p in match_providers(EVERY_KIND, answers(police))] == list(order)


def test_prevention_only_puts_prevention_first() -> None:
    ranked = match_providers(EVERY_KIND, answers("yes", ("none",)))
    assert [p.kind for p in ranked] == [
        "prevention",
        "counselling",
        "network",
        "police",
        "victim_support",
        "legal",
        "reporting",
        "prosecution",
    ]


def test_without_police_police_and_prosecutors_go_last_but_not_police_prevention_advice() -> None:
    advice = contact("police-advice", "prevention", police_relation="police")
    prosecutor_help = contact("prosecutor-help", "counselling", police_relation="law_enforcement")
    others = [contact("net", "network"), contact("legal", "legal")]
    ranked = match_providers([prosecutor_help, advice, *others], answers("no"))
    assert [p.id for p in ranked] == ["legal", "police-advice", "net", "prosecutor-help"]
    assert [is_deferred(p, answers("no")) for p in (prosecutor_help, advice)] == [True, False]
    assert [is_deferred(p, answers("yes")) for p in (prosecutor_help, advice)] == [False, False]


def test_emergency_numbers_first_and_only_in_danger_for_their_incidents() -> None:
    emergency = contact("notruf", "emergency", ("DE",), police_relation="police")
    threats_only = contact("notruf-threat", "emergency", ("DE",), police_relation="police", incidents=["threat"])
    providers = [contact("police", "police"), threats_only, emergency]
    assert [p.id for p in match_providers(providers, answers("no", danger="yes"))] == ["notruf", "police"]
    assert [p.id for p in match_providers(providers, answers("no", danger="no"))] == ["police"]
    assert not is_deferred(emergency, answers("no"))


def test_the_states_contacts_before_nationwide_ones_and_only_for_their_incidents() -> None:
    providers = [
        contact("bund-police", "police", ("DE",)),
        contact("by-network", "network"),
        contact("be-police", "police", ("BE",)),
        contact("by-threats", "counselling", incidents=["threat"]),
    ]
    assert [p.id for p in match_providers(providers, answers("yes"))] == ["by-network", "bund-police"]


def test_for_violence_in_person_before_no_route_before_online() -> None:
    routes = [
        contact("online", "police", report_route="online"),
        contact("no-route", "police"),
        contact("station", "police", report_route="in_person"),
    ]
    assert [p.id for p in match_providers(routes, answers("yes", ("attack",)))] == ["station", "no-route", "online"]
    assert [p.id for p in match_providers(routes, answers("yes", ("insult",)))] == ["online", "no-route", "station"]


def test_the_directory_filters_and_orders_states_as_listed() -> None:
    providers = [
        contact("z-bund", "counselling", ("DE",)),
        contact("a-by", "police", ("BY",), incidents=["threat"]),
        contact("b-bw", "counselling", ("BW",)),
        contact("c-by", "counselling", ("BY",)),
    ]
    assert [p.id for p in filter_directory(providers)] == ["b-bw", "a-by", "c-by", "z-bund"]
    assert [p.id for p in filter_directory(providers, state="BY")] == ["a-by", "c-by", "z-bund"]
    assert [p.id for p in filter_directory(providers, state="BY", nationwide=False)] == ["a-by", "c-by"]
    assert [p.id for p in filter_directory(providers, kind="counselling", incident="insult")] == [
        "b-bw",
        "c-by",
        "z-bund",
    ]
    assert [p.id for p in filter_directory(providers, incident="threat", nationwide=False)] == [
        "b-bw",
        "a-by",
        "c-by",
    ]
