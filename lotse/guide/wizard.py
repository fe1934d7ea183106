"""The self-guided wizard as a pure state machine: which screen comes next, back, change, progress.

Screens are the start page, a node id of the flow (question or info), "check your answers" and the
result. The wizard's own screens start with '#', which no node id can (ids are lowercase letters,
digits and '_'), so a node called `check` or `result` can never be mistaken for one of them.
The state holds the raw answers; everything shown is derived from the current path, so answers left
behind on an abandoned branch never count.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from lotse.content.loader import Content
from lotse.content.models import Answer, QuestionNode, ResultNode
from lotse.guide.walk import walk

START, CHECK, RESULT = "#start", "#check", "#result"
WIZARD_SCREENS = (START, CHECK, RESULT)


@dataclass(frozen=True)
class WizardState:
    screen: str = START
    answers: dict[str, Any] = field(default_factory=dict)
    return_to_check: bool = False
    """Set by "Ändern" on the check page: after answering, go back there if nothing else is missing."""


def begin(content: Content) -> WizardState:
    return WizardState(screen=content.flow.start)


def effective_answers(content: Content, state: WizardState) -> dict[str, Answer]:
    return walk(content, state.answers).answers


def submit(content: Content, state: WizardState, value: Any = None) -> WizardState:
    """Store `value` for the current question (none for an info screen) and move on."""
    answers = dict(state.answers)
    if isinstance(content.flow.nodes[state.screen], QuestionNode):
        answers[state.screen] = value
    current = walk(content, answers)
    if state.return_to_check:
        if current.complete:
            return WizardState(CHECK, answers)
        return WizardState(current.stopped_at, answers, return_to_check=True)
    position = current.path.index(state.screen)
    following = current.path[position + 1]
    return WizardState(_screen_for(content, following), answers)


def back(content: Content, state: WizardState) -> WizardState:
    if state.screen == RESULT:
        return replace(state, screen=CHECK)
    path = walk(content, state.answers).path
    if state.screen == CHECK:
        return replace(state, screen=path[-2], return_to_check=False)
    position = path.index(state.screen) if state.screen in path else 0
    if position == 0:
        return replace(state, screen=START, return_to_check=False)
    return replace(state, screen=path[position - 1], return_to_check=False)


def change(state: WizardState, question: str) -> WizardState:
    return replace(state, screen=question, return_to_check=True)


def show_result(content: Content, state: WizardState) -> WizardState:
    if not walk(content, state.answers).complete:
        raise ValueError("not all questions on the path are answered")
    return replace(state, screen=RESULT, return_to_check=False)


def progress(content: Content, state: WizardState) -> tuple[int, int]:
    """("Frage n von m"): n is the current question's position, m the questions on the likely path."""
    path = _projected_path(content, state.answers)
    questions = [node for node in path if isinstance(content.flow.nodes[node], QuestionNode)]
    number = questions.index(state.screen) + 1 if state.screen in questions else len(questions)
    return number, len(questions)


def _projected_path(content: Content, answers: dict[str, Any]) -> tuple[str, ...]:
    """The path if every open question took its default (or, without one, its first option)."""
    assumed = dict(answers)
    for key, question in content.questions().items():
        if key not in assumed:
            assumed[key] = question.default if question.default is not None else _first(question)
    return walk(content, assumed).path


def _first(question: QuestionNode) -> Any:
    value = question.options[0].value
    return [value] if question.multiple else value


def _screen_for(content: Content, node_id: str) -> str:
    return CHECK if isinstance(content.flow.nodes[node_id], ResultNode) else node_id
