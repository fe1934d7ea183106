"""Two rules of the walk that make mutate found untested: an empty multiple choice is no answer, and a
`next` rule that reads a further question not asked yet sees that question's default."""

from __future__ import annotations

from lotse.content.loader import load_content
from lotse.guide.rules import next_turn, possible_turns
from lotse.guide.walk import walk
from tests.trees import minimal_guide

BY_DEFAULT = "      - if: author_known == 'no'\n        to: emergency\n      - to: state\n"


def test_an_empty_multiple_choice_is_no_answer(tree) -> None:
    content = load_content(tree())
    for empty in ([], ()):
        stopped = walk(content, {"incident": empty, "danger": "no"})
        assert (stopped.path, stopped.answers.on_path, stopped.complete) == (("incident",), {}, False)


def test_a_rule_reading_a_further_question_sees_its_default(tree) -> None:
    content = load_content(tree(guide=minimal_guide().replace("      - to: state\n", BY_DEFAULT, 1)))
    answers = {"incident": ["threat"], "danger": "no"}
    assert next_turn(content, "danger", answers).target == "emergency"  # author_known: default "no"
    assert next_turn(content, "danger", {**answers, "author_known": "yes"}).target == "state"
    assert [turn.target for turn in possible_turns(content, "danger", answers)] == ["emergency"]
    assert walk(content, answers).path == ("incident", "danger", "emergency", "state")


def test_possible_turns_follow_an_undecided_rule_and_stop_at_the_first_sure_one(tree) -> None:
    content = load_content(tree())
    undecided = possible_turns(content, "danger", {"incident": ["threat"]})
    assert [(t.node_id, t.index, t.target, t.is_fallback) for t in undecided] == [
        ("danger", 0, "emergency", False),
        ("danger", 1, "state", True),
    ]
    decided = possible_turns(content, "danger", {"incident": ["threat"], "danger": "yes"})
    assert [(t.node_id, t.index, t.target) for t in decided] == [("danger", 0, "emergency")]
