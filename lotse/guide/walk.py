"""Walking the flow. Effective answers are derived from the current path only, so answers given on a
branch the user later left (by going back and changing something) never reach the result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lotse.content.expressions import ConditionError
from lotse.content.loader import Content
from lotse.content.models import InfoNode, QuestionNode, ResultNode
from lotse.content.problems import AnswerError
from lotse.content.vocabulary import CANONICAL

Answer = str | list[str]


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

    def questions_on_path(self, content: Content) -> list[str]:
        return [n for n in self.path if isinstance(content.flow.nodes[n], QuestionNode)]


def walk(content: Content, answers: Mapping[str, Any], use_defaults: bool = False) -> Walk:
    """Follow the flow from its start with `answers`. With `use_defaults`, unanswered further
    questions take their default, so only missing canonical answers stop the walk."""
    flow, node_id = content.flow, content.flow.start
    path: list[str] = []
    effective: dict[str, Answer] = {}
    for _ in range(len(flow.nodes) + 1):
        path.append(node_id)
        node = flow.nodes[node_id]
        if isinstance(node, ResultNode):
            return Walk(tuple(path), effective, node_id, complete=True)
        if isinstance(node, QuestionNode):
            value = answers.get(node_id)
            if value is None and use_defaults and node.default is not None:
                value = node.default
            if value is None or value in ([], ()):
                return Walk(tuple(path), effective, node_id)
            effective[node_id] = list(value) if node.multiple else value
        node_id = next_node(content, node_id, effective)
    raise RuntimeError("the flow has a cycle; `lotse check` reports it")  # unreachable after check


def next_node(content: Content, node_id: str, answers: Mapping[str, Answer]) -> str:
    """The node after `node_id`, chosen by the first rule whose condition holds."""
    scope = with_defaults(content, answers)
    for rule in content.rules[node_id]:
        try:
            if rule.condition is None or rule.condition.holds(scope):
                return rule.target
        except ConditionError:
            continue  # refers to an answer not yet given on this path: the rule does not apply
    raise RuntimeError(f"no rule applies after {node_id!r}")  # check requires a fallback rule


def with_defaults(content: Content, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """`answers` plus the default of every further question not answered (on the path)."""
    scope: dict[str, Answer] = {}
    for key, question in content.questions().items():
        if question.default is not None:
            scope[key] = list(question.default) if question.multiple else question.default
    scope.update(answers)
    return scope


def resolve(content: Content, answers: Mapping[str, Any]) -> dict[str, Answer]:
    """Validate `answers`, walk with defaults to the result and return the full effective answers."""
    validate_answers(content, answers)
    result_walk = walk(content, answers, use_defaults=True)
    if not result_walk.complete:
        raise AnswerError(f"Die Antwort auf '{result_walk.stopped_at}' fehlt.")
    return with_defaults(content, result_walk.answers)


def validate_answers(content: Content, answers: Mapping[str, Any], require_canonical: bool = True) -> None:
    """Raise AnswerError naming the allowed keys or values for anything that does not fit."""
    questions = content.questions()
    for key, value in answers.items():
        if key not in questions:
            raise AnswerError(f"Unbekannte Frage '{key}'. Bekannt: {', '.join(questions)}.")
        question = questions[key]
        allowed = question.option_values()
        values = _as_values(key, value, question.multiple)
        bad = [v for v in values if v not in allowed]
        if bad or not values:
            raise AnswerError(
                f"'{key}={','.join(map(str, bad or values))}' ist nicht erlaubt. Erlaubt: {', '.join(allowed)}."
            )
        exclusive = {o.value for o in question.options if o.exclusive}
        if len(values) > 1 and exclusive.intersection(values):
            raise AnswerError(f"'{key}': '{', '.join(exclusive)}' lässt sich nicht mit anderen Antworten kombinieren.")
    if require_canonical:
        for key in CANONICAL:
            if key not in answers:
                allowed = ", ".join(questions[key].option_values())
                raise AnswerError(f"Die Antwort '{key}' fehlt. Erlaubt: {allowed}.")


def _as_values(key: str, value: Any, multiple: bool) -> list[str]:
    if isinstance(value, (list, tuple)):
        if not multiple:
            raise AnswerError(f"'{key}' erlaubt nur eine Antwort.")
        return list(value)
    return [value]


def is_info(content: Content, node_id: str) -> bool:
    return isinstance(content.flow.nodes[node_id], InfoNode)
