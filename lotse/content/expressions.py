"""Conditions and texts from YAML, through one Jinja2 sandbox and one whitelist. Never `eval`.

Both are checked against a whitelist of syntax *before* Jinja compiles them (compiling folds
constants, so `'a' * 10**10` would run at load time):

- A condition (`if:` in flows, `when:` in steps) may use answer keys, text literals, lists of them,
  `==`, `!=`, `in`, `not in`, `and`, `or`, `not`, brackets and the test `is any_of(...)`. Each
  comparison must fit its answer: a multiple-choice answer is a list (`'threat' in incident`,
  `incident == ['none']`), any other answer is one value (`danger == 'yes'`). A condition may also name
  a predicate of flows/ranking.yaml (`in_danger`, `not prevention_only`): the name stands for the
  predicate's condition in brackets (`compile_predicates`), so a rule is written once and the check still
  sees the answers and texts it reads.
- A text (a step, a word of the pages in texts/, a letter or deadline text in flows/documents.yaml)
  may contain Markdown and placeholders `{{ name }}` for the names allowed where it stands; no
  statements, loops, filters, calls, attribute or item access, literals or arithmetic. So a text can
  never fail to render.

`ExpressionError` is the one error type of both.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

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
    expanded: str = ""
    """The condition with every predicate it names written out (the source itself when it names none):
    what it reads, for the words of the trainer page and the check."""
    predicates: frozenset[str] = frozenset()
    """The predicates of flows/ranking.yaml it names, directly or through another predicate."""

    def holds(self, answers: Answers) -> bool:
        """Whether the condition holds; a key it reads that has no answer counts as not holding."""
        if not self.names.issubset(answers):
            return False
        read = {name: answers[name] for name in self.names}
        remembered = _VERDICTS.get()
        key = None if remembered is None else _verdict_key(read)
        if remembered is None or key is None:
            return bool(self._evaluate(**read))
        _, verdicts = remembered.setdefault(id(self), (self, {}))  # holds self: its id stays its own
        if key not in verdicts:
            verdicts[key] = bool(self._evaluate(**read))
        return verdicts[key]

    def decidable(self, answers: Answers) -> bool:
        """True when every key the condition reads has an answer."""
        return self.names.issubset(answers)


_VERDICTS: ContextVar[dict[int, tuple[Condition, dict[tuple[Any, ...], bool]]] | None] = ContextVar(
    "lotse_verdicts", default=None
)
"""The memory of verdicts in effect: per condition (held, so its id stays its own) the verdict per answers."""


Verdicts = dict[int, tuple[Condition, dict[tuple[Any, ...], bool]]]


@contextmanager
def remembering_verdicts(memory: Verdicts | None = None) -> Iterator[None]:
    """Inside this block every condition works out each verdict once (the check walks thousands of paths
    through the same answers) and keeps it in `memory` (a new one if None). Outside any such block nothing
    is remembered: a memory keyed by answers on conditions that all sessions share would keep what
    visitors answered, across sessions; so a page passes a memory its visitor's session owns."""
    token = _VERDICTS.set({} if memory is None else memory)
    try:
        yield
    finally:
        _VERDICTS.reset(token)


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


def compile_condition(
    source: str, domains: Mapping[str, AnswerDomain], predicates: Mapping[str, Condition | None] | None = None
) -> Condition:
    """Compile `source`; `domains` holds each answer key's values, `predicates` the compiled predicates of
    flows/ranking.yaml a condition may name (None: declared but not usable itself). Raises ExpressionError."""
    predicates = predicates or {}
    named = _named_predicates(source, predicates, domains)
    broken = [name for name in named if predicates[name] is None]
    if broken:
        raise ExpressionError(
            f"Die Bedingung '{source}' nennt '{broken[0]}', und diese benannte Bedingung in {PREDICATES_AT} ist "
            "selbst fehlerhaft. Beheben Sie zuerst den Fehler dort."
        )
    used = {name: predicate for name in named if (predicate := predicates[name]) is not None}
    expanded = _expand(source, used, domains)
    try:
        tree = _ENV.parse("{{ (" + expanded + ") }}")
    except TemplateSyntaxError as exc:
        raise ExpressionError(f"Die Bedingung '{source}' lässt sich nicht lesen ({exc.message}).") from None
    expression = _single_expression(tree, source)
    _ConditionShape(source, domains, predicates).check(expression)
    evaluate = _compiled_expression(expanded)
    names = frozenset(node.name for node in expression.find_all(nodes.Name))
    literals = frozenset(node.value for node in expression.find_all(nodes.Const) if isinstance(node.value, str))
    through = frozenset(used).union(*(p.predicates for p in used.values()))
    return Condition(source, evaluate, names, literals, expanded, through)


PREDICATES_AT: Final = "flows/ranking.yaml (predicates)"


