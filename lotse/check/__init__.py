"""Layer 5, check: the one content check that the CLI, `make run` and the app call, and its reports.

`CHECKS` lists every check in the order it runs, each with what it needs; `validate(root)` runs them
one after the other (as MkDocs validates its declared options). Reading the files comes first
(`lotse.content.loader`), then the letters and handout texts (flows/documents.yaml, where present),
then what needs the whole content: the graph, every path, conditions over all answers, every text
rendered, Markdown safety, scenarios, completeness, dates, readability, the words of the pages
(texts/), the plan and the ranking (flows/ranking.yaml). docs/editing.md lists the same checks (a test
compares them). Errors make the content unusable; warnings do not (unless `--strict`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal

from lotse.check.completeness import completeness_problems
from lotse.check.conditions import condition_problems
from lotse.check.dates import date_problems
from lotse.check.graph import graph_problems
from lotse.check.markdown import markdown_problems
from lotse.check.norms import norm_problems
from lotse.check.page_texts import texts_problems
from lotse.check.paths import explore_paths, path_problems
from lotse.check.plan import plan_problems
from lotse.check.ranking import ranking_problems
from lotse.check.readability import readability_problems
from lotse.check.rendering import rendering_problems
from lotse.check.safety import safety_check_problems
from lotse.check.scenarios import scenarios_problems
from lotse.check.turns import unfired_rule_problems
from lotse.content.expressions import remembering_verdicts
from lotse.content.loader import Content, read_content
from lotse.content.problems import Problem
from lotse.documents.catalog import DOCUMENTS_FILE, DocumentCatalog, check_catalog
from lotse.guide.walk import Walk

Needs = Literal["files", "content", "sound graph", "measure"]
"""What a check needs before it runs: only the files; content that could be read; in addition no error
from the checks before the first that walks (walking needs a sound graph); or content and a caller that
wants the readability measure."""


@dataclass
class Run:
    """One run of the checks: what they read and what the checks before them produced."""

    root: Path
    today: date
    measure: bool
    """Whether the readability measure runs (it can only warn and costs most)."""
    content: Content | None = None
    catalog: DocumentCatalog | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def checked(self) -> Content:
        """The content, for the checks that need it (`ready_for` holds them back until there is some)."""
        assert self.content is not None
        return self.content

    @cached_property
    def walks(self) -> list[Walk]:
        """One walk per distinct path, explored once for every check that reads them."""
        return explore_paths(self.checked)

    def ready_for(self, needs: Needs) -> bool:
        if needs == "files":
            return True
        if self.content is None:
            return False
        if needs == "sound graph":
            return self.sound_graph
        return needs == "content" or self.measure

    @cached_property
    def sound_graph(self) -> bool:
        """No error from the checks before the first that walks (read when that one is about to run)."""
        return not any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class Check:
    name: str
    """Its name in docs/editing.md."""
    run: Callable[[Run], list[Problem]]
    needs: Needs
    doc: str
    """What it finds, in one line (the long form is in docs/editing.md)."""


def _read_files(run: Run) -> list[Problem]:
    run.content, problems = read_content(run.root, run.today)
    return problems


def _read_documents(run: Run) -> list[Problem]:
    if not (run.root / DOCUMENTS_FILE).exists():
        return []
    run.catalog, problems = check_catalog(run.root, run.content)
    return problems


CHECKS: tuple[Check, ...] = (
    Check("files", _read_files, "files", "every YAML file read into typed models, conditions and texts compiled"),
    Check("documents", _read_documents, "files", "flows/documents.yaml: letters, deadlines, handout texts"),
    Check("graph", lambda run: graph_problems(run.checked), "content", "every node reachable, no cycle"),
    Check(
        "paths",
        lambda run: path_problems(run.checked, run.walks),
        "sound graph",
        "every path asks the canonical questions",
    ),
    Check(
        "unfired-rules",
        lambda run: unfired_rule_problems(run.checked, run.walks),
        "sound graph",
        "every `next` rule fires on some path",
    ),
    Check(
        "conditions", lambda run: condition_problems(run.checked), "sound graph", "no condition always or never holds"
    ),
    Check(
        "rendering", lambda run: rendering_problems(run.checked), "sound graph", "every text renders for every value"
    ),
    Check(
        "scenarios", lambda run: scenarios_problems(run.checked), "sound graph", "each scenario gets what it expects"
    ),
    Check(
        "completeness",
        lambda run: completeness_problems(run.checked),
        "sound graph",
        "contacts and routes for every state and incident",
    ),
    Check("markdown", lambda run: markdown_problems(run.checked), "content", "Markdown only with safe links"),
    Check("dates", lambda run: date_problems(run.checked, run.today), "content", "checked and source dates not stale"),
    Check("norms", lambda run: norm_problems(run.checked, run.catalog), "content", "every norm named has its source"),
    Check("readability", lambda run: readability_problems(run.checked), "measure", "plain-language measure"),
    Check(
        "texts",
        lambda run: texts_problems(run.checked, readability=run.measure),
        "content",
        "texts/: every key, no unused",
    ),
    Check("plan", lambda run: plan_problems(run.checked), "content", "the result page's plan"),
    Check(
        "ranking",
        lambda run: ranking_problems(run.checked, run.catalog),
        "content",
        "flows/ranking.yaml: each order a permutation, each predicate declared and used",
    ),
    Check("safety", lambda run: safety_check_problems(run.checked), "content", "flows/safety.yaml: safe, sourced"),
)


@dataclass
class Report:
    content: Content | None
    """The content when it has no errors (so it can be used), else None."""
    problems: list[Problem] = field(default_factory=list)
    catalog: DocumentCatalog | None = None
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
    """The one check: every check in `CHECKS` whose needs hold, in order. Never raises for anything in
    the content files.

    `warnings=False` is for callers that only need to know whether the content can be used (the app,
    the commands that answer or write documents): it leaves out the readability measure, which can
    only warn and costs most (loading the German hyphenation patterns takes about a second)."""
    run = Run(root, today or date.today(), measure=warnings)
    with remembering_verdicts():
        for check in CHECKS:
            if run.ready_for(check.needs):
                run.problems += check.run(run)
    usable = run.content is not None and not any(p.severity == "error" for p in run.problems)
    return Report(run.content if usable else None, run.problems, run.catalog if usable else None)
