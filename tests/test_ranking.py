"""flows/ranking.yaml: one test per named predicate and per order of the shipped file, the check's messages
(file, line, fix) pinned, every Python reader going through the predicates, and a new incident type that
needs nothing here (tests/test_new_incident.py, apart: it runs a copy of Lotse in its own process,
which mutmut's copy of the code cannot)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from lotse.check import validate
from lotse.check.ranking import ranking_problems
from lotse.content.loader import load_content, read_content
from lotse.content.ranking import RANKING_FILE
from lotse.content.schema import Scenario
from lotse.content.vocabulary import DANGER, POLICE
from lotse.explain.scenario_facts import scenario_facts
from lotse.guide.advisor import consult
from lotse.guide.result import compute_result
from tests.conftest import REPO, TODAY
from tests.speedups import validate_once

RANKING = validate_once(REPO, warnings=False).content.ranking


def verdicts(name: str, key: str, values: tuple[str, ...]) -> dict[str, bool]:
    return {value: RANKING.holds(name, {key: value}) for value in values}


# --- the predicates, one test each ---------------------------------------------------------------


def test_in_danger_is_danger_yes_and_nothing_else() -> None:
    assert verdicts("in_danger", "danger", DANGER) == {"yes": True, "no": False, "unsure": False}
    assert RANKING.holds("in_danger", {}) is False


def test_in_doubt_is_danger_unsure_and_nothing_else() -> None:
    assert verdicts("in_doubt", "danger", DANGER) == {"yes": False, "no": False, "unsure": True}


def test_prevention_only_is_nothing_but_none() -> None:
    cases = [["none"], ["insult"], ["insult", "threat"], ["threat", "none"]]
    assert [RANKING.holds("prevention_only", {"incident": case}) for case in cases] == [True, False, False, False]


def test_already_reported_is_police_already_reported() -> None:
    assert verdicts("already_reported", "police", POLICE) == {
        "yes": False,
        "no": False,
        "undecided": False,
        "already_reported": True,
    }


def test_police_undecided_is_police_undecided() -> None:
    assert verdicts("police_undecided", "police", POLICE) == {
        "yes": False,
        "no": False,
        "undecided": True,
        "already_reported": False,
    }


def test_no_police_is_police_no() -> None:
    assert verdicts("no_police", "police", POLICE) == {
        "yes": False,
        "no": True,
        "undecided": False,
        "already_reported": False,
    }


def test_the_shipped_predicates_are_exactly_these() -> None:
    assert list(RANKING.predicates) == [
        "in_danger",
        "in_doubt",
        "prevention_only",
        "already_reported",
        "police_undecided",
        "no_police",
    ]


# --- the orders, one test each: which answers choose it ------------------------------------------


def chosen(incident: list[str]) -> dict[str, str]:
    return {police: RANKING.order({"incident": incident, "police": police}).id for police in POLICE}


def test_prevention_first_whenever_nothing_happened_whatever_the_police_wish() -> None:
    assert chosen(["none"]) == dict.fromkeys(POLICE, "prevention_first")


def test_after_report_when_already_reported() -> None:
    assert chosen(["insult"])["already_reported"] == "after_report"
    assert RANKING.kinds({"incident": ["threat"], "police": "already_reported"}) == (
        "prosecution",
        "police",
        "victim_support",
        "counselling",
        "legal",
        "reporting",
        "prevention",
        "network",
    )


def test_undecided_when_the_police_wish_is_open() -> None:
    assert chosen(["attack", "doxing"])["undecided"] == "undecided"


def test_without_police_when_no_police() -> None:
    assert chosen(["insult"])["no"] == "without_police"


def test_with_police_for_everything_else() -> None:
    assert chosen(["insult"]) == {
        "yes": "with_police",
        "no": "without_police",
        "undecided": "undecided",
        "already_reported": "after_report",
    }


def test_police_last_holds_only_without_police() -> None:
    holding = {police: [d.id for d in RANKING.deferrals_holding({"police": police})] for police in POLICE}
    assert holding == {"yes": [], "no": ["police_last"], "undecided": [], "already_reported": []}


# --- every Python reader goes through the predicates ---------------------------------------------

WIDER_DANGER = (
    (REPO / RANKING_FILE)
    .read_text(encoding="utf-8")
    .replace("in_danger: danger == 'yes'", "in_danger: danger in ['yes', 'unsure']")
)


def test_result_advisor_and_trainer_read_in_danger_from_the_file(tree: Callable[..., Path]) -> None:
    root = tree()
    (root / RANKING_FILE).write_text(WIDER_DANGER, encoding="utf-8")
    content = load_content(root, TODAY)
    answers = {"incident": ["threat"], "danger": "unsure", "state": "BY", "police": "no"}
    result = compute_result(content, answers)
    assert (result.emergency, result.in_doubt, result.contacts[0].kind) == (True, True, "emergency")
    assert consult(content, answers).emergency is True
    story = Scenario.model_validate(
        {
            "id": "s",
            "title": "T",
            "story": "S",
            "answers": answers,
            "learning_goals": ["L"],
            "expected": {},
        }
    )
    assert content.texts.scenarios.danger in scenario_facts(content, story)


# --- the check: file, line, fix --------------------------------------------------------------------

BASE = """\
predicates:
  in_danger: danger == 'yes'
  in_doubt: danger == 'unsure'
  no_police: police == 'no'
