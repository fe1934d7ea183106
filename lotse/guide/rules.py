"""Which rule fires, in one place: a node's `next` and a step's `urgency`. The walk, the trace, the
advisor, the result and the UI all ask here.

Rules are tried from the top; the first whose condition holds wins, and the last rule has no
condition, so one always does (the loader requires it). Unanswered further questions count with their
default. A condition that reads an answer not given yet (in advisor mode, where questions come in
any order) decides nothing: `possible_turns` follows it and the rules below it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from lotse.content.expressions import Condition
from lotse.content.loader import CompiledRule, CompiledStep, Content
from lotse.content.schema import Answer
from lotse.guide.answers import with_defaults


@dataclass(frozen=True)
class Turn:
    """A rule that fired: where it leads and which rule it was (0-based, as in the YAML)."""

    node_id: str
    index: int
    rule: CompiledRule

    @property
    def target(self) -> str:
        return self.rule.target

    @property
    def is_fallback(self) -> bool:
        """The last rule without `if` after rules with conditions ("sonst")."""
        return self.rule.condition is None and self.index > 0


class _Rule(Protocol):
    @property
    def condition(self) -> Condition | None: ...


R = TypeVar("R", bound=_Rule)


def first_rule(rules: Sequence[R], scope: Mapping[str, Answer]) -> tuple[int, R]:
    """The first rule whose condition holds for `scope` (complete answers), and its index."""
    for index, rule in enumerate(rules):
        if rule.condition is None or rule.condition.holds(scope):
            return index, rule
    raise RuntimeError("no rule fires")  # the loader requires a last rule without `if`


def next_turn(content: Content, node_id: str, answers: Mapping[str, Answer]) -> Turn:
    """The rule that fires after `node_id` for `answers` (further questions with their defaults)."""
    index, rule = first_rule(content.rules[node_id], with_defaults(content, answers))
    return Turn(node_id, index, rule)


def urgency(step: CompiledStep, answers: Mapping[str, Answer]) -> str:
    """The step's urgency for these effective answers (its first urgency rule that holds)."""
    return first_rule(step.urgencies, answers)[1].urgency


def branching_keys(content: Content) -> set[str]:
    """Answer keys that some `next` rule reads: only these change the path."""
    return {
        name for rules in content.rules.values() for rule in rules if rule.condition for name in rule.condition.names
    }


def possible_turns(content: Content, node_id: str, answers: Mapping[str, Answer]) -> list[Turn]:
    """Every rule that may fire while some answers are missing, in order, up to the first sure one."""
    scope = with_defaults(content, answers)
    turns = []
    for index, rule in enumerate(content.rules[node_id]):
        if rule.condition is None or (rule.condition.decidable(scope) and rule.condition.holds(scope)):
            turns.append(Turn(node_id, index, rule))
            break
        if not rule.condition.decidable(scope):
            turns.append(Turn(node_id, index, rule))
    return turns
