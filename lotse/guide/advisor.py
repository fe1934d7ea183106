"""Advisor mode: every question at once, answered in any order during a phone call.

`consult` turns whatever the advisor has entered so far into what the advisor page shows: which
questions can matter on this path, which canonical answers are still missing, and the result once
they are all given. Answers on a branch the flow does not take never reach the result (the engine
prunes them); here they are also reported as "not relevant", so the page can say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from lotse.content.loader import Content
from lotse.content.problems import AnswerError
from lotse.content.ranking import IN_DANGER
from lotse.content.schema import Answer, InfoNode, QuestionNode, ResultNode
from lotse.content.vocabulary import CANONICAL
from lotse.guide.answers import AnswerSet, gather, non_empty
from lotse.guide.result import Result, result_for
from lotse.guide.rules import possible_turns
from lotse.guide.walk import resolve, walk


@dataclass(frozen=True)
class Consultation:
    answers: AnswerSet
    """The answers entered so far that count (empty ones dropped, abandoned branches pruned), with the
    defaults and the exact dates that count."""
    relevant: frozenset[str]
    """Questions on some path that the answers so far still allow; all others do not count."""
    missing: tuple[str, ...]
    """Canonical questions without an answer, in flow order."""
    advisor_notes: tuple[str, ...]
    """Advisor notes of info screens on every remaining path (e.g. the emergency screen)."""
    problem: str | None
    """A contradiction in the answers, in plain German (e.g. "nothing happened" and "threat")."""
    result: Result | None
    """Steps and contacts; None while an answer is missing or there is a problem."""
    emergency: bool = False
    """The answers so far meet the predicate `in_danger` (flows/ranking.yaml)."""

    @property
    def given(self) -> Mapping[str, Answer]:
        """The answers entered so far that count (never a default)."""
        return self.answers.given


def consult(
    content: Content,
    entered: Mapping[str, Any],
    dates: Mapping[str, date] | None = None,
    days_left: Mapping[str, int] | None = None,
) -> Consultation:
    """Everything the advisor page shows for the answers `entered` so far (in any order); `dates`, the exact
    dates entered by use, choose the step texts for a known date where they count; `days_left`, the days
    their deadlines leave (`result_for`), the urgency rules that read them."""
    answers = non_empty(entered)
    paths = possible_paths(content, answers)
    relevant = frozenset(node for path in paths for node in path)
    certain = set.intersection(*(set(path) for path in paths))
    missing = tuple(key for key in content.questions() if key in CANONICAL and key not in answers)
    problem = _problem(content, answers)
    result = None
    if not missing and problem is None:
        result = result_for(content, resolve(content, answers, dates), days_left)
    counted = result.answers if result is not None else _on_path(content, answers, relevant, dates)
    return Consultation(
        answers=counted,
        relevant=frozenset(key for key in content.questions() if key in relevant),
        missing=missing,
        advisor_notes=_info_notes(content, [node for node in paths[0] if node in certain]),
        problem=problem,
        result=result,
        emergency=content.ranking.holds(IN_DANGER, counted.given),
    )


def possible_paths(content: Content, answers: Mapping[str, Answer]) -> list[tuple[str, ...]]:
    """Every path from the start that some choice of the still missing answers could take."""
    paths: list[tuple[str, ...]] = []

    def follow(node_id: str, path: tuple[str, ...], effective: dict[str, Answer]) -> None:
        path = (*path, node_id)
        node = content.flow.nodes[node_id]
        if isinstance(node, ResultNode) or len(path) > len(content.flow.nodes):
            paths.append(path)
            return
        if isinstance(node, QuestionNode) and node_id in answers:
            effective = {**effective, node_id: answers[node_id]}
        for turn in possible_turns(content, node_id, effective):
            follow(turn.target, path, effective)

    follow(content.flow.start, (), {})
    return paths


def _problem(content: Content, answers: Mapping[str, Answer]) -> str | None:
    """The message of the first answer its question does not accept (e.g. "Noch nichts" with others)."""
    for key, question in content.questions().items():
        if key in answers:
            try:
                question.validate_answer(key, answers[key])
            except AnswerError as exc:
                return content.texts.say(exc)
    return None


def _on_path(
    content: Content, answers: dict[str, Answer], relevant: frozenset[str], dates: Mapping[str, date] | None
) -> AnswerSet:
    """The entered answers that count, in flow order; with all canonical answers, exactly the walk's."""
    if all(key in answers for key in CANONICAL):
        return walk(content, answers, use_defaults=True, dates=dates).answers
    return gather(
        content, {key: answers[key] for key in content.questions() if key in answers and key in relevant}, dates=dates
    )


def _info_notes(content: Content, nodes: list[str]) -> tuple[str, ...]:
    notes = []
    for node_id in nodes:
        node = content.flow.nodes[node_id]
        if isinstance(node, InfoNode) and node.advisor_note:
            notes.append(node.advisor_note)
    return tuple(notes)
