"""The wizard's numbers for the pages, on the minimal tree: how deep a screen is (the browser's history
carries it), going back to a depth, "Frage n von höchstens m", and the dates that count."""

from __future__ import annotations

from datetime import date

import pytest

from lotse.content.loader import Content, load_content
from lotse.guide.wizard import (
    CHECK,
    RESULT,
    START,
    WizardState,
    answers_of,
    begin,
    depth,
    go_back_to,
    question_count,
    submit,
)
from tests.trees import minimal_guide

DATED = '    default: "no"\n    dates:\n      - {use: report, label: Welcher Tag?, only_for: ["yes"]}\n'


@pytest.fixture
def content(tree) -> Content:
    guide = minimal_guide().replace('    default: "no"\n', DATED)
    return load_content(tree(guide=guide))


def through(content: Content, *values: object) -> WizardState:
    state = begin(content)
    for value in values:
        state = submit(content, state, value)
    return state


def test_depth_counts_screens_from_the_start(content: Content) -> None:
    threat = through(content, ["threat"], "yes")  # on the emergency screen
    complete = through(content, ["threat"], "yes", None, "BY", "no", "no")
    assert threat.screen == "emergency" and complete.screen == CHECK
    screens = [WizardState(START), begin(content), threat, complete, WizardState(RESULT, complete.answers)]
    assert [depth(content, state) for state in screens] == [0, 1, 3, 7, 8]
    assert depth(content, WizardState("author_known", {"incident": ["none"]})) == 1  # not on the path


def test_go_back_to_a_depth_screen_by_screen(content: Content) -> None:
    complete = through(content, ["threat"], "yes", None, "BY", "no", "no")
    assert go_back_to(content, complete, 3).screen == "emergency"
    assert go_back_to(content, complete, 6).screen == "author_known"
    assert go_back_to(content, complete, 7) == complete
    assert go_back_to(content, begin(content), 0).screen == START
    assert go_back_to(content, WizardState(START), 0) == WizardState(START)


def test_question_count_is_the_most_questions_any_way_can_still_take(content: Content) -> None:
    assert question_count(content, begin(content)) == (1, 5)
    assert question_count(content, through(content, ["threat"], "yes")) == (3, 5)  # on the emergency screen
    assert question_count(content, through(content, ["none"], "no")) == (3, 4)  # prevention: no author question
    assert question_count(content, through(content, ["none"], "yes", None, "BY")) == (4, 4)
    assert question_count(content, through(content, ["threat"], "no", "BY", "no", "no")) == (5, 5)  # the check page


def test_a_date_counts_only_while_its_answer_is_on_the_path(content: Content) -> None:
    asked = through(content, ["threat"], "no", "BY", "no")
    dated = submit(content, asked, "yes", date(2026, 11, 2))
    assert answers_of(content, dated).dates == {"report": date(2026, 11, 2)}
    assert answers_of(content, submit(content, asked, "no", date(2026, 11, 2))).dates == {}
    prevention = WizardState(CHECK, {**dated.answers, "incident": ["none"]}, dates=dated.dates)
    assert answers_of(content, prevention).dates == {}
