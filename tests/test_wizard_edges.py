"""The wizard's state moves that make mutate found untested: dates kept or dropped with their answer,
"Ändern" from the check page, Back and the result leaving that mode, and the walk's and the answers'
edges (a tuple for a multiple choice, the result node, too many answers, KEY=VALUE)."""

from __future__ import annotations

from datetime import date

import pytest

from lotse.content.loader import Content, load_content
from lotse.content.problems import AnswerError
from lotse.guide.answers import MAX_ANSWERS, parse_pairs, validate_answers
from lotse.guide.walk import resolve, walk
from lotse.guide.wizard import CHECK, RESULT, START, WizardState, back, begin, change, progress, show_result, submit
from tests.trees import minimal_guide

DATED = '    default: "no"\n    dates:\n      - {use: report, label: Welcher Tag?, only_for: ["yes"]}\n'
DAY = date(2026, 11, 2)


@pytest.fixture
def content(tree) -> Content:
    return load_content(tree(guide=minimal_guide().replace('    default: "no"\n', DATED)))


def through(content: Content, *values: object) -> WizardState:
    state = begin(content)
    for value in values:
        state = submit(content, state, value)
    return state


def test_a_date_is_kept_with_its_answer_and_dropped_with_another(content: Content) -> None:
    asked = through(content, ["threat"], "no", "BY", "no")
    dated = submit(content, asked, "yes", DAY)
    assert (dated.screen, dated.dates) == (CHECK, {"report": DAY})
    assert submit(content, asked, "yes").dates == {}  # no day given
    assert submit(content, asked, "no", DAY).dates == {}  # the answer asks no date
    redone = submit(content, change(dated, "author_known"), "no", DAY)
    assert (redone.screen, redone.dates, redone.return_to_check) == (CHECK, {}, False)
    kept = submit(content, change(dated, "state"), "BE")  # another question keeps the day
    assert (kept.screen, kept.dates, kept.answers["state"]) == (CHECK, {"report": DAY}, "BE")


def test_a_change_that_opens_a_question_keeps_the_dates_and_the_way_back(content: Content) -> None:
    prevention = through(content, ["none"], "no", "BY", "no")
    dated = WizardState(CHECK, prevention.answers, dates={"report": DAY})
    opened = submit(content, change(dated, "incident"), ["threat"])
    assert (opened.screen, opened.return_to_check, opened.dates) == ("author_known", True, {"report": DAY})
    onward = submit(content, through(content, ["threat"]), "no")
    assert (onward.screen, onward.dates) == ("state", {})
    assert submit(content, WizardState("danger", {"incident": ["threat"]}, dates={"report": DAY}), "no").dates == {
        "report": DAY
    }


def test_back_and_the_result_leave_the_change_mode(content: Content) -> None:
    complete = through(content, ["threat"], "no", "BY", "no", "no")
    changing = change(complete, "police")
    assert [back(content, s).return_to_check for s in (changing, change(begin(content), "incident"))] == [False] * 2
    assert back(content, replace_screen(changing, CHECK)) == WizardState("author_known", complete.answers)
    assert back(content, change(complete, "incident")) == WizardState(START, complete.answers)
    assert back(content, WizardState("nowhere", complete.answers)).screen == START
    assert show_result(content, changing) == WizardState(RESULT, complete.answers)
    with pytest.raises(ValueError, match=r"^not all questions on the path are answered$"):
        show_result(content, through(content, ["threat"]))


def replace_screen(state: WizardState, screen: str) -> WizardState:
    return WizardState(screen, state.answers, state.return_to_check, state.dates)


def test_progress_assumes_the_first_option_or_the_default_for_open_questions(content: Content) -> None:
    assert progress(content, begin(content)) == (1, 5)  # first option 'insult' (a list), then author_known
    assert progress(content, through(content, ["threat"], "no", "BY", "no", "no")) == (5, 5)  # the check page


def test_the_walk_keeps_lists_and_stops_at_the_result(content: Content) -> None:
    answers = {"incident": ("threat",), "danger": "no", "state": "BY", "police": "no"}
    done = walk(content, answers, use_defaults=True)
    assert (done.stopped_at, done.complete, done.answers.on_path["incident"]) == ("result", True, ["threat"])
    assert resolve(content, answers).effective == {**answers, "incident": ["threat"], "author_known": "no"}


def test_too_many_answers_and_long_unknown_keys(content: Content) -> None:
    exactly = {f"k{i}": "x" for i in range(MAX_ANSWERS)}
    with pytest.raises(AnswerError, match=r"^Unbekannte Frage 'k0'"):
        validate_answers(content, exactly)
    with pytest.raises(AnswerError, match=r"^Zu viele Antworten \(51\)\. Lotse hat 5 Fragen\.$"):
        validate_answers(content, {**exactly, "k50": "x"})
    with pytest.raises(AnswerError) as caught:
        validate_answers(content, {"x" * 50: "y"})
    assert str(caught.value).startswith(f"Unbekannte Frage '{'x' * 40}'. Bekannt:")


def test_key_value_pairs(content: Content) -> None:
    assert parse_pairs(content, ["state=BY", "incident=threat,insult", "note=a=b"]) == {
        "state": "BY",
        "incident": ["threat", "insult"],
        "note": "a=b",
    }
    with pytest.raises(AnswerError) as caught:
        parse_pairs(content, ["x" * 70])
    assert str(caught.value) == f"'{'x' * 60}' hat nicht die Form KEY=VALUE."
