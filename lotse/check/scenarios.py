"""Scenarios: a story, the answers, and what the result must (and must not) contain.

`lotse check` runs every scenario against the engine, so an editor who changes a step or a contact
sees at once which scenario no longer holds. The test suite runs them too, through the UI as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lotse.content.loader import SCENARIOS_FILE, Content
from lotse.content.problems import AnswerError, Problem
from lotse.content.schema import Scenario
from lotse.guide.result import Result, compute_result

KeyPath = tuple[Any, ...]


def scenarios_problems(content: Content) -> list[Problem]:
    """Every expectation of every scenario that does not hold, with the line in flows/scenarios.yaml."""
    problems = []
    for index, scenario in enumerate(content.scenarios):
        for key_path, message in scenario_problems(content, scenario):
            line = content.line(SCENARIOS_FILE, ("scenarios", index, *key_path))
            problems.append(Problem(SCENARIOS_FILE, line, f"Szenario '{scenario.id}': {message}"))
    return problems


def scenario_result(content: Content, scenario: Scenario) -> Result:
    return compute_result(content, scenario.answers)


def scenario_problems(content: Content, scenario: Scenario) -> Iterator[tuple[KeyPath, str]]:
    """(path inside the scenario, message) for everything that does not hold."""
    try:
        result = scenario_result(content, scenario)
    except AnswerError as exc:
        yield ("answers",), content.texts.say(exc)
        return
    yield from _unknown_ids(content, scenario)
    step_ids = [step.id for step in result.steps]
    contact_ids = [contact.id for contact in result.contacts]
    expected = scenario.expected
    for index, step_id in enumerate(expected.steps):
        if step_id not in step_ids:
            yield ("expected", "steps", index), f"Schritt '{step_id}' wird erwartet, erscheint aber nicht."
    for index, contact_id in enumerate(expected.contacts):
        if contact_id not in contact_ids:
            yield ("expected", "contacts", index), f"Kontakt '{contact_id}' wird erwartet, erscheint aber nicht."
    for index, step_id in enumerate(expected.absent_steps):
        if step_id in step_ids:
            yield ("expected", "absent_steps", index), f"Schritt '{step_id}' darf nicht erscheinen, erscheint aber."
    for index, contact_id in enumerate(expected.absent_contacts):
        if contact_id in contact_ids:
            yield ("expected", "absent_contacts", index), f"Kontakt '{contact_id}' darf nicht erscheinen."
    if expected.first_contact and contact_ids[:1] != [expected.first_contact]:
        first = contact_ids[0] if contact_ids else "keiner"
        yield ("expected", "first_contact"), f"Erster Kontakt soll '{expected.first_contact}' sein, ist aber '{first}'."


def _unknown_ids(content: Content, scenario: Scenario) -> Iterator[tuple[KeyPath, str]]:
    known_steps = {compiled.step.id for compiled in content.steps}
    known_contacts = {provider.id for provider in content.providers}
    expected = scenario.expected
    for field, ids, known in (
        ("steps", expected.steps, known_steps),
        ("absent_steps", expected.absent_steps, known_steps),
        ("contacts", expected.contacts, known_contacts),
        ("absent_contacts", expected.absent_contacts, known_contacts),
    ):
        for index, item in enumerate(ids):
            if item not in known:
                yield ("expected", field, index), f"'{item}' gibt es nicht (Tippfehler?)."
