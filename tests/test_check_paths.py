"""The check's exploration of the flow goes on from where each walk stopped instead of walking from the
start again; it must find exactly the walks that walking from the start finds."""

from __future__ import annotations

from typing import Any

from lotse.check.paths import answer_choices, compared_values, explore_paths
from lotse.content.loader import Content
from lotse.guide.rules import branching_keys
from lotse.guide.walk import Walk, walk


def explored_from_the_start(content: Content) -> list[Walk]:
    """The plain exploration: every answer set walked from the flow's start."""
    branching, compared = branching_keys(content), compared_values(content)
    questions = content.questions()
    finished: dict[tuple[str, ...], Walk] = {}
    pending: list[dict[str, Any]] = [{}]
    while pending:
        answers = pending.pop()
        current = walk(content, answers)
        if current.complete:
            finished.setdefault(current.path, current)
            continue
        key = current.stopped_at
        pending += [{**answers, key: choice} for choice in answer_choices(questions[key], key, branching, compared)]
    return list(finished.values())


def test_the_exploration_finds_the_walks_a_walk_from_the_start_finds(shipped: Content) -> None:
    walks = explore_paths(shipped)
    assert walks == explored_from_the_start(shipped)
    assert len(walks) > 10
    assert all(walk(shipped, each.answers.given) == each for each in walks)
    assert all(each.complete for each in walks)
