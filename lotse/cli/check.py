"""`check` and `coverage`: the one content check (lotse.check.validate) and what the content covers."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from lotse.check.coverage import coverage_report, scenario_report
from lotse.cli.base import REPO_ROOT, Exit, check_report, load_or_report, shown


def add_check_commands(sub: Any) -> None:
    check = sub.add_parser("check", help="Inhalte (flows/, providers.yaml) prüfen")
    check.add_argument("--root", type=directory, default=REPO_ROOT, help="Ordner mit flows/ und providers.yaml")
    check.add_argument("--strict", action="store_true", help="Warnungen wie Fehler behandeln")
    check.set_defaults(handler=_check)

    coverage = sub.add_parser("coverage", help="Abdeckung: Länder × Arten von Kontakten, veraltete Einträge, Lücken")
    coverage.add_argument("--root", type=directory, default=REPO_ROOT, help="Ordner mit flows/ und providers.yaml")
    coverage.add_argument(
        "--scenarios", action="store_true", help="stattdessen: Knoten und Schritte, die kein Szenario erreicht"
    )
    coverage.set_defaults(handler=_coverage)


def directory(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"'{shown(value)}' ist kein Ordner (erwartet: der Ordner mit flows/)")
    return path


def _check(args: argparse.Namespace) -> int:
    report = check_report(args.root)
    for problem in report.errors + report.warnings:
        print(problem)
    warnings = len(report.warnings)
    print(f"{len(report.errors)} Fehler, {warnings} {'Warnung' if warnings == 1 else 'Warnungen'}.")
    return Exit.CONTENT if report.failed(args.strict) else Exit.OK


def _coverage(args: argparse.Namespace) -> int:
    content = load_or_report(args.root)
    if content is None:
        return Exit.CONTENT
    print(scenario_report(content) if args.scenarios else coverage_report(content))
    return Exit.OK
