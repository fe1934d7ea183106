"""Conditions and texts from YAML, through one Jinja2 sandbox and one whitelist. Never `eval`.

Both are checked against a whitelist of syntax *before* Jinja compiles them (compiling folds
constants, so `'a' * 10**10` would run at load time):

- A condition (`if:` in flows, `when:` in steps) may use answer keys, text literals, lists of them,
  `==`, `!=`, `in`, `not in`, `and`, `or`, `not`, brackets and the test `is any_of(...)`. Each
  comparison must fit its answer: a multiple-choice answer is a list (`'threat' in incident`,
  `incident == ['none']`), any other answer is one value (`danger == 'yes'`).
- A text (a step, a word of the pages in texts/, a letter or deadline text in flows/documents.yaml)
  may contain Markdown and placeholders `{{ name }}` for the names allowed where it stands; no
  statements, loops, filters, calls, attribute or item access, literals or arithmetic. So a text can
  never fail to render.

`ExpressionError` is the one error type of both.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from lotse.content.memo import Memo

Answers = Mapping[str, Any]
_COMPARISONS = {"eq": "==", "ne": "!=", "in": "in", "notin": "not in"}


def _any_of(value: Any, *options: str) -> bool:
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(option in value for option in options)
    return value in options


def make_environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.tests = {"any_of": _any_of}
    env.filters = {}
    env.globals = {}
    return env


_ENV = make_environment()


class ExpressionError(ValueError):
    """A condition or text that cannot be used; the message says why, in plain German. `line` is the
    line inside the text (1-based) where that is known."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class AnswerDomain:
    """What the check knows about one answer key: its values and whether several can be chosen."""

    values: tuple[str, ...]
    multiple: bool = False


@dataclass(frozen=True)
class Condition:
    source: str
    _evaluate: Callable[..., Any]
    names: frozenset[str] = frozenset()
    """The answer keys the condition reads."""
    literals: frozenset[str] = frozenset()
    """The texts it compares answers with."""

    _verdicts: Memo[tuple[Any, ...], bool] = field(default_factory=lambda: Memo(4096), compare=False, repr=False)
    """Each verdict once: the check walks every path, and a condition is pure (it reads answers only)."""

    def holds(self, answers: Answers) -> bool:
        """Whether the condition holds; a key it reads that has no answer counts as not holding."""
        if not self.names.issubset(answers):
            return False
        read = {name: answers[name] for name in self.names}
        key = _verdict_key(read)
        if key is None:
            return bool(self._evaluate(**read))
        return self._verdicts.recall(key, lambda: bool(self._evaluate(**read)))

    def decidable(self, answers: Answers) -> bool:
        """True when every key the condition reads has an answer."""
        return self.names.issubset(answers)


