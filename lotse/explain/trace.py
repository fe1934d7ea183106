"""The path through the flow for a set of answers, step by step, with the reason for every turn.

For each node on the path: the answer chosen (with its label), which `next` rule fired and, in plain
German, why the flow goes where it goes. The trainer page plays scenarios with it; the flow map
highlights the rules that fired. Which rule fires is asked from `lotse.guide.rules`, as the walk does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lotse.content.loader import CompiledRule, Content
from lotse.content.schema import Answer, QuestionNode
from lotse.content.texts import fill
from lotse.explain.wording import condition_words, node_kind, node_title
from lotse.guide.rules import next_turn
from lotse.guide.walk import walk


@dataclass(frozen=True)
class TraceStep:
    node_id: str
    kind: str
    """question, info or result."""
    title: str
    """The question text, or the title of the info or result screen."""
    answer: Answer | None = None
    answer_labels: tuple[str, ...] = ()
    defaulted: bool = False
    """True when the person gave no answer and the question's default counts."""
    target: str | None = None
    """The next node; None at the result or where an answer is missing."""
    rule_index: int | None = None
    """Which rule under `next` fired (0-based)."""
    condition: str | None = None
    """The fired rule's condition as written in the YAML; None for a rule without `if`."""
    fallback: bool = False
    """True when the fired rule is the last one without `if` after rules with conditions ("sonst")."""
    reason: str = ""
    """Why the flow goes to `target`, in plain German."""


def trace(content: Content, answers: Mapping[str, Any], use_defaults: bool = True) -> list[TraceStep]:
    """One entry per node on the path. With `use_defaults`, unanswered further questions take their
    default (as in the result); otherwise the trace stops at the first unanswered question."""
    path = walk(content, answers, use_defaults=use_defaults)
    on_path = path.answers.on_path
    effective: dict[str, Answer] = {}
    steps = []
    for position, node_id in enumerate(path.path):
        node = content.flow.nodes[node_id]
        if isinstance(node, QuestionNode) and node_id in on_path:
            effective[node_id] = on_path[node_id]
        following = path.path[position + 1] if position + 1 < len(path.path) else None
        steps.append(_step(content, node_id, path.answers.defaulted, effective, following))
    return steps


def _step(
    content: Content, node_id: str, defaulted: frozenset[str], effective: dict[str, Answer], following: str | None
) -> TraceStep:
    node = content.flow.nodes[node_id]
    kind = node_kind(content, node_id)
    title = node_title(content, node_id)
    words = content.texts.trace
    if kind == "result":
        return TraceStep(node_id, kind, title, reason=words.at_result)
    answer = effective.get(node_id)
    labels = tuple(node.labels(answer)) if isinstance(node, QuestionNode) else ()
    if following is None:
        return TraceStep(node_id, kind, title, answer, labels, reason=words.missing)
    turn = next_turn(content, node_id, effective)
    reason = _reason(content, node_id, kind, content.rules[node_id], turn.index)
    source = turn.rule.condition.source if turn.rule.condition else None
    return TraceStep(
        node_id,
        kind,
        title,
        answer,
        labels,
        node_id in defaulted,
        turn.target,
        turn.index,
        source,
        turn.is_fallback,
        reason,
    )


def _reason(content: Content, node_id: str, kind: str, rules: list[CompiledRule], index: int) -> str:
    rule, words = rules[index], content.texts.trace
    goes_to = fill(words.goes_to, node=node_title(content, rule.target))
    if rule.condition is not None:
        said = condition_words(content, rule.condition.expanded, node_id)
        return fill(words.because, goes_to=goes_to, condition=said)
    if len(rules) == 1:
        return fill(words.always_after_question if kind == "question" else words.always_after_info, goes_to=goes_to)
    earlier = [r.condition.expanded for r in rules[:index] if r.condition is not None]
    not_applying = [condition_words(content, source, node_id, negate=True) for source in earlier]
    conditions = f" {content.texts.wording.and_word} ".join(not_applying)
    return fill(words.otherwise, goes_to=goes_to, conditions=conditions)


def answer_text(content: Content, step: TraceStep) -> str:
    """The answer as a person would read it: the labels, each quoted, joined (the trainer page says it
    where a scenario leaves a further question open and its default counts)."""
    wording = content.texts.wording
    return wording.list_separator.join(fill(wording.quoted, text=label) for label in step.answer_labels)
