"""Advisor mode's pure core (lotse.guide.advisor): missing answers, any order, which questions count, pruning."""

from __future__ import annotations

from pathlib import Path

from lotse.content.loader import load_content
from lotse.guide.advisor import consult, exclusive_problem, possible_paths
from lotse.guide.result import compute_result

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content(ROOT)
BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}


def step_ids(consultation) -> list[str]:
    return [step.id for step in consultation.result.steps]


def test_consult_lists_missing_canonical_answers_in_flow_order() -> None:
    consultation = consult(CONTENT, {"state": "HH"})
    assert consultation.missing == ("incident", "danger", "police")
    assert consultation.result is None


def test_empty_widget_values_count_as_not_answered() -> None:
    consultation = consult(CONTENT, {"incident": [], "danger": None, "state": "", "police": "yes"})
    assert consultation.missing == ("incident", "danger", "state")
    assert consultation.given == {"police": "yes"}


def test_consult_in_any_order_gives_the_same_result_as_the_engine() -> None:
    consultation = consult(CONTENT, dict(reversed(list(BASE.items()))))
    assert consultation.missing == ()
    assert step_ids(consultation) == [step.id for step in compute_result(CONTENT, BASE).steps]
    assert "threat-241" in step_ids(consultation)


def test_answers_off_the_path_do_not_count() -> None:
    entered = {**BASE, "author_known": "no", "learned": "1_to_3_months"}
    consultation = consult(CONTENT, entered)
    assert "learned" not in consultation.given
    assert "learned" not in consultation.relevant
    assert "strafantrag-urgent" not in step_ids(consultation)
    on_path = consult(CONTENT, {**entered, "author_known": "yes"})
    assert on_path.given["learned"] == "1_to_3_months" and "strafantrag-urgent" in step_ids(on_path)


def test_a_question_stays_relevant_while_the_answer_it_depends_on_is_missing() -> None:
    assert "report_status" in consult(CONTENT, {}).relevant  # police not answered yet: it may be asked
    assert "report_status" not in consult(CONTENT, {"police": "yes"}).relevant
    assert "report_status" in consult(CONTENT, {"police": "already_reported"}).relevant
    assert "author_known" not in consult(CONTENT, {"incident": ["none"], "police": "no"}).relevant


def test_further_questions_take_their_default_so_follow_ups_wait_for_their_answer() -> None:
    assert "learned" not in consult(CONTENT, {}).relevant  # author_known defaults to 'unsure'
    assert "learned" in consult(CONTENT, {"author_known": "yes"}).relevant


def test_possible_paths_branch_where_a_missing_answer_decides() -> None:
    paths = possible_paths(CONTENT, {"danger": "no"})
    assert all("emergency" not in path for path in paths)
    ends = {path[path.index("police") + 1] for path in paths}
    assert ends == {"result", "report_status", "author_known"}
    assert possible_paths(CONTENT, {**BASE, "author_known": "no"}) == [
        ("incident", "danger", "state", "police", "author_known", "result")
    ]


def test_danger_brings_the_emergency_advisor_note_before_anything_else_is_known() -> None:
    consultation = consult(CONTENT, {"danger": "yes"})
    assert consultation.emergency
    assert consultation.advisor_notes == (CONTENT.flow.nodes["emergency"].advisor_note,)
    assert consult(CONTENT, {"danger": "no"}).advisor_notes == ()
    assert not consult(CONTENT, {}).emergency


def test_contradiction_is_reported_in_plain_german() -> None:
    consultation = consult(CONTENT, {**BASE, "incident": ["none", "threat"]})
    assert consultation.result is None
    assert consultation.problem == exclusive_problem(CONTENT, {"incident": ["none", "threat"]})
    assert "passt nicht zu den anderen Antworten" in consultation.problem
    assert exclusive_problem(CONTENT, {"incident": ["none"]}) is None
