"""Refusals are said in content words: every code the core raises has its text in texts/de.yaml
(`refusals`), with exactly the placeholders the raise hands it, and every text there is raised somewhere."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lotse.content.problems import AnswerError, AnswerRefusalError, RefusalError
from lotse.content.texts import Placeholders, RefusalTexts
from lotse.documents.deadlines import DeadlineError
from tests.documents_helpers import said

ROOT = Path(__file__).resolve().parents[1]
RAISERS = {"RefusalError", "AnswerRefusalError", "DeadlineError", "CaseValueError"}


def raised() -> dict[str, set[frozenset[str]]]:
    """Each code raised in lotse/ and ui/, with the placeholder names of each raise."""
    found: dict[str, set[frozenset[str]]] = {}
    for path in [*(ROOT / "lotse").rglob("*.py"), *(ROOT / "ui").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in RAISERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names = frozenset(keyword.arg for keyword in node.keywords if keyword.arg)
                found.setdefault(node.args[0].value, set()).add(names)
    return found


def placeholders(code: str) -> frozenset[str]:
    marks = [m for m in RefusalTexts.model_fields[code].metadata if isinstance(m, Placeholders)]
    return frozenset(marks[0].names) if marks else frozenset()


def test_every_code_raised_has_its_text_with_the_values_handed_over() -> None:
    codes = raised()
    assert sorted(set(codes) - set(RefusalTexts.model_fields)) == []
    assert {code: names for code, names in codes.items() if names != {placeholders(code)}} == {}


def test_every_text_of_a_refusal_is_raised_somewhere() -> None:
    assert sorted(set(RefusalTexts.model_fields) - set(raised())) == []


@pytest.mark.parametrize(
    ("refusal", "words"),
    [
        (AnswerRefusalError("answer_twice", key="incident"), "'incident': Eine Antwort steht doppelt."),
        (DeadlineError("date_too_early", date="31.12.1999"), "Das Datum 31.12.1999 liegt zu weit zurück. Möglich ist ein Datum ab 2000."),
        (RefusalError("field_control", label="Name", char="202E"), "„Name“ enthält ein unsichtbares Steuerzeichen (U+202E). Bitte löschen Sie es oder tippen Sie den Text neu."),
        (AnswerError("Die Antwort 'police' fehlt."), "Die Antwort 'police' fehlt."),
    ],
)  # fmt: skip
def test_a_refusal_is_said_in_the_words_of_the_content(refusal: Exception, words: str) -> None:
    assert said(refusal) == words


def test_an_answer_refusal_is_an_answer_error_and_says_only_its_code_without_words() -> None:
    refusal = AnswerRefusalError("answer_twice", key="incident")
    assert isinstance(refusal, AnswerError) and isinstance(refusal, RefusalError)
    assert str(refusal) == "answer_twice {'key': 'incident'}"
