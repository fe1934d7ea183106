"""Layer 5, check: the one content check that the CLI, `make run` and the app call, and its reports.

`validate(root)` reads the files (`lotse.content.loader`) and then checks what needs the whole
content: the letters and handout texts (flows/documents.yaml, where present), the graph, every path,
conditions over all answers, every text rendered, Markdown safety, scenarios, completeness, dates,
readability, the words of the pages (texts/) and the plan. Errors make the content unusable; warnings
do not (unless `--strict`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lotse.check.completeness import completeness_problems
from lotse.check.conditions import condition_problems
from lotse.check.graph import graph_problems
from lotse.check.markdown import markdown_problems
from lotse.check.paths import path_problems
from lotse.check.plan import plan_problems
from lotse.check.providers import date_problems
from lotse.check.readability import readability_problems
from lotse.check.rendering import rendering_problems
from lotse.check.scenarios import scenarios_problems
from lotse.check.texts import texts_problems
from lotse.content.loader import Content, read_content
from lotse.content.problems import Problem
from lotse.documents.book import DOCUMENTS_FILE, Book, check_book


@dataclass
class Report:
    content: Content | None
    """The content when it has no errors (so it can be used), else None."""
    problems: list[Problem] = field(default_factory=list)
    book: Book | None = None
    """The letters, deadlines and handout texts (flows/documents.yaml) when they can be used."""

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.severity == "error"), key=_order)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.severity == "warning"), key=_order)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def _order(problem: Problem) -> tuple[str, int, str]:
    return problem.file, problem.line, problem.message


def validate(root: Path, today: date | None = None, *, warnings: bool = True) -> Report:
    """The one check. Never raises for anything in the content files.

    `warnings=False` is for callers that only need to know whether the content can be used (the app,
    the commands that answer or write documents): it leaves out the readability measure, which can
    only warn and costs most (loading the German hyphenation patterns takes about a second)."""
    today = today or date.today()
    content, problems = read_content(root, today)
    book, book_problems = check_book(root, content) if (root / DOCUMENTS_FILE).exists() else (None, [])
    problems += book_problems
    if content is None:
        return Report(None, problems)
    problems += graph_problems(content)
    if not any(p.severity == "error" for p in problems):  # walking needs a sound graph
        problems += path_problems(content)
        problems += condition_problems(content)
        problems += rendering_problems(content)
        problems += scenarios_problems(content)
        problems += completeness_problems(content)
    problems += markdown_problems(content)
    problems += date_problems(content, today)
    if warnings:
        problems += readability_problems(content)
    problems += texts_problems(content, readability=warnings)
    problems += plan_problems(content)
    usable = not any(p.severity == "error" for p in problems)
    return Report(content if usable else None, problems, book if usable else None)
