"""Mutations of content YAML for the fuzz test (tests/test_fuzz.py) and the benchmark (bench/).

Each mutation is what a careless or hostile editor could save: a token from `HOSTILE` pasted
somewhere, a line deleted, doubled or moved, an indentation changed.
"""

from __future__ import annotations

from dataclasses import dataclass

HOSTILE = (
    "&a ",
    "*a",
    "!!str ",
    "!!python/object:os.system ",
    "[" * 60,
    "{" * 60,
    "\x07",
    "\x00",
    "\u200b",
    "\ufeff",
    "\t",
    "'",
    '"',
    ": ",
    "- ",
    "#",
    "{{ 1/0 }}",
    "{{ incident[99] }}",
    "{% for i in range(99999999) %}x{% endfor %}",
    "{{ incident.append('attack') }}",
    "![x](http://tracker.example/p.png)",
    "[x](javascript:alert(1))",
    "<img src=x>",
    "2026-13-01",
    "2099-01-01",
    "9" * 5000,
    "true",
    "null",
    "~",
    "'a' * 10**10",
    "danger ~ 'yes'",
    "incident == 'attack'",
    "\n  - ",
    "\n    ",
    "Danger",
    "+49",
    "12",
    "https://abcd",
    "user:pass@",
    "x" * 6000,
)
KINDS = ("insert", "replace", "delete_line", "double_line", "move_line", "indent")


@dataclass(frozen=True)
class Mutation:
    kind: str
    position: float
    """Where in the text, as a fraction of its length (0 to 1)."""
    token: str
    other: float = 0.0
    """A second position, for moving a line."""

    def apply(self, text: str) -> str:  # noqa: PLR0911 - one return per kind of mutation
        lines = text.splitlines(keepends=True)
        at = min(int(self.position * len(text)), len(text))
        line = min(int(self.position * len(lines)), len(lines) - 1) if lines else 0
        if self.kind == "insert":
            return text[:at] + self.token + text[at:]
        if self.kind == "replace":
            end = min(at + len(self.token), len(text))
            return text[:at] + self.token + text[end:]
        if not lines:
            return self.token
        if self.kind == "delete_line":
            return "".join(lines[:line] + lines[line + 1 :])
        if self.kind == "double_line":
            return "".join(lines[: line + 1] + lines[line:])
        if self.kind == "move_line":
            moved = lines.pop(line)
            lines.insert(min(int(self.other * len(lines)), len(lines)), moved)
            return "".join(lines)
        return "".join(lines[:line] + [" " + lines[line]] + lines[line + 1 :])
