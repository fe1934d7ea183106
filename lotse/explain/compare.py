"""Two answer sets side by side: which answers, steps and contacts differ.

For the trainer page ("the same incident in Bayern and Schleswig-Holstein", "police yes or no").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from lotse.content.loader import Content
from lotse.content.schema import Provider, QuestionNode
from lotse.guide.result import RenderedStep, Result, compute_result

T = TypeVar("T")


@dataclass(frozen=True)
class Split(Generic[T]):
    only_a: list[T]
    both: list[T]
    only_b: list[T]

    @property
    def same(self) -> bool:
        return not self.only_a and not self.only_b


@dataclass(frozen=True)
class AnswerDifference:
    question: str
    a: str
    b: str


@dataclass(frozen=True)
class Comparison:
    result_a: Result
    result_b: Result
    answers: list[AnswerDifference]
    steps: Split[RenderedStep]
    contacts: Split[Provider]


def compare(content: Content, answers_a: Mapping[str, Any], answers_b: Mapping[str, Any]) -> Comparison:
    """Raises AnswerError when either answer set does not fit the flow."""
    result_a, result_b = compute_result(content, answers_a), compute_result(content, answers_b)
    return Comparison(
        result_a,
        result_b,
        answer_differences(content, result_a.answers.on_path, result_b.answers.on_path),
        split(result_a.steps, result_b.steps, lambda step: step.id),
        split(result_a.contacts, result_b.contacts, lambda provider: provider.id),
    )


def split(a: Sequence[T], b: Sequence[T], key: Callable[[T], str]) -> Split[T]:
    """Items only in `a`, in both (in `a`'s order), only in `b`."""
    keys_a, keys_b = {key(item) for item in a}, {key(item) for item in b}
    return Split(
        only_a=[item for item in a if key(item) not in keys_b],
        both=[item for item in a if key(item) in keys_b],
        only_b=[item for item in b if key(item) not in keys_a],
    )


def answer_differences(
    content: Content, answers_a: Mapping[str, Any], answers_b: Mapping[str, Any]
) -> list[AnswerDifference]:
    """Each question whose effective answer differs, in flow order, with the labels of both answers."""
    differences, not_asked = [], content.texts.trace.not_asked
    for key, question in content.questions().items():
        value_a, value_b = answers_a.get(key), answers_b.get(key)
        if _normal(value_a) == _normal(value_b):
            continue
        labels_a, labels_b = _labels(question, value_a, not_asked), _labels(question, value_b, not_asked)
        differences.append(AnswerDifference(question.text, labels_a, labels_b))
    return differences


def _normal(value: Any) -> Any:
    return sorted(value) if isinstance(value, list) else value


def _labels(question: QuestionNode, value: Any, not_asked: str) -> str:
    if value is None:
        return not_asked
    return " · ".join(question.labels(value))
