"""The plan at the top of every result ("Jetzt tun") is short, for every answer combination.

The grid: every selection of incidents (all 257), danger yes and no, and every value of each further
answer that some plan step's condition reads, each with the channel left out (its default: every
channel) and with every single channel. Answers no plan condition reads cannot change the plan and are
held fixed. Combinations that resolve (defaults filled in, answers off the path dropped) to the same
values of what the conditions read show the same steps: one of each goes through `compute_result`.
"""

from __future__ import annotations

from itertools import combinations, product
from typing import Any

import pytest

from lotse.content.loader import Content
from lotse.content.vocabulary import PLAN_URGENCIES
from lotse.guide.result import Result, compute_result
from lotse.guide.walk import resolve
from tests.apptest import shipped

PLAN_LIMIT = 5
CHANNELS: list[list[str] | None] = [None, ["online"], ["message"], ["letter"], ["phone"], ["in_person"]]
ONLINE_STEPS = ("evidence-online", "platform-report-dsa", "identify-author-21")
"""Steps about online evidence, reporting to platforms and anonymous profiles."""


def incident_sets(content: Content) -> list[list[str]]:
    question = content.questions()["incident"]
    combinable = [o.value for o in question.options if not o.exclusive]
    alone = [[o.value] for o in question.options if o.exclusive]
    return [list(c) for size in range(1, len(combinable) + 1) for c in combinations(combinable, size)] + alone


def read_by(content: Content, step_ids: set[str] | None = None) -> set[str]:
    """The answer keys the conditions of these steps (all plan steps when None) read."""
    return {
        name
        for compiled in content.steps
        if compiled.condition is not None
        and (compiled.step.id in step_ids if step_ids else compiled.step.urgency in PLAN_URGENCIES)
        for name in compiled.condition.names
    }


def grid(content: Content, keys: set[str], channels: list[list[str] | None] = CHANNELS) -> list[dict[str, Any]]:
    """Every combination of the incident selections, danger (when read), the police wish (when read),
    `channels` and the values of the further answers in `keys`."""
    questions = content.questions()
    further = sorted(keys - {"incident", "danger", "channel", "state", "police"})
    police = list(questions["police"].option_values()) if "police" in keys else ["yes"]
    values = [list(questions[key].option_values()) for key in further]
    answers = []
    dangers = ("yes", "no") if "danger" in keys else ("no",)
    for incidents, danger, wish, channel, rest in product(
        incident_sets(content), dangers, police, channels, product(*values)
    ):
        combination: dict[str, Any] = {"incident": incidents, "danger": danger, "state": "BY", "police": wish}
        combination.update(zip(further, rest, strict=True))
        if channel is not None:
            combination["channel"] = channel
        answers.append(combination)
    return answers


def results(content: Content, combinations_: list[dict[str, Any]], keys: set[str]) -> list[tuple[dict, Result]]:
    """(answers, result) for one combination of each distinct resolved value of `keys`."""
    seen: dict[str, tuple[dict, Result]] = {}
    for answers in combinations_:
        resolved = resolve(content, answers)
        key = repr(sorted((name, resolved[name]) for name in keys))
        if key not in seen:
            seen[key] = (answers, compute_result(content, answers))
    return list(seen.values())


def test_the_grid_covers_every_incident_selection_and_channel() -> None:
    content = shipped()
    combinations_ = grid(content, read_by(content))
    assert len(incident_sets(content)) == (2**8 - 1) + 1  # every non-empty selection, and "nothing yet"
    assert {str(c.get("channel")) for c in combinations_} == {str(c) for c in CHANNELS}


def test_no_combination_has_more_than_five_steps_to_do_now() -> None:
    content = shipped()
    too_long = []
    largest = 0
    keys = read_by(content)
    for answers, result in results(content, grid(content, keys), keys):
        plan = result.plan
        assert all(step.urgency in PLAN_URGENCIES for step in plan)
        largest = max(largest, len(plan))
        if len(plan) > PLAN_LIMIT:
            too_long.append((answers, [step.id for step in plan]))
    assert too_long == []
    assert largest == PLAN_LIMIT  # danger, tonight, the starke Stelle, writing it down, injuries


def test_the_plan_is_the_steps_for_now_and_today_in_the_json_too() -> None:
    content = shipped()
    answers = {"incident": ["attack", "threat"], "danger": "yes", "state": "BY", "police": "yes"}
    result = compute_result(content, answers)
    assert [step.id for step in result.plan] == [
        "emergency-110",
        "tonight-safety",
        "starke-stelle",
        "document-incident",
        "attack-medical",
    ]
    urgencies = [step["urgency"] for step in result.to_json()["steps"]]
    assert urgencies[:5] == ["immediate", "immediate", "today", "today", "today"]
    assert set(urgencies[5:]) <= {"soon", "later"}


@pytest.mark.parametrize("channel", [["letter"], ["letter", "phone", "in_person"]])
def test_without_online_there_is_no_step_about_the_internet(channel: list[str]) -> None:
    content = shipped()
    keys = read_by(content, set(ONLINE_STEPS))
    combinations_ = grid(content, keys, channels=[channel])
    shown = set()
    for _, result in results(content, combinations_, keys):
        shown |= {step.id for step in result.steps} & set(ONLINE_STEPS)
    assert shown == set()


def test_with_the_channel_left_out_today_s_online_steps_still_show() -> None:
    content = shipped()
    answers = {"incident": ["online_hate"], "danger": "no", "state": "BY", "police": "yes", "author_known": "no"}
    steps = {step.id for step in compute_result(content, answers).steps}
    assert set(ONLINE_STEPS) <= steps
    steps = {step.id for step in compute_result(content, {**answers, "channel": ["letter"]}).steps}
    assert not steps & set(ONLINE_STEPS)


def test_every_step_of_the_plan_has_its_one_sentence() -> None:
    content = shipped()
    missing = [c.step.id for c in content.steps if c.step.urgency in PLAN_URGENCIES and not c.step.summary]
    assert missing == []
