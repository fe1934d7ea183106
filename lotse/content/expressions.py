"""Conditions from YAML, compiled once by Jinja2's sandbox. Never `eval`.

A condition is a Jinja2 expression such as `'threat' in incident and police == 'yes'`. It may only
use answer keys, literals, comparisons, `in`, `and`/`or`/`not` and the test `is any_of(...)`; calls,
attribute access and filters are refused when the content is loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes
from jinja2.sandbox import SandboxedEnvironment

Answers = Mapping[str, Any]


def _any_of(value: Any, *options: str) -> bool:
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(option in value for option in options)
    return value in options


def make_environment(autoescape: bool = False) -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=autoescape)
    env.tests["any_of"] = _any_of
    return env


_ENV = make_environment()
_FORBIDDEN = (nodes.Call, nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Slice)
_ALLOWED_TESTS = {"any_of"}


class ConditionError(ValueError):
    """A condition that cannot be used; the message says why, in plain German."""


@dataclass(frozen=True)
class Condition:
    source: str
    _evaluate: Callable[..., Any]
    names: frozenset[str] = frozenset()
    """The answer keys the condition reads."""

    def holds(self, answers: Answers) -> bool:
        try:
            return bool(self._evaluate(**answers))
        except UndefinedError as exc:
            raise ConditionError(f"Bedingung '{self.source}': {exc}") from None


def compile_condition(source: str, allowed_values: Mapping[str, Iterable[str]]) -> Condition:
    """Compile `source`; `allowed_values` maps each answer key to the values it can take."""
    try:
        tree = _ENV.parse("{{ (" + source + ") }}")
        evaluate = _ENV.compile_expression(source, undefined_to_none=False)
    except TemplateSyntaxError as exc:
        raise ConditionError(f"Die Bedingung '{source}' lässt sich nicht lesen ({exc.message}).") from None
    _check_shape(tree, source)
    _check_names_and_values(tree, source, allowed_values)
    names = frozenset(node.name for node in tree.find_all(nodes.Name))
    return Condition(source, evaluate, names)


def _check_shape(tree: nodes.Node, source: str) -> None:
    for node in tree.find_all(_FORBIDDEN):
        raise ConditionError(
            f"Die Bedingung '{source}' benutzt '{type(node).__name__}'. Erlaubt sind nur Antworten, "
            "Vergleiche (==, !=, in), and, or, not und 'is any_of(...)'."
        )
    for test in tree.find_all(nodes.Test):
        if test.name not in _ALLOWED_TESTS:
            raise ConditionError(f"Die Bedingung '{source}' benutzt den unbekannten Test '{test.name}'.")


def _check_names_and_values(tree: nodes.Node, source: str, allowed: Mapping[str, Iterable[str]]) -> None:
    for name in tree.find_all(nodes.Name):
        if name.name not in allowed:
            known = ", ".join(sorted(allowed))
            raise ConditionError(
                f"Die Bedingung '{source}' nennt die unbekannte Antwort '{name.name}'. Bekannt: {known}."
            )
    for key, value in _compared_pairs(tree):
        values = list(allowed[key])
        if value not in values:
            raise ConditionError(
                f"Die Bedingung '{source}' vergleicht '{key}' mit '{value}', "
                f"aber diese Frage kennt nur: {', '.join(values)}."
            )


def _compared_pairs(tree: nodes.Node) -> Iterable[tuple[str, str]]:
    """(answer key, literal) pairs from `key == 'x'`, `'x' in key`, `key in ['x']`, `key is any_of('x')`."""
    for compare in tree.find_all(nodes.Compare):
        operands = [compare.expr, *(op.expr for op in compare.ops)]
        names = [o.name for o in operands if isinstance(o, nodes.Name)]
        literals = [v for o in operands for v in _literals(o)]
        for name in names:
            for literal in literals:
                yield name, literal
    for test in tree.find_all(nodes.Test):
        if isinstance(test.node, nodes.Name):
            for arg in test.args:
                for literal in _literals(arg):
                    yield test.node.name, literal


def _literals(node: nodes.Node) -> list[str]:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return [item.value for item in node.items if isinstance(item, nodes.Const) and isinstance(item.value, str)]
    return []
