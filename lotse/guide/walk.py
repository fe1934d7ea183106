"""Walking the flow. Effective answers are derived from the current path only, so answers given on a
branch the user later left (by going back and changing something) never reach the result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lotse.content.loader import Content
from lotse.content.problems import AnswerError
from lotse.content.schema import Answer, QuestionNode, ResultNode
from lotse.content.texts import fill
from lotse.guide.answers import validate_answers, with_defaults
from lotse.guide.rules import next_turn


@dataclass(frozen=True)
class Walk:
    path: tuple[str, ...]
    """Every node visited, in order, ending with `stopped_at`."""
    answers: dict[str, Answer]
    """Answers of the question nodes on the path (the pruned, effective answers)."""
    stopped_at: str
    """The first unanswered question, or the result node."""
    complete: bool = False
    """True when the walk reached a result node."""


def walk(content: Content, answers: Mapping[str, Any], use_defaults: bool = False) -> Walk:
    """Follow the flow from its start with `answers`. With `use_defaults`, unanswered further
    questions take their default, so only missing canonical answers stop the walk."""
    node_id = content.flow.start
    path: list[str] = []
    effective: dict[str, Answer] = {}
    for _ in range(len(content.flow.nodes) + 1):  # the check refuses cycles; this bound keeps it so
        path.append(node_id)
        node = content.flow.nodes[node_id]
        if isinstance(node, ResultNode):
            return Walk(tuple(path), effective, node_id, complete=True)
        if isinstance(node, QuestionNode):
            value = answers.get(node_id)
            if value is None and use_defaults:
                value = node.default_answer
            if value is None or value in ([], ()):
                return Walk(tuple(path), effective, node_id)
            effective[node_id] = list(value) if node.multiple else value
        node_id = next_turn(content, node_id, effective).target
    raise RuntimeError("the flow has a cycle; `lotse check` reports it")


def resolve(content: Content, answers: Mapping[str, Any]) -> dict[str, Answer]:
    """Validate `answers`, walk with defaults to the result and return the full effective answers."""
    valid = validate_answers(content, answers)
    result_walk = walk(content, valid, use_defaults=True)
    if not result_walk.complete:
        raise AnswerError(fill(content.texts.answers.missing_on_path, key=result_walk.stopped_at))
    return with_defaults(content, result_walk.answers)
