"""Advisor mode's core (lotse.guide.advisor): answers in any order, what is missing, what counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from lotse.content.loader import Content, load_content
from lotse.guide.advisor import consult, possible_paths
from tests.trees import MINIMAL_STEPS, minimal_guide

BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}
FOLLOW_UPS = """\
    next:
      - if: police == 'already_reported'
        to: status
      - to: author_known
  status:
    type: question
    text: Was ist seit der Anzeige passiert?
    options:
      - {value: waiting, label: Noch nichts}
      - {value: dropped, label: Eingestellt}
    default: waiting
    next: author_known
  author_known:
    type: question
    text: Wissen Sie, wer es war?
    options:
      - {value: "yes", label: Ja}
      - {value: "no", label: Nein}
    default: "no"
    next:
      - if: author_known == 'yes'
        to: learned
      - to: result
  learned:
    type: question
    text: Wann haben Sie es erfahren?
    options:
      - {value: recent, label: Vor kurzem}
      - {value: long_ago, label: Vor langem}
    default: recent
    next: result
"""
STEPS = (
    MINIMAL_STEPS
    + """\
  - id: hurry
    title: Frist beachten
    urgency: today
    when: learned == 'long_ago'
    text: Die Frist läuft bald ab.
    sources: [{label: Quelle, url: "https://www.example.org/e"}]
"""
)


@pytest.fixture
def content(tree: Callable[..., Path]) -> Content:
    guide = minimal_guide()
    start = guide.index("    next:\n      - if: incident == ['none']")
    end = guide.index("  result:\n")
    guide = (
        guide[:start]
        + "    next:\n      - if: incident == ['none']\n        to: result\n"
        + FOLLOW_UPS.replace("    next:\n      - if: police", "      - if: police", 1)
        + guide[end:]
    )
    return load_content(tree(guide=guide, steps=STEPS))


def step_ids(content: Content, entered: dict) -> list[str]:
    result = consult(content, entered).result
    assert result is not None
    return [step.id for step in result.steps]


def test_missing_canonical_answers_in_flow_order(content: Content) -> None:
    consultation = consult(content, {"state": "HH"})
    assert consultation.missing == ("incident", "danger", "police") and consultation.result is None


def test_empty_widget_values_count_as_not_answered(content: Content) -> None:
    consultation = consult(content, {"incident": [], "danger": None, "state": "", "police": "yes"})
    assert consultation.missing == ("incident", "danger", "state") and consultation.given == {"police": "yes"}


def test_the_order_of_entering_does_not_matter(content: Content) -> None:
    assert step_ids(content, dict(reversed(list(BASE.items())))) == ["talk", "incidents"]


def test_answers_off_the_path_do_not_count(content: Content) -> None:
    entered = {**BASE, "author_known": "no", "learned": "long_ago"}
    consultation = consult(content, entered)
    assert "learned" not in consultation.given and "learned" not in consultation.relevant
    assert step_ids(content, entered) == ["talk", "incidents"]
    assert step_ids(content, {**entered, "author_known": "yes"}) == ["report", "hurry", "talk", "incidents"]


def test_a_question_stays_relevant_while_the_answer_it_depends_on_is_missing(content: Content) -> None:
    assert "status" in consult(content, {}).relevant
    assert "status" not in consult(content, {"police": "yes"}).relevant
    assert "status" in consult(content, {"police": "already_reported"}).relevant
    assert "author_known" not in consult(content, {"incident": ["none"], "police": "no"}).relevant


def test_follow_ups_wait_for_their_answer_while_defaults_hold(content: Content) -> None:
    assert "learned" not in consult(content, {}).relevant  # author_known defaults to 'no'
    assert "learned" in consult(content, {"author_known": "yes"}).relevant


def test_possible_paths_branch_where_a_missing_answer_decides(content: Content) -> None:
    paths = possible_paths(content, {"danger": "no"})
    assert {path[path.index("police") + 1] for path in paths} == {"result", "status", "author_known"}
    assert possible_paths(content, {**BASE, "author_known": "no"}) == [
        ("incident", "danger", "state", "police", "author_known", "result")
    ]


def test_danger_brings_the_emergency_note_before_anything_else_is_known(tree: Callable[..., Path]) -> None:
    guide = minimal_guide().replace(
        "    text: Rufen Sie 110.\n", "    text: Rufen Sie 110.\n    advisor_note: Erst 110.\n"
    )
    content = load_content(tree(guide=guide))
    assert consult(content, {"danger": "yes"}).emergency
    assert consult(content, {"danger": "yes"}).advisor_notes == ("Erst 110.",)
    assert consult(content, {"danger": "no"}).advisor_notes == ()
    assert not consult(content, {}).emergency


def test_a_contradiction_is_the_question_s_own_message(content: Content) -> None:
    consultation = consult(content, {**BASE, "incident": ["none", "threat"]})
    assert consultation.result is None
    assert consultation.problem == "„incident none“ passt nicht zu den anderen Antworten bei „Was ist passiert?“."


def test_a_date_the_advisor_entered_picks_the_step_text_for_a_known_date(shipped: Content) -> None:
    answers = {**BASE, "author_known": "yes", "learned": "1_to_3_months"}

    def urgent_text(dates: dict[str, date] | None) -> str:
        result = consult(shipped, answers, dates).result
        assert result is not None
        return next(step.text for step in result.steps if step.id == "strafantrag-urgent")

    assert "Den letzten Tag hat Lotse für Sie ausgerechnet." in urgent_text({"strafantrag": date(2026, 10, 1)})
    assert "Rechnen Sie heute das Datum aus." in urgent_text(None)
    assert "Rechnen Sie heute das Datum aus." in urgent_text({"beschwerde": date(2026, 10, 1)})  # not counted here


def test_the_days_a_known_deadline_leaves_reach_the_advisor_s_plan(shipped: Content) -> None:
    answers = {**BASE, "author_known": "yes", "learned": "under_1_month"}

    def plan(days: dict[str, int]) -> list[str]:
        result = consult(shipped, answers, {"strafantrag": date(2026, 10, 1)}, days).result
        assert result is not None
        return [step.id for step in result.plan]

    assert "strafantrag-deadline" in plan({"strafantrag": 12})
    assert "strafantrag-deadline" not in plan({"strafantrag": 40})
