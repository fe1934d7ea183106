"""Walking the flow. Effective answers are derived from the current path only, so answers given on a
branch the user later left (by going back and changing something) never reach the result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from lotse.content.loader import Content
from lotse.content.problems import AnswerError
from lotse.content.schema import Answer, QuestionNode, ResultNode
from lotse.content.texts import fill
from lotse.guide.answers import AnswerSet, gather, validate_answers
from lotse.guide.rules import next_turn


@dataclass(frozen=True)
class Walk:
    path: tuple[str, ...]
    """Every node visited, in order, ending with `stopped_at`."""
    answers: AnswerSet
    """The answers of the question nodes on the path (pruned), with the defaults and the dates that count."""
    stopped_at: str
    """The first unanswered question, or the result node."""
    complete: bool = False
    """True when the walk reached a result node."""


def walk(
    content: Content, answers: Mapping[str, Any], use_defaults: bool = False, dates: Mapping[str, date] | None = None
) -> Walk:
    """Follow the flow from its start with `answers` (and the exact dates entered, by use). With
    `use_defaults`, unanswered further questions take their default, so only missing canonical answers
    stop the walk."""
    node_id = content.flow.start
    path: list[str] = []
    on_path: dict[str, Answer] = {}
    defaulted: list[str] = []
    for _ in range(len(content.flow.nodes) + 1):  # the check refuses cycles; this bound keeps it so
        path.append(node_id)
        node = content.flow.nodes[node_id]
        if isinstance(node, ResultNode):
            return Walk(tuple(path), gather(content, on_path, defaulted, dates), node_id, complete=True)
        if isinstance(node, QuestionNode):
            value = answers.get(node_id)
            if value is None and use_defaults:
                value = node.default_answer
                defaulted.append(node_id)
            if value is None or value in ([], ()):
                return Walk(tuple(path), gather(content, on_path, defaulted, dates), node_id)
            on_path[node_id] = list(value) if node.multiple else value
        node_id = next_turn(content, node_id, on_path).target
    raise RuntimeError("the flow has a cycle; `lotse check` reports it")


def resolve(content: Content, answers: Mapping[str, Any], dates: Mapping[str, date] | None = None) -> AnswerSet:
    """Validate `answers`, walk with defaults to the result and return the answer set (with the exact
    dates entered, by use, that count on that path)."""
    valid = validate_answers(content, answers)
    result_walk = walk(content, valid, use_defaults=True, dates=dates)
    if not result_walk.complete:
        raise AnswerError(fill(content.texts.answers.missing_on_path, key=result_walk.stopped_at))
    return result_walk.answers