def _verdict_key(read: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """A key for the answers a condition read; None when one is not plain data (then not remembered)."""
    parts = []
    for name in sorted(read):
        value = read[name]
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            parts.append((name, "list", tuple(value)))
        elif isinstance(value, (str, bool, int)) or value is None:
            parts.append((name, type(value).__name__, value))
        else:
            return None
    return tuple(parts)


def compile_condition(source: str, domains: Mapping[str, AnswerDomain]) -> Condition:
    """Compile `source`; `domains` holds each answer key's values. Raises ExpressionError."""
    try:
        tree = _ENV.parse("{{ (" + source + ") }}")
    except TemplateSyntaxError as exc:
        raise ExpressionError(f"Die Bedingung '{source}' lässt sich nicht lesen ({exc.message}).") from None
    expression = _single_expression(tree, source)
    _ConditionShape(source, domains).check(expression)
    evaluate = _compiled_expression(source)
    names = frozenset(node.name for node in expression.find_all(nodes.Name))
    literals = frozenset(node.value for node in expression.find_all(nodes.Const) if isinstance(node.value, str))
    return Condition(source, evaluate, names, literals)


# Compiled once per process and text: the check, each reload of the content and every test compile the
# same few hundred texts again, and Jinja's compiling costs far more than the checks around it. Only
# texts that passed the whitelist above reach these; a compiled template is never changed.
@lru_cache(maxsize=4096)
def _compiled_expression(source: str) -> Callable[..., Any]:
    return _ENV.compile_expression(source, undefined_to_none=False)


@lru_cache(maxsize=4096)
def _compiled_template(text: str) -> Template:
    return _ENV.from_string(text)


def _single_expression(tree: nodes.Template, source: str) -> nodes.Expr:
    body = tree.body
    if len(body) == 1 and isinstance(body[0], nodes.Output) and len(body[0].nodes) == 1:
        return body[0].nodes[0]
    raise ExpressionError(f"Die Bedingung '{source}' ist kein einzelner Ausdruck.")


class _ConditionShape:
    """Walks a condition and refuses everything outside the whitelist, with a message that says why."""

    def __init__(self, source: str, domains: Mapping[str, AnswerDomain]) -> None:
        self.source, self.domains = source, domains

    def fail(self, why: str) -> ExpressionError:
        return ExpressionError(f"Die Bedingung '{self.source}': {why}")

    def check(self, node: nodes.Node) -> None:
        if isinstance(node, (nodes.And, nodes.Or)):
            self.check(node.left)
            self.check(node.right)
        elif isinstance(node, nodes.Not):
            self.check(node.node)
        elif isinstance(node, nodes.Compare):
            self.comparison(node)
        elif isinstance(node, nodes.Test):
            self.any_of(node)
        elif isinstance(node, nodes.Name):
            raise self.fail(f"'{node.name}' allein ist keine Bedingung. Vergleichen Sie, z. B. {node.name} == '…'.")
        else:
            raise self.fail(
                f"'{type(node).__name__}' ist nicht erlaubt. Erlaubt sind nur Antworten, Texte in Anführungszeichen, "
                "==, !=, in, not in, and, or, not und 'is any_of(...)'."
            )

    def domain(self, name: str) -> AnswerDomain:
        if name not in self.domains:
            raise self.fail(f"Die Antwort '{name}' gibt es nicht. Bekannt: {', '.join(sorted(self.domains))}.")
        return self.domains[name]

    def comparison(self, node: nodes.Compare) -> None:
        if len(node.ops) != 1 or node.ops[0].op not in _COMPARISONS:
            raise self.fail("Erlaubt ist genau ein Vergleich mit ==, !=, in oder not in.")
        op, left, right = node.ops[0].op, node.expr, node.ops[0].expr
        if isinstance(left, nodes.Name) and not isinstance(right, nodes.Name):
            self.answer_against(left.name, op, right, answer_left=True)
        elif isinstance(right, nodes.Name) and not isinstance(left, nodes.Name):
            self.answer_against(right.name, op, left, answer_left=False)
        else:
            raise self.fail("Ein Vergleich braucht genau eine Antwort und einen Text oder eine Liste von Texten.")

    def answer_against(self, name: str, op: str, literal: nodes.Node, *, answer_left: bool) -> None:
        domain = self.domain(name)
        values, is_list = self.literal(literal)
        symbol = _COMPARISONS[op]
        if domain.multiple:
            fits = (op in {"eq", "ne"} and is_list) or (op in {"in", "notin"} and not answer_left and not is_list)
            hint = f"'{name}' ist eine Liste (mehrere Antworten): schreiben Sie z. B. '{values[0]}' in {name}."
        else:
            fits = (op in {"eq", "ne"} and not is_list) or (op in {"in", "notin"} and answer_left and is_list)
            hint = f"'{name}' ist eine einzelne Antwort: schreiben Sie z. B. {name} == '{values[0]}'."
        if not fits:
            raise self.fail(f"'{symbol}' passt hier nicht. {hint}")
        self.known_values(name, domain, values)

    def any_of(self, node: nodes.Test) -> None:
        if node.name != "any_of" or not isinstance(node.node, nodes.Name):
            raise self.fail(f"Der Test '{node.name}' ist nicht erlaubt. Erlaubt ist nur: antwort is any_of('a', 'b').")
        if node.kwargs or node.dyn_args or node.dyn_kwargs or not node.args:
            raise self.fail("'any_of' braucht eine Aufzählung von Texten: any_of('a', 'b').")
        domain = self.domain(node.node.name)
        values = [value for arg in node.args for value in self.literal(arg, allow_list=False)[0]]
        self.known_values(node.node.name, domain, values)

    def literal(self, node: nodes.Node, allow_list: bool = True) -> tuple[list[str], bool]:
        if isinstance(node, nodes.Const) and isinstance(node.value, str):
            return [node.value], False
        if allow_list and isinstance(node, (nodes.List, nodes.Tuple)) and node.items:
            items = [item.value for item in node.items if isinstance(item, nodes.Const) and isinstance(item.value, str)]
            if len(items) == len(node.items):
                return items, True
        raise self.fail("Verglichen wird nur mit Texten in Anführungszeichen oder einer Liste davon, z. B. 'yes'.")

    def known_values(self, name: str, domain: AnswerDomain, values: list[str]) -> None:
        for value in values:
            if value not in domain.values:
                raise self.fail(f"'{name}' kennt '{value}' nicht. Möglich: {', '.join(domain.values)}.")


# --- texts with placeholders --------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceholderText:
    """A text with `{{ name }}` placeholders, compiled once; rendering cannot fail for known names."""

    template: Template
    names: frozenset[str]
    """The placeholders the text uses."""

    def render(self, context: Mapping[str, str]) -> str:
        return self.template.render({name: context[name] for name in self.names})


def compile_text(text: str, placeholders: Collection[str]) -> PlaceholderText:
    """Compile a text of any content file (steps, texts/, flows/documents.yaml): plain text or Markdown
    with `{{ name }}` placeholders only, no statements, filters, calls, attribute or item access,
    literals or arithmetic. Raises ExpressionError; `ExpressionError.line` (1-based, inside the text)
    is set where Jinja names one."""
    try:
        tree = _ENV.parse(text)
    except TemplateSyntaxError as exc:
        raise _text_error(f"Der Text lässt sich nicht lesen ({exc.message}).", exc.lineno) from None
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            raise _text_error(
                f"'{{% … %}}' ({_describe(node)}) ist nicht erlaubt. {_allowed(placeholders)}", node.lineno
            )
        for part in node.nodes:
            _check_text_part(part, placeholders)
    names = frozenset(node.name for node in tree.find_all(nodes.Name))
    return PlaceholderText(_compiled_template(text), names)


def _check_text_part(part: nodes.Node, placeholders: Collection[str]) -> None:
    if isinstance(part, nodes.TemplateData):
        return
    if not isinstance(part, nodes.Name):
        raise _text_error(
            f"'{{{{ … }}}}' mit {_describe(part)} ist nicht erlaubt. {_allowed(placeholders)}", part.lineno
        )
    if part.name not in placeholders:
        close = difflib.get_close_matches(part.name, sorted(placeholders), n=1)
        hint = f" Meinten Sie '{close[0]}'?" if close else ""
        raise _text_error(
            f"Unbekannter Platzhalter '{{{{ {part.name} }}}}'.{hint} Erlaubt sind hier: {_listing(placeholders)}.",
            part.lineno,
        )


def _allowed(placeholders: Collection[str]) -> str:
    return f"Erlaubt sind nur Text und Platzhalter wie {{{{ name }}}}, hier: {_listing(placeholders)}."


def _listing(placeholders: Collection[str]) -> str:
    return ", ".join(sorted(placeholders)) or "keine"


_ARITHMETIC = {"Add", "Sub", "Mul", "Div", "FloorDiv", "Mod", "Pow", "Neg", "Pos", "Concat"}
_NODE_NAMES = {
    "If": "if",
    "For": "for",
    "Macro": "macro",
    "CallBlock": "call",
    "FilterBlock": "filter",
    "With": "with",
    "Assign": "set",
    "AssignBlock": "set",
    "Include": "include",
    "Import": "import",
    "FromImport": "import",
    "Extends": "extends",
    "Block": "block",
    "Filter": "einem Filter (|)",
    "Call": "einem Aufruf (…)",
    "Getattr": "einem Punkt (.)",
    "Getitem": "eckigen Klammern ([…])",
    "Const": "einem festen Wert",
    "Test": "einem Test (is)",
} | dict.fromkeys(_ARITHMETIC, "einer Rechnung")


def _describe(node: nodes.Node) -> str:
    return _NODE_NAMES.get(type(node).__name__, "einem Ausdruck")


def _text_error(message: str, line: int | None) -> ExpressionError:
    return ExpressionError(message, line or 1)