orders:
  - id: without_police
    when: no_police
    kinds: [counselling, victim_support, legal, reporting, prevention, network, police, prosecution]
  - id: with_police
    kinds: [police, prosecution, reporting, victim_support, counselling, legal, prevention, network]
deferrals:
  - id: police_last
    when: no_police
    relations: [police, law_enforcement]
    except_kinds: [prevention, emergency]
in_person_first: [attack, threat, stalking]
"""


@pytest.fixture
def findings(tree: Callable[..., Path]) -> Callable[[str], list[str]]:
    """What the loader and the ranking check say about flows/ranking.yaml written as `text`."""

    def run(text: str) -> list[str]:
        root = tree()
        (root / RANKING_FILE).write_text(textwrap.dedent(text), encoding="utf-8")
        content, problems = read_content(root, TODAY)
        found = problems + (ranking_problems(content) if content is not None else [])
        return [str(p) for p in found if p.file == RANKING_FILE]

    return run


def test_a_sound_file_has_no_finding(findings: Callable[[str], list[str]]) -> None:
    assert findings(BASE) == []


def test_an_order_missing_or_doubling_a_kind(findings: Callable[[str], list[str]]) -> None:
    text = BASE.replace("prevention, network, police, prosecution]", "prevention, police, police, prosecution]")
    assert findings(text) == [
        "flows/ranking.yaml:8: Fehler: Reihenfolge 'without_police': es fehlt network; doppelt steht police. "
        "Jede Reihenfolge nennt jede Art von Kontakt genau einmal: police, prosecution, reporting, "
        "victim_support, counselling, legal, prevention, network."
    ]


def test_emergency_in_an_order(findings: Callable[[str], list[str]]) -> None:
    text = BASE.replace("kinds: [police, prosecution,", "kinds: [emergency, police, prosecution,")
    assert findings(text) == [
        "flows/ranking.yaml:10: Fehler: Reihenfolge 'with_police': 'emergency' steht hier nicht, Notrufe stehen "
        "immer ganz oben. Streichen Sie es aus 'kinds'."
    ]


def test_the_last_order_with_when_and_another_without(findings: Callable[[str], list[str]]) -> None:
    text = BASE.replace("    when: no_police\n    kinds: [counselling", "    kinds: [counselling").replace(
        "  - id: with_police\n", "  - id: with_police\n    when: no_police\n"
    )
    assert findings(text) == [
        "flows/ranking.yaml:6: Fehler: Reihenfolge 'without_police': Nur die letzte Reihenfolge steht ohne "
        "'when'; die darunter kämen nie zum Zug. Geben Sie ihr ein 'when' oder schieben Sie sie ans Ende.",
        "flows/ranking.yaml:9: Fehler: Reihenfolge 'with_police': Die letzte Reihenfolge steht ohne 'when', damit "
        "es für alle Antworten eine gibt. Streichen Sie 'when' oder fügen Sie darunter eine ohne 'when' an.",
    ]


def test_a_name_not_declared(findings: Callable[[str], list[str]]) -> None:
    text = BASE.replace("    when: no_police\n    relations", "    when: no_polize\n    relations")
    assert findings(text) == [
        "flows/ranking.yaml:13: Fehler: Zurückstellung 'police_last': 'when: no_polize' nennt keine Bedingung "
        "unter 'predicates'. Meinten Sie 'no_police'? Legen Sie sie dort an (z. B. 'no_polize: police == ...') "
        "oder nennen Sie eine vorhandene."
    ]


def test_a_predicate_lotse_reads_is_missing(findings: Callable[[str], list[str]]) -> None:
    assert findings(BASE.replace("  in_doubt: danger == 'unsure'\n", "")) == [
        "flows/ranking.yaml:1: Fehler: Die Bedingung 'in_doubt' fehlt unter 'predicates'. Lotse liest sie selbst "
        "(Notruf, 110 oben). Legen Sie sie wieder an, wie docs/editing.md sie beschreibt."
    ]


def test_a_predicate_nobody_reads_warns(findings: Callable[[str], list[str]]) -> None:
    text = BASE.replace("  no_police: police == 'no'\n", "  no_police: police == 'no'\n  spare: police == 'yes'\n")
    assert findings(text) == [
        "flows/ranking.yaml:5: Warnung: Die Bedingung 'spare' liest niemand. Nennen Sie sie bei einer Reihenfolge "
        "oder Zurückstellung unter 'when:' oder in einer Bedingung (if:, when:, fits:), oder löschen Sie sie."
    ]


def test_an_id_twice(findings: Callable[[str], list[str]]) -> None:
    assert findings(BASE.replace("id: police_last", "id: with_police")) == [
        "flows/ranking.yaml:12: Fehler: Die ID 'with_police' gibt es schon. IDs müssen eindeutig sein."
    ]


def test_a_predicate_outside_the_sandbox_s_whitelist(findings: Callable[[str], list[str]]) -> None:
    assert findings(BASE.replace("danger == 'yes'", "danger == 'ja'")) == [
        "flows/ranking.yaml:2: Fehler: Bedingung 'in_danger': Die Bedingung 'danger == 'ja'': 'danger' kennt 'ja' "
        "nicht. Möglich: yes, no, unsure."
    ]


def test_an_unknown_kind(findings: Callable[[str], list[str]]) -> None:
    assert findings(BASE.replace("kinds: [police,", "kinds: [polize,")) == [
        "flows/ranking.yaml:10: Fehler: orders.1.kinds.0: Der Wert 'polize' ist nicht erlaubt. Erlaubt: 'emergency', "
        "'police', 'prosecution', 'reporting', 'victim_support', 'counselling', 'legal', 'prevention' oder 'network'."
    ]


def test_lotse_check_runs_the_ranking_check_and_the_conditions_check_reads_the_predicates(
    tree: Callable[..., Path],
) -> None:
    """One run of the whole check (it costs most): a predicate that always holds, an order without network."""
    root = tree()
    text = BASE.replace("in_doubt: danger == 'unsure'", "in_doubt: danger is any_of('yes', 'no', 'unsure')")
    text = text.replace("prevention, network, police, prosecution]", "prevention, police, prosecution]")
    (root / RANKING_FILE).write_text(text, encoding="utf-8")
    assert [str(p) for p in validate(root, TODAY).errors] == [
        "flows/ranking.yaml:3: Fehler: Bedingung 'in_doubt': Die Bedingung 'danger is any_of('yes', 'no', "
        "'unsure')' trifft immer zu, egal was geantwortet wird. Prüfen Sie Vergleich und Werte (z. B. '==' statt "
        "'~', 'wert' in liste bei Mehrfachauswahl).",
        "flows/ranking.yaml:8: Fehler: Reihenfolge 'without_police': es fehlt network. Jede Reihenfolge nennt jede "
        "Art von Kontakt genau einmal: police, prosecution, reporting, victim_support, counselling, legal, "
        "prevention, network.",
    ]
