"""The answer model: a question parses, validates and labels its own answers; one message each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lotse.content.loader import Content, load_content
from lotse.content.problems import AnswerError
from lotse.content.vocabulary import INCIDENTS, STATES
from lotse.guide.answers import non_empty, parse_pairs, validate_answers, with_defaults

BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}


@pytest.fixture
def content(tree: Callable[..., Path]) -> Content:
    return load_content(tree())


def refusal(content: Content, answers: object) -> str:
    with pytest.raises(AnswerError) as caught:
        validate_answers(content, answers)
    return content.texts.say(caught.value)


def test_a_question_parses_command_line_values(content: Content) -> None:
    questions = content.questions()
    assert questions["incident"].parse("threat, online_hate,") == ["threat", "online_hate"]
    assert questions["danger"].parse(" yes ") == "yes"


def test_labels_follow_the_answer_order(content: Content) -> None:
    assert content.questions()["incident"].labels(["threat", "insult"]) == ["incident threat", "incident insult"]
    assert content.questions()["danger"].labels(None) == []


def test_one_message_for_an_option_that_stands_alone(content: Content) -> None:
    assert refusal(content, {**BASE, "incident": ["none", "threat"]}) == (
        "„incident none“ passt nicht zu den anderen Antworten bei „Was ist passiert?“."
    )


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            {**BASE, "colour": "red"},
            "Unbekannte Frage 'colour'. Bekannt: incident, danger, state, police, author_known.",
        ),
        ({**BASE, "danger": "maybe"}, "'danger=maybe' ist nicht erlaubt. Erlaubt: yes, no, unsure."),
        ({**BASE, "state": "XX"}, f"'state=XX' ist nicht erlaubt. Erlaubt: {', '.join(STATES)}."),
        ({**BASE, "incident": []}, f"'incident=' ist nicht erlaubt. Erlaubt: {', '.join(INCIDENTS)}."),
        ({**BASE, "incident": "threat"}, "'incident' erwartet eine Liste von Antworten, z. B. [\"insult\"]."),
        ({**BASE, "danger": ["yes"]}, "'danger' erwartet eine einzelne Antwort als Text, z. B. \"yes\"."),
        ({**BASE, "danger": 1}, "'danger' erwartet eine einzelne Antwort als Text, z. B. \"yes\"."),
        ({**BASE, "incident": ["threat", "threat"]}, "'incident': Eine Antwort steht doppelt."),
        (
            {k: v for k, v in BASE.items() if k != "police"},
            "Die Antwort 'police' fehlt. Erlaubt: yes, no, undecided, already_reported.",
        ),
        (["incident"], "Die Antworten müssen ein Objekt aus 'frage: antwort'-Paaren sein."),
        ({str(n): "x" for n in range(60)}, "Zu viele Antworten (60). Lotse hat 5 Fragen."),
    ],
    ids=[
        "unknown-key",
        "bad-value",
        "bad-state",
        "empty",
        "text-for-list",
        "list-for-text",
        "number",
        "twice",
        "missing",
        "not-a-mapping",
        "too-many",
    ],
)
def test_invalid_answers_name_the_problem(content: Content, answers: object, message: str) -> None:
    assert refusal(content, answers) == message


def test_defaults_fill_only_what_is_missing(content: Content) -> None:
    assert with_defaults(content, BASE)["author_known"] == "no"
    assert with_defaults(content, {**BASE, "author_known": "yes"})["author_known"] == "yes"


def test_command_line_pairs(content: Content) -> None:
    assert parse_pairs(content, ["incident=threat,insult", "danger=no"]) == {
        "incident": ["threat", "insult"],
        "danger": "no",
    }
    for pairs, message in (
        (["danger"], "'danger' hat nicht die Form KEY=VALUE."),
        (["danger=no", "danger=yes"], "'danger' steht zweimal. Jede Frage nur einmal beantworten."),
    ):
        with pytest.raises(AnswerError) as caught:
            parse_pairs(content, pairs)
        assert str(caught.value) == message


def test_empty_widget_values_are_not_answers() -> None:
    assert non_empty({"a": None, "b": "", "c": [], "d": ("x",), "e": "y"}) == {"d": ["x"], "e": "y"}
