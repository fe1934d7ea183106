"""Answer sets as a whole: one answers object, validation against the flow, defaults, parsing.

A single answer belongs to its question (`QuestionNode.validate_answer`, `.parse`, `.labels`); this
module applies those to a whole set of answers, for the CLI, the wizard, the advisor and the result.
`AnswerSet` is what the walk returns and every consumer reads (as Copier's `AnswersMap`): the answers
given on the path, the effective ones with the defaults, which keys hold a default and the exact dates
that count, merged once.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from lotse.content.loader import Content
from lotse.content.problems import AnswerError
from lotse.content.schema import Answer
from lotse.content.texts import fill
from lotse.content.vocabulary import CANONICAL

MAX_ANSWERS = 50
"""More answers than the flow has questions is never a real answer set (a JSON batch line, say)."""


@dataclass(frozen=True)
class AnswerSet:
    """One set of answers, merged once and read-only. Only answers on the path count: an answer left on
    a branch the person later left (by going back and changing something) is in none of these."""

    given: Mapping[str, Answer]
    """The answers the person gave to the questions on the path, in path order (never a default)."""
    effective: Mapping[str, Answer]
    """`given` plus the default of every question without an answer: what rules, steps, contacts and
    letters read."""
    defaulted: frozenset[str]
    """The keys of `effective` that hold a default, not an answer the person gave."""
    asked: tuple[str, ...]
    """The questions on the path that count (answered, or taken with their default by the walk)."""
    dates: Mapping[str, date]
    """The exact dates that count, by use (e.g. 'strafantrag'): a date counts only while its question is
    answered on the path with an answer it is asked for."""

    @property
    def on_path(self) -> dict[str, Answer]:
        """The answers of the questions on the path, defaults the walk took included, in path order."""
        return {key: self.effective[key] for key in self.asked}


def gather(
    content: Content,
    on_path: Mapping[str, Answer],
    defaulted: Collection[str] = (),
    dates: Mapping[str, date] | None = None,
) -> AnswerSet:
    """The answer set of the answers `on_path` (those in `defaulted` took their default there) and the
    exact dates entered by use (only those that count are kept)."""
    given = {key: value for key, value in on_path.items() if key not in defaulted}
    effective = {key: _copy(value) for key, value in content.flow.defaults().items()}
    effective.update(on_path)
    return AnswerSet(
        given=MappingProxyType(given),
        effective=MappingProxyType(effective),
        defaulted=frozenset(effective).difference(given),
        asked=tuple(on_path),
        dates=MappingProxyType(dates_in_effect(content, given, dates) if dates else {}),
    )


def _copy(value: Answer) -> Answer:
    """A default list of its own: the flow's defaults are shared by every answer set (the walk copies the
    answers it takes)."""
    return list(value) if isinstance(value, list) else value


def with_defaults(content: Content, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """`answers` plus the default of every further question that has no answer."""
    scope: dict[str, Answer] = dict(content.flow.defaults())
    scope.update(answers)
    return scope


def validate_answers(content: Content, answers: Any, require_canonical: bool = True) -> dict[str, Answer]:
    """The answers as the flow accepts them; AnswerError naming the allowed keys or values otherwise."""
    words = content.texts.answers
    if not isinstance(answers, Mapping):
        raise AnswerError(words.not_a_mapping)
    if len(answers) > MAX_ANSWERS:
        raise AnswerError(fill(words.too_many, count=len(answers), questions=len(content.questions())))
    questions = content.questions()
    valid: dict[str, Answer] = {}
    for key, value in answers.items():
        if not isinstance(key, str) or key not in questions:
            raise AnswerError(fill(words.unknown, key=str(key)[:40], known=", ".join(questions)))
        valid[key] = questions[key].validate_answer(key, value)
    if require_canonical:
        for key in CANONICAL:
            if key not in valid:
                allowed = ", ".join(questions[key].option_values())
                raise AnswerError(fill(words.missing, key=key, allowed=allowed))
    return valid


def parse_pairs(content: Content, pairs: Sequence[str]) -> dict[str, Answer]:
    """`KEY=VALUE` pairs from the command line; several values of a multiple-choice question by commas."""
    questions, words = content.questions(), content.texts.answers
    answers: dict[str, Answer] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise AnswerError(fill(words.not_a_pair, pair=pair[:60]))
        if key in answers:
            raise AnswerError(fill(words.twice, key=key))
        question = questions.get(key)
        answers[key] = question.parse(value) if question is not None else value
    return answers


def non_empty(entered: Mapping[str, Any]) -> dict[str, Answer]:
    """The answers actually given: None, empty texts and empty lists dropped."""
    answers: dict[str, Answer] = {}
    for key, value in entered.items():
        if value is None or value == "" or (isinstance(value, (list, tuple)) and not value):
            continue
        answers[key] = list(value) if isinstance(value, (list, tuple)) else value
    return answers


def dates_in_effect(content: Content, answers: Mapping[str, Answer], dates: Mapping[str, date]) -> dict[str, date]:
    """The exact dates (by use) that count with these effective answers: a date counts only while its
    question is answered on the path with an answer it is asked for (a notice date stops counting when
    the case is no longer "dropped")."""
    counted: dict[str, date] = {}
    for key, question in content.questions().items():
        asked = question.date_for(answers.get(key))
        if asked is not None and asked.use in dates:
            counted[asked.use] = dates[asked.use]
    return counted
