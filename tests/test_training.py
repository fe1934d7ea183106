"""Trainer mode: every scenario holds in the engine and plays through the training page; trace,
flow map, comparison, coverage of scenarios, deep links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lotse.check.coverage import scenario_reach
from lotse.check.scenarios import scenario_problems
from lotse.cli import main
from lotse.content.loader import check_content, load_content
from lotse.content.vocabulary import INCIDENTS, POLICE
from lotse.explain.compare import compare
from lotse.explain.flowmap import flow_dot, quote
from lotse.explain.trace import trace
from tests.helpers import build_tree

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content(ROOT)
SCENARIOS = {scenario.id: scenario for scenario in CONTENT.scenarios}
APP = str(ROOT / "app.py")


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_scenario_expectations_hold_in_the_engine(scenario_id: str) -> None:
    assert list(scenario_problems(CONTENT, SCENARIOS[scenario_id])) == []


def test_scenarios_cover_every_incident_police_choice_danger_and_eight_states() -> None:
    answers = [scenario.answers for scenario in CONTENT.scenarios]
    assert len(answers) >= 12
    assert {i for a in answers for i in a["incident"]} == set(INCIDENTS)
    assert {a["police"] for a in answers} == set(POLICE)
    assert {a["danger"] for a in answers} == {"yes", "no"}
    assert len({a["state"] for a in answers}) >= 8
    assert {"pruegel-im-kommentar", "verleumdung-angezeigt-nichts-passiert"} <= set(SCENARIOS)


def test_a_broken_expectation_is_reported_with_file_and_line(tmp_path: Path) -> None:
    scenarios = """\
    scenarios:
      - id: fall
        title: Fall
        story: Geschichte
        answers: {incident: [threat], danger: "no", state: BY, police: "yes"}
        learning_goals: [Ziel]
        expected:
          steps: [talk, report]
    """
    build_tree(tmp_path, scenarios=scenarios)
    _, problems = check_content(tmp_path)
    assert [str(p) for p in problems] == [
        "flows/scenarios.yaml:8: Fehler: Szenario 'fall': Schritt 'report' wird erwartet, erscheint aber nicht."
    ]


def test_trace_names_the_rule_and_reason_for_danger() -> None:
    steps = {
        s.node_id: s for s in trace(CONTENT, {"incident": ["attack"], "danger": "yes", "state": "SN", "police": "yes"})
    }
    assert steps["danger"].target == "emergency" and steps["danger"].condition == "danger == 'yes'"
    assert steps["danger"].reason
    calm = {
        s.node_id: s for s in trace(CONTENT, {"incident": ["attack"], "danger": "no", "state": "SN", "police": "yes"})
    }
    assert calm["danger"].target == "state" and calm["danger"].fallback


def test_flow_map_contains_every_node_and_highlights_the_path() -> None:
    path = trace(CONTENT, SCENARIOS["pruegel-im-kommentar"].answers)
    dot = flow_dot(CONTENT, path)
    assert dot.startswith("digraph")
    for node_id in CONTENT.flow.nodes:
        assert re.search(rf'"?{node_id}"?\s*\[', dot), node_id
    assert dot.count("penwidth") >= len(path) - 1  # path edges are drawn bold
    assert quote('Er sagte: "Komm raus"') == '"Er sagte: \\"Komm raus\\""'


def test_comparison_shows_what_differs_between_two_states() -> None:
    a = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}
    result = compare(CONTENT, a, {**a, "state": "SH"})
    assert [d.question for d in result.answers] == ["In welchem Bundesland sind Sie tätig?"]
    assert result.steps.same
    assert any("BY" in p.states for p in result.contacts.only_a)
    assert any("SH" in p.states for p in result.contacts.only_b)


def test_coverage_of_scenarios_lists_unreached_nodes_and_steps(capsys: pytest.CaptureFixture[str]) -> None:
    reached = {node for reach in scenario_reach(CONTENT) for node in reach.nodes}
    assert "emergency" in reached and "result" in reached
    assert main(["coverage", "--scenarios"]) == 0
    out = capsys.readouterr().out
    assert "pruegel-im-kommentar" in out


def training_page(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    if query:
        at.query_params.update(query)
    at.switch_page("app_pages/training.py").run()
    assert not at.exception
    return at


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_every_scenario_plays_through_the_training_page(scenario_id: str) -> None:
    at = training_page()
    at.selectbox(key="training_pick").set_value(scenario_id).run()
    for _ in range(20):
        button = at.button(key="training_next")
        if button.disabled:
            break
        button.click().run()
        assert not at.exception
    shown = "\n".join([e.label for e in at.expander] + [m.value for m in at.markdown])
    for step_id in SCENARIOS[scenario_id].expected.steps:
        title = next(c.step.title for c in CONTENT.steps if c.step.id == step_id)
        assert title in shown, f"{scenario_id}: {title}"


def test_deep_link_opens_the_scenario_and_an_unknown_id_does_not_crash() -> None:
    at = training_page({"scenario": "pruegel-im-kommentar"})
    assert at.selectbox(key="training_pick").value == "pruegel-im-kommentar"
    unknown = training_page({"scenario": "gibt-es-nicht"})
    assert unknown.selectbox(key="training_pick").value is None
    assert "Den Fall aus dem Link gibt es nicht" in unknown.info[0].value


def test_map_and_compare_views_render() -> None:
    at = training_page({"scenario": "pruegel-im-kommentar"})
    at.radio(key="training_view").set_value("Flusskarte").run()
    assert not at.exception
    assert at.get("graphviz_chart")
    at.radio(key="training_view").set_value("Vergleich").run()
    assert not at.exception
