"""Every training scenario is a test: its expectations hold in the engine, and it plays through the
self-guided wizard by clicking. Broken expectations are reported by `lotse check` with file and line."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lotse import cli
from lotse.check.scenarios import scenario_problems
from lotse.content.loader import check_content, load_content
from lotse.content.models import Scenario
from lotse.content.vocabulary import DANGER, INCIDENTS, POLICE, STATES
from lotse.explain.trace import trace
from lotse.guide.result import compute_result
from lotse.guide.walk import walk
from tests.helpers import build_tree

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
CONTENT = load_content(ROOT)
SCENARIOS = {scenario.id: scenario for scenario in CONTENT.scenarios}
REPORT_STATUSES = ("waiting", "dropped", "private_prosecution", "unsure")


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_scenario_expectations_hold_in_the_engine(scenario_id: str) -> None:
    assert list(scenario_problems(CONTENT, SCENARIOS[scenario_id])) == []


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_scenario_trace_follows_the_engine_path(scenario_id: str) -> None:
    answers = SCENARIOS[scenario_id].answers
    steps = trace(CONTENT, answers)
    assert [s.node_id for s in steps] == list(walk(CONTENT, answers, use_defaults=True).path)
    assert all(s.target == following.node_id for s, following in pairwise(steps))
    assert all(s.reason for s in steps)


def _values(key: str) -> set[str]:
    found: set[str] = set()
    for scenario in CONTENT.scenarios:
        value = scenario.answers.get(key)
        found.update(value if isinstance(value, list) else [value] if value is not None else [])
    return found


def test_the_scenario_set_covers_every_incident_police_choice_danger_and_eight_states() -> None:
    assert len(CONTENT.scenarios) >= 14
    assert _values("incident") == set(INCIDENTS)
    assert _values("police") == set(POLICE)
    assert _values("danger") == set(DANGER)
    assert len(_values("state") & set(STATES)) >= 8
    reported = [s for s in CONTENT.scenarios if s.answers.get("police") == "already_reported"]
    assert {s.answers.get("report_status") for s in reported} >= set(REPORT_STATUSES)


def test_both_caller_questions_of_seed_003_are_scenarios() -> None:
    comment = SCENARIOS["pruegel-im-kommentar"].answers
    assert set(comment["incident"]) == {"threat", "online_hate"} and comment["police"] == "undecided"
    waiting = SCENARIOS["verleumdung-angezeigt-nichts-passiert"].answers
    assert waiting["police"] == "already_reported" and waiting["report_status"] == "waiting"


def test_every_compare_partner_exists_and_differs() -> None:
    for scenario in CONTENT.scenarios:
        if scenario.compare_with:
            assert scenario.compare_with in SCENARIOS and scenario.compare_with != scenario.id


# --- lotse check reports broken expectations with file and line -----------------------------------

BROKEN = """\
scenarios:
  - id: drohung-bayern
    title: Drohung in Bayern
    story: Eine Drohung, Täter bekannt.
    answers:
      incident: [threat]
      danger: "no"
      state: BY
      police: "yes"
      author_known: "yes"
    learning_goals: [Anzeige erstatten]
    expected:
      steps:
        - report
        - emergency-110
      contacts: [by-police]
      absent_steps:
        - talk
      first_contact: de-help
    compare_with: gibt-es-nicht
"""


def test_a_broken_expectation_is_reported_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = build_tree(tmp_path, scenarios=BROKEN)
    assert cli.main(["check", "--root", str(root)]) == cli.EXIT_CONTENT
    out = capsys.readouterr().out.splitlines()
    prefix = "flows/scenarios.yaml:"
    assert (
        f"{prefix}15: Fehler: Szenario 'drohung-bayern': Schritt 'emergency-110' wird erwartet, erscheint aber nicht."
        in out
    )
    assert (
        f"{prefix}18: Fehler: Szenario 'drohung-bayern': Schritt 'talk' darf nicht erscheinen, erscheint aber." in out
    )
    assert (
        f"{prefix}19: Fehler: Szenario 'drohung-bayern': Erster Kontakt soll 'de-help' sein, ist aber 'by-police'."
        in out
    )
    assert any(
        line.startswith(f"{prefix}20: Fehler: Szenario 'drohung-bayern': 'compare_with: gibt-es-nicht'") for line in out
    )
    assert not any("'report'" in line for line in out)  # this expectation holds
    assert out[-1] == "4 Fehler, 0 Warnungen."


def test_a_misspelt_step_id_is_named(tmp_path: Path) -> None:
    root = build_tree(tmp_path, scenarios=BROKEN.replace("- report", "- reprot"))
    _, problems = check_content(root)
    assert "flows/scenarios.yaml:14: Fehler: Szenario 'drohung-bayern': 'reprot' gibt es nicht (Tippfehler?)." in [
        str(p) for p in problems
    ]


# --- every scenario plays through the self-guided wizard (app_pages/guide.py) by clicking -----------------


def click(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()
    assert not at.exception, at.exception


def answer_in_wizard(at: AppTest, node_id: str, value: Any) -> None:
    if isinstance(value, list):
        for item in value:
            at.checkbox(key=f"q_{node_id}_{item}").check().run()
    elif value is not None:
        at.radio(key=f"q_{node_id}").set_value(value).run()
    click(at, f"next_{node_id}")


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.label for e in at.expander] + [h.value for h in at.header]
    return "\n".join(parts)


def expected_titles(scenario: Scenario) -> list[str]:
    titles = {compiled.step.id: compiled.step.title for compiled in CONTENT.steps}
    return [titles[step_id] for step_id in scenario.expected.steps]


def expected_names(scenario: Scenario) -> list[str]:
    return [CONTENT.provider(provider_id).name for provider_id in scenario.expected.contacts]


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_scenario_plays_through_the_wizard(scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    at = AppTest.from_file(APP, default_timeout=30).run()
    click(at, "start")
    for step in trace(CONTENT, scenario.answers)[:-1]:  # the answers the wizard asks for (defaults included)
        answer_in_wizard(at, step.node_id, step.answer)
    assert at.title[0].value == "Ihre Angaben prüfen"
    click(at, "show_result")
    text = page_text(at)
    for title in expected_titles(scenario) + expected_names(scenario):
        assert title in text, f"{scenario_id}: '{title}' fehlt"
    result = compute_result(CONTENT, scenario.answers)
    assert f"{len(result.steps)} Schritte" in text
