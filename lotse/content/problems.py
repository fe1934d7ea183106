"""One problem type for everything an editor can get wrong, with file and line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """A finding in a content file. Errors stop the app from loading; warnings do not."""

    file: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        label = "Fehler" if self.severity == "error" else "Warnung"
        return f"{self.file}:{self.line}: {label}: {self.message}"


class ContentError(Exception):
    """Raised when the content cannot be used. Carries every error found, each with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(str(p) for p in self.problems))


class AnswerError(ValueError):
    """An answer set that does not fit the flow: unknown key, value outside the allowed set, missing."""


class RefusalError(ValueError):
    """A value a person typed or sent that Lotse refuses, said as a code: the words are in texts/de.yaml
    (`refusals.<code>`), filled with `values`. The core never words a refusal; the page and the command
    line do (`Texts.say`), so a second language is a new file."""

    def __init__(self, code: str, /, **values: object) -> None:
        self.code = code
        self.values = {name: str(value) for name, value in values.items()}
        super().__init__(code, self.values)

    def __str__(self) -> str:
        return f"{self.code} {self.values}"


class AnswerRefusalError(AnswerError, RefusalError):
    """An answer a question does not accept (`QuestionNode.validate_answer`), said as a code."""
