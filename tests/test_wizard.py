"""The wizard state machine: forward, back, change from the check page, pruning, progress."""

from __future__ import annotations

import pytest

from lotse.content.loader import load_content
from lotse.guide.wizard import (
    CHECK,
    RESULT,
    START,
    answers_of,
    back,
    begin,
    change,
    progress,
    show_result,
    submit,
)
from tests.trees import MINIMAL_STEPS, minimal_guide


@pytest.fixture
def content(tree):
    return load_content(tree())


def walk_through(content, *values):
    state = begin(content)
    for value in values:
        state = submit(content, state, value)
    return state


def test_forward_through_every_screen_to_the_check_page(content) -> None:
    state = begin(content)
    seen = [state.screen]
    for value in (["threat"], "yes", None, "BY", "yes", "yes"):
        state = submit(content, state, value)
        seen.append(state.screen)
    assert seen == ["incident", "danger", "emergency", "state", "police", "author_known", CHECK]


def test_danger_yes_shows_the_emergency_screen_next(content) -> None:
    state = walk_through(content, ["insult"], "yes")
    assert state.screen == "emergency"
    state_no = walk_through(content, ["insult"], "no")
    assert state_no.screen == "state"


def test_back_retraces_the_path_including_info_screens(content) -> None:
    state = walk_through(content, ["threat"], "yes", None, "BY")
    assert state.screen == "police"
    state = back(content, state)
    assert state.screen == "state"
    state = back(content, state)
    assert state.screen == "emergency"
    for _ in range(3):
        state = back(content, state)
    assert state.screen == START


def test_back_keeps_answers_so_the_choice_is_preselected(content) -> None:
    state = back(content, walk_through(content, ["threat"], "no"))
    assert state.screen == "danger" and state.answers["danger"] == "no"


def test_answers_on_an_abandoned_branch_do_not_count(content) -> None:
    state = walk_through(content, ["threat"], "no", "BY", "yes", "yes")
    assert answers_of(content, state).given["author_known"] == "yes"
    state = change(state, "incident")
    state = submit(content, state, ["none"])  # prevention skips the author question
    assert state.screen == CHECK
    assert "author_known" in state.answers  # still remembered …
    assert "author_known" not in answers_of(content, state).given  # … but pruned from the path


def test_change_from_check_returns_to_check_when_nothing_else_is_missing(content) -> None:
    state = walk_through(content, ["threat"], "no", "BY", "yes", "yes")
    state = submit(content, change(state, "state"), "HH")
    assert state.screen == CHECK and state.answers["state"] == "HH"


def test_change_that_opens_a_new_question_asks_it_before_returning(content) -> None:
    state = walk_through(content, ["none"], "no", "BY", "no")
    assert state.screen == CHECK
    state = submit(content, change(state, "incident"), ["threat"])
    assert state.screen == "author_known" and state.return_to_check
    state = submit(content, state, "no")
    assert state.screen == CHECK


def test_result_only_when_complete_and_back_from_result_goes_to_check(content) -> None:
    with pytest.raises(ValueError):
        show_result(content, walk_through(content, ["threat"]))
    state = show_result(content, walk_through(content, ["threat"], "no", "BY", "no", "no"))
    assert state.screen == RESULT
    assert back(content, state).screen == CHECK
    assert back(content, back(content, state)).screen == "author_known"


def test_progress_counts_questions_on_the_likely_path(content) -> None:
    assert progress(content, begin(content)) == (1, 5)
    state = walk_through(content, ["threat"], "yes", None)
    assert progress(content, state) == (3, 5)
    prevention = walk_through(content, ["none"], "no", "BY")
    assert progress(content, prevention) == (4, 4)


def test_a_node_may_be_called_check_or_result(tree) -> None:
    """The wizard's own screens start with '#', which no node id can: no clash with editors' names."""
    guide = (
        minimal_guide()
        .replace("author_known", "check")
        .replace("  result:\n", "  start:\n")
        .replace("to: result", "to: start")
    )
    guide = guide.replace("next: result", "next: start")
    content = load_content(tree(guide=guide, steps=MINIMAL_STEPS.replace("author_known", "check")))
    state = walk_through(content, ["threat"], "no", "BY", "yes")
    assert state.screen == "check"  # the question node, not the check page
    state = submit(content, state, "no")
    assert state.screen == CHECK == "#check"
    assert show_result(content, state).screen == RESULT == "#result"
    assert START == "#start" and begin(content).screen == "incident"