def _name_tokens(source: str) -> list[tuple[str, bool]]:
    """The tokens of `source`, each with whether a predicate may stand there (a name that is not a test
    after `is` or `is not`, nor an attribute after `.`); joined they give `source` again."""
    try:
        tokens = list(_ENV.lexer.tokeniter("{{ " + source + " }}", None))[2:-2]
    except TemplateSyntaxError:
        return [(source, False)]
    marked: list[tuple[str, bool]] = []
    before: tuple[str, str] = ("", "")
    for _, kind, value in tokens:
        after_test = before[1] in {"is", "."} or before == ("is", "not")
        marked.append((value, kind == "name" and not after_test))
        if kind != "whitespace":
            before = (before[1], value)
    return marked


def _named_predicates(source: str, predicates: Collection[str], domains: Collection[str]) -> list[str]:
    """The predicates `source` names, in order, each once (an answer key is never a predicate)."""
    found = [value for value, free in _name_tokens(source) if free and value in predicates]
    return list(dict.fromkeys(name for name in found if name not in domains))


def _expand(source: str, used: Mapping[str, Condition], domains: Collection[str]) -> str:
    if not used:
        return source
    parts = []
    for value, free in _name_tokens(source):
        named = free and value in used and value not in domains
        parts.append(f"({used[value].expanded})" if named else value)
    return "".join(parts)


def compile_predicates(
    sources: Mapping[str, str], domains: Mapping[str, AnswerDomain]
) -> tuple[dict[str, Condition | None], dict[str, ExpressionError]]:
    """Compile the predicates of flows/ranking.yaml; one may name another, never itself (not through
    others either). Returns every name (None where it cannot be used) and the error of each that fails."""
    compiled: dict[str, Condition | None] = {}
    errors: dict[str, ExpressionError] = {}
    for name in sources:
        cycle = _cycle(name, sources, domains)
        if name in domains:
            errors[name] = ExpressionError(
                f"'{name}' ist schon eine Antwort. Geben Sie der Bedingung einen anderen Namen."
            )
        elif cycle:
            errors[name] = ExpressionError(
                f"Die Bedingung '{name}' nennt sich selbst ({' → '.join(cycle)}), so hat sie nie einen Wert. "
                "Schreiben Sie an einer Stelle die Antworten aus, z. B. danger == 'yes'."
            )
    compiled = dict.fromkeys(errors)
    for name in sources:
        _compile_predicate(name, sources, domains, compiled, errors)
    return compiled, errors


def _cycle(name: str, sources: Mapping[str, str], domains: Collection[str]) -> tuple[str, ...] | None:
    """`name` → … → `name` when the predicate names itself, directly or through others; else None."""
    stack, seen = [(name, (name,))], {name}
    while stack:
        current, path = stack.pop()
        for other in _named_predicates(sources[current], sources, domains):
            if other == name:
                return (*path, name)
            if other not in seen:
                seen.add(other)
                stack.append((other, (*path, other)))
    return None


def _compile_predicate(
    name: str,
    sources: Mapping[str, str],
    domains: Mapping[str, AnswerDomain],
    compiled: dict[str, Condition | None],
    errors: dict[str, ExpressionError],
) -> None:
    """Compile `name` after the predicates it names (no cycle is left: those failed above)."""
    if name in compiled:
        return
    for other in _named_predicates(sources[name], sources, domains):
        _compile_predicate(other, sources, domains, compiled, errors)
    try:
        compiled[name] = compile_condition(sources[name], domains, compiled)
    except ExpressionError as exc:
        compiled[name], errors[name] = None, exc


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

    def __init__(
        self, source: str, domains: Mapping[str, AnswerDomain], predicates: Collection[str] = frozenset()
    ) -> None:
        self.source, self.domains, self.predicates = source, domains, predicates

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
        elif isinstance(node, nodes.Name) and node.name in self.domains:
            raise self.fail(f"'{node.name}' allein ist keine Bedingung. Vergleichen Sie, z. B. {node.name} == '…'.")
        elif isinstance(node, nodes.Name):
            raise self.fail(self.unknown_predicate(node.name))
        else:
            raise self.fail(
                f"'{type(node).__name__}' ist nicht erlaubt. Erlaubt sind nur Antworten, Texte in Anführungszeichen, "
                "==, !=, in, not in, and, or, not und 'is any_of(...)'."
            )

    def unknown_predicate(self, name: str) -> str:
        close = difflib.get_close_matches(name, sorted(self.predicates), n=1)
        hint = f" Meinten Sie '{close[0]}'?" if close else ""
        return (
            f"'{name}' ist weder eine Antwort noch eine benannte Bedingung.{hint} Legen Sie sie in {PREDICATES_AT} "
            f"an oder nennen Sie eine vorhandene: {', '.join(sorted(self.predicates)) or 'keine'}."
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
    return _checked_text(text, frozenset(placeholders))


# Once per process, text and placeholders, as the compiled templates below: every load of the content
# checks the same texts again (the tests ~40,000 times). A text that fails is not remembered.
@lru_cache(maxsize=4096)
def _checked_text(text: str, placeholders: frozenset[str]) -> PlaceholderText:
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
