"""Enumerate the distinct paths through the flow, for `lotse check` and the coverage reports."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from lotse.content.loader import Content
from lotse.content.problems import Problem
from lotse.content.schema import QuestionNode, ResultNode
from lotse.content.vocabulary import CANONICAL
from lotse.guide.answers import gather
from lotse.guide.rules import branching_keys, next_turn
from lotse.guide.walk import Walk, walk


def compared_values(content: Content) -> set[str]:
    """Every text a `next` rule compares an answer with."""
    return {
        literal
        for rules in content.rules.values()
        for rule in rules
        if rule.condition
        for literal in rule.condition.literals
    }


def answer_choices(question: QuestionNode, key: str, branching: set[str], compared: set[str]) -> list[Any]:
    """The answers that can lead to different paths: every value; for multiple choice each value alone
    and every pair of values the rules compare (other combinations read like one of these)."""
    values = list(question.option_values())
    if key not in branching:
        return [[values[0]]] if question.multiple else [values[0]]
    if not question.multiple:
        return values
    named = [o.value for o in question.options if not o.exclusive and o.value in compared]
    return [[v] for v in values] + [list(pair) for pair in combinations(named, 2)]


def explore_paths(content: Content) -> list[Walk]:
    """One walk per distinct path (answers that do not change the path are held fixed).

    Each answer is added at the question a walk stopped at, and the turns before that question read
    only the answers before it, so the longer walk goes on from there instead of from the start (the
    same walk `walk` gives for its answers; a test holds them equal)."""
    branching, compared = branching_keys(content), compared_values(content)
    questions = content.questions()
    finished: dict[tuple[str, ...], Walk] = {}
    pending: list[Walk] = [walk(content, {})]
    while pending:
        current = pending.pop()
        if current.complete:
            finished.setdefault(current.path, current)
            continue
        key = current.stopped_at
        for choice in answer_choices(questions[key], key, branching, compared):
            pending.append(walk_on(content, current, choice))
    return list(finished.values())


def walk_on(content: Content, stopped: Walk, choice: Any) -> Walk:
    """`stopped` continued with `choice` for the question it stopped at, up to the next unanswered
    question or a result."""
    nodes = content.flow.nodes
    on_path = {**stopped.answers.given, stopped.stopped_at: list(choice) if isinstance(choice, list) else choice}
    path = list(stopped.path)
    node_id = next_turn(content, stopped.stopped_at, on_path).target
    for _ in range(len(nodes) + 1):  # the check refuses cycles before the walks; this bound keeps it so
        path.append(node_id)
        node = nodes[node_id]
        if isinstance(node, ResultNode):
            return Walk(tuple(path), gather(content, on_path), node_id, complete=True)
        if isinstance(node, QuestionNode) and node_id not in on_path:
            return Walk(tuple(path), gather(content, on_path), node_id)
        node_id = next_turn(content, node_id, on_path).target
    raise RuntimeError("the flow has a cycle; `lotse check` reports it")


def path_problems(content: Content, walks: list[Walk]) -> list[Problem]:
    """Every canonical question on each of `walks` (from `explore_paths`)."""
    problems = []
    for path_walk in walks:
        missing = [key for key in CANONICAL if key not in path_walk.path]
        if missing:
            route = " → ".join(path_walk.path)
            problems.append(
                Problem(
                    "flows/guide.yaml",
                    1,
                    f"Auf dem Weg {route} fehlen die Pflichtfragen {', '.join(missing)}. Jeder Weg muss sie stellen.",
                )
            )
    return problems
