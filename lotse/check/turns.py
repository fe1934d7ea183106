"""Every `next` rule fires on some path: a rule below one that already catches every answer it would
catch (`if: danger == 'yes'` twice, or a broader rule above a narrower one) is dead content that an
editor believes is working."""

from __future__ import annotations

from lotse.content.loader import GUIDE_FILE, Content
from lotse.content.problems import Problem
from lotse.content.schema import Answer
from lotse.guide.rules import next_turn
from lotse.guide.walk import Walk


def fired_rules(content: Content, walks: list[Walk]) -> set[tuple[str, int]]:
    """(node, rule index) of every rule that fires on one of `walks`, with the answers given up to there."""
    fired = set()
    questions = content.questions()
    for walk in walks:
        given: dict[str, Answer] = {}
        for node_id in walk.path[:-1]:
            if node_id in questions:
                given[node_id] = walk.answers.effective[node_id]
            fired.add((node_id, next_turn(content, node_id, given).index))
    return fired


def unfired_rule_problems(content: Content, walks: list[Walk]) -> list[Problem]:
    fired = fired_rules(content, walks)
    visited = {node_id for node_id, _ in fired}
    problems = []
    for node_id, rules in content.rules.items():
        for index, rule in enumerate(rules):
            if node_id in visited and (node_id, index) not in fired:
                condition = f"if: {rule.condition.source}" if rule.condition else "ohne if"
                problems.append(
                    Problem(GUIDE_FILE, rule.line, _message(node_id, index, condition, rule.target), "warning")
                )
    return problems


def _message(node_id: str, index: int, condition: str, target: str) -> str:
    return (
        f"Die Regel {index + 1} unter 'next' von '{node_id}' ({condition}, to: {target}) greift auf keinem Weg: "
        "Die Regeln darüber fangen jede Antwort ab, die sie erfüllen würde. Ändern Sie ihre Bedingung, "
        "stellen Sie sie über die Regel, die sie verdeckt, oder löschen Sie sie."
    )
