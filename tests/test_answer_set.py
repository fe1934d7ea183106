"""The one answers object (lotse.guide.answers.AnswerSet): what the walk returns and the result, the
advisor, the trace and the documents read. Given, effective, defaulted and the dates are merged once;
answers left on a branch the path no longer takes are in none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError
from datetime import date
from pathlib import Path

import pytest

from lotse.content.loader import Content, load_content
from lotse.explain.trace import trace
from lotse.guide.advisor import consult
from lotse.guide.answers import gather
from lotse.guide.result import compute_result, result_for
from lotse.guide.walk import resolve, walk
from tests.documents_helpers import shipped

BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}
REPORTED = {
    "role": "self",
    "incident": ["threat"],
    "danger": "no",
    "channel": ["letter"],
    "state": "BE",
    "police": "already_reported",
    "report_status": "dropped",
    "author_known": "yes",
    "learned": "1_to_3_months",
}
NOTICE, LEARNED, REPORT = date(2026, 5, 21), date(2026, 3, 4), date(2026, 3, 10)
DATES = {"beschwerde": NOTICE, "report": REPORT, "strafantrag": LEARNED}


@pytest.fixture
def content(tree: Callable[..., Path]) -> Content:
    return load_content(tree())


def test_a_complete_walk_merges_given_defaults_and_defaulted_keys(content: Content) -> None:
    answers = walk(content, BASE, use_defaults=True).answers
    assert dict(answers.given) == BASE
    assert dict(answers.effective) == {**BASE, "author_known": "no"}
    assert answers.defaulted == {"author_known"}
    assert answers.asked == ("incident", "danger", "state", "police", "author_known")
    assert answers.on_path == {**BASE, "author_known": "no"}
    assert dict(answers.dates) == {}


def test_an_answer_on_a_branch_left_behind_counts_nowhere(content: Content) -> None:
    answers = walk(content, {**BASE, "incident": ["none"], "author_known": "yes"}, use_defaults=True).answers
    assert dict(answers.given) == {**BASE, "incident": ["none"]}
    assert answers.effective["author_known"] == "no", "not asked: its default, never the answer left behind"
    assert answers.defaulted == {"author_known"}
    assert answers.asked == ("incident", "danger", "state", "police")


def test_an_unfinished_walk_counts_further_questions_with_their_default(content: Content) -> None:
    stopped = walk(content, {"incident": ["threat"], "danger": "no", "police": "yes"})
    assert (stopped.stopped_at, stopped.complete) == ("state", False)
    assert dict(stopped.answers.given) == {"incident": ["threat"], "danger": "no"}
    assert dict(stopped.answers.effective) == {"author_known": "no", "incident": ["threat"], "danger": "no"}
    assert stopped.answers.defaulted == {"author_known"}


def test_the_set_is_read_only_and_keeps_its_own_lists(content: Content) -> None:
    raw = {**BASE, "incident": ["threat"]}
    answers = walk(content, raw, use_defaults=True).answers
    raw["incident"].append("insult")
    assert answers.given["incident"] == ["threat"] and answers.effective["incident"] == ["threat"]
    with pytest.raises(TypeError):
        answers.given["danger"] = "yes"  # type: ignore[index]
    with pytest.raises(TypeError):
        answers.effective["danger"] = "yes"  # type: ignore[index]
    with pytest.raises(FrozenInstanceError):
        answers.dates = {}  # type: ignore[misc]


def test_the_result_carries_the_set_it_was_computed_from(content: Content) -> None:
    resolved = resolve(content, BASE)
    result = compute_result(content, BASE)
    assert result.answers == resolved
    assert result_for(content, resolved) == result
    assert result.answers.defaulted == {"author_known"}


def test_the_trace_marks_exactly_the_defaulted_questions(content: Content) -> None:
    marked = {step.node_id for step in trace(content, BASE) if step.defaulted}
    assert marked == {"author_known"}
    assert {step.node_id for step in trace(content, {**BASE, "author_known": "yes"}) if step.defaulted} == set()


def test_the_advisor_reads_the_same_set(content: Content) -> None:
    complete = consult(content, BASE)
    assert complete.result is not None and complete.answers == complete.result.answers
    partial = consult(content, {"police": "yes", "danger": None})
    assert dict(partial.given) == {"police": "yes"}
    assert partial.answers.defaulted == {"author_known"}


def test_only_the_dates_of_answers_on_the_path_are_in_effect() -> None:
    content = shipped()[0]
    answers = resolve(content, REPORTED, DATES)
    assert dict(answers.given) == REPORTED
    assert answers.defaulted == {"storm"}
    assert dict(answers.dates) == {"beschwerde": NOTICE, "strafantrag": LEARNED}
    other_way = resolve(content, {**REPORTED, "author_known": "no"}, DATES)
    assert "learned" not in other_way.given and other_way.defaulted == {"learned", "storm"}
    assert dict(other_way.dates) == {"beschwerde": NOTICE}, "the learned date left the path with its question"


def test_the_result_reads_the_uses_of_the_dates_in_effect() -> None:
    content = shipped()[0]
    answers = resolve(content, REPORTED, DATES)
    with_dates = result_for(content, answers).steps
    assert with_dates == compute_result(content, REPORTED, ["beschwerde", "strafantrag"]).steps
    assert with_dates != compute_result(content, REPORTED).steps, "a step text reads that a date is known"


def test_gathering_keeps_the_dates_of_the_given_answers_only() -> None:
    content = shipped()[0]
    answers = gather(content, {"report_status": "waiting"}, dates=DATES)
    assert dict(answers.given) == {"report_status": "waiting"}
    assert dict(answers.dates) == {"report": REPORT}
    assert gather(content, {"report_status": "waiting"}, ("report_status",), DATES).dates == {}
