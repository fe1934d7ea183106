"""The self-guided wizard as a pure state machine: which screen comes next, back, change, progress.

Screens are the start page, a node id of the flow (question or info), "check your answers" and the
result. The wizard's own screens start with '#', which no node id can (ids are lowercase letters,
digits and '_'), so a node called `check` or `result` can never be mistaken for one of them.
The state holds the raw answers; everything shown is derived from the current path, so answers left
behind on an abandoned branch never count.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import MutableMapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from lotse.content.loader import Content
from lotse.content.memo import Memo
from lotse.content.schema import Answer, QuestionNode, ResultNode
from lotse.guide.answers import AnswerSet
from lotse.guide.rules import branching_keys, next_turn
from lotse.guide.walk import walk

START, CHECK, RESULT = "#start", "#check", "#result"


@dataclass(frozen=True)
class WizardState:
    screen: str = START
    answers: dict[str, Any] = field(default_factory=dict)
    return_to_check: bool = False
    """Set by "Ändern" on the check page: after answering, go back there if nothing else is missing."""
    dates: dict[str, date] = field(default_factory=dict)
    """Exact dates given with a question, by their use (e.g. 'strafantrag'). Only in the session."""


def begin(content: Content, choice: Answer | None = None) -> WizardState:
    """The first screen after the start page. Where the start page answers the first question
    (`asked_on_start`), `choice` is the answer its button gave (anything else: the default), and the
    guide opens at the screen after that question: the person never sees it on the way forward."""
    asked = content.flow.asked_on_start
    if asked is None:
        return WizardState(screen=content.flow.start)
    question = content.questions()[asked]
    value = choice if choice in question.option_values() else question.default
    return submit(content, WizardState(screen=asked), value)


def _hidden(content: Content, path: tuple[str, ...], screen: str) -> int:
    """1 where the question answered on the start page lies on the path before `screen` (it is not
    counted as a screen or a question there), else 0."""
    asked = content.flow.asked_on_start
    return int(asked is not None and asked != screen and asked in path)


def answers_of(content: Content, state: WizardState) -> AnswerSet:
    """The answers that count on the current path (the check page, the result) and their dates."""
    return walk(content, state.answers, dates=state.dates).answers


def submit(content: Content, state: WizardState, value: Any = None, day: date | None = None) -> WizardState:
    """Store `value` for the current question (none for an info screen), and `day` as the date asked
    with that answer (if the question asks one), and move on."""
    answers, dates = dict(state.answers), dict(state.dates)
    node = content.flow.nodes[state.screen]
    if isinstance(node, QuestionNode):
        answers[state.screen] = value
        dates = _with_date(node, value, day, dates)
    current = walk(content, answers)
    if state.return_to_check:
        if current.complete:
            return WizardState(CHECK, answers, dates=dates)
        return WizardState(current.stopped_at, answers, return_to_check=True, dates=dates)
    position = current.path.index(state.screen)
    following = current.path[position + 1]
    return WizardState(_screen_for(content, following), answers, dates=dates)


def _with_date(question: QuestionNode, value: Any, day: date | None, dates: dict[str, date]) -> dict[str, date]:
    """The question's dates replaced by `day` under the use its answer asks for (none: all removed)."""
    kept = {use: known for use, known in dates.items() if use not in {asked.use for asked in question.dates}}
    asked = question.date_for(value)
    if asked is not None and day is not None:
        kept[asked.use] = day
    return kept


def back(content: Content, state: WizardState) -> WizardState:
    if state.screen == RESULT:
        return replace(state, screen=CHECK)
    path = walk(content, state.answers).path
    if state.screen == CHECK:
        return replace(state, screen=path[-2], return_to_check=False)
    position = path.index(state.screen) if state.screen in path else 0
    if position <= _hidden(content, path, state.screen):  # the first screen, or the one after the start page's
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
    if _hidden(content, path, state.screen):
        questions.remove(str(content.flow.asked_on_start))
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


