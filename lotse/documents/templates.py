"""Text templates of flows/documents.yaml: Jinja2's sandbox, and nothing but documented placeholders.

A template may hold plain text and `{{ name }}` placeholders, nothing else: no `{% if %}`, loops,
filters, calls, attribute or item access, literals or arithmetic. The tree is checked when the file is
loaded, so an editor learns at `lotse check` (with file and line) what a letter would otherwise get wrong
in front of a user. Rendering goes only through the sandbox with StrictUndefined.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from functools import lru_cache

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
_ALLOWED_HINT = "Erlaubt sind nur Text und Platzhalter wie {{ name }}."


class TemplateError(ValueError):
    """A template that cannot be used; `line` counts from the template's first line (1)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


def compile_template(text: str, allowed: Collection[str]) -> Template:
    """Compile `text`; raise TemplateError if it holds anything but text and allowed placeholders."""
    try:
        tree = _ENV.parse(text)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"Die Vorlage lässt sich nicht lesen ({exc.message}).", exc.lineno or 1) from None
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            raise TemplateError(f"'{{% … %}}' ({_describe(node)}) ist nicht erlaubt. {_ALLOWED_HINT}", node.lineno)
        for child in node.nodes:
            _check_output(child, allowed)
    return _compiled(text)


@lru_cache(maxsize=4096)
def _compiled(text: str) -> Template:
    """Compiled once per process and text (only after the check above): the check and every reload of the
    content compile the same templates again, and compiling is most of what checking them costs."""
    return _ENV.from_string(text)


def _check_output(node: nodes.Node, allowed: Collection[str]) -> None:
    if isinstance(node, nodes.TemplateData):
        return
    if not isinstance(node, nodes.Name):
        raise TemplateError(f"'{{{{ … }}}}' mit {_describe(node)} ist nicht erlaubt. {_ALLOWED_HINT}", node.lineno)
    if node.name not in allowed:
        known = sorted(allowed)
        close = difflib.get_close_matches(node.name, known, n=1)
        hint = f" Meinten Sie '{close[0]}'?" if close else ""
        listing = ", ".join(known) if known else "keine"
        raise TemplateError(
            f"Unbekannter Platzhalter '{{{{ {node.name} }}}}'.{hint} Erlaubt sind hier: {listing}.", node.lineno
        )


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
}


def _describe(node: nodes.Node) -> str:
    return _NODE_NAMES.get(type(node).__name__, "einem Ausdruck")


def render(template: Template, context: Mapping[str, str]) -> str:
    """Render with plain-text values; the caller escapes for HTML, so placeholders are never markup."""
    return template.render(**context).strip()
