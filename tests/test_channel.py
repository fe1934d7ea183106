"""The question "Wie kam es bei Ihnen an?" (`channel`): asked where words reached the person, answered
on the command line like any multiple-choice question, and left out it keeps the steps for every way."""

from __future__ import annotations

import json

import pytest

from lotse.cli import main
from lotse.guide.walk import walk
from tests.apptest import shipped


def answer_json(capsys: pytest.CaptureFixture[str], *pairs: str) -> dict:
    assert main(["answer", *pairs, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_command_line_takes_channel_letter(capsys: pytest.CaptureFixture[str]) -> None:
    result = answer_json(capsys, "incident=threat", "danger=no", "state=BY", "police=yes", "channel=letter")
    steps = {step["id"]: step["urgency"] for step in result["steps"]}
    assert steps["evidence-letter"] == "today" and steps["tonight-safety"] == "soon"  # a threat alone, no danger
    assert "evidence-online" not in steps and "evidence-phone" not in steps


def test_several_channels_by_commas(capsys: pytest.CaptureFixture[str]) -> None:
    result = answer_json(capsys, "incident=threat", "danger=no", "state=BY", "police=yes", "channel=phone,in_person")
    ids = [step["id"] for step in result["steps"]]
    assert "evidence-phone" in ids and "evidence-witnesses" in ids and "evidence-letter" not in ids


def test_an_unknown_channel_names_the_allowed_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["answer", "incident=threat", "danger=no", "state=BY", "police=yes", "channel=fax"]) == 2
    assert (
        "'channel=fax' ist nicht erlaubt. Erlaubt: online, message, letter, phone, in_person."
        in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("incident", "asked"),
    [(["threat"], True), (["insult"], True), (["doxing"], True), (["attack"], False), (["property_damage"], False)],
)
def test_the_question_comes_where_words_reached_the_person(incident: list[str], asked: bool) -> None:
    path = walk(
        shipped(), {"incident": incident, "danger": "no", "state": "BY", "police": "yes"}, use_defaults=True
    ).path
    assert ("channel" in path) is asked
