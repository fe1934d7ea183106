"""`check` and `coverage`: the one content check (lotse.check.validate) and what the content covers."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from lotse.check.coverage import coverage_report, scenario_report
from lotse.cli.base import REPO_ROOT, Exit, check_report, load_or_report, shown, words
from lotse.content.texts import CliTexts, fill


def add_check_commands(sub: Any, said: CliTexts) -> None:
    check = sub.add_parser("check", help=said.check.help)
    check.add_argument("--root", type=directory, default=REPO_ROOT, help=said.root)
    check.add_argument("--strict", action="store_true", help=said.check.strict)
    check.set_defaults(handler=_check)

    coverage = sub.add_parser("coverage", help=said.coverage.help)
    coverage.add_argument("--root", type=directory, default=REPO_ROOT, help=said.root)
    coverage.add_argument("--scenarios", action="store_true", help=said.coverage.scenarios)
    coverage.set_defaults(handler=_coverage)


def directory(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(fill(words().not_a_folder, path=shown(value)))
    return path


def _check(args: argparse.Namespace) -> int:
    report = check_report(args.root)
    for problem in report.errors + report.warnings:
        print(problem)
    said, warnings = words().check, len(report.warnings)
    print(fill(said.summary_one if warnings == 1 else said.summary, errors=len(report.errors), warnings=warnings))
    return Exit.CONTENT if report.failed(args.strict) else Exit.OK


def _coverage(args: argparse.Namespace) -> int:
    content = load_or_report(args.root)
    if content is None:
        return Exit.CONTENT
    print(scenario_report(content) if args.scenarios else coverage_report(content))
    return Exit.OK
