"""Explaining a path: the trace (which rule fired and why, asked from the one rule evaluator), conditions
in words, the flow map as valid DOT with the path highlighted, and `lotse coverage --scenarios`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lotse import cli
from lotse.content.loader import Content, load_content
from lotse.explain.flowmap import flow_dot, quote
from lotse.explain.scenario_facts import scenario_facts
from lotse.explain.trace import answer_text, trace
from lotse.explain.wording import condition_words
from tests.apptest import shipped
from tests.trees import build_tree, minimal_guide

BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes", "author_known": "yes"}


@pytest.fixture
def content(tree) -> Content:
    return load_content(tree())


def step_at(content: Content, answers: dict, node_id: str):
    return next(step for step in trace(content, answers) if step.node_id == node_id)


def test_danger_yes_fires_the_first_rule_and_says_why(content: Content) -> None:
    step = step_at(content, {**BASE, "danger": "yes"}, "danger")
    assert (step.rule_index, step.condition, step.target, step.fallback) == (0, "danger == 'yes'", "emergency", False)
    assert step.answer == "yes" and step.answer_labels == ("danger yes",)
    assert step.reason == "Weiter zu „Notruf 110“, weil Sie „danger yes“ gewählt haben."


def test_danger_no_takes_the_fallback_and_names_the_rule_that_did_not_apply(content: Content) -> None:
    step = step_at(content, BASE, "danger")
    assert (step.rule_index, step.condition, step.target, step.fallback) == (1, None, "state", True)
    assert step.reason == "Weiter zu „Bundesland?“, weil Sie nicht „danger yes“ gewählt haben (Regel „sonst“)."


def test_a_single_unconditional_next_is_not_a_fallback(content: Content) -> None:
    step = step_at(content, BASE, "incident")
    assert (step.rule_index, step.condition, step.fallback) == (0, None, False)
    assert step.reason == "Weiter zu „Gefahr?“: Nach dieser Frage geht es immer dort weiter."
    assert step_at(content, {**BASE, "danger": "yes"}, "emergency").reason.endswith(
        "Nach diesem Hinweis geht es immer dort weiter."
    )


def test_a_rule_about_an_earlier_question_names_that_question(content: Content) -> None:
    step = step_at(content, {**BASE, "incident": ["none"]}, "police")
    assert step.condition == "incident == ['none']" and step.target == "result"
    assert step.reason == "Weiter zu „Ergebnis“, weil Sie bei „Was ist passiert?“ nur „incident none“ gewählt haben."


def test_an_unanswered_further_question_takes_its_default_and_says_so(content: Content) -> None:
    answers = {key: value for key, value in BASE.items() if key != "author_known"}
    step = step_at(content, answers, "author_known")
    assert step.defaulted and step.answer == "no"
    assert answer_text(content, step) == "„Nein“"


def test_without_defaults_the_trace_stops_at_the_missing_answer(content: Content) -> None:
    steps = trace(content, {"incident": ["insult"], "danger": "no"}, use_defaults=False)
    assert [s.node_id for s in steps] == ["incident", "danger", "state"]
    assert steps[-1].target is None and steps[-1].reason == "Hier fehlt noch eine Antwort."


def test_the_trace_ends_at_the_result(content: Content) -> None:
    last = trace(content, BASE)[-1]
    assert last.kind == "result" and last.target is None and last.reason.startswith("Hier endet der Weg")


def test_conditions_in_words(content: Content) -> None:
    assert (
        condition_words(content, "'threat' in incident")
        == "Sie bei „Was ist passiert?“ „incident threat“ gewählt haben"
    )
    assert condition_words(content, "incident is any_of('insult', 'threat')", negate=True) == (
        "Sie bei „Was ist passiert?“ weder „incident insult“ noch „incident threat“ gewählt haben"
    )
    assert condition_words(content, "police in ['yes', 'no'] and danger != 'yes'", "police") == (
        "Sie „police yes“ oder „police no“ gewählt haben und Sie bei „Gefahr?“ nicht „danger yes“ gewählt haben"
    )
    assert condition_words(content, "not (danger == 'yes')") == "Sie bei „Gefahr?“ nicht „danger yes“ gewählt haben"
    assert condition_words(content, "danger == 'yes' or 1 == 1") == "die Bedingung „danger == 'yes' or 1 == 1“ zutrifft"


# --- flowmap -------------------------------------------------------------------------------------

QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def statements(dot: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Node statements (id -> attributes) and edges (source, target, attributes) of our DOT output."""
    nodes, edges = {}, []
    for line in dot.splitlines():
        edge = re.fullmatch(r'  "([^"]+)" -> "([^"]+)"(?: \[(.*)\])?;', line)
        node = re.fullmatch(r'  "([^"]+)" \[(.*)\];', line)
        if edge:
            edges.append((edge[1], edge[2], edge[3] or ""))
        elif node:
            nodes[node[1]] = node[2]
    return nodes, edges


