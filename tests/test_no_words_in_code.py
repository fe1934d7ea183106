"""What users read lives in texts/de.yaml and the other content files, not in Python: a second language
is a new file, and editors own every word. This finds German sentences in the code of the pages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EDITORS = {
    "lotse/content/loader.py",
    "lotse/content/messages.py",
    "lotse/content/validators.py",
    "lotse/content/yamlfile.py",
    "lotse/content/expressions.py",
    "lotse/content/placeholders.py",
    "lotse/content/safety.py",
    "lotse/content/texts.py",
    "lotse/documents/catalog.py",
    "lotse/documents/documents_file.py",
}
"""German for editors and command-line users, each message with file, line and fix (lotse check, the
commands), not words of the pages. Every module of lotse/check/ is of this kind too."""
NOT_YET: dict[str, str] = {}
"""Visitor words still in Python, each with what they are: they move to texts/de.yaml one by one."""
CODE = [
    ROOT / "app.py",
    *(ROOT / "app_pages").glob("*.py"),
    *(ROOT / "ui").glob("*.py"),
    *(ROOT / "lotse").rglob("*.py"),
]
FILES = sorted(
    path
    for path in CODE
    if (name := str(path.relative_to(ROOT))) not in EDITORS | set(NOT_YET) and not name.startswith("lotse/check/")
)
ALLOWED = {
    ("ui/content.py", "BROKEN"),
    ("ui/content.py", "BROKEN_EMERGENCY"),
}
"""Shown when the content (texts/de.yaml included) cannot be read, so it cannot come from there."""
GERMAN = re.compile(
    r"[äöüßÄÖÜ]|\b(?:der|die|das|und|nicht|Sie|Ihr|Ihre|mit|für|bitte|Bitte|ist|sind|oder|zu|im|auf|ein|eine)\b"
)


def literals(path: Path) -> list[tuple[int, str | None, str]]:
    """(line, assigned name or None, text) for every string literal that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    names = {
        id(node.value): target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    attribute_docs = {
        id(node.value)
        for parent in ast.walk(tree)
        if isinstance(getattr(parent, "body", None), list)
        for node in parent.body
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings or id(node) in attribute_docs:
                continue
            found.append((node.lineno, names.get(id(node)), node.value))
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_german_sentence_in_the_code_of_the_pages(path: Path) -> None:
    name = str(path.relative_to(ROOT))
    german = [
        f"{name}:{line}: {text[:60]!r}"
        for line, assigned, text in literals(path)
        if len(text.split()) >= 2 and GERMAN.search(text) and (name, assigned) not in ALLOWED
    ]
    assert german == []


def test_the_check_finds_a_planted_sentence(tmp_path: Path) -> None:
    planted = tmp_path / "page.py"
    planted.write_text('import streamlit as st\n\nst.button("Bitte wählen Sie")\n', encoding="utf-8")
    assert [text for _, _, text in literals(planted) if GERMAN.search(text)] == ["Bitte wählen Sie"]


def test_every_exemption_names_a_module_that_exists() -> None:
    assert sorted(name for name in EDITORS | set(NOT_YET) if not (ROOT / name).is_file()) == []
