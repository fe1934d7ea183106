"""Which `next` rule fires, in one place. The walk, the trace, the advisor and the UI all ask here.

Rules under a node's `next` are tried from the top; the first whose condition holds wins, and the
last rule has no condition, so one always does. Unanswered further questions count with their
default. A condition that reads an answer not given yet (in advisor mode, where questions come in
any order) decides nothing: `possible_turns` follows it and the rules below it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lotse.content.loader import CompiledRule, Content
from lotse.content.models import Answer
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


def next_turn(content: Content, node_id: str, answers: Mapping[str, Answer]) -> Turn:
    """The rule that fires after `node_id` for `answers` (further questions with their defaults)."""
    scope = with_defaults(content, answers)
    for index, rule in enumerate(content.rules[node_id]):
        if rule.condition is None or rule.condition.holds(scope):
            return Turn(node_id, index, rule)
    raise RuntimeError(f"no rule fires after {node_id!r}")  # the loader requires a last rule without `if`


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