def test_the_dot_source_has_every_node_and_every_rule(content: Content) -> None:
    dot = flow_dot(content)
    assert dot.startswith("digraph lotse {\n") and dot.rstrip().endswith("}")
    assert '"' not in QUOTED.sub("", dot)  # every quote is inside a well-formed quoted string
    nodes, edges = statements(dot)
    assert set(nodes) == set(content.flow.nodes)
    assert len(edges) == sum(len(rules) for rules in content.rules.values())
    labels = {(s, t): a for s, t, a in edges}
    assert 'label="„danger yes“"' in labels[("danger", "emergency")]  # the condition in plain words
    assert 'label="sonst"' in labels[("danger", "state")]
    assert "label" not in labels[("incident", "danger")]
    assert "shape=note" in nodes["emergency"] and "peripheries=2" in nodes["result"]
    assert "penwidth" not in dot.split("edge [")[1]  # nothing highlighted without a path


def test_the_path_is_highlighted_and_numbered(content: Content) -> None:
    path = trace(content, BASE)
    nodes, edges = statements(flow_dot(content, path, current="police"))
    on_path = {step.node_id for step in path}
    assert {n for n, attributes in nodes.items() if "penwidth" in attributes} == on_path
    assert nodes["incident"].startswith('label="1 · Frage\\nWas ist passiert?"')
    assert "#fde68a" in nodes["police"] and "#fde68a" not in nodes["state"]
    bold = {(s, t) for s, t, a in edges if "style=bold" in a}
    assert bold == {
        ("incident", "danger"),
        ("danger", "state"),
        ("state", "police"),
        ("police", "author_known"),
        ("author_known", "result"),
    }


def test_labels_are_escaped_for_dot(tmp_path: Path) -> None:
    guide = minimal_guide().replace("text: Gefahr?", "text: 'Sind Sie \"jetzt\" in Gefahr? C:\\pfad'")
    content = load_content(build_tree(tmp_path, guide=guide))
    dot = flow_dot(content)
    assert '"' not in QUOTED.sub("", dot)
    assert 'Sind Sie \\"jetzt\\" in Gefahr?' in dot and "C:\\\\pfad" in dot
    assert quote('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'


# --- coverage --scenarios ----------------------------------------------------------------------------

ONE_SCENARIO = """\
scenarios:
  - id: drohung-bayern
    title: Drohung in Bayern
    story: Eine Drohung.
    answers: {incident: [threat], danger: "no", state: BY, police: "yes", author_known: "yes"}
    learning_goals: [Anzeige erstatten]
    expected: {steps: [report]}
"""


def test_coverage_scenarios_lists_what_no_scenario_reaches(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = build_tree(tmp_path, scenarios=ONE_SCENARIO)
    assert cli.main(["coverage", "--root", str(root), "--scenarios"]) == cli.Exit.OK
    out = capsys.readouterr().out
    assert "Szenarien: 1." in out
    assert re.search(r"^drohung-bayern\s+6/7\s+3/5$", out, re.MULTILINE)
    assert "Knoten, die kein Szenario erreicht: 1 von 7\n  - emergency\n" in out
    assert "Schritte, die kein Szenario erreicht: 2 von 5\n  - prevention\n  - emergency-110" in out
    assert "Kontakte je Land" not in out


def test_coverage_without_the_flag_keeps_the_table(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = build_tree(tmp_path, scenarios=ONE_SCENARIO)
    assert cli.main(["coverage", "--root", str(root)]) == cli.Exit.OK
    out = capsys.readouterr().out
    assert out.startswith("Kontakte je Land und Art") and "Szenarien" not in out


def test_coverage_scenarios_without_a_scenario_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["coverage", "--root", str(build_tree(tmp_path)), "--scenarios"]) == cli.Exit.OK
    assert "Keine Szenarien" in capsys.readouterr().out


def test_a_scenario_s_few_words_say_when_danger_is_unclear() -> None:
    content = shipped()
    unsure, danger = content.scenario("unsicher-nach-der-sitzung"), content.scenario("stalker-vor-der-tuer")
    assert unsure is not None and danger is not None
    assert scenario_facts(content, unsure) == ["Beleidigung", "Gefahr unklar", "Niedersachsen", "Polizei noch offen"]
    assert "akute Gefahr" in scenario_facts(content, danger)