def depth(content: Content, state: WizardState) -> int:
    """How many screens the current one is from the start (start 0, first question 1, …, result last).
    The browser's history carries this number, never an answer."""
    if state.screen == START:
        return 0
    path = walk(content, state.answers).path
    hidden = _hidden(content, path, state.screen)
    if state.screen == CHECK:
        return len(path) - hidden
    if state.screen == RESULT:
        return len(path) + 1 - hidden
    return max(path.index(state.screen) + 1 - hidden, 1) if state.screen in path else 1


def go_back_to(content: Content, state: WizardState, target: int) -> WizardState:
    """Back, screen by screen, until the screen is `target` screens from the start (the browser's Back)."""
    for _ in range(len(content.flow.nodes) + 3):
        if depth(content, state) <= target or state.screen == START:
            break
        state = back(content, state)
    return state


def question_count(content: Content, state: WizardState, remembered: dict[str, Any] | None = None) -> tuple[int, int]:
    """("Frage n von höchstens m"): n is the current question's position, m the most questions any way
    from here can still take. Unlike `progress`, m never grows while the person goes forward.
    `remembered`: a dict the visitor's session owns, where the counts only their answers reach are kept
    (gone with the session); without it they are worked out again each time."""
    path = walk(content, state.answers).path
    if state.screen not in path:
        return progress(content, state)
    before = path[: path.index(state.screen)]
    fixed = {key: value for key, value in state.answers.items() if key in before}
    asked = sum(1 for node in before if isinstance(content.flow.nodes[node], QuestionNode))
    asked -= _hidden(content, path, state.screen)
    most = _most_questions(content, state.screen, fixed, remembered) - int(state.screen == content.flow.asked_on_start)
    return asked + 1, asked + most


_MOST: Memo[int, tuple[Content, dict[tuple[str, str], int]]] = Memo(1)
"""Per content: the most questions from each state the walk from the start reaches (a few hundred
entries). Worked out from the content alone, before any visitor's answers: a state only one visitor's
answers reach (several incidents ticked) is worked out for that visitor and forgotten, so this table,
shared by all sessions, never shows what anyone answered."""


def _most_questions(
    content: Content, node_id: str, answers: dict[str, Any], remembered: dict[str, Any] | None = None
) -> int:
    """The most question screens from `node_id` (itself included) to a result, over every answer.
    Only answers some rule reads can change the way; the others are tried with one value."""
    branching = branching_keys(content)
    own = _own_counts(content, remembered)
    return _most(content, node_id, answers, branching, ChainMap(own, _table(content, branching)))


def _own_counts(content: Content, remembered: dict[str, Any] | None) -> dict[tuple[str, str], int]:
    if remembered is None:
        return {}
    if remembered.get("content") is not content:  # a reloaded content: the old numbers no longer hold
        remembered.clear()
        remembered.update(content=content, counts={})
    return remembered["counts"]


def _table(content: Content, branching: set[str]) -> dict[tuple[str, str], int]:
    entry = _MOST.get(id(content))
    if entry is None or entry[0] is not content:  # a reloaded content: the old numbers no longer hold
        table: dict[tuple[str, str], int] = {}
        _most(content, content.flow.start, {}, branching, table)
        entry = _MOST.remember(id(content), (content, table))
    return entry[1]


def _most(
    content: Content,
    node_id: str,
    answers: dict[str, Any],
    branching: set[str],
    memo: MutableMapping[tuple[str, str], int],
) -> int:
    key = (node_id, repr(sorted((k, v) for k, v in answers.items() if k in branching)))
    if key not in memo:
        memo[key] = _count(content, node_id, answers, branching, memo)
    return memo[key]


def _count(
    content: Content,
    node_id: str,
    answers: dict[str, Any],
    branching: set[str],
    memo: MutableMapping[tuple[str, str], int],
) -> int:
    node = content.flow.nodes[node_id]
    if isinstance(node, ResultNode):
        return 0
    if not isinstance(node, QuestionNode):
        return _most(content, next_turn(content, node_id, answers).target, answers, branching, memo)
    choices: list[Any] = [[value] for value in node.option_values()] if node.multiple else list(node.option_values())
    if node_id not in branching:
        choices = choices[:1]
    counts = []
    for choice in choices:
        chosen = {**answers, node_id: choice}
        counts.append(_most(content, next_turn(content, node_id, chosen).target, chosen, branching, memo))
    return 1 + max(counts)
