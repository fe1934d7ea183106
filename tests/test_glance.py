""" "Auf einen Blick": at most three actions with their contacts, at most three numbers, the deadline."""

from __future__ import annotations

from pathlib import Path

import pytest

from lotse.check import validate
from lotse.explain.glance import Glance, glance
from lotse.guide.result import compute_result
from tests.apptest import copy_content, shipped

THREAT_LETTER = {"incident": ["threat"], "danger": "no", "channel": ["letter"], "state": "BY", "police": "undecided"}


def look(answers: dict, deadline: str | None = None) -> Glance:
    content = shipped()
    return glance(content, compute_result(content, answers), deadline)


def ids(items: tuple) -> list[str]:
    return [item.id for item in items]


def test_a_threat_gets_110_the_starke_stelle_and_victim_support_of_the_state() -> None:
    seen = look(THREAT_LETTER)
    assert seen.title == "Auf einen Blick"
    assert ids(seen.numbers) == ["de-notruf-110", "de-starke-stelle", "by-bud"]
    assert seen.call_110
    assert seen.note is None
    assert seen.deadline is None


def test_the_actions_are_the_first_three_steps_of_the_plan_each_with_its_contact() -> None:
    content = shipped()
    result = compute_result(content, THREAT_LETTER)
    seen = glance(content, result)
    assert [action.step for action in seen.actions] == [step.id for step in result.plan[:3]]
    assert len(seen.actions) == 3
    first = seen.actions[0]
    assert first.text == result.plan[0].title
    assert first.summary == result.plan[0].summary
    starke = next(action for action in seen.actions if action.step == "starke-stelle")
    assert starke.contact is not None and starke.contact.phone == "0800 300 99 44"


def test_an_insult_without_danger_has_no_110_but_the_police_route_when_police_is_wanted() -> None:
    answers = {"incident": ["insult"], "danger": "no", "state": "SN", "police": "yes"}
    seen = look(answers)
    assert ids(seen.numbers) == ["de-starke-stelle", "sn-polizei-dienststellen"]  # no victim support for insults
    assert not seen.call_110


def test_not_sure_about_danger_puts_110_first_with_the_calm_note() -> None:
    answers = {"incident": ["insult"], "danger": "unsure", "state": "HH", "police": "no"}
    seen = look(answers)
    assert ids(seen.numbers)[0] == "de-notruf-110"
    assert seen.note == "Nicht sicher, ob Gefahr besteht? Im Zweifel: Rufen Sie die 110."


def test_nothing_happened_yet_shows_the_starke_stelle_and_prevention() -> None:
    answers = {"incident": ["none"], "danger": "no", "state": "BY", "police": "no"}
    seen = look(answers)
    assert ids(seen.numbers)[0] == "de-starke-stelle"
    assert "de-notruf-110" not in ids(seen.numbers)


def test_the_deadline_is_the_sentence_the_caller_passes() -> None:
    sentence = "Ihre Frist endet am Montag, 21. Dezember 2026."
    assert look(THREAT_LETTER, sentence).deadline == sentence


@pytest.mark.parametrize("danger", ["yes", "no", "unsure"])
def test_never_more_than_three_of_each(danger: str) -> None:
    answers = {
        "incident": ["threat", "attack", "stalking", "online_hate"],
        "danger": danger,
        "state": "BE",
        "police": "yes",
    }
    seen = look(answers)
    assert len(seen.actions) <= 3
    assert len(seen.numbers) <= 3
    assert len(set(ids(seen.numbers))) == len(seen.numbers)


def test_a_glance_rule_naming_an_unknown_contact_is_an_error_with_line_and_fix(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    steps = root / "flows" / "steps.yaml"
    text = steps.read_text(encoding="utf-8")
    steps.write_text(text.replace("- contact: de-starke-stelle", "- contact: de-starke-stele"), encoding="utf-8")
    report = validate(root, warnings=False)
    line = next(n for n, row in enumerate(steps.read_text().splitlines(), 1) if "de-starke-stele" in row)
    messages = [(p.file, p.line, p.message) for p in report.errors]
    assert messages == [
        (
            "flows/steps.yaml",
            line,
            "Auf einen Blick: Den Kontakt 'de-starke-stele' gibt es nicht in providers.yaml. "
            "Meinten Sie 'de-starke-stelle'?",
        )
    ]


def test_a_glance_rule_that_always_holds_is_an_error_with_line_and_fix(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    steps = root / "flows" / "steps.yaml"
    text = steps.read_text(encoding="utf-8")
    steps.write_text(text.replace('if: "not prevention_only"', "if: \"state != 'BY' or state == 'BY'\"", 1))
    line = next(n for n, row in enumerate(steps.read_text().splitlines(), 1) if "state != 'BY'" in row) - 1
    report = validate(root, warnings=False)
    assert [(p.file, p.line, p.message) for p in report.errors] == [
        (
            "flows/steps.yaml",
            line,
            "Auf einen Blick: Die Bedingung 'state != 'BY' or state == 'BY'' trifft immer zu, egal was geantwortet "
            "wird. Prüfen Sie Vergleich und Werte (z. B. '==' statt '~', 'wert' in liste bei Mehrfachauswahl).",
        )
    ]
