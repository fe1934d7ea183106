"""Conditions, step texts, page texts and letter templates go through one Jinja whitelist and sandbox
(lotse/content/expressions.py, `make_environment`); no other module makes a Jinja environment."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SANDBOX = "lotse/content/expressions.py"
CODE = [
    ROOT / "app.py",
    *(ROOT / "app_pages").glob("*.py"),
    *(ROOT / "ui").glob("*.py"),
    *(ROOT / "lotse").rglob("*.py"),
]


def environments(path: Path) -> list[str]:
    """The Jinja environments and template classes a module imports (by name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jinja2")
        for alias in node.names
        if "Environment" in alias.name or alias.name in {"Template", "sandbox"}
    ]


def test_only_the_expressions_module_makes_a_jinja_environment() -> None:
    found = {str(path.relative_to(ROOT)): names for path in CODE if (names := environments(path))}
    assert found == {SANDBOX: ["Template", "SandboxedEnvironment"]}


def test_the_check_finds_a_second_environment(tmp_path: Path) -> None:
    planted = tmp_path / "letters.py"
    planted.write_text("from jinja2 import Environment\n", encoding="utf-8")
    assert environments(planted) == ["Environment"]
