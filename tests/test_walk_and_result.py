"""From answers to a result: the walk with pruning and defaults, the plan, steps in order, contacts in order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lotse.content.loader import Content, load_content
from lotse.guide.matching import filter_directory
from lotse.guide.result import compute_result
from lotse.guide.walk import resolve, walk
from tests.trees import MINIMAL_STEPS, minimal_providers

BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}


@pytest.fixture
def content(tree: Callable[..., Path]) -> Content:
    return load_content(tree())


def ids(items: list) -> list[str]:
    return [item.id for item in items]


def test_the_walk_stops_at_the_first_unanswered_question(content: Content) -> None:
    partial = walk(content, {"incident": ["insult"], "danger": "yes"})
    assert partial.path == ("incident", "danger", "emergency", "state")
    assert partial.stopped_at == "state" and not partial.complete


def test_answers_of_questions_off_the_path_are_pruned(content: Content) -> None:
    result_walk = walk(content, {**BASE, "incident": ["none"], "author_known": "yes"})
    assert result_walk.complete and "author_known" not in result_walk.answers.on_path


def test_further_questions_take_their_default(content: Content) -> None:
    assert resolve(content, BASE).effective["author_known"] == "no"


def test_an_answer_from_an_abandoned_branch_does_not_change_the_result(content: Content) -> None:
    stale = compute_result(content, {**BASE, "incident": ["none"], "author_known": "yes"})
    assert ids(stale.steps) == ["talk", "prevention"]


def test_steps_most_urgent_first_and_the_plan_is_immediate_and_today(content: Content) -> None:
    result = compute_result(content, {**BASE, "danger": "yes", "author_known": "yes"})
    assert ids(result.steps) == ["emergency-110", "report", "talk", "incidents"]
    assert ids(result.plan) == ["emergency-110", "report"]
    assert result.steps[2].text == "Sie sind in state BY nicht allein."


def test_danger_puts_110_first_and_only_then(content: Content) -> None:
    assert ids(compute_result(content, {**BASE, "danger": "yes"}).contacts)[0] == "de-110"
    assert "de-110" not in ids(compute_result(content, BASE).contacts)


def test_state_contacts_come_before_nationwide_ones_and_other_states_never(content: Content) -> None:
    assert ids(compute_result(content, BASE).contacts) == ["by-police", "by-help", "de-help"]
    assert ids(compute_result(content, {**BASE, "state": "HH"}).contacts) == ["land-police", "land-help", "de-help"]


def test_without_police_wish_police_contacts_come_last_and_apart(content: Content) -> None:
    result = compute_result(content, {**BASE, "police": "no"})
    assert ids(result.contacts) == ["by-help", "de-help", "by-police"]
    assert ids(result.main_contacts) == ["by-help", "de-help"] and ids(result.deferred_contacts) == ["by-police"]


def test_undecided_puts_counselling_before_police(content: Content) -> None:
    assert ids(compute_result(content, {**BASE, "police": "undecided"}).contacts) == ["by-help", "by-police", "de-help"]


def test_for_an_attack_reporting_in_person_comes_before_an_online_form(tree: Callable[..., Path]) -> None:
    online = """\
  - id: by-online
    name: Onlinewache
    kind: police
    states: [BY]
    incidents: [insult, attack]
    police_relation: police
    description: Formular
    url: https://www.by-online.de
    anonymous: "no"
    free_of_charge: "yes"
    source: https://www.by-online.de
    source_date: 2025
    verified: 2026-11-01
    verified_how: live
    report_route: online
"""
    providers = minimal_providers().replace("providers:\n", "providers:\n" + online, 1)
    content = load_content(tree(providers=providers, steps=MINIMAL_STEPS))
    police = [p.id for p in compute_result(content, {**BASE, "incident": ["attack"]}).contacts if p.kind == "police"]
    assert police == ["by-police", "by-online"]
    police = [p.id for p in compute_result(content, {**BASE, "incident": ["insult"]}).contacts if p.kind == "police"]
    assert police == ["by-online", "by-police"]  # file order where no violence is involved


def test_the_directory_filters(content: Content) -> None:
    assert ids(filter_directory(content.providers, state="BY", nationwide=False)) == ["by-help", "by-police"]
    assert ids(filter_directory(content.providers, kind="counselling")) == ["de-help"]


def test_the_result_as_json(content: Content) -> None:
    data = compute_result(content, {**BASE, "police": "no"}).to_json()
    assert set(data) == {"emergency", "in_doubt", "steps", "contacts"}
    assert data["steps"][0] == {
        "id": "talk",
        "title": "Reden Sie darüber",
        "text": "Sie sind in state BY nicht allein.",
        "urgency": "soon",
    }
    by_police = next(contact for contact in data["contacts"] if contact["id"] == "by-police")
    assert by_police["deferred"] is True and by_police["report_route"] == "in_person" and by_police["tel"] is None
    assert by_police["verified"] == "2026-11-01" and by_police["source_date"] == "2025-05"
