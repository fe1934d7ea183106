"""The question "Wie kam es bei Ihnen an?" (`channel`): asked where words reached the person, answered
on the command line like any multiple-choice question, and left out it keeps the steps for every way."""

from __future__ import annotations

import json

import pytest

from lotse.cli import main
from lotse.content.vocabulary import INCIDENTS, POLICE
from lotse.guide.result import compute_result
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


def step_text(answers: dict, step_id: str, dates: tuple[str, ...] = ()) -> str:
    result = compute_result(shipped(), answers, dates)
    return next(step.text for step in result.steps if step.id == step_id)


THREAT = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes", "author_known": "no"}


@pytest.mark.parametrize("channel", [["letter"], ["phone"], ["in_person"], ["letter", "phone", "in_person"]])
def test_without_online_or_messages_no_step_speaks_of_screenshots_or_platforms(channel: list[str]) -> None:
    content = shipped()
    found = set()
    for incident in INCIDENTS:
        for police in POLICE:
            answers = {**THREAT, "incident": [incident], "police": police, "channel": channel}
            answers |= {"author_known": "yes", "learned": "1_to_3_months"}
            for step in compute_result(content, answers).steps:
                found |= {(step.id, word) for word in ("Screenshot", "Plattform") if word in step.text}
    assert found == set()


def test_the_report_asks_for_screenshots_only_where_there_are_any() -> None:
    assert "Nehmen Sie Ihre Notizen und Screenshots mit." in step_text({**THREAT, "channel": ["online"]}, "report-ways")
    letter = step_text({**THREAT, "channel": ["letter"]}, "report-ways")
    assert "Nehmen Sie Ihre Notizen mit und alles, was Sie aufgehoben haben." in letter
    assert "Screenshot" not in letter


def test_an_insult_in_the_council_without_police_reads_nothing_about_platforms() -> None:
    answers = {**THREAT, "incident": ["insult"], "police": "no", "channel": ["in_person"]}
    assert "Plattform" not in step_text(answers, "no-police")
    assert "Melden Sie Inhalte direkt der Plattform." in step_text({**answers, "channel": ["online"]}, "no-police")


def test_a_known_date_is_not_computed_again_by_the_person() -> None:
    answers = {**THREAT, "author_known": "yes", "learned": "1_to_3_months"}
    assert "Rechnen Sie heute das Datum aus." in step_text(answers, "strafantrag-urgent")
    known = step_text(answers, "strafantrag-urgent", ("strafantrag",))
    assert "Rechnen Sie" not in known
    assert "Den letzten Tag hat Lotse für Sie ausgerechnet. Sie finden ihn bei „Frist für den Strafantrag“." in known
